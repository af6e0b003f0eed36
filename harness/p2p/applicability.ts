import type { RunAuth } from '../auth/run-login.ts';
import type { MqChoice } from '../mq/mq-choice.ts';
import type { BrokerCapabilities } from '../targets/broker-target.ts';

/** Scenario tags that say what a scenario needs from the run beyond the profile. */
export const NEEDS = {
  /** An MQ side (`--mq memory|amqp`): every MQM scenario, and P2P messages sent from MQ. */
  mq: '@needs-mq',
  /** Any P2P delivery: native, auto-subscribe or the client emulation. */
  p2p: '@needs-p2p',
  /** Broker-side P2P: no subscription on the target's side (P2P-1), the sender's cleanSession (QCS-5). */
  brokerP2p: '@needs-broker-p2p',
  /** The run logs in with signature authentication (PUB-4, SEC-3: a profile config with auth and its secret). */
  authSignature: '@needs-auth-signature',
  /** The run logs in with token authentication (PUB-4, SEC-3). */
  authToken: '@needs-auth-token',
  /** MQTT over WebSocket (MQTT 3.1.1 chapter 6): a ws:// target, or one with a `websocket` endpoint. */
  webSocket: '@needs-websocket',
  /** A topic the broker does not authorize the run to publish to [MQTT-3.3.5-2] (profile config or target). */
  deniedPublishTopic: '@needs-denied-publish-topic',
} as const;

export type P2pMode = BrokerCapabilities['p2p'];

/**
 * Why a scenario with these tags does not apply to this run, or undefined. Reported as "not
 * applicable" with this reason — never as a pass (REQUIREMENTS P2P-1: with client-side P2P the
 * target subscribes, so "no subscription" is not something the broker showed).
 */
export function capabilityReason(
  tags: readonly string[],
  run: {
    readonly p2p: P2pMode;
    readonly mq: MqChoice;
    readonly auth: RunAuth;
    readonly webSocket?: string;
    readonly deniedPublishTopic?: string;
  },
): string | undefined {
  const has = (tag: string) => tags.includes(tag);
  if (has(NEEDS.deniedPublishTopic) && run.deniedPublishTopic === undefined) {
    return (
      'name a topic the broker does not authorize: deniedPublishTopic in --profile-config (under MQTT 3.1.1 ' +
      'which topics a broker authorizes is its own configuration; embedded and process:mosquitto deny one of their own)'
    );
  }
  if (has(NEEDS.webSocket) && run.webSocket === undefined) {
    return 'needs MQTT over WebSocket, and the target has no WebSocket endpoint (see README, "MQTT over WebSocket")';
  }
  for (const mode of ['signature', 'token'] as const) {
    if (!has(mode === 'signature' ? NEEDS.authSignature : NEEDS.authToken)) continue;
    const { auth } = run;
    if (auth.kind === 'none') return `needs ${mode} authentication: ${auth.reason}`;
    if (auth.kind !== mode)
      return `needs ${mode} authentication; the run logs in with ${auth.kind} authentication (auth.mode of --profile-config)`;
  }
  if (has(NEEDS.mq) && run.mq.kind === 'none') return `needs an MQ side: ${run.mq.reason}`;
  if ((has(NEEDS.p2p) || has(NEEDS.brokerP2p)) && run.p2p === 'none') {
    return 'needs P2P delivery, and the target declares none (p2p: none); --p2p client emulates it with each device subscribing to its own P2P topic';
  }
  if (has(NEEDS.brokerP2p) && run.p2p === 'client') {
    return (
      'needs broker-side P2P; with --p2p client each device subscribes to its own P2P topic, so delivery without a ' +
      "subscription, to the target alone, with offline handling by the sender's cleanSession is not something the broker does"
    );
  }
  return undefined;
}

/**
 * The one decision whether a client subscribes to its own P2P topic (P2P-1), for the P2P scenarios
 * (scenario-p2p.ts) and the simulated devices alike: only where the broker does not deliver P2P itself
 * (`client`, the harness's emulation; `none`, where the simulators emulate it the same way). With
 * `native` or `auto-subscribe` (EMQX subscribes the client as it connects, emqx-auto-subscribe.ts) the
 * client never subscribes, so a P2P message that arrives came by the broker's own delivery.
 */
export function subscribesToOwnP2p(mode: P2pMode): boolean {
  return mode === 'client' || mode === 'none';
}

const P2P_MODES: readonly P2pMode[] = ['native', 'auto-subscribe', 'client', 'none'];

export function isP2pMode(text: string): text is P2pMode {
  return (P2P_MODES as readonly string[]).includes(text);
}

export const P2P_FORMS = [
  'native          the broker delivers <parent>/p2p/<clientId> to that client without a subscription (reference broker)',
  'auto-subscribe  the broker subscribes each client to its own P2P topic (EMQX auto_subscribe)',
  'client          the harness emulates P2P: each device subscribes to its own P2P topic',
  'none            no P2P: P2P scenarios are reported not applicable',
];
