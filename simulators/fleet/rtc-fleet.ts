import { RateCounter } from '../../harness/fleet/random.ts';
import type { RtcWorkload } from '../../harness/fleet/scenario.ts';
import { shardIndices, shardRate } from '../../harness/fleet/shard.ts';
import { DAY_MS } from '../clock.ts';
import type { DeviceContext } from '../devices/device.ts';
import { Phone } from '../devices/phone.ts';
import type { SimRecord } from '../message.ts';
import { RtcControlService } from '../services/rtc-control-service.ts';
import { MqttServiceLink } from '../services/service-link.ts';
import { RTC_PARENTS, SERVICE_GROUPS } from '../topic-plans.ts';
import type { FleetEnv, FleetPart } from './fleet-env.ts';

const RECENT_KEPT = 200;

/**
 * Phones of the audio/video app and its control service (RTC-1..6), with the same Phone and
 * RtcControlService classes as the RTC scenarios: calls, apps killed and relaunched, invitations
 * while offline, invitations sent twice (same message ID) and invitations two days old.
 */
export class RtcFleet implements FleetPart {
  readonly name = 'rtc';
  readonly devices: Phone[] = [];
  readonly links: MqttServiceLink[] = [];
  readonly workload: Record<string, number> = {
    calls: 0,
    'calls to an offline phone': 0,
    'apps killed': 0,
    'invitations sent twice': 0,
    'stale invitations': 0,
  };
  readonly #service: RtcControlService;
  readonly #link: MqttServiceLink;
  readonly #byClientId = new Map<string, Phone>();
  /** Invitations in flight: `callId|account` → when sent and whether the phone was away then. */
  readonly #invited = new Map<string, { at: number; away: boolean }>();
  /** Recent invitations, for the duplicates (bounded). */
  readonly #recent: { callId: string; account: string }[] = [];
  readonly #calls: RateCounter;
  readonly #kills: RateCounter;
  readonly #duplicates: RateCounter;
  readonly #stale: RateCounter;
  #staleSequence = 0;

  constructor(
    private readonly env: FleetEnv,
    private readonly spec: RtcWorkload,
  ) {
    const { nodes, clock, p2p, clientIds, scope } = env;
    // Every phone may call every other through the one control service: the whole fleet on one node.
    const url = nodes.of('rtc');
    const context: DeviceContext = { url, clock, p2p, clientIds, scope };
    const clientId = clientIds.build(SERVICE_GROUPS.rtc, `control_${scope}`);
    // RTC-5: the service keeps a session too (QCS-5: the sender's flag decides offline P2P handling).
    this.#link = new MqttServiceLink(clientId, url, false, p2p, clock);
    this.links.push(this.#link);
    this.#service = new RtcControlService(this.#link, scope, clock);
    for (const index of shardIndices(spec.phones, env.shard)) {
      const phone = new Phone(`phone-${index}`, index % 2 ? 'ios' : 'android', `u${index}`, context);
      nodes.counted(url);
      this.#service.enrol(phone.accountId, phone.clientId);
      this.#byClientId.set(phone.clientId, phone);
      this.devices.push(phone);
    }
    const perTick = (perMinute: number) => (shardRate(perMinute, env.shard) * env.tickMs) / 60_000;
    this.#calls = new RateCounter(perTick(spec.callsPerMinute));
    this.#kills = new RateCounter(perTick(spec.killsPerMinute));
    this.#duplicates = new RateCounter(perTick(spec.duplicatesPerMinute));
    this.#stale = new RateCounter(perTick(spec.staleMessagesPerMinute));
  }

  async startServices(): Promise<void> {
    await this.#service.start();
  }

  started(): void {}

  tick(): void {
    const { random } = this.env;
    for (let n = this.#kills.take(); n > 0; n -= 1) {
      const phone = random.pick(this.devices);
      if (!phone || this.env.isAway(phone)) continue;
      this.workload['apps killed']! += 1;
      this.env.outage(phone, this.spec.downSeconds * 1_000, () => phone.relaunch());
    }
    for (let n = this.#calls.take(); n > 0; n -= 1) this.#call();
    for (let n = this.#duplicates.take(); n > 0; n -= 1) {
      const invitation = random.pick(this.#recent);
      if (!invitation) continue;
      this.workload['invitations sent twice']! += 1;
      // RTC-6: a retry after a lost acknowledgement: the very same message, which must not be acted on twice.
      this.env.background(
        'duplicate invitation',
        this.#service.resendInvitation(invitation.callId, invitation.account),
      );
    }
    for (let n = this.#stale.take(); n > 0; n -= 1) this.#sendStale();
  }

  onServiceRecord(record: SimRecord): void {
    const message = record.message;
    if (!message) return;
    if (record.direction === 'sent') {
      const clientId = record.topic.slice(record.topic.lastIndexOf('/') + 1);
      const phone = this.#byClientId.get(clientId);
      if (!phone) return;
      this.env.tracker.expect(clientId, message.id, false, record.at);
      if (message.type === 'invitation' && message.sentAt > record.at - DAY_MS) {
        const key = `${String(message.data.callId)}|${phone.accountId}`;
        if (!this.#invited.has(key)) this.#invited.set(key, { at: record.at, away: this.env.isAway(phone) });
        this.#recent.push({ callId: String(message.data.callId), account: phone.accountId });
        if (this.#recent.length > RECENT_KEPT) this.#recent.shift();
      }
      return;
    }
    if (message.type !== 'joined') return;
    const key = `${String(message.data.callId)}|${String(message.data.account)}`;
    const invited = this.#invited.get(key);
    if (!invited) return;
    this.#invited.delete(key);
    this.env.metrics.latencyOf(
      invited.away ? 'invitation-join-relaunch' : 'invitation-join',
      record.at - invited.at,
    );
  }

  ready(): boolean {
    return true;
  }

  settled(): boolean {
    return true;
  }

  finish(): void {}

  async stop(): Promise<void> {}

  /** RTC-1: an online phone asks for a meeting with another phone, sometimes one that is away now. */
  #call(): void {
    const { random } = this.env;
    const host = random.pick(this.devices);
    if (!host || this.env.isAway(host) || !host.online || this.devices.length < 2) return;
    const away = random.next() < this.spec.offlineInviteeShare;
    const candidates = away ? this.devices.filter((phone) => phone !== host && this.env.isAway(phone)) : [];
    let invitee = random.pick(candidates);
    while (!invitee || invitee === host) invitee = random.pick(this.devices)!;
    this.workload.calls! += 1;
    if (this.env.isAway(invitee)) this.workload['calls to an offline phone']! += 1;
    this.env.background('meeting request', host.requestMeeting(invitee.accountId));
  }

  /** RTC-6: an invitation stamped two days ago (it sat in some queue): the phone must discard it. */
  #sendStale(): void {
    const phone = this.env.random.pick(this.devices);
    if (!phone) return;
    this.workload['stale invitations']! += 1;
    const callId = `stale-${this.env.shard.index}-${++this.#staleSequence}`;
    const message = {
      id: `${this.#link.clientId}#${callId}`,
      type: 'invitation',
      sentAt: this.env.clock.now() - 2 * DAY_MS,
      data: { callId, channel: 'ch-stale', host: 'nobody' },
    };
    this.env.background(
      'stale invitation',
      this.#link.sendP2p(RTC_PARENTS.downlink, phone.clientId, message),
    );
  }
}
