import { field, type SimMessage } from '../message.ts';
import { CSG_GROUPS, CSG_PARENTS, scopedTopic, type CsgRegion } from '../topic-plans.ts';
import { Device, type DeviceContext, type DeviceSettings } from './device.ts';

/**
 * CSG-3, CSG-4: commands are RPC and an earlier command must never be received again, so instances
 * keep no session (cleanSession=true); QoS1 while online. They de-duplicate and drop commands older
 * than a minute: a console user who waited longer has been told to re-issue.
 */
export const CSG_INSTANCE_SETTINGS: DeviceSettings = {
  clean: true,
  qos: 1,
  dedupWindowMs: 60_000,
  maxAgeMs: 60_000,
};

export interface GatewayState {
  status: 'running' | 'stopped';
  cacheGb: number;
  cacheUsedPercent: number;
}

/** A command the instance carried out. */
export interface AppliedCommand {
  readonly requestId: string;
  readonly command: string;
}

/**
 * A Cloud Storage Gateway instance in a data centre or on a cloud VM: no public address, it connects
 * out to MQTT and takes commands P2P (CSG-1, CSG-5). Device ID = the instance ID (CID-6).
 */
export class CsgInstance extends Device {
  readonly state: GatewayState = { status: 'running', cacheGb: 100, cacheUsedPercent: 40 };
  readonly applied: AppliedCommand[] = [];
  #failNextWith: string | undefined;

  constructor(
    readonly instanceId: string,
    readonly region: CsgRegion,
    context: DeviceContext,
    settings: DeviceSettings = CSG_INSTANCE_SETTINGS,
  ) {
    super(instanceId, CSG_GROUPS[region], instanceId, settings, context, [CSG_PARENTS.command]);
  }

  /** The next command fails with this error code (e.g. the gateway is busy). */
  failNextCommand(errorCode: string): void {
    this.#failNextWith = errorCode;
  }

  /** Cache usage changes on its own; the instance pushes its status (CSG-2). */
  async cacheUsageReaches(percent: number): Promise<void> {
    this.state.cacheUsedPercent = percent;
    await this.pushStatus();
  }

  async pushStatus(): Promise<void> {
    await this.publish(scopedTopic(CSG_PARENTS.status, this.context.scope, this.instanceId), 'status', {
      instanceId: this.instanceId,
      ...this.state,
    });
  }

  /** CSG-2: every (re)connect announces the current status. */
  protected override async afterConnect(): Promise<void> {
    await this.pushStatus();
  }

  protected handle(_topic: string, message: SimMessage): void {
    if (message.type !== 'command') {
      this.errors.push(`unknown message "${message.type}" (${message.id})`);
      return;
    }
    const requestId = field(message, 'requestId');
    const command = field(message, 'command');
    const noreply = message.data.noreply === true;
    const replyTo = noreply ? undefined : field(message, 'replyTo');
    // Replies go up on the uplink parent only (CSG-5); anything else is a console defect.
    if (replyTo !== undefined && !replyTo.startsWith(`${CSG_PARENTS.reply}/`)) {
      this.errors.push(`request ${requestId} wants its reply on "${replyTo}", outside ${CSG_PARENTS.reply}/`);
      return;
    }
    const errorCode = this.#failNextWith;
    this.#failNextWith = undefined;
    const result = errorCode ? undefined : this.apply(requestId, command, message.data.args);
    if (replyTo === undefined) return; // CSG-3: `noreply` commands get no answer
    const reply = errorCode ? { requestId, errorCode } : { requestId, result };
    this.background(`reply to ${requestId}`, this.publish(replyTo, 'reply', reply));
  }

  private apply(requestId: string, command: string, args: unknown): Record<string, unknown> {
    const options = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
    switch (command) {
      case 'getStatus':
        break;
      case 'setCacheSize':
        this.state.cacheGb = Number(options.gb);
        break;
      case 'flushCache':
        this.state.cacheUsedPercent = 0;
        break;
      default:
        this.errors.push(`unknown command "${command}" (${requestId})`);
        return { unknownCommand: command };
    }
    this.applied.push({ requestId, command });
    return { instanceId: this.instanceId, ...this.state };
  }
}
