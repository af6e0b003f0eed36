import type { Clock } from '../clock.ts';
import type { GatewayState } from '../devices/csg-instance.ts';
import { field, type SimMessage } from '../message.ts';
import { BackEndService } from './back-end-service.ts';
import { CSG_PARENTS, scopedFilter, scopedTopic } from '../topic-plans.ts';
import type { ServiceHandler, ServiceLink } from './service-link.ts';

/** One RPC the console issued (CSG-3). */
export interface ConsoleRequest {
  readonly requestId: string;
  readonly instanceId: string;
  readonly command: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly noreply: boolean;
  /** `sent` until a reply; `no reply expected` for noreply commands. */
  state: 'sent' | 'succeeded' | 'failed' | 'no reply expected';
  errorCode?: string;
  /** What the console tells the user; CSG-3: on an error code, issue the command again. */
  advice?: 're-issue';
  /** The request this one re-issues. */
  readonly reissueOf?: string;
}

/**
 * The CSG console: pushes commands to instances as RPC over MQTT (request ID + reply topic, or
 * `noreply`) and collects their status by push and by active pull (CSG-2, CSG-3).
 */
export class CsgConsole extends BackEndService implements ServiceHandler {
  readonly requests = new Map<string, ConsoleRequest>();
  /** CSG-2: the latest status each instance pushed, and the latest the console pulled. */
  readonly pushed = new Map<string, GatewayState>();
  readonly pulled = new Map<string, GatewayState>();
  readonly #instances = new Map<string, string>();
  readonly #replyTopic: string;
  #sequence = 0;

  constructor(link: ServiceLink, scope: string, clock: Clock) {
    super(link, scope, clock);
    this.#replyTopic = scopedTopic(CSG_PARENTS.reply, scope, 'console');
  }

  registerInstance(instanceId: string, clientId: string): void {
    this.#instances.set(instanceId, clientId);
  }

  async start(): Promise<void> {
    await this.link.start([this.#replyTopic, scopedFilter(CSG_PARENTS.status, this.scope)], this);
  }

  /** CSG-2: the API the console exposes per instance. */
  instance(instanceId: string) {
    return {
      command: (command: string, args: Record<string, unknown> = {}) =>
        this.issue(instanceId, command, args, false),
      notify: (command: string, args: Record<string, unknown> = {}) =>
        this.issue(instanceId, command, args, true),
      pullStatus: () => this.issue(instanceId, 'getStatus', {}, false),
    };
  }

  /** CSG-3: the user issues the command again; a new request, since earlier ones are never redelivered. */
  async reissue(requestId: string): Promise<ConsoleRequest> {
    const earlier = this.requests.get(requestId);
    if (!earlier) throw new Error(`the console has no request ${requestId}`);
    return this.issue(earlier.instanceId, earlier.command, earlier.args, earlier.noreply, requestId);
  }

  onServiceMessage(topic: string, message: SimMessage): void {
    if (message.type === 'status') {
      const status = message.data as unknown as GatewayState & { instanceId: string };
      this.pushed.set(status.instanceId, pickState(status));
      return;
    }
    if (message.type !== 'reply') {
      this.errors.push(`unknown message "${message.type}" on ${topic}`);
      return;
    }
    const request = this.requests.get(field(message, 'requestId'));
    if (!request) {
      this.errors.push(`a reply for an unknown request ${String(message.data.requestId)}`);
      return;
    }
    const errorCode = message.data.errorCode;
    if (typeof errorCode === 'string') {
      Object.assign(request, { state: 'failed', errorCode, advice: 're-issue' });
      return;
    }
    request.state = 'succeeded';
    if (request.command === 'getStatus') {
      this.pulled.set(request.instanceId, pickState(message.data.result as GatewayState));
    }
  }

  private async issue(
    instanceId: string,
    command: string,
    args: Readonly<Record<string, unknown>>,
    noreply: boolean,
    reissueOf?: string,
  ): Promise<ConsoleRequest> {
    const clientId = this.#instances.get(instanceId);
    if (!clientId) throw new Error(`the console does not know CSG instance ${instanceId}`);
    const request: ConsoleRequest = {
      requestId: `req-${++this.#sequence}`,
      instanceId,
      command,
      args,
      noreply,
      state: noreply ? 'no reply expected' : 'sent',
      ...(reissueOf ? { reissueOf } : {}),
    };
    this.requests.set(request.requestId, request);
    const data = {
      requestId: request.requestId,
      command,
      args,
      ...(noreply ? { noreply: true } : { replyTo: this.#replyTopic }),
    };
    await this.link.sendP2p(CSG_PARENTS.command, clientId, this.outbox.next('command', data));
    return request;
  }
}

function pickState(state: GatewayState): GatewayState {
  return { status: state.status, cacheGb: state.cacheGb, cacheUsedPercent: state.cacheUsedPercent };
}
