import path from 'node:path';
import { eventually } from '../../harness/eventually.ts';
import { expectationFailed } from '../../harness/expectation.ts';
import type { MqChoice } from '../../harness/mq/mq-choice.ts';
import type { Profile } from '../../harness/profiles/profile.ts';
import type { Stage, StageEvidence, StageRun } from '../../harness/stages/stage.ts';
import { ScenarioClock } from '../clock.ts';
import type { DeviceContext } from '../devices/device.ts';
import { describeSimRecord } from '../message.ts';
import { P2pRoute, type P2pMode } from '../p2p.ts';
import { MqServiceLink } from '../services/mq-service-link.ts';
import { MqttServiceLink, type ServiceLink } from '../services/service-link.ts';
import {
  directionViolations,
  taskTypeViolations,
  trafficClassViolations,
  usageViolations,
} from '../topic-plan-check.ts';
import type { TopicPlan } from '../topic-plans.ts';
import { CsgControl } from './csg-control.ts';
import { RetailStore } from './retail-store.ts';
import { RtcSignalling } from './rtc-signalling.ts';
import type { SolutionSetting, StageActor } from './solution-setting.ts';
import { clientIdScheme } from '../../harness/profiles/client-id-scheme.ts';

export interface StageOptions {
  /** The broker of the run. */
  readonly url: string;
  /** From the target's capabilities: decides native vs client-side P2P (see P2pRoute). */
  readonly p2p: P2pMode;
  /** The run's MQ side (`--mq`): the services talk through it when there is one, else over MQTT. */
  readonly mq?: MqChoice;
  /** The run's profile: its P2P topic format (P2P-2) and the limits topic plans must fit (TOP-3, CID-2). */
  readonly profile: Profile;
  /** The scenario namespace ID: in every device ID and every topic. */
  readonly scope: string;
  /** Where audit logs go (ESL-6); default `reports`. */
  readonly reportsDir?: string;
  /** Bound of every wait for something that must happen; default 5 s. */
  readonly timeoutMs?: number;
}

/**
 * The simulated solutions of one scenario: their devices and services share one clock, one P2P route
 * and one namespace. Steps reach the solutions through `rtc`, `store` and `csg`, made on first use.
 */
export class SolutionStage implements Stage, SolutionSetting {
  readonly clock = new ScenarioClock();
  readonly context: DeviceContext;
  readonly timeoutMs: number;
  readonly reportsDir: string;
  readonly #actors: { plan: TopicPlan; actor: StageActor }[] = [];
  readonly #links: { plan: TopicPlan; link: ServiceLink }[] = [];
  #rtc: RtcSignalling | undefined;
  #store: RetailStore | undefined;
  #csg: CsgControl | undefined;

  constructor(readonly options: StageOptions) {
    this.context = {
      url: options.url,
      clock: this.clock,
      p2p: new P2pRoute(options.p2p, options.profile.p2pTopicFormat),
      clientIds: clientIdScheme(options.profile),
      scope: options.scope,
    };
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.reportsDir = options.reportsDir ?? 'reports';
  }

  get rtc(): RtcSignalling {
    return (this.#rtc ??= new RtcSignalling(this));
  }

  get store(): RetailStore {
    return (this.#store ??= new RetailStore(this));
  }

  get csg(): CsgControl {
    return (this.#csg ??= new CsgControl(this));
  }

  get used(): boolean {
    return this.#actors.length > 0;
  }

  /**
   * The one place a service's path is chosen: through the run's MQ side when it has one (as the
   * product runs its services, RTC-1, ESL-2, CSG-2; P2P from MQ with `cleansessionflag`, P2P-3), else
   * MQTT directly. Which one is in `servicePaths()` and the scenario's log.
   */
  serviceLink(plan: TopicPlan, groupId: string, name: string, clean: boolean): ServiceLink {
    const clientId = this.context.clientIds.build(groupId, `${name}_${this.options.scope}`);
    const mq = this.options.mq;
    const link =
      mq && mq.kind !== 'none'
        ? new MqServiceLink(clientId, mq, clean, this.context.p2p, this.clock)
        : new MqttServiceLink(clientId, this.options.url, clean, this.context.p2p, this.clock);
    this.#links.push({ plan, link });
    this.enlist(plan, {
      name,
      clientId,
      records: link.records,
      listensOn: [],
      errors: link.errors,
      close: () => link.close(),
    });
    return link;
  }

  enlist(plan: TopicPlan, actor: StageActor): void {
    this.#actors.push({ plan, actor });
  }

  /** A bounded wait for `check` to return a value; its description says what was awaited and what was seen. */
  async waitFor<T>(
    description: () => string,
    check: () => T | undefined,
    timeoutMs = this.timeoutMs,
  ): Promise<T> {
    return eventually(check, { timeoutMs, description });
  }

  /** TOP-4: uplink and downlink never share a parent topic. */
  expectDirectionsApart(plan: TopicPlan): void {
    failOn(`the ${plan.name} topic plan`, directionViolations(plan));
  }

  /** TOP-4, ESL-4: each task type has its own parent topics. */
  expectTaskTypesApart(plan: TopicPlan): void {
    failOn(`the ${plan.name} topic plan`, taskTypeViolations(plan));
  }

  /** TOP-4: very different priority or volume never share a parent topic. */
  expectTrafficClassesApart(plan: TopicPlan): void {
    failOn(`the ${plan.name} topic plan`, trafficClassViolations(plan));
  }

  /** TOP-2, TOP-3, CID-2, CID-6: what the solution's actors used fits its plan and the profile's limits. */
  expectUsageWithinLimits(plan: TopicPlan): void {
    const actors = this.#actors.filter((entry) => entry.plan === plan).map((entry) => entry.actor);
    if (actors.length === 0) throw new Error(`no ${plan.name} actors ran in this scenario (scenario defect)`);
    const topics = actors.flatMap((actor) => [
      ...actor.listensOn,
      ...actor.records.map((record) => record.topic),
    ]);
    failOn(
      `what the ${plan.name} system used`,
      usageViolations(plan, { topics, clientIds: actors.map((a) => a.clientId) }, this.options.profile),
    );
  }

  /** Problems actors ran into, by actor; empty when all went well. */
  problems(): Record<string, readonly string[]> {
    return Object.fromEntries(
      this.#actors
        .filter(({ actor }) => actor.errors.length > 0)
        .map(({ actor }) => [actor.name, actor.errors]),
    );
  }

  /** Which path each service used, for the report. */
  servicePaths(): Record<string, string> {
    return Object.fromEntries(this.#links.map(({ link }) => [link.clientId, link.description]));
  }

  /** One line per service for the scenario's log: "price-tag service: via MQ (memory) as …". */
  serviceLines(): string[] {
    return this.#links.map(({ plan, link }) => `${plan.name} service: ${link.description}`);
  }

  /** Every message every actor sent or received, in time order (for the report). */
  transcript(): Record<string, unknown>[] {
    return this.#actors
      .flatMap(({ actor }) => actor.records.map((record) => ({ record, actor: actor.name })))
      .sort((a, b) => a.record.at - b.record.at)
      .map(({ record, actor }) => describeSimRecord(actor, record));
  }

  logFile(name: string): string {
    return path.join(this.reportsDir, name);
  }

  /** solution-transcript.json: what the devices and services sent and received, when any ran. */
  evidence(run: StageRun): StageEvidence {
    // Which link each service used (via MQ or via MQTT), logged for every scenario that made one.
    const lines = this.serviceLines();
    if (!this.used) return { lines };
    const body = {
      target: run.target,
      scope: this.context.scope,
      p2p: this.context.p2p.describe(),
      services: this.servicePaths(),
      problems: this.problems(),
      transcript: this.transcript(),
    };
    return { lines, attachments: [{ fileName: 'solution-transcript.json', body }] };
  }

  async close(): Promise<void> {
    await this.#store?.stop();
    await Promise.all(this.#actors.map(({ actor }) => actor.close()));
  }
}

function failOn(subject: string, problems: string[]): void {
  if (problems.length > 0)
    throw expectationFailed(`${subject} breaks the topic design rules:\n- ${problems.join('\n- ')}`);
}
