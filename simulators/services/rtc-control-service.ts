import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { field, type SimMessage } from '../message.ts';
import { BackEndService } from './back-end-service.ts';
import { RTC_PARENTS, scopedFilter } from '../topic-plans.ts';
import type { ServiceHandler, ServiceLink } from './service-link.ts';

/** A call the service registered with the RTC back end (RTC-1). */
export interface RegisteredCall {
  readonly id: string;
  readonly channel: string;
  readonly host: string;
  /** Accounts invited, in invitation order. */
  readonly invited: string[];
  /** Accounts whose app reported joining. */
  readonly joined: Set<string>;
  ended: boolean;
}

/**
 * The audio/video control service: validates meeting requests, registers calls, and invites the
 * participants by P2P (RTC-1..3); it also ends calls, adds participants and mutes (RTC-4).
 */
export class RtcControlService extends BackEndService implements ServiceHandler {
  readonly calls = new Map<string, RegisteredCall>();
  /** The user directory: account ID → the client ID of the account's app. */
  readonly #directory = new Map<string, string>();
  /** Every invitation sent, so a retry can send the very same message again. */
  readonly #invitations = new Map<string, SimMessage>();
  #callSequence = 0;

  constructor(link: ServiceLink, scope: string, clock: Clock) {
    super(link, scope, clock);
  }

  enrol(accountId: string, clientId: string): void {
    this.#directory.set(accountId, clientId);
  }

  async start(): Promise<void> {
    await this.link.start([scopedFilter(RTC_PARENTS.uplink, this.scope)], this);
  }

  /** The invitation sent to `accountId` for `callId`, if any. */
  invitation(callId: string, accountId: string): SimMessage | undefined {
    return this.#invitations.get(`${callId}|${accountId}`);
  }

  /** A retry, as after a lost acknowledgement: the same message (same ID) goes out again (RTC-6). */
  async resendInvitation(callId: string, accountId: string): Promise<void> {
    const invitation = this.invitation(callId, accountId);
    const clientId = this.#directory.get(accountId);
    if (!invitation || !clientId)
      throw new Error(`no invitation was sent to ${accountId} for call ${callId}`);
    await this.link.sendP2p(RTC_PARENTS.downlink, clientId, invitation);
  }

  onServiceMessage(_topic: string, message: SimMessage): void {
    const account = field(message, 'account');
    switch (message.type) {
      case 'meeting-request':
        this.background('meeting request', this.openCall(account, field(message, 'invitee')));
        break;
      case 'joined':
        this.calls.get(field(message, 'callId'))?.joined.add(account);
        break;
      case 'add-participant':
        this.background(
          'add participant',
          this.addParticipant(account, field(message, 'callId'), field(message, 'invitee')),
        );
        break;
      case 'mute':
        this.background('mute', this.mute(account, field(message, 'callId'), field(message, 'target')));
        break;
      case 'end-call':
        this.background('end call', this.endCall(account, field(message, 'callId')));
        break;
      default:
        this.errors.push(`unknown request "${message.type}" from ${account}`);
    }
  }

  /** RTC-1..3: validate, register the call, invite the host, then find and invite the invitee. */
  private async openCall(host: string, invitee: string): Promise<void> {
    const problem = !this.#directory.has(invitee)
      ? `unknown account ${invitee}`
      : invitee === host
        ? 'a meeting needs someone else'
        : undefined;
    if (problem) {
      await this.tell(host, 'meeting-refused', { reason: problem });
      return;
    }
    const call: RegisteredCall = {
      id: `call-${++this.#callSequence}`,
      // Stands in for the RTC API's registration: a channel and a join token.
      channel: `ch-${randomBytes(4).toString('hex')}`,
      host,
      invited: [],
      joined: new Set(),
      ended: false,
    };
    this.calls.set(call.id, call);
    await this.invite(call, host);
    await this.invite(call, invitee);
  }

  private async addParticipant(requester: string, callId: string, invitee: string): Promise<void> {
    const call = this.calls.get(callId);
    if (!call || call.ended || !call.joined.has(requester) || !this.#directory.has(invitee)) {
      await this.tell(requester, 'meeting-refused', { reason: `cannot add ${invitee} to ${callId}` });
      return;
    }
    await this.invite(call, invitee);
  }

  private async mute(requester: string, callId: string, target: string): Promise<void> {
    const call = this.calls.get(callId);
    if (call?.host !== requester || !call.invited.includes(target)) {
      await this.tell(requester, 'meeting-refused', { reason: `cannot mute ${target} in ${callId}` });
      return;
    }
    await this.tell(target, 'muted', { callId });
  }

  private async endCall(requester: string, callId: string): Promise<void> {
    const call = this.calls.get(callId);
    if (call?.host !== requester) {
      await this.tell(requester, 'meeting-refused', { reason: `only the host can end ${callId}` });
      return;
    }
    call.ended = true;
    for (const account of call.invited) await this.tell(account, 'call-ended', { callId });
  }

  private async invite(call: RegisteredCall, account: string): Promise<void> {
    call.invited.push(account);
    const message = this.outbox.next('invitation', {
      callId: call.id,
      channel: call.channel,
      host: call.host,
    });
    this.#invitations.set(`${call.id}|${account}`, message);
    await this.link.sendP2p(RTC_PARENTS.downlink, this.clientIdOf(account), message);
  }

  private async tell(account: string, type: string, data: Record<string, unknown>): Promise<void> {
    await this.link.sendP2p(RTC_PARENTS.downlink, this.clientIdOf(account), this.outbox.next(type, data));
  }

  private clientIdOf(account: string): string {
    const clientId = this.#directory.get(account);
    if (!clientId) throw new Error(`account ${account} is not in the user directory`);
    return clientId;
  }

  private background(what: string, work: Promise<unknown>): void {
    work.catch((error: unknown) =>
      this.errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}
