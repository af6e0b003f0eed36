import path from 'node:path';
import { UsageError } from '../harness/errors.ts';
import { chooseMq, describeMqChoice, MQ_FORMS } from '../harness/mq/mq-choice.ts';
import { isP2pMode, P2P_FORMS } from '../harness/p2p/applicability.ts';
import { loadProfile, type LoadedProfile } from '../harness/profiles/load-profile.ts';
import { readProfileConfig, type ProfileConfig } from '../harness/profiles/profile-config.ts';
import { handOverRunContext, type RunContext } from '../harness/run/run-context.ts';
import type { BrokerTarget, StartedBrokerTarget } from '../harness/targets/broker-target.ts';
import { parseTarget } from '../harness/targets/parse-target.ts';
import { targetInfo } from '../harness/targets/run-target.ts';

/** The options every command that runs scenarios takes, for node:util parseArgs. */
export const RUN_OPTIONS = {
  broker: { type: 'string' },
  profile: { type: 'string' },
  'profile-config': { type: 'string' },
  mq: { type: 'string' },
  p2p: { type: 'string' },
} as const;

export interface RunOptionValues {
  readonly broker?: string | undefined;
  readonly profile?: string | undefined;
  readonly 'profile-config'?: string | undefined;
  readonly mq?: string | undefined;
  readonly p2p?: string | undefined;
}

/** Help text for the `--mq` and `--p2p` options of run and certify. */
export const RUN_MODE_HELP = `  --mq MQ                the MQ side for the MQM rules (default: the target's own, else none); one of
                           ${MQ_FORMS.join('\n                           ')}
  --p2p MODE             how P2P reaches clients (default: what the target declares); one of
                           ${P2P_FORMS.join('\n                           ')}`;

/** The run's options, checked before any broker starts. */
export interface ResolvedRunOptions {
  readonly target: BrokerTarget;
  /** The profile the run judges by; undefined: the broker's own, else mqtt-3.1.1 (decided by the World). */
  readonly profile?: LoadedProfile;
  /** `--profile-config` as an absolute path, and what it says. */
  readonly configFile?: string;
  readonly config?: ProfileConfig;
  readonly mq?: string;
  readonly p2p?: string;
}

/**
 * `--profile`, `--profile-config`, `--broker`, `--mq` and `--p2p`, one meaning for run, certify and
 * mutants. The profile is `--profile`, else the one the config was written for, else `defaultProfile`
 * (certify and mutants: aliyun; run: none, the broker's own); a config for another profile than
 * `--profile` is a usage error. With a config, `embedded` runs as the vendor's instance (its
 * provisioning and login). A bad `--p2p` is a usage error here, before a broker starts.
 */
export function resolveRunOptions(values: RunOptionValues, defaultProfile?: string): ResolvedRunOptions {
  const file = values['profile-config'];
  const configFile = file ? path.resolve(file) : undefined;
  const read = configFile ? readProfileConfig(configFile) : undefined;
  const name = values.profile ?? read?.profile ?? defaultProfile;
  const profile = name ? loadProfile(name, configFile) : undefined;
  const config = profile?.config ?? read;
  if (values.p2p !== undefined && !isP2pMode(values.p2p))
    throw new UsageError(`unknown --p2p "${values.p2p}"; use one of:\n  ${P2P_FORMS.join('\n  ')}`);
  return {
    target: parseTarget(values.broker ?? process.env.BROKER, config, profile?.profile.name),
    ...(profile ? { profile } : {}),
    ...(configFile ? { configFile } : {}),
    ...(config ? { config } : {}),
    ...(values.mq !== undefined ? { mq: values.mq } : {}),
    ...(values.p2p !== undefined ? { p2p: values.p2p } : {}),
  };
}

/** The context of a run against a started broker, and the line that says which MQ side it has. */
export interface StartedRun {
  readonly context: RunContext;
  /** The MQ side for the console and the report; never a password. */
  readonly mqLine: string;
}

/**
 * The run context for `started`, handed over to this process (harness/run/run-context.ts): cucumber's
 * World reads it, and so does every client the command makes outside cucumber (certify's property
 * tests log in from its profile config). `--p2p` replaces the P2P mode the target declares (and is
 * what the report shows); `--mq` is resolved against the target's endpoints (a usage error names what to do).
 */
export function runContextFor(started: StartedBrokerTarget, resolved: ResolvedRunOptions): StartedRun {
  const info = targetInfo(started);
  const p2p = resolved.p2p;
  const target =
    p2p !== undefined && isP2pMode(p2p) ? { ...info, capabilities: { ...info.capabilities, p2p } } : info;
  const mq = chooseMq(resolved.mq, started.endpoints, started.spec);
  const context: RunContext = {
    target,
    ...(resolved.profile ? { profile: resolved.profile.profile.name } : {}),
    ...(resolved.configFile ? { profileConfig: resolved.configFile } : {}),
    mq,
  };
  handOverRunContext(context);
  return { context, mqLine: describeMqChoice(mq) };
}
