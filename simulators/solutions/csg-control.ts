import { expectationFailed } from '../../harness/expectation.ts';
import type { DeviceSettings } from '../devices/device.ts';
import { CsgInstance, CSG_INSTANCE_SETTINGS, type GatewayState } from '../devices/csg-instance.ts';
import { CsgConsole, type ConsoleRequest } from '../services/csg-console.ts';
import { CSG_PLAN, SERVICE_GROUPS, type CsgRegion } from '../topic-plans.ts';
import type { SolutionSetting } from './solution-setting.ts';

/**
 * Unified control of Cloud Storage Gateway instances (CSG-1..5), as the feature describes it: the
 * console and instances in several regions, reachable only through MQTT.
 */
export class CsgControl {
  readonly #instances = new Map<string, CsgInstance>();
  #console: CsgConsole | undefined;
  /** The latest request per instance (what "the command" refers to in a step). */
  readonly #latest = new Map<string, ConsoleRequest>();
  readonly #sentWhileAway: ConsoleRequest[] = [];

  constructor(private readonly stage: SolutionSetting) {}

  get console(): CsgConsole {
    if (!this.#console) throw new Error('the CSG console is not running; start it first (scenario defect)');
    return this.#console;
  }

  async startConsole(): Promise<void> {
    const link = this.stage.serviceLink(CSG_PLAN, SERVICE_GROUPS.csg, 'console', true); // CSG-4
    this.#console = new CsgConsole(link, this.stage.context.scope, this.stage.clock);
    await this.#console.start();
  }

  /** CSG-1: the instance connects out; the console knows it by instance ID. */
  async addInstance(
    instanceId: string,
    region: CsgRegion,
    settings: DeviceSettings = CSG_INSTANCE_SETTINGS,
  ): Promise<CsgInstance> {
    const instance = new CsgInstance(instanceId, region, this.stage.context, settings);
    this.#instances.set(instanceId, instance);
    this.stage.enlist(CSG_PLAN, {
      name: instanceId,
      clientId: instance.clientId,
      records: instance.records,
      listensOn: instance.p2pTopics,
      errors: instance.errors,
      close: () => instance.close(),
    });
    this.console.registerInstance(instanceId, instance.clientId);
    await instance.connect();
    return instance;
  }

  instance(instanceId: string): CsgInstance {
    const instance = this.#instances.get(instanceId);
    if (!instance)
      throw new Error(
        `there is no CSG instance ${instanceId}; add "Given CSG instance ${instanceId} in … is connected"`,
      );
    return instance;
  }

  async setCacheSize(instanceId: string, gb: number): Promise<void> {
    this.remember(await this.console.instance(instanceId).command('setCacheSize', { gb }));
  }

  /** CSG-3: a command with no return value. */
  async flushCacheNoReply(instanceId: string): Promise<void> {
    this.remember(await this.console.instance(instanceId).notify('flushCache'));
  }

  /** CSG-2: active pull. */
  async pullStatus(instanceId: string): Promise<void> {
    this.remember(await this.console.instance(instanceId).pullStatus());
  }

  failNextCommand(instanceId: string, errorCode: string): void {
    this.instance(instanceId).failNextCommand(errorCode);
  }

  async reissue(instanceId: string): Promise<void> {
    this.remember(await this.console.reissue(this.latest(instanceId).requestId));
  }

  async loseConnection(instanceId: string): Promise<void> {
    await this.instance(instanceId).kill();
  }

  async reconnect(instanceId: string): Promise<void> {
    await this.instance(instanceId).relaunch();
  }

  async cacheUsageReaches(instanceId: string, percent: number): Promise<void> {
    await this.instance(instanceId).cacheUsageReaches(percent);
  }

  /** The instance carried out the latest command sent to it. */
  async expectApplied(instanceId: string): Promise<void> {
    const instance = this.instance(instanceId);
    const { requestId, command } = this.latest(instanceId);
    await this.stage.waitFor(
      () =>
        `${instanceId} to apply ${command} (${requestId}); it applied ${instance.applied.map((a) => a.requestId).join(', ') || 'nothing'}`,
      () => (instance.applied.some((applied) => applied.requestId === requestId) ? true : undefined),
    );
  }

  /** CSG-3: a `noreply` command was applied and answered by nothing (checked once applied: replies are sent while handling). */
  expectNoReply(instanceId: string): void {
    const { requestId } = this.latest(instanceId);
    const replies = this.instance(instanceId).records.filter(
      (record) =>
        record.direction === 'sent' &&
        record.message?.type === 'reply' &&
        record.message.data.requestId === requestId,
    );
    if (replies.length > 0)
      throw expectationFailed(`${instanceId} replied to the noreply command ${requestId}`);
  }

  async expectSucceeded(instanceId: string): Promise<void> {
    const request = this.latest(instanceId);
    await this.stage.waitFor(
      () =>
        `the console to show ${request.command} (${request.requestId}) to ${instanceId} as succeeded; it is ${request.state}`,
      () => (request.state === 'succeeded' ? true : undefined),
    );
  }

  /** CSG-3: an error code came back and the console tells the user to issue the command again. */
  async expectReissueAdvised(instanceId: string): Promise<void> {
    const request = this.latest(instanceId);
    await this.stage.waitFor(
      () =>
        `the console to ask for ${request.command} (${request.requestId}) to be re-issued; it is ${request.state}`,
      () => (request.state === 'failed' && request.advice === 're-issue' ? true : undefined),
    );
  }

  /** CSG-2: the console shows what the instance pushed. */
  async expectPushedStatus(instanceId: string, expected: Partial<GatewayState>): Promise<void> {
    await this.expectStatus(instanceId, 'push', () => this.console.pushed.get(instanceId), expected);
  }

  /** CSG-2: the console shows what its latest pull brought back. */
  async expectPulledStatus(instanceId: string): Promise<void> {
    await this.expectSucceeded(instanceId);
    await this.expectStatus(
      instanceId,
      'pull',
      () => this.console.pulled.get(instanceId),
      this.instance(instanceId).state,
    );
  }

  /** CSG-3, CSG-4: no command sent while the instance was away ever reached it after it came back. */
  expectNothingFromWhileAway(instanceId: string): void {
    const away = this.#sentWhileAway.filter((request) => request.instanceId === instanceId);
    if (away.length === 0)
      throw new Error(`no command was sent to ${instanceId} while it was away (scenario defect)`);
    const ids = new Set(away.map((request) => request.requestId));
    const received = this.instance(instanceId)
      .receivedOfType('command')
      .filter((r) => ids.has(String(r.message?.data.requestId)));
    if (received.length > 0) {
      const list = received
        .map((r) => `${String(r.message?.data.command)} (${String(r.message?.data.requestId)})`)
        .join(', ');
      throw expectationFailed(`${instanceId} received ${list}, sent while it was away, after reconnecting`);
    }
  }

  private async expectStatus(
    instanceId: string,
    via: string,
    shown: () => GatewayState | undefined,
    expected: Partial<GatewayState>,
  ): Promise<void> {
    const matches = (state: GatewayState | undefined) =>
      state !== undefined &&
      Object.entries(expected).every(([key, value]) => state[key as keyof GatewayState] === value);
    await this.stage.waitFor(
      () =>
        `the console to show ${JSON.stringify(expected)} for ${instanceId}, collected by ${via}; it shows ${JSON.stringify(shown()) ?? 'nothing'}`,
      () => (matches(shown()) ? true : undefined),
    );
  }

  private remember(request: ConsoleRequest): void {
    this.#latest.set(request.instanceId, request);
    if (!this.instance(request.instanceId).online) this.#sentWhileAway.push(request);
  }

  private latest(instanceId: string): ConsoleRequest {
    const request = this.#latest.get(instanceId);
    if (!request) throw new Error(`the console has sent nothing to ${instanceId} yet (scenario defect)`);
    return request;
  }
}
