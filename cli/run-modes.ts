import { UsageError } from '../harness/errors.ts';
import { chooseMq, describeMqChoice, MQ_ENV, MQ_FORMS, type MqChoice } from '../harness/mq/mq-choice.ts';
import { isP2pMode, P2P_FORMS } from '../harness/p2p/applicability.ts';
import type { StartedBrokerTarget } from '../harness/targets/broker-target.ts';

/** Help text for the `--mq` and `--p2p` options of run and certify. */
export const RUN_MODE_HELP = `  --mq MQ                the MQ side for the MQM rules (default: the target's own, else none); one of
                           ${MQ_FORMS.join('\n                           ')}
  --p2p MODE             how P2P reaches clients (default: what the target declares); one of
                           ${P2P_FORMS.join('\n                           ')}`;

/**
 * Applies `--p2p` and `--mq` to a started target: the P2P mode replaces the declared one (and is what
 * the report shows); the MQ choice is resolved against the target's endpoints and handed to the
 * cucumber run through the environment. Returns the target as the run sees it and the MQ line.
 */
export function applyRunModes(
  started: StartedBrokerTarget,
  options: { mq?: string | undefined; p2p?: string | undefined },
): { target: StartedBrokerTarget; mq: string; mqChoice: MqChoice } {
  let target = started;
  if (options.p2p !== undefined) {
    if (!isP2pMode(options.p2p))
      throw new UsageError(`unknown --p2p "${options.p2p}"; use one of:\n  ${P2P_FORMS.join('\n  ')}`);
    target = { ...started, capabilities: { ...started.capabilities, p2p: options.p2p } };
  }
  const choice = chooseMq(options.mq, started.endpoints, started.spec);
  process.env[MQ_ENV] = JSON.stringify(choice);
  return { target, mq: describeMqChoice(choice), mqChoice: choice };
}
