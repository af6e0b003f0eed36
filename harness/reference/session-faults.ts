import type { Aedes, Client } from 'aedes';
import type { Fault } from './faults.ts';

interface PublishPacket {
  topic: string;
  payload: Buffer | string;
  qos: number;
  retain: boolean;
}
type Deliver = (packet: PublishPacket, done: () => void) => void;
interface ClientInternals {
  deliver0: Deliver;
  deliverQoS: Deliver;
  clean: boolean;
  _disconnected: boolean;
}
interface PersistenceInternals {
  storeRetained(packet: PublishPacket & { cmd: 'publish' }): Promise<unknown>;
}

/**
 * The faults (mutants) of the session statements (issue 12), hooked onto Aedes from outside like
 * protocol-faults.ts: whose session a CONNECT gets [MQTT-3.1.3-2], resumed or started [MQTT-3.1.4-3],
 * how long its state lasts [MQTT-4.1.0-1, MQTT-4.1.0-2], and retained messages outliving the session
 * of their publisher [MQTT-3.1.2-7]. Each breaks its statement and no other the scenarios judge.
 */
export function installSessionFaults(broker: Aedes, faults: readonly Fault[]): void {
  const has = (fault: Fault) => faults.includes(fault);
  /** Client IDs whose last connection ended without DISCONNECT (fresh-session-after-socket-death). */
  const died = new Set<string>();
  /** Persistent CONNECTs per client ID (forget-session-on-second-resume). */
  const persistentConnects = new Map<string, number>();
  /** The client ID that published each topic's retained message (retained-dies-with-session). */
  const retainedBy = new Map<string, string>();

  const preConnect = broker.preConnect.bind(broker);
  broker.preConnect = (client, packet, done) => {
    // case-insensitive-session-ids: sessions are looked up by the device part of the client ID
    // lower-cased, so "DEVICE" resumes the session of "device" [MQTT-3.1.3-2].
    if (has('case-insensitive-session-ids') && packet.clientId)
      packet.clientId = packet.clientId.replace(/[^@]*$/, (device) => device.toLowerCase());
    const id = packet.clientId ?? '';
    // fresh-session-after-socket-death: a persistent client whose socket died gets a new session, as if
    // it had asked for a clean one (kept only after a DISCONNECT) [MQTT-3.1.4-3].
    if (has('fresh-session-after-socket-death') && !packet.clean && died.has(id)) packet.clean = true;
    // forget-session-on-second-resume: the session comes back once; the second resume starts afresh,
    // as if the resumed session had not been stored again [MQTT-4.1.0-1].
    if (has('forget-session-on-second-resume') && !packet.clean) {
      const connects = (persistentConnects.get(id) ?? 0) + 1;
      persistentConnects.set(id, connects);
      if (connects === 3) packet.clean = true;
    }
    // expire-connected-session: a session expires 1 s after its connection opened, though the connection
    // stays open: nothing is delivered on its subscriptions from then on [MQTT-4.1.0-2].
    if (has('expire-connected-session')) expireAfter(client, 1_000);
    preConnect(client, packet, done);
  };

  if (has('fresh-session-after-socket-death'))
    broker.on('clientDisconnect', (client: Client) => {
      if ((client as unknown as ClientInternals)._disconnected) died.delete(client.id);
      else died.add(client.id);
    });

  // retained-dies-with-session: the retained messages a cleanSession=1 client published are cleared when
  // its session ends, as if they were session state [MQTT-3.1.2-7].
  if (has('retained-dies-with-session')) {
    const persistence = (broker as unknown as { persistence: PersistenceInternals }).persistence;
    broker.on('publish', (packet: PublishPacket, client: Client | null) => {
      if (!client || !packet.retain) return;
      if (Buffer.byteLength(packet.payload) > 0) retainedBy.set(packet.topic, client.id);
      else retainedBy.delete(packet.topic);
    });
    broker.on('clientDisconnect', (client: Client) => {
      if (!(client as unknown as ClientInternals).clean) return;
      for (const [topic, owner] of retainedBy) {
        if (owner !== client.id) continue;
        retainedBy.delete(topic);
        void persistence.storeRetained({
          cmd: 'publish',
          topic,
          payload: Buffer.alloc(0),
          qos: 0,
          retain: true,
        });
      }
    });
  }
}

/** Nothing is delivered to `client` once `ms` have passed since it connected. */
function expireAfter(client: Client, ms: number): void {
  const internals = client as unknown as ClientInternals;
  const since = Date.now();
  for (const key of ['deliver0', 'deliverQoS'] as const) {
    const deliver = internals[key].bind(client);
    internals[key] = (packet, done) => (Date.now() - since > ms ? done() : deliver(packet, done));
  }
}
