import { UsageError } from '../errors.ts';
import { readProfileConfig, type ProfileConfig } from '../profiles/profile-config.ts';
import { handedRunContext } from '../run/run-context.ts';
import {
  clientLogin,
  credentialsFromConfig,
  type ClientCredentials,
  type ClientLogin,
} from './credentials.ts';

/**
 * The credentials of this run: the `auth` of the run context's profile config (`--profile-config`,
 * harness/run/run-context.ts), with its secrets read from the environment variables it names; undefined when the run logs in
 * anonymously. Every harness client (TestClient, DeviceSession, SessionProbe, RawClient) asks here when
 * it is not given a login of its own, so a broker with authentication on sees every scenario log in.
 */
export function runCredentials(env: NodeJS.ProcessEnv = process.env): ClientCredentials | undefined {
  const file = handedRunContext()?.profileConfig;
  if (!file) return undefined;
  // Read once per run; the secrets are looked up each time (cheap) so nothing secret is cached here.
  if (cached?.file !== file) cached = { file, config: readProfileConfig(file) };
  const auth = cached.config.auth;
  return auth ? credentialsFromConfig(auth, env) : undefined;
}

/** The run's login for `clientId` (PUB-4), or undefined for an anonymous run. */
export function runLogin(clientId: string, env: NodeJS.ProcessEnv = process.env): ClientLogin | undefined {
  const credentials = runCredentials(env);
  return credentials ? clientLogin(credentials, clientId) : undefined;
}

/** How the run logs in, or why it has no credentials (the reason a scenario that needs them is not applicable). */
export type RunAuth =
  { readonly kind: 'signature' | 'token' } | { readonly kind: 'none'; readonly reason: string };

const NO_CREDENTIALS =
  'the run has no credentials: give --profile-config with auth (harness/profiles/README.md) and its secret in the environment';

/** The run's login mode (PUB-4, SEC-3): a profile config with `auth` and its secret set, else none and why. */
export function runAuth(env: NodeJS.ProcessEnv = process.env): RunAuth {
  try {
    const credentials = runCredentials(env);
    return credentials ? { kind: credentials.mode } : { kind: 'none', reason: NO_CREDENTIALS };
  } catch (error) {
    // The message names the missing environment variable, never a secret.
    if (error instanceof UsageError) return { kind: 'none', reason: `${NO_CREDENTIALS} (${error.message})` };
    throw error;
  }
}

let cached: { file: string; config: ProfileConfig } | undefined;
