import { isUtf8 } from 'node:buffer';
import mqttPacket, { type IConnackPacket, type IPublishPacket, type Packet } from 'mqtt-packet';
import type { ScenarioNamespace } from '../client/namespace.ts';
import { encodeConnect } from '../connection/encode-connect.ts';
import { MQTT_SUBPROTOCOL } from '../connection/transport.ts';
import { chooseLogin } from '../connection/login.ts';
import { expectationFailed, preconditionFailed } from '../expectation.ts';
import { WebSocketProbe, type Handshake } from '../probe/websocket-probe.ts';
import type { Stage, StageEvidence } from './stage.ts';

/** Packet ID of the scenario's SUBSCRIBE (one per connection). */
const SUBSCRIBE_ID = 1;
/** Packet ID of the QoS 1 PUBLISH sent one frame per byte. */
const PUBLISH_ID = 2;
const PAYLOAD = 'split over frames';

/**
 * MQTT over WebSocket (features/conformance/mqtt-3.1.1/websocket.feature, chapter 6): the opening
 * handshake's subprotocol [MQTT-6.0.0-4], a packet in a text frame [MQTT-6.0.0-1], packets that do not
 * line up with frames [MQTT-6.0.0-2]. Its actors are WebSocketProbes on the target's WebSocket
 * endpoint; the @needs-websocket tag makes a scenario not applicable where the target has none.
 */
export class WebSocketStage implements Stage {
  readonly #probes = new Map<string, WebSocketProbe>();
  readonly #handshakes = new Map<string, Handshake>();
  readonly #lines: string[] = [];

  constructor(
    readonly endpoint: string,
    readonly namespace: ScenarioNamespace,
    readonly rules: readonly string[],
    /** How long to wait for an answer the broker must send. */
    readonly timeoutMs = 5_000,
    /** How long a broker may take to close a connection it must close (as for malformed packets). */
    readonly closeWithinMs = 2_000,
  ) {}

  private get rule(): string {
    return this.rules.join(' ') || 'no rule tag';
  }

  /** The handshake alone, offering "mqtt": what [MQTT-6.0.0-4] judges. */
  async offerMqtt(actor: string): Promise<void> {
    const opened = await WebSocketProbe.open(this.endpoint, [MQTT_SUBPROTOCOL], this.timeoutMs);
    this.#handshakes.set(actor, opened.handshake);
    if (opened.probe) this.#keep(actor, opened.probe);
  }

  expectMqttSelected(actor: string): string {
    const handshake = this.#handshakes.get(actor);
    if (!handshake) throw new Error(`"${actor}" opened no WebSocket (scenario defect)`);
    const said = describeHandshake(handshake);
    if (handshake.status !== 101)
      throw preconditionFailed(`the server refused the WebSocket handshake (${said})`, this.rule);
    if (handshake.selected === MQTT_SUBPROTOCOL) return `the server ${said}`;
    throw expectationFailed(
      `[${this.rule}] offered the subprotocol "mqtt", the server ${said}; it must select and return "mqtt"`,
    );
  }

  /**
   * An open WebSocket for the framing checks: offering "mqtt", and without it when the server returns
   * no subprotocol (that is [MQTT-6.0.0-4]'s to judge, not these checks').
   */
  async open(actor: string): Promise<WebSocketProbe> {
    let opened = await WebSocketProbe.open(this.endpoint, [MQTT_SUBPROTOCOL], this.timeoutMs);
    if (opened.abandoned) {
      this.#lines.push(`${actor}: ${opened.abandoned}; opened again offering no subprotocol`);
      opened = await WebSocketProbe.open(this.endpoint, [], this.timeoutMs);
    }
    if (!opened.probe)
      throw preconditionFailed(
        `no WebSocket connection: the server ${describeHandshake(opened.handshake)}`,
        this.rule,
      );
    this.#keep(actor, opened.probe);
    return opened.probe;
  }

  /** The actor's CONNECT (its scenario client ID, the run's login), encoded as one packet. */
  connectBytes(actor: string): Buffer {
    const clientId = this.namespace.clientId(actor);
    return encodeConnect({ clientId, ...chooseLogin(this.endpoint, clientId) });
  }

  /**
   * The actor's CONNECT in a text frame. Its bytes must be valid UTF-8: otherwise any WebSocket stack
   * closes the connection with 1007 (invalid payload) whatever it does with text frames, and the check
   * would prove nothing. Not valid UTF-8 even in the form below: inconclusive, with the reason.
   */
  async sendConnectAsText(actor: string): Promise<void> {
    const clientId = this.namespace.clientId(actor);
    const login = chooseLogin(this.endpoint, clientId);
    const plain = encodeConnect({ clientId, ...login });
    // With a user name and a password the flags byte is 0xC2, a UTF-8 lead byte; a keep-alive of
    // 0x8000 s (≈ 9 h) makes its first byte 0x80, and the two one valid character (U+0080).
    // isUtf8: the check a WebSocket receiver makes of a text frame's payload (RFC 6455 8.1).
    const bytes = [plain, encodeConnect({ clientId, ...login, keepalive: 0x8000 })].find((b) => isUtf8(b));
    if (!bytes)
      throw preconditionFailed(
        `the CONNECT of "${actor}" (${plain.length} bytes${login.username === undefined ? '' : ", with the run's login"}) ` +
          'is not valid UTF-8 (a CONNECT of 130 bytes or more, a user name without a password, or a password that is ' +
          'not UTF-8), so any WebSocket stack would close a text frame holding it with 1007 whatever it does with text frames',
        this.rule,
      );
    if (bytes !== plain)
      this.#lines.push(`${actor}: CONNECT with keep-alive ${0x8000} s, so that its bytes are valid UTF-8`);
    (await this.open(actor)).sendText(bytes);
  }

  /** The actor's CONNECT cut into `parts` binary frames of (nearly) equal size. */
  async sendConnectSplit(actor: string, parts: number): Promise<void> {
    (await this.open(actor)).sendBinary(...split(this.connectBytes(actor), parts));
  }

  async sendConnectAndPingInOneFrame(actor: string): Promise<void> {
    const ping = mqttPacket.generate({ cmd: 'pingreq' });
    (await this.open(actor)).sendBinary(Buffer.concat([this.connectBytes(actor), ping]));
  }

  /** Connected over WebSocket, each packet in a frame of its own; a refusal leaves the check inconclusive. */
  async connect(actor: string): Promise<void> {
    (await this.open(actor)).sendBinary(this.connectBytes(actor));
    await this.#accepted(actor, 'the CONNECT (one whole packet in one binary frame)');
  }

  /** Subscribes `actor` to the scenario's topic at QoS 0, in one frame; not granted: inconclusive. */
  async subscribe(actor: string): Promise<void> {
    const probe = this.#probe(actor);
    const topic = this.namespace.topic('ws');
    probe.sendBinary(
      mqttPacket.generate({ cmd: 'subscribe', messageId: SUBSCRIBE_ID, subscriptions: [{ topic, qos: 0 }] }),
    );
    const suback = await probe.waitForPacket('suback', this.timeoutMs);
    const granted = typeof suback === 'object' && suback.cmd === 'suback' ? suback.granted[0] : undefined;
    if (granted === 0) return;
    const what = typeof suback === 'string' ? `no SUBACK (${suback})` : `SUBACK ${String(granted)}`;
    throw preconditionFailed(`"${actor}" could not subscribe to ${topic}: ${what}`, this.rule);
  }

  /**
   * A QoS 1 PUBLISH to the scenario's topic, one binary frame per byte: its PUBACK shows the broker
   * put the packet together (a lost QoS 0 message would show nothing, and losing one is allowed).
   */
  publishByteByByte(actor: string): void {
    const topic = this.namespace.topic('ws');
    const bytes = mqttPacket.generate({
      cmd: 'publish',
      topic,
      payload: PAYLOAD,
      qos: 1,
      messageId: PUBLISH_ID,
      dup: false,
      retain: false,
    });
    this.#probe(actor).sendBinary(...split(bytes, bytes.length));
  }

  /** The broker closes the connection within `closeWithinMs`; what it sent before is recorded. */
  async expectClosed(actor: string): Promise<string> {
    const probe = this.#probe(actor);
    const closed = await probe.waitClosed(this.closeWithinMs);
    const before = describeReceived(probe);
    if (closed)
      return `the broker closed the connection of "${actor}" with close code ${probe.closeCode} (before that it sent ${before})`;
    throw expectationFailed(
      `[${this.rule}] the connection of "${actor}" was still open ${this.closeWithinMs} ms after a CONNECT in a ` +
        `text frame (the broker sent ${before}); MQTT travels in binary frames and the receiver of a text frame must close the connection`,
    );
  }

  /** Some CONNACK came: the CONNECT was read whole across the frames. */
  async expectConnack(actor: string, what: string): Promise<string> {
    const connack = await this.#connack(actor, what);
    return `"${actor}" got CONNACK ${connack.returnCode ?? 0} to ${what}`;
  }

  /** CONNACK 0, then a PINGRESP: both packets of the one frame were read. */
  async expectConnackAndPingresp(actor: string): Promise<string> {
    const what = 'a CONNECT and a PINGREQ in one binary frame';
    await this.#accepted(actor, what);
    const pingresp = await this.#probe(actor).waitForPacket('pingresp', this.timeoutMs);
    if (typeof pingresp === 'object') return `"${actor}" got CONNACK 0 and PINGRESP to ${what}`;
    throw expectationFailed(
      `[${this.rule}] ${what} got CONNACK 0 but no PINGRESP (${pingresp === 'closed' ? 'the connection was closed' : `none within ${this.timeoutMs} ms`}); ` +
        'the receiver must read every packet of a frame',
    );
  }

  /** The PUBACK to the PUBLISH sent one frame per byte: the broker read the packet across the frames. */
  async expectPuback(sender: string): Promise<string> {
    const probe = this.#probe(sender);
    const puback = await probe.wait(
      () =>
        probe.received.find((p) => p.cmd === 'puback' && p.messageId === PUBLISH_ID) ??
        (probe.closed ? 'closed' : undefined),
      this.timeoutMs,
    );
    if (typeof puback === 'object')
      return `"${sender}" got PUBACK ${PUBLISH_ID} to its QoS 1 PUBLISH sent one binary frame per byte`;
    throw expectationFailed(
      `[${this.rule}] a QoS 1 PUBLISH of "${sender}" sent one binary frame per byte got no PUBACK ` +
        `(${puback === 'closed' ? 'the broker closed the connection' : `none within ${this.timeoutMs} ms, the connection still open`}); ` +
        'the receiver must read a packet whatever the frames it came in',
    );
  }

  /** Whether the message reached `listener` (subscribed at QoS 0, so it may be lost): recorded, never judged. */
  async recordDelivery(sender: string, listener: string): Promise<string> {
    const probe = this.#probe(listener);
    const topic = this.namespace.topic('ws');
    const arrived = await probe.wait(
      () =>
        probe.received.find(
          (p): p is IPublishPacket =>
            p.cmd === 'publish' && p.topic === topic && String(p.payload) === PAYLOAD,
        ) ?? (probe.closed ? 'closed' : undefined),
      this.timeoutMs,
    );
    if (typeof arrived === 'object') return `the message of "${sender}" reached "${listener}"`;
    const why =
      arrived === 'closed' ? "the listener's connection was closed" : `not within ${this.timeoutMs} ms`;
    return `the message of "${sender}" did not reach "${listener}" (${why}); a QoS 0 delivery may be lost, not judged`;
  }

  evidence(): StageEvidence {
    const frames = Object.fromEntries([...this.#probes].map(([actor, probe]) => [actor, probe.transcript]));
    const handshakes = Object.fromEntries(this.#handshakes);
    return {
      attachments:
        this.#probes.size > 0
          ? [{ fileName: 'websocket-transcript.json', body: { handshakes, frames } }]
          : [],
      lines: this.#lines,
    };
  }

  async close(): Promise<void> {
    for (const probe of this.#probes.values()) probe.close();
  }

  /** The actor's connection from now on; one it had before is closed, not left open behind it. */
  #keep(actor: string, probe: WebSocketProbe): void {
    this.#probes.get(actor)?.close();
    this.#probes.set(actor, probe);
  }

  #probe(actor: string): WebSocketProbe {
    const probe = this.#probes.get(actor);
    if (!probe) throw new Error(`"${actor}" has no WebSocket connection (scenario defect)`);
    return probe;
  }

  async #connack(actor: string, what: string): Promise<IConnackPacket> {
    const connack = await this.#probe(actor).waitForPacket('connack', this.timeoutMs);
    if (typeof connack === 'object' && connack.cmd === 'connack') return connack;
    throw expectationFailed(
      `[${this.rule}] ${what} got no CONNACK (${connack === 'closed' ? 'the broker closed the connection' : `none within ${this.timeoutMs} ms`}); ` +
        'the receiver must read a packet whatever the frames it came in',
    );
  }

  /** CONNACK 0; another return code means the broker read the CONNECT but refused it: inconclusive. */
  async #accepted(actor: string, what: string): Promise<void> {
    const connack = await this.#connack(actor, what);
    if ((connack.returnCode ?? 0) !== 0)
      throw preconditionFailed(`the broker refused ${what} with CONNACK ${connack.returnCode}`, this.rule);
  }
}

/** `bytes` cut into `parts` consecutive pieces, none empty. */
export function split(bytes: Buffer, parts: number): Buffer[] {
  const count = Math.max(1, Math.min(parts, bytes.length));
  const size = Math.ceil(bytes.length / count);
  const pieces: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) pieces.push(bytes.subarray(start, start + size));
  return pieces;
}

function describeHandshake({ status, selected }: Handshake): string {
  const protocol = selected === undefined ? 'no subprotocol' : `the subprotocol ${JSON.stringify(selected)}`;
  return status === 101
    ? `completed the handshake with ${protocol}`
    : `answered HTTP ${status} (${protocol})`;
}

function describeReceived(probe: WebSocketProbe): string {
  const packets = probe.received.map(describePacket);
  if (probe.textFramesReceived > 0) packets.push(`${probe.textFramesReceived} text frame(s)`);
  return packets.length > 0 ? packets.join(', ') : 'nothing';
}

function describePacket(packet: Packet): string {
  return packet.cmd === 'connack' ? `CONNACK ${packet.returnCode ?? 0}` : packet.cmd.toUpperCase();
}
