import { chooseMq } from '../mq/mq-choice.ts';
import {
  handedRunContext,
  handOverRunContext,
  type RunContext,
  type RunTargetInfo,
} from '../run/run-context.ts';
import type { StartedBrokerTarget } from './broker-target.ts';
import { parseTarget } from './parse-target.ts';

/** The broker of a run as the World sees it. */
export type RunTarget = RunTargetInfo;

/** The run's context, and the broker this process started for it (to stop after the run). */
export interface AcquiredRun {
  readonly context: RunContext;
  /** Set when this process started the broker and must stop it. */
  readonly owned?: StartedBrokerTarget;
}

/**
 * The one broker and context of a cucumber run. The CLI starts the broker before cucumber and hands
 * the context over (so that a target that cannot start is an error line, not a red scenario); a bare
 * `cucumber-js` run starts the broker from `BROKER` itself (its MQ side from `MQ`, like `--mq`), owns
 * it, and hands its context over the same way, so every reader sees one context.
 */
export async function acquireRunContext(): Promise<AcquiredRun> {
  const handed = handedRunContext();
  if (handed) return { context: handed };
  const started = await parseTarget(process.env.BROKER).start();
  const context: RunContext = {
    target: targetInfo(started),
    mq: chooseMq(process.env.MQ, started.endpoints, started.spec),
  };
  handOverRunContext(context);
  return { context, owned: started };
}

/** What the run context holds of a started target (everything but its stop function). */
export function targetInfo(started: StartedBrokerTarget): RunTargetInfo {
  return {
    spec: started.spec,
    url: started.url,
    capabilities: started.capabilities,
    ...(started.endpoints ? { endpoints: started.endpoints } : {}),
  };
}
