import { Readable } from 'node:stream';
import type { Aedes, Client } from 'aedes';
import mqttPacket from 'mqtt-packet';
import type { Fault } from './faults.ts';

/** The part of Aedes' persistence this file wraps (aedes-persistence's async API). */
interface OutgoingPersistence {
  outgoingStream(client: { id: string }): Readable;
  outgoingUpdate(client: Client, packet: { cmd: string; messageId?: number; qos?: number }): Promise<unknown>;
  outgoingClearMessageId(client: Client, packet: { messageId?: number }): Promise<unknown>;
  outgoingEnqueueCombi(subs: { clientId: string; qos: number }[], packet: { qos: number }): Promise<unknown>;
}

type PreConnect = (
  client: Client,
  packet: { clean: boolean },
  done: (error: Error | null, ok: boolean) => void,
) => void;

interface AedesInternals {
  persistence: OutgoingPersistence;
  clients: Record<string, unknown>;
  preConnect: PreConnect;
}

interface ClientInternals {
  deliver0: (
    packet: { qos: number; topic: string; payload: Buffer; retain: boolean },
    done: () => void,
  ) => void;
  conn: NodeJS.WritableStream;
  _nextId: number;
}

/**
 * QoS delivery in the reference broker: one correction of Aedes, and the QCS faults (mutants).
 *
 * Corrections: Aedes queues offline messages at their published QoS, and re-sends an unacknowledged PUBLISH after a reconnect with DUP=0 and at the QoS
 * it was *published* with (it stores the packet as enqueued, before the downgrade to the granted QoS).
 * [MQTT-3.3.1-1] requires DUP=1 on a re-delivery and [MQTT-3.8.4-6] the granted QoS as the cap, so a
 * stored PUBLISH that already has a packet ID (it was sent before) goes out again with DUP=1 and the
 * QoS it was first sent at [MQTT-4.4.0-1].
 */
export function installSessionDelivery(broker: Aedes, faults: readonly Fault[]): void {
  const internals = broker as unknown as AedesInternals;
  const persistence = internals.persistence;
  const has = (fault: Fault) => faults.includes(fault);

  // The QoS each in-flight PUBLISH went out at, by client and packet ID, until it is acknowledged.
  const sentQos = new Map<string, number>();
  const key = (client: { id: string }, messageId: number | undefined) => `${client.id}\u0000${messageId}`;
  const outgoingUpdate = persistence.outgoingUpdate.bind(persistence);
  persistence.outgoingUpdate = (client, packet) => {
    if (packet.cmd === 'publish' && packet.qos !== undefined && !sentQos.has(key(client, packet.messageId)))
      sentQos.set(key(client, packet.messageId), packet.qos);
    return outgoingUpdate(client, packet);
  };
  const outgoingClear = persistence.outgoingClearMessageId.bind(persistence);
  persistence.outgoingClearMessageId = (client, packet) => {
    sentQos.delete(key(client, packet.messageId));
    return outgoingClear(client, packet);
  };
  const outgoingStream = persistence.outgoingStream.bind(persistence);
  persistence.outgoingStream = (client) =>
    Readable.from(
      (async function* () {
        for await (const packet of outgoingStream(client) as AsyncIterable<{
          cmd?: string;
          messageId?: number;
          qos?: number;
        }>) {
          const resend = (packet.cmd ?? 'publish') === 'publish' && packet.messageId !== undefined;
          const qos = sentQos.get(key(client, packet.messageId)) ?? packet.qos;
          yield resend ? { ...packet, dup: true, qos } : packet;
        }
      })(),
    );

  // Correction: a message queued for an offline session is stored at its published QoS and later sent
  // at it; the granted QoS caps it [MQTT-3.8.4-6], so each subscriber's copy is queued at the minimum.
  const enqueueCombi = persistence.outgoingEnqueueCombi.bind(persistence);
  persistence.outgoingEnqueueCombi = async (subs, packet) => {
    const byQos = new Map<number, typeof subs>();
    for (const sub of subs) {
      const qos = Math.min(sub.qos, packet.qos);
      byQos.set(qos, [...(byQos.get(qos) ?? []), sub]);
    }
    await Promise.all(
      [...byQos].map(([qos, group]) =>
        enqueueCombi(
          group,
          qos === packet.qos
            ? packet
            : Object.assign(Object.create(Object.getPrototypeOf(packet) as object) as typeof packet, packet, {
                qos,
              }),
        ),
      ),
    );
  };

  // Fault: messages for offline persistent sessions are dropped instead of queued (QCS-2, QCS-6).
  if (has('drop-offline-qos1')) {
    const enqueue = persistence.outgoingEnqueueCombi.bind(persistence);
    persistence.outgoingEnqueueCombi = (subs, packet) =>
      enqueue(
        subs.filter((sub) => !(Math.min(sub.qos, packet.qos) === 1 && !internals.clients[sub.clientId])),
        packet,
      );
  }

  // Fault: QoS 2 messages for offline persistent sessions are dropped; QoS 1 ones are kept [MQTT-3.1.2-5].
  if (has('drop-offline-qos2')) {
    const enqueue = persistence.outgoingEnqueueCombi.bind(persistence);
    persistence.outgoingEnqueueCombi = (subs, packet) =>
      enqueue(
        subs.filter((sub) => !(Math.min(sub.qos, packet.qos) === 2 && !internals.clients[sub.clientId])),
        packet,
      );
  }

  // Fault: after PUBREC the stored PUBLISH is kept instead of being replaced by PUBREL, so a reconnect
  // sends the PUBLISH again although the client released it: delivered twice (QCS-1, [MQTT-4.3.3-1]).
  if (has('deliver-qos2-twice')) {
    const update = persistence.outgoingUpdate.bind(persistence);
    persistence.outgoingUpdate = (client, packet) =>
      packet.cmd === 'pubrel' ? Promise.resolve() : update(client, packet);
  }

  const preConnect = internals.preConnect.bind(broker);
  internals.preConnect = (client, packet, done) => {
    // Fault: a clean session is kept like a persistent one, offline messages included (QCS-2).
    if (has('keep-offline-for-clean')) packet.clean = false;
    if (has('ignore-granted-qos')) ignoreGrantedQos(client);
    preConnect(client, packet, done);
  };
}

/**
 * Fault: a QoS 0 subscription gets QoS 1 and 2 messages at their published QoS, as if the granted QoS
 * did not cap delivery [MQTT-3.8.4-6]. The PUBLISH goes straight to the socket with a fresh packet ID.
 */
function ignoreGrantedQos(client: Client): void {
  const internals = client as unknown as ClientInternals;
  const deliver0 = internals.deliver0.bind(client);
  internals.deliver0 = (packet, done) => {
    if (packet.qos === 0) return deliver0(packet, done);
    const messageId = internals._nextId;
    internals._nextId = (internals._nextId % 65_535) + 1;
    mqttPacket.writeToStream(
      {
        cmd: 'publish',
        topic: packet.topic,
        payload: packet.payload,
        qos: packet.qos as 1 | 2,
        retain: packet.retain,
        dup: false,
        messageId,
      },
      internals.conn,
    );
    setImmediate(done);
  };
}
