import type { Aedes, Client } from 'aedes';
import type { Fault } from './faults.ts';

/**
 * The faults (mutants) of the MQTT 3.1.1 QoS and CONNACK judgements, hooked onto Aedes from outside so
 * the correct broker's code is untouched. Each proves a corrected judgement (issue 11): the lawful
 * downgrade `grant-qos1-for-qos2` must leave every check clean; the others must be caught by their rule
 * and only by it.
 */
export function installProtocolFaults(broker: Aedes, faults: readonly Fault[]): void {
  const has = (fault: Fault) => faults.includes(fault);

  if (!has('puback-for-qos2') && !has('never-session-present') && !has('grant-qos1-for-qos2')) return;
  const preConnect = broker.preConnect.bind(broker);
  broker.preConnect = (client, packet, done) => {
    // Listeners run in order, so one put first rewrites each packet before Aedes handles it.
    // puback-for-qos2: a QoS 2 PUBLISH is handled as QoS 1 — answered with PUBACK, breaking Table 3.4
    // [MQTT-3.3.4-1] (what RabbitMQ does).
    if (has('puback-for-qos2')) parserOf(client).prependListener('packet', downgradeQos2Publish);
    // grant-qos1-for-qos2: a QoS 2 subscription is granted (and served) at QoS 1, which a server MAY
    // do [MQTT-3.9.3] (RabbitMQ, NATS). Aedes takes the SUBACK code from the request, so the request
    // is lowered before it sees it.
    if (has('grant-qos1-for-qos2')) parserOf(client).prependListener('packet', grantQos1ForQos2);
    // never-session-present: CONNACK always says no session, breaking [MQTT-3.2.2-2] (the session
    // itself is resumed, so [MQTT-3.1.2-4] still holds).
    if (has('never-session-present')) clearSessionPresent(client);
    preConnect(client, packet, done);
  };
}

function downgradeQos2Publish(packet: { cmd?: string; qos?: number }): void {
  if (packet.cmd === 'publish' && packet.qos === 2) packet.qos = 1;
}

function grantQos1ForQos2(packet: { cmd?: string; subscriptions?: { qos: number }[] }): void {
  if (packet.cmd !== 'subscribe') return;
  for (const subscription of packet.subscriptions ?? []) if (subscription.qos === 2) subscription.qos = 1;
}

function parserOf(client: Client): NodeJS.EventEmitter {
  return (client as unknown as { _parser: NodeJS.EventEmitter })._parser;
}

/**
 * mqtt-packet writes a CONNACK as header (0x20), remaining length, flags, return code, one write each:
 * the flags write after the header becomes 0 (session present cleared), then the stream is left alone.
 */
function clearSessionPresent(client: Client): void {
  const conn = client.conn as unknown as { write: (chunk: unknown, ...rest: unknown[]) => boolean };
  const write = conn.write.bind(conn);
  let afterHeader = -1;
  conn.write = (chunk: unknown, ...rest: unknown[]) => {
    if (afterHeader < 0 && Buffer.isBuffer(chunk) && chunk.length === 1 && chunk[0] === 0x20) afterHeader = 0;
    else if (afterHeader >= 0 && ++afterHeader === 2) {
      conn.write = write;
      return write(Buffer.from([0]), ...rest);
    }
    return write(chunk, ...rest);
  };
}
