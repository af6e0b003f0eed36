import { runLogin } from '../auth/run-login.ts';
import { urlLogin } from './broker-url.ts';

/** The user name and password a CONNECT carries (neither for an anonymous CONNECT). */
export interface Login {
  readonly username?: string;
  readonly password?: Buffer;
}

/** What a caller says about the login of one CONNECT. */
export interface LoginRequest {
  readonly username?: string;
  readonly password?: string | Buffer;
  /** Send no username and no password even when the run has a login (a broker with auth must refuse it). */
  readonly anonymous?: boolean;
}

/**
 * The one login decision of every harness connection (TestClient, DeviceSession, RawClient,
 * SessionProbe): a login the caller gives (or `anonymous`) is sent as given; otherwise the run's login
 * (the profile config's `auth`, PUB-4, run-login.ts); otherwise the user and password of the broker
 * URL (`mqtt://user:pass@host`); otherwise none.
 */
export function chooseLogin(url: string, clientId: string, request: LoginRequest = {}): Login {
  if (request.anonymous) return {};
  if (givesOwnLogin(request)) {
    return {
      ...(request.username === undefined ? {} : { username: request.username }),
      ...(request.password === undefined ? {} : { password: Buffer.from(request.password) }),
    };
  }
  return runLogin(clientId) ?? urlLogin(url);
}

/**
 * Whether the caller chose this CONNECT's login (a login under test, or `anonymous`) rather than
 * taking the run's: only a refusal of the run's login is the harness's problem (connect-verdict.ts).
 */
export function givesOwnLogin(request: LoginRequest): boolean {
  return request.anonymous === true || request.username !== undefined || request.password !== undefined;
}

/**
 * `url` re-pointed at another listener on `host:port` (a fault proxy in front of the broker) with its
 * login kept: a connection through the proxy logs in exactly as a direct one does (the URL's user and
 * password here; the run's login is chosen per client ID and does not depend on the URL). Without
 * this a proxied client connected anonymously and a broker requiring a login refused it (CONNACK 5).
 */
export function sameLoginAt(url: string, host: string, port: number): string {
  const moved = new URL(url);
  moved.hostname = host;
  moved.port = String(port);
  return moved.href;
}
