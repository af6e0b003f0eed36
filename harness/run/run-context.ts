import type { MqChoice } from '../mq/mq-choice.ts';
import type { BrokerCapabilities } from '../targets/broker-target.ts';

/** The broker of a run as the World sees it (the started target, with `--p2p` applied). */
export interface RunTargetInfo {
  readonly spec: string;
  readonly url: string;
  readonly capabilities: BrokerCapabilities;
  /** The target's other endpoints (`mq`, `amqp` …), see StartedBrokerTarget. */
  readonly endpoints?: Readonly<Record<string, string>>;
}

/**
 * Everything a cucumber run learns from the process that started it, as one typed object: built by
 * the CLI (cli/run-options.ts) or, for a bare `cucumber-js` run, by the BeforeAll hook from `BROKER`
 * (harness/targets/run-target.ts). The P2P mode is `target.capabilities.p2p` (`--p2p` applied);
 * how clients log in follows from `profileConfig`.
 *
 * No secret is ever part of it: a profile config names the environment variables its secrets are in
 * (a generated login for the embedded broker too, harness/auth/generated-auth.ts), and those are read
 * where a login is computed. The target URL is the one the user gave (it may carry a password, as
 * `--broker mqtt://user:pass@host` does): the context is never printed, and whatever shows the target
 * goes through harness/net/redact-url.ts.
 */
export interface RunContext {
  readonly target: RunTargetInfo;
  /** `--profile` (or the config's `profile`); absent: the broker's own profile, else mqtt-3.1.1. */
  readonly profile?: string;
  /** `--profile-config`, as an absolute path: provisioning, limits and auth references. */
  readonly profileConfig?: string;
  /** The run's MQ side (`--mq`), resolved against the target's endpoints. */
  readonly mq: MqChoice;
}

/**
 * The one environment variable that carries the context, as JSON: cucumber runs in the CLI's process
 * (cucumber's API) or in a child, and the low-level clients that log in (harness/auth/run-login.ts)
 * read it too, which cucumber's worldParameters could not reach.
 */
export const RUN_CONTEXT_ENV = 'MQTT_HARNESS_RUN';

/** Makes `context` the run's context, for this process and any cucumber child it starts. */
export function handOverRunContext(context: RunContext): void {
  process.env[RUN_CONTEXT_ENV] = JSON.stringify(context);
}

/** Ends the hand-over (tests that switch contexts, or a run that is over). */
export function clearRunContext(): void {
  delete process.env[RUN_CONTEXT_ENV];
}

let parsed: { text: string; context: RunContext } | undefined;

/** The context handed over, or undefined for a run nobody set up (a bare `cucumber-js` before BeforeAll). */
export function handedRunContext(): RunContext | undefined {
  const text = process.env[RUN_CONTEXT_ENV];
  if (!text) return undefined;
  // Every client connection asks (for its login); the JSON is parsed once per hand-over.
  if (parsed?.text !== text) parsed = { text, context: JSON.parse(text) as RunContext };
  return parsed.context;
}
