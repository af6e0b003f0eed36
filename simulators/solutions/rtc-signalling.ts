import { expectationFailed } from '../../harness/expectation.ts';
import { HOUR_MS } from '../clock.ts';
import type { DeviceSettings } from '../devices/device.ts';
import { Phone, PHONE_SETTINGS } from '../devices/phone.ts';
import { RtcControlService, type RegisteredCall } from '../services/rtc-control-service.ts';
import { RTC_PLAN, SERVICE_GROUPS, type Platform } from '../topic-plans.ts';
import type { SolutionSetting } from './solution-setting.ts';

/**
 * Audio/video signalling (RTC-1..6) as a solution architect describes it: people with the app on
 * their phones, and the control service. Each method is one step of a feature; assertions explain
 * what happened when they fail.
 */
export class RtcSignalling {
  readonly #phones = new Map<string, Phone>();
  #service: RtcControlService | undefined;

  constructor(private readonly stage: SolutionSetting) {}

  get service(): RtcControlService {
    if (!this.#service)
      throw new Error('the RTC control service is not running; start it first (scenario defect)');
    return this.#service;
  }

  async startService(): Promise<void> {
    // QCS-5: on brokers with native P2P the sender's session keeps P2P messages for offline phones.
    const link = this.stage.serviceLink(RTC_PLAN, SERVICE_GROUPS.rtc, 'control', false);
    this.#service = new RtcControlService(link, this.stage.context.scope, this.stage.clock);
    await this.#service.start();
  }

  /** A person's app, online; `settings` lets a test give the app a wrong setting on purpose. */
  async addPhone(
    person: string,
    platform: Platform,
    settings: DeviceSettings = PHONE_SETTINGS,
  ): Promise<Phone> {
    const phone = new Phone(
      person,
      platform,
      `acct${1001 + this.#phones.size}`,
      this.stage.context,
      settings,
    );
    this.#phones.set(person, phone);
    this.stage.enlist(RTC_PLAN, {
      name: person,
      clientId: phone.clientId,
      records: phone.records,
      listensOn: phone.p2pTopics,
      errors: phone.errors,
      close: () => phone.close(),
    });
    this.service.enrol(phone.accountId, phone.clientId);
    await phone.connect();
    return phone;
  }

  phone(person: string): Phone {
    const phone = this.#phones.get(person);
    if (!phone)
      throw new Error(
        `${person} has no phone in this scenario; add "Given ${person} uses the app on …" first`,
      );
    return phone;
  }

  async requestMeeting(host: string, invitee: string): Promise<void> {
    await this.phone(host).requestMeeting(this.phone(invitee).accountId);
  }

  /** RTC-1: a request the service must refuse on validation. */
  async requestMeetingWithUnknownAccount(host: string): Promise<void> {
    await this.phone(host).requestMeeting('acct-unknown');
  }

  /** A call already running between `host` and `guest` (RTC-1..3), for scenarios about what happens next. */
  async establishCall(host: string, guest: string): Promise<void> {
    await this.requestMeeting(host, guest);
    await this.expectCallSetUp([host, guest]);
  }

  /** RTC-1: the service validated the request and registered a call hosted by `host`, inviting `invitee`. */
  async expectCallRegistered(host: string, invitee: string): Promise<RegisteredCall> {
    const hostAccount = this.phone(host).accountId;
    const inviteeAccount = this.phone(invitee).accountId;
    return this.stage.waitFor(
      () =>
        `the control service to register a call from ${host} with ${invitee}; calls: ${this.describeCalls()}`,
      () => this.latestCall((call) => call.host === hostAccount && call.invited.includes(inviteeAccount)),
    );
  }

  /** RTC-2, RTC-3: the person's app acted on the invitation to the latest call. */
  async expectJoined(person: string): Promise<void> {
    const phone = this.phone(person);
    await this.stage.waitFor(
      () => `${person} to join the call; ${person} received: ${this.describeInvitations(phone)}`,
      () => {
        const call = this.latestCall();
        return call && (phone.calls.get(call.id)?.joins ?? 0) > 0 ? true : undefined;
      },
    );
  }

  expectNotJoined(person: string): void {
    const call = this.currentCall();
    const joins = this.phone(person).calls.get(call.id)?.joins ?? 0;
    if (joins > 0) throw expectationFailed(`${person} joined ${call.id}, but must not have`);
  }

  /** RTC-3: the service heard every participant join. */
  async expectCallSetUp(people: readonly string[]): Promise<void> {
    const accounts = people.map((person) => this.phone(person).accountId);
    await this.stage.waitFor(
      () => `the call to be set up with ${people.join(', ')}; calls: ${this.describeCalls()}`,
      () => {
        const call = this.latestCall();
        return call && accounts.every((account) => call.joined.has(account)) ? true : undefined;
      },
    );
  }

  async kill(person: string): Promise<void> {
    await this.phone(person).kill();
  }

  async relaunch(person: string): Promise<void> {
    await this.phone(person).relaunch();
  }

  /** The service has made (and stamped) the person's invitation to the latest call. */
  async expectInvited(person: string): Promise<void> {
    const account = this.phone(person).accountId;
    await this.stage.waitFor(
      () => `the control service to invite ${person}; calls: ${this.describeCalls()}`,
      () => {
        const call = this.latestCall();
        return call && this.service.invitation(call.id, account) ? true : undefined;
      },
    );
  }

  /** Time passes on the scenario clock (RTC-6), without waiting. */
  passTime(hours: number): void {
    this.stage.clock.advance(hours * HOUR_MS);
  }

  /** RTC-6: the late invitation arrived and was discarded as out of date, not acted on. */
  async expectDiscardedAsStale(person: string): Promise<void> {
    const [first] = await this.invitationsReceived(person, 1);
    if (first?.verdict !== 'stale') {
      throw expectationFailed(
        `${person} took an invitation sent ${this.ageOf(first?.message?.sentAt)} ago as ${first?.verdict}, not as out of date`,
      );
    }
    this.expectNotJoined(person);
  }

  /** A retry by the service: the same invitation message again (RTC-6). */
  async resendInvitation(person: string): Promise<void> {
    await this.service.resendInvitation(this.currentCall().id, this.phone(person).accountId);
  }

  /** RTC-6: the second copy arrived and was not acted on. */
  async expectDuplicateIgnored(person: string): Promise<void> {
    const copies = await this.invitationsReceived(person, 2);
    const joins = this.phone(person).calls.get(this.currentCall().id)?.joins ?? 0;
    if (copies[1]?.verdict !== 'duplicate' || joins !== 1) {
      throw expectationFailed(
        `${person} received the invitation ${copies.length} times (verdicts: ${copies.map((c) => c.verdict).join(', ')}) and joined ${joins} times; a duplicate must not be acted on`,
      );
    }
  }

  async addParticipant(host: string, person: string): Promise<void> {
    await this.phone(host).addParticipant(this.currentCall().id, this.phone(person).accountId);
  }

  async mute(host: string, person: string): Promise<void> {
    await this.phone(host).mute(this.currentCall().id, this.phone(person).accountId);
  }

  async endCall(host: string): Promise<void> {
    await this.phone(host).endCall(this.currentCall().id);
  }

  async expectMuted(person: string): Promise<void> {
    const phone = this.phone(person);
    await this.stage.waitFor(
      () => `${person} to be muted in ${this.currentCall().id}`,
      () => (phone.calls.get(this.currentCall().id)?.muted ? true : undefined),
    );
  }

  async expectCallEnded(people: readonly string[]): Promise<void> {
    const callId = this.currentCall().id;
    await this.stage.waitFor(
      () => `${callId} to end for ${people.join(', ')}`,
      () => (people.every((person) => this.phone(person).calls.get(callId)?.ended) ? true : undefined),
    );
  }

  /** RTC-1: the service refused the request and told the person why. */
  async expectMeetingRefused(person: string): Promise<void> {
    const phone = this.phone(person);
    await this.stage.waitFor(
      () => `the control service to refuse ${person}'s meeting request`,
      () => (phone.refusals.length > 0 ? true : undefined),
    );
    if (this.service.calls.size > 0)
      throw expectationFailed(`the control service registered ${this.describeCalls()} anyway`);
  }

  /** The latest call the service registered; a step that needs one before any exists is a scenario defect. */
  private currentCall(): RegisteredCall {
    const call = this.latestCall();
    if (!call)
      throw expectationFailed(
        `the control service has registered no call yet; ${this.service.errors.join('; ')}`,
      );
    return call;
  }

  private latestCall(match: (call: RegisteredCall) => boolean = () => true): RegisteredCall | undefined {
    return [...this.service.calls.values()].reverse().find(match);
  }

  private async invitationsReceived(person: string, count: number) {
    const phone = this.phone(person);
    const call = this.currentCall();
    const copies = () =>
      phone.receivedOfType('invitation').filter((record) => record.message?.data.callId === call.id);
    return this.stage.waitFor(
      () =>
        `${person} to receive the invitation to ${call.id} ${count === 1 ? 'once' : `${count} times`}; received ${copies().length}`,
      () => (copies().length >= count ? copies() : undefined),
    );
  }

  private ageOf(sentAt: number | undefined): string {
    return sentAt === undefined
      ? 'an unknown time'
      : `${Math.round((this.stage.clock.now() - sentAt) / 60_000)} min`;
  }

  private describeInvitations(phone: Phone): string {
    const invitations = phone.receivedOfType('invitation');
    return invitations.length === 0
      ? 'no invitation'
      : invitations.map((r) => `${String(r.message?.data.callId)} (${r.verdict})`).join(', ');
  }

  private describeCalls(): string {
    const calls = [...(this.#service?.calls.values() ?? [])];
    const text = calls.map(
      (c) => `${c.id} host ${c.host} invited [${c.invited.join(', ')}] joined [${[...c.joined].join(', ')}]`,
    );
    return text.length === 0 ? 'none' : text.join('; ');
  }
}
