import { randomBytes } from 'node:crypto';
import type { ClientStage } from './client-stage.ts';
import type { QoS } from '../connection/qos.ts';
import { expectationFailed } from '../expectation.ts';
import { clientLogin, type ClientCredentials, type ClientLogin } from '../auth/credentials.ts';
import type { Stage, StageEvidence } from './stage.ts';

/** CONNACK return codes a refused login may carry (MQTT 3.1.1 table 3.1). */
const LOGIN_REFUSALS: Readonly<Record<number, string>> = {
  4: 'bad user name or password',
  5: 'not authorized',
};

interface LoginRecipe {
  /** The run's login mode this login is made for; absent: either. */
  readonly mode?: ClientCredentials['mode'];
  /** The CONNECT's username and password; undefined: none at all. */
  make(credentials: ClientCredentials, clientId: string, otherClientId: string): ClientLogin | undefined;
}

const stranger = (prefix: string) => `${prefix}${randomBytes(8).toString('hex')}`;

/**
 * The logins of the authentication scenarios, by the words the Gherkin uses. Each is built by
 * harness/auth (the oracle: PUB-4 as the public docs state it) from the run's credentials, so what
 * must be accepted or refused follows from the profile's declared auth rules, never from the broker.
 */
export const LOGINS = {
  'a valid signature': { mode: 'signature', make: (c, id) => clientLogin(c, id) },
  'a signature made with another secret': {
    mode: 'signature',
    make: (c, id) => clientLogin({ ...c, secretKey: stranger('not-the-secret-') }, id),
  },
  'a signature made for another client ID': {
    mode: 'signature',
    make: (c, _id, other) => clientLogin(c, other),
  },
  'a read-write token': { mode: 'token', make: (c, id) => clientLogin(c, id, 'RW') },
  'a read-only token': { mode: 'token', make: (c, id) => clientLogin(c, id, 'R') },
  'an unknown token': {
    mode: 'token',
    make: (c, id) => clientLogin({ ...c, readToken: stranger('tok-'), writeToken: stranger('tok-') }, id),
  },
  // Signed or token-authenticated correctly, but for an AccessKeyId the instance does not know.
  'an unknown AccessKeyId': {
    make: (c, id) => clientLogin({ ...c, accessKeyId: stranger('LTAIunknown') }, id),
  },
  'no credentials': { make: () => undefined },
} as const satisfies Record<string, LoginRecipe>;

export type LoginKind = keyof typeof LOGINS;

/** `a valid signature|…`: the `{login}` parameter of the steps. */
export const LOGIN_PATTERN = new RegExp(
  Object.keys(LOGINS)
    .map((kind) => kind.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
);

export function isLoginKind(text: string): text is LoginKind {
  return Object.hasOwn(LOGINS, text);
}

/**
 * The authentication scenarios (PUB-4, SEC-3, SEC-2): clients that log in with a chosen login,
 * judged against what the profile's auth rules say. What each check saw is kept as `evidence()` for the
 * report — CONNACK codes and outcomes only: a username, password, secret or token never goes there.
 */
export class AuthStage implements Stage {
  readonly #seen: string[] = [];
  readonly #logins = new Map<string, LoginKind>();

  constructor(
    private readonly clients: ClientStage,
    private readonly credentials: ClientCredentials | undefined,
  ) {}

  /** CONNECT as `actor` with `kind`; the CONNACK is recorded, accepted or not. */
  async logIn(actor: string, kind: LoginKind): Promise<void> {
    const credentials = this.credentials;
    const recipe: LoginRecipe = LOGINS[kind];
    if (!credentials || (recipe.mode && recipe.mode !== credentials.mode)) {
      // The @needs-auth-* tag makes such a scenario not applicable; reaching here is a scenario defect.
      throw new Error(
        `"${kind}" needs ${recipe.mode ?? 'signature or token'} authentication and the run has ${credentials ? credentials.mode : 'none'}: tag the scenario @needs-auth-${recipe.mode ?? credentials?.mode ?? 'signature'}`,
      );
    }
    const clientId = this.clients.client(actor).clientId;
    const login = recipe.make(credentials, clientId, this.clients.namespace.clientId(`${actor}-other`));
    this.#logins.set(actor, kind);
    const outcome = await this.clients.attemptConnect(
      actor,
      login ? { username: login.username, password: login.password } : { anonymous: true },
    );
    this.#seen.push(
      `"${actor}" logging in with ${kind}: ${outcome.accepted ? 'accepted (CONNACK 0)' : describeRefusal(outcome.returnCode, outcome.failure)}`,
    );
  }

  /** PUB-4: the login was refused with CONNACK 4 or 5; any other answer fails the rule. */
  expectLoginRefused(actor: string): void {
    const outcome = this.clients.lastConnack(actor);
    const kind = this.#logins.get(actor) ?? 'the run login';
    if (outcome.accepted)
      throw expectationFailed(
        `the broker accepted "${actor}" logging in with ${kind}; with ${this.credentials?.mode} authentication it must refuse it (CONNACK 4 or 5)`,
      );
    if (outcome.returnCode === undefined || !(outcome.returnCode in LOGIN_REFUSALS))
      throw expectationFailed(
        `"${actor}" logging in with ${kind} got ${describeRefusal(outcome.returnCode, outcome.failure)}; a refused login is CONNACK 4 (bad user name or password) or 5 (not authorized), MQTT 3.1.1 table 3.1`,
      );
  }

  /**
   * SEC-2: a PUBLISH from a login that may not publish. How it ended is evidence, not the verdict:
   * the subscribers tell whether the message got through.
   */
  async attemptPublish(actor: string, topic: string, payload: string, qos: QoS): Promise<void> {
    const client = this.clients.client(actor);
    const ended = await client.attemptPublish(this.clients.namespace.topic(topic), payload, qos);
    const kind = this.#logins.get(actor) ?? 'the run login';
    this.#seen.push(`"${actor}" (${kind}) publishing "${payload}" at QoS ${qos}: ${ended}`);
  }

  /** What each login and publish attempt got, as `evidence: …` lines. */
  evidence(): StageEvidence {
    return { lines: this.#seen };
  }

  /** Nothing of its own to close: its connections belong to the ClientStage. */
  async close(): Promise<void> {}
}

function describeRefusal(returnCode: number | undefined, failure: string | undefined): string {
  if (returnCode === undefined) return failure ?? 'no CONNACK';
  const name = LOGIN_REFUSALS[returnCode];
  return `CONNACK ${returnCode}${name ? ` (${name})` : ''}`;
}
