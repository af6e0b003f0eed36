import { DAY_MS } from '../clock.ts';
import { field, type SimMessage } from '../message.ts';
import { PHONE_GROUPS, RTC_PARENTS, scopedTopic, type Platform } from '../topic-plans.ts';
import { Device, type DeviceContext, type DeviceSettings } from './device.ts';

/**
 * RTC-5: an app killed in the background must get, after relaunch, what was sent meanwhile, so
 * phones keep their session (cleanSession=false) at QoS1. RTC-6: they drop what is more than a day
 * old, and remember message IDs for as long, so a duplicate is never acted on twice.
 */
export const PHONE_SETTINGS: DeviceSettings = {
  clean: false,
  qos: 1,
  dedupWindowMs: DAY_MS,
  maxAgeMs: DAY_MS,
};

/** What a phone knows about one call. */
export interface PhoneCall {
  /** How many times the app joined the call's channel; more than 1 means a duplicate was acted on. */
  joins: number;
  muted: boolean;
  ended: boolean;
}

/** The audio/video app on a phone; device ID = account ID (CID-6). */
export class Phone extends Device {
  readonly calls = new Map<string, PhoneCall>();
  /** Meeting requests the control service refused, with its reason. */
  readonly refusals: string[] = [];

  constructor(
    name: string,
    readonly platform: Platform,
    readonly accountId: string,
    context: DeviceContext,
    settings: DeviceSettings = PHONE_SETTINGS,
  ) {
    super(name, PHONE_GROUPS[platform], accountId, settings, context, [RTC_PARENTS.downlink]);
  }

  /** RTC-1: the meeting request goes upstream to the control service. */
  async requestMeeting(inviteeAccountId: string): Promise<SimMessage> {
    return this.signal('meeting-request', { invitee: inviteeAccountId });
  }

  /** RTC-4: other control flows on the same channel. */
  async addParticipant(callId: string, accountId: string): Promise<SimMessage> {
    return this.signal('add-participant', { callId, invitee: accountId });
  }

  async mute(callId: string, accountId: string): Promise<SimMessage> {
    return this.signal('mute', { callId, target: accountId });
  }

  async endCall(callId: string): Promise<SimMessage> {
    return this.signal('end-call', { callId });
  }

  protected handle(_topic: string, message: SimMessage): void {
    switch (message.type) {
      case 'invitation': {
        // RTC-2, RTC-3: join the channel with the parameters in the invitation, then tell the service.
        const callId = field(message, 'callId');
        const call = this.call(callId);
        call.joins += 1;
        this.background('joined', this.signal('joined', { callId, channel: field(message, 'channel') }));
        break;
      }
      case 'muted':
        this.call(field(message, 'callId')).muted = true;
        break;
      case 'call-ended':
        this.call(field(message, 'callId')).ended = true;
        break;
      case 'meeting-refused':
        this.refusals.push(field(message, 'reason'));
        break;
      default:
        this.errors.push(`unknown signal "${message.type}" (${message.id})`);
    }
  }

  private call(callId: string): PhoneCall {
    let call = this.calls.get(callId);
    if (!call) this.calls.set(callId, (call = { joins: 0, muted: false, ended: false }));
    return call;
  }

  private async signal(type: string, data: Record<string, unknown>): Promise<SimMessage> {
    const topic = scopedTopic(RTC_PARENTS.uplink, this.context.scope, this.accountId);
    return this.publish(topic, type, { account: this.accountId, ...data });
  }
}
