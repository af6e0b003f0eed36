import { startedTarget, type BrokerTarget } from './broker-target.ts';
import { redactUrl, waitForMqtt } from './readiness.ts';

export const URL_REACHABILITY_TIMEOUT_MS = 10_000;

/** `mqtt://`, `mqtts://`, `ws://`, `wss://` — a broker somebody else runs; the harness only checks it answers. */
export function urlTarget(url: string): BrokerTarget {
  const spec = redactUrl(url);
  return {
    spec,
    async start() {
      await waitForMqtt(url, {
        timeoutMs: URL_REACHABILITY_TIMEOUT_MS,
        what: 'broker',
        hint: 'check that the broker runs and the URL (host, port, scheme) is right',
        finalErrors: ['ECONNREFUSED', 'ENOTFOUND'], // nothing to wait for: somebody else runs this broker
      });
      return startedTarget(spec, url, { software: 'unknown', p2p: 'none' }, async () => undefined);
    },
  };
}
