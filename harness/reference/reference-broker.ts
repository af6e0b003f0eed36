import net from 'node:net';
import tls from 'node:tls';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { clientIdRefusal } from './client-id-policy.ts';
import { verifyLogin, type Permissions } from './credentials.ts';
import type { ReferenceBrokerOptions } from './reference-options.ts';
import { forgetQos2Subscriptions } from './qos2-persistent-session.ts';
import { installSessionDelivery } from './session-delivery.ts';
import { installProtocolFaults } from './protocol-faults.ts';
import { installConnectFaults } from './connect-faults.ts';
import { installConnectGate } from './connect-gate.ts';
import { installPublishFaults } from './publish-faults.ts';
import { installSubscriptionFaults } from './subscription-faults.ts';
import { installSessionFaults } from './session-faults.ts';
import { installPacketFaults } from './packet-faults.ts';
import type { MemoryMq } from '../mq/memory-mq.ts';
import { ReferenceMq } from './mq-bridge.ts';
import { NativeP2p } from './native-p2p.ts';
import { SubscriptionCounter } from './subscription-counter.ts';
import { deniedPublish, EmptyClientIds, refusedFilter, standardClientIdRefusal } from './standard-policy.ts';
import { parentRefusal, topicRefusal } from './topic-policy.ts';
import { webSocketListener } from './websocket-listener.ts';
import { topicFilterViolation, topicNameViolation } from './topic-syntax.ts';

export interface RunningReferenceBroker {
  /** The first listener's URL (the TLS one when only TLS listens). */
  readonly url: string;
  readonly port: number;
  /** Every MQTT listener's URL: plain first, then TLS (the WebSocket one is `webSocketUrl`). */
  readonly urls: readonly string[];
  /** `ws://host:port` when it serves MQTT over WebSocket (`listen.webSocketPort`). */
  readonly webSocketUrl?: string;
  /** What the broker refused and why (rule IDs, never credentials), for debugging a scenario. */
  readonly refusals: string[];
  /** The broker's own MQ (MQM-1..8): MQTT → MQ messages land here; its endpoint sends MQ → MQTT. */
  readonly mq: MemoryMq;
  close(): Promise<void>;
}

/** CONNACK return codes [MQTT-3.2.2-5 … table 3.1]. */
const IDENTIFIER_REJECTED = 2;
const BAD_USERNAME_OR_PASSWORD = 4;

/** Aedes keeps its registered (online) clients by ID; its typings do not show the map. */
function isOnline(broker: Aedes, clientId: string): boolean {
  return Object.hasOwn((broker as unknown as { clients: Record<string, unknown> }).clients, clientId);
}

function authError(returnCode: number, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

/** Where the broker listens. Default: a free loopback port. */
export interface ReferenceListen {
  readonly host?: string;
  readonly port?: number;
  /** With `options.tls`: TLS on this port and plain TCP on `port`; without it, TLS alone on `port`. */
  readonly tlsPort?: number;
  /** MQTT over WebSocket on this port as well (0: a free one); absent: none. */
  readonly webSocketPort?: number;
}

/**
 * The reference broker: Aedes plus the aliyun rules (or, in standard mode, none of them), each
 * enforced by this package's own code (see README.md for the rules, and for where Aedes itself had to
 * be corrected). Listens on a loopback port by default (TLS when given a key and certificate, SEC-1).
 */
export async function startReferenceBroker(
  options: ReferenceBrokerOptions,
  listen: ReferenceListen = {},
): Promise<RunningReferenceBroker> {
  const refusals: string[] = [];
  const refuse = (what: string) => {
    refusals.push(what);
    if (refusals.length > 500) refusals.shift();
  };
  const permissions = new WeakMap<Client, Permissions>();
  const subscriptions = new SubscriptionCounter(options);
  const has = (fault: string) => options.faults?.some((f) => f === fault) ?? false;
  const standard = options.mode === 'standard';
  const emptyIds = new EmptyClientIds();
  /** Set by the fault wedge-after-long-topic: every SUBSCRIBE from then on is refused. */
  let wedged = false;

  const broker: Aedes = await Aedes.createBroker({
    // Aedes refuses IDs over 23 characters for MQTT 3.1 only; the CID-2 limit is ours to enforce.
    maxClientsIdLength: 65_535,
    preConnect(client, packet, done) {
      emptyIds.note(client, packet);
      done(null, true);
    },
    authenticate(client, username, password, done) {
      const refusal = standard
        ? standardClientIdRefusal(client.id, emptyIds.has(client), client.clean)
        : clientIdRefusal(options, client.id);
      if (refusal) {
        refuse(`CONNECT ${JSON.stringify(client.id)}: ${refusal}`);
        return done(authError(IDENTIFIER_REJECTED, refusal), false);
      }
      // CID-4: refuse a CONNECT that reuses an online ID; the first session stays. Aedes itself always
      // takes over [MQTT-3.1.4-2], so the check must come before its registerClient step.
      if (
        !standard &&
        options.duplicateId === 'refuse' &&
        !has('takeover-duplicate-id') &&
        isOnline(broker, client.id)
      ) {
        refuse(`CONNECT ${JSON.stringify(client.id)}: CID-4: the client ID is online`);
        // Aedes wipes the inbound QoS 2 store of a clean client *by client ID* when it closes, which
        // would hit the online client's state; the refused connection has no state of its own.
        (client as { clean: boolean }).clean = false;
        return done(authError(IDENTIFIER_REJECTED, 'CID-4: the client ID is online'), false);
      }
      if (options.auth) {
        const granted = verifyLogin(options.auth, client.id, username, password, {
          acceptAnySignature: has('accept-any-signature'),
        });
        if (!granted) {
          refuse(`CONNECT ${JSON.stringify(client.id)}: PUB-4: bad credentials`);
          return done(authError(BAD_USERNAME_OR_PASSWORD, 'PUB-4: bad credentials'), false);
        }
        permissions.set(client, granted);
      }
      done(null, true);
    },
    authorizePublish(client, packet, done) {
      // A malformed topic name is a protocol violation: an error closes the connection [MQTT-4.8.0-1].
      const malformed = topicNameViolation(packet.topic);
      if (malformed) {
        refuse(`PUBLISH ${JSON.stringify(packet.topic)}: ${malformed}`);
        return done(new Error(malformed));
      }
      if (client && options.auth && !permissions.get(client)?.has('W'))
        return done(new Error('PUB-4: no write permission'));
      if (standard) {
        if (!deniedPublish(options.denyPublish, packet.topic)) return done(null);
        // ignore-unauthorized-publish: no PUBACK or PUBREC, no close [MQTT-3.3.5-2] (Aedes waits forever).
        if (has('ignore-unauthorized-publish')) return;
        // [MQTT-3.3.5-2]: acknowledged as if accepted; authorizeForward delivers it to nobody.
        refuse(`PUBLISH ${JSON.stringify(packet.topic)}: not authorized by configuration`);
        packet.retain = false;
        return done(null);
      }
      const refusal = topicRefusal(options, packet.topic);
      // TOP-3 and PUB-3 are refused: MQTT 3.1.1 has no negative PUBACK, so the connection is closed
      // (the "client error" of TOP-3). TOP-2 and PUB-1 only discard the message (below).
      if (refusal && refusal.rule !== 'TOP-2') {
        refuse(`PUBLISH ${JSON.stringify(packet.topic)}: ${refusal.rule}: ${refusal.why}`);
        return done(new Error(`${refusal.rule}: ${refusal.why}`));
      }
      // ignore-unauthorized-publish: the refused PUBLISH is neither acknowledged nor answered by a close;
      // Aedes waits for this answer forever [MQTT-3.3.5-2].
      if (refusal && !publishesAnywhere() && has('ignore-unauthorized-publish')) return;
      if ((refusal && !publishesAnywhere()) || isOversized(packet.payload)) {
        refuse(
          `PUBLISH ${JSON.stringify(packet.topic)}: ${refusal ? `TOP-2: ${refusal.why}` : 'PUB-1: payload over the limit'}`,
        );
        packet.retain = false; // a discarded message must not become the retained one either
      }
      done(null);
    },
    // Discarding happens per delivery: Aedes has no "accept but drop" answer for authorizePublish.
    authorizeForward(client, packet) {
      if (standard) return deniedPublish(options.denyPublish, packet.topic) ? null : packet;
      if (isOversized(packet.payload) || publishParentRefusal(packet.topic)) return null;
      // P2P-1: a P2P message reaches its one target through NativeP2p, never through a subscription.
      if (client && !p2p.mayForward(client, packet)) return null;
      return packet;
    },
    authorizeSubscribe(client, subscription, done) {
      // As Aedes does for the malformed filters it catches itself: the error closes the connection.
      const malformed = topicFilterViolation(subscription.topic);
      if (malformed) {
        refuse(`SUBSCRIBE ${JSON.stringify(subscription.topic)}: ${malformed}`);
        return done(new Error(malformed), null);
      }
      if (options.auth && !permissions.get(client)?.has('R')) return done(null, null);
      if (wedged) {
        refuse(`SUBSCRIBE ${JSON.stringify(subscription.topic)}: wedged (fault wedge-after-long-topic)`);
        return done(null, null);
      }
      if (standard) {
        if (!refusedFilter(options.refuseFilters, subscription.topic)) return done(null, subscription);
        refuse(`SUBSCRIBE ${JSON.stringify(subscription.topic)}: refused by configuration`);
        return done(null, null); // SUBACK 0x80 [MQTT-3.9.3-2]
      }
      const refusal =
        topicRefusal(options, subscription.topic) ?? subscriptions.admit(client, subscription.topic);
      if (refusal) {
        refuse(`SUBSCRIBE ${JSON.stringify(subscription.topic)}: ${refusal.rule}: ${refusal.why}`);
        // ROB-1 mutant: a broker that a long topic leaves unable to grant anything again.
        if (refusal.rule === 'TOP-3' && has('wedge-after-long-topic')) wedged = true;
        return done(null, null); // SUBACK 0x80 [MQTT-3.9.3-2]
      }
      done(null, subscription);
    },
  });

  /** TOP-2 for a PUBLISH; the fault `accept-publish-unprovisioned-parent` lets it through (subscriptions stay refused). */
  function publishesAnywhere(): boolean {
    return has('accept-publish-unprovisioned-parent');
  }
  function publishParentRefusal(topic: string) {
    return publishesAnywhere() ? undefined : parentRefusal(options, topic);
  }

  function isOversized(payload: string | Buffer): boolean {
    return !has('accept-large-payload') && Buffer.byteLength(payload) > options.maxPayloadBytes;
  }

  installSessionDelivery(broker, options.faults ?? []);
  installProtocolFaults(broker, options.faults ?? []);
  installConnectFaults(broker, options.faults ?? []);
  installConnectGate(broker, options.faults ?? []);
  installPublishFaults(broker, options.faults ?? []);
  installSubscriptionFaults(broker, options.faults ?? [], options.parentTopics[0]);
  installSessionFaults(broker, options.faults ?? []);
  installPacketFaults(broker, options.faults ?? []);
  const p2p = new NativeP2p(broker, options);
  const { mq } = new ReferenceMq(
    broker,
    options,
    p2p,
    (packet) => standard || (!isOversized(packet.payload) && !publishParentRefusal(packet.topic)),
  );
  broker.on('unsubscribe', (topics, client) => subscriptions.release(client, topics));
  broker.on('clientDisconnect', (client) => {
    subscriptions.forget(client);
    if (!standard && !has('keep-qos2-persistent-session')) void forgetQos2Subscriptions(broker, client);
  });

  const host = listen.host ?? '127.0.0.1';
  const servers: { server: net.Server; scheme: string; port: number }[] = [];
  const tlsOnly = options.tls !== undefined && listen.tlsPort === undefined;
  if (!tlsOnly)
    servers.push({ server: net.createServer(broker.handle), scheme: 'mqtt', port: listen.port ?? 0 });
  if (options.tls) {
    const tlsServer = tls.createServer({ key: options.tls.key, cert: options.tls.cert }, broker.handle);
    servers.push({ server: tlsServer, scheme: 'mqtts', port: listen.tlsPort ?? listen.port ?? 0 });
  }
  const webSocket =
    listen.webSocketPort === undefined ? undefined : webSocketListener(broker.handle, options.faults ?? []);
  if (webSocket) servers.push({ server: webSocket.server, scheme: 'ws', port: listen.webSocketPort ?? 0 });
  const urls: string[] = [];
  const ports: number[] = [];
  let webSocketUrl: string | undefined;
  try {
    for (const { server, scheme, port } of servers) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const address = server.address();
      const boundPort = typeof address === 'object' && address ? address.port : port;
      const url = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${boundPort}`;
      // The WebSocket listener is kept apart: `urls` and `ports` are the MQTT-over-TCP listeners.
      if (server === webSocket?.server) webSocketUrl = url;
      else {
        ports.push(boundPort);
        urls.push(url);
      }
    }
  } catch (error) {
    webSocket?.closeConnections();
    for (const { server } of servers) server.close();
    broker.close(() => undefined);
    throw error;
  }
  return {
    url: urls[0] ?? '',
    port: ports[0] ?? 0,
    urls,
    ...(webSocketUrl === undefined ? {} : { webSocketUrl }),
    refusals,
    mq,
    async close() {
      const closed = servers.map(
        ({ server }) => new Promise<void>((resolve) => server.close(() => resolve())),
      );
      // Open client sockets keep server.close() waiting; the broker closes them.
      broker.close(() => undefined);
      webSocket?.closeConnections();
      await Promise.all(closed);
    },
  };
}
