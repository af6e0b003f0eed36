import type { ScenarioClock } from '../clock.ts';
import type { DeviceContext } from '../devices/device.ts';
import type { SimRecord } from '../message.ts';
import type { ServiceLink } from '../services/service-link.ts';
import type { TopicPlan } from '../topic-plans.ts';

/** Anything on the stage that owns a connection and records messages. */
export interface StageActor {
  readonly name: string;
  readonly clientId: string;
  readonly records: readonly SimRecord[];
  /** Topics it receives on without a record of sending them (its P2P topics, a service's filters). */
  readonly listensOn: readonly string[];
  /** What went wrong inside the actor (a send that failed, a message it could not use), for the report. */
  readonly errors: readonly string[];
  close(): Promise<void>;
}

/**
 * What a solution (RTC signalling, a retail store, CSG control) needs from the scenario it runs in: the
 * shared clock and device context, a link for its service, a roll of its actors for the report, bounded
 * waits and a place for audit logs. `SolutionStage` provides it; the solutions depend only on this, so
 * the stage can build them without an import cycle.
 */
export interface SolutionSetting {
  readonly clock: ScenarioClock;
  readonly context: DeviceContext;
  serviceLink(plan: TopicPlan, groupId: string, name: string, clean: boolean): ServiceLink;
  enlist(plan: TopicPlan, actor: StageActor): void;
  waitFor<T>(description: () => string, check: () => T | undefined, timeoutMs?: number): Promise<T>;
  logFile(name: string): string;
}
