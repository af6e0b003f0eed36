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
  if (request.username !== undefined || request.password !== undefined) {
    return {
      ...(request.username === undefined ? {} : { username: request.username }),
      ...(request.password === undefined ? {} : { password: Buffer.from(request.password) }),
    };
  }
  return runLogin(clientId) ?? urlLogin(url);
}
