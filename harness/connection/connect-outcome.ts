/** Why a CONNECT got no CONNACK: the socket closed, nothing came back in time, or no socket opened at all. */
export type NoConnack = 'closed' | 'timeout' | 'unreachable';

/**
 * What the broker answered to a CONNECT, exactly as it came back on the wire (or how the attempt
 * ended): the one outcome type of every harness connection (TestClient, DeviceSession, RawClient,
 * SessionProbe) and of connect-verdict.ts, which reads it.
 */
export interface ConnectOutcome {
  readonly accepted: boolean;
  /** CONNACK return code [MQTT-3.2.2.3]; undefined when no CONNACK arrived. */
  readonly returnCode?: number;
  readonly sessionPresent: boolean;
  /** Set when there was no CONNACK. */
  readonly noConnack?: NoConnack;
  /** Why there was no CONNACK, in the words of the evidence, when the connection says more than `noConnack`. */
  readonly failure?: string;
  /** CONNECT written → CONNACK read (or the attempt ended), in milliseconds. */
  readonly roundTripMs: number;
}

/** The outcome of a CONNACK that arrived `started` ms after the CONNECT was written. */
export function connackOutcome(
  connack: { readonly returnCode?: number | undefined; readonly sessionPresent: boolean },
  started: number,
): ConnectOutcome {
  const returnCode = connack.returnCode ?? 0;
  return {
    accepted: returnCode === 0,
    returnCode,
    sessionPresent: connack.sessionPresent,
    roundTripMs: Date.now() - started,
  };
}

/** The outcome of a CONNECT that got no CONNACK; `failure` words it for the evidence. */
export function noConnackOutcome(noConnack: NoConnack, started: number, failure?: string): ConnectOutcome {
  return {
    accepted: false,
    sessionPresent: false,
    noConnack,
    ...(failure === undefined ? {} : { failure }),
    roundTripMs: Date.now() - started,
  };
}
