import type { IConnectPacket, IPublishPacket, Packet } from 'mqtt-packet';
import { InfrastructureError } from '../errors.ts';
import { redactUrl } from '../net/redact-url.ts';
import { connackOutcome, type ConnectOutcome } from './connect-outcome.ts';
import { loginRefusal } from './connect-verdict.ts';
import { keepAliveClock, type Ticking } from './keepalive-clock.ts';
import { chooseLogin } from './login.ts';
import { PacketConnection, type PacketListener } from './packet-connection.ts';
import { SUBACK_FAILURE, type QoS } from './qos.ts';

/** Receives what arrives on a session; one object per device (no closure per message). */
export interface SessionListener {
  onMessage(topic: string, payload: Buffer, qos: QoS, dup: boolean): void;
}

export interface DeviceSessionOptions {
  readonly keepaliveSeconds?: number;
  readonly connectTimeoutMs?: number;
  /** Published by the broker when the connection ends without DISCONNECT [MQTT-3.1.2-8]. */
  readonly will?: { topic: string; payload: string | Buffer; qos?: QoS; retain?: boolean };
}

/** A CONNECT waiting for its CONNACK. */
interface Connecting {
  readonly resolve: (outcome: ConnectOutcome) => void;
  readonly reject: (error: Error) => void;
  readonly started: number;
  readonly deadline: number;
}

/** A PUBLISH (QoS 1 / 2) or SUBSCRIBE waiting for its PUBACK / PUBCOMP / SUBACK. */
interface Pending {
  readonly resolve: (granted: number) => void;
  readonly reject: (error: Error) => void;
}

const NO_OPTIONS: DeviceSessionOptions = {};

/**
 * The lean MQTT 3.1.1 connection a simulated device (or a service talking MQTT directly) owns, on
 * mqtt-packet over the harness's one transport (PacketConnection): a fleet holds tens of thousands, so
 * per device it keeps the socket and parser, a few numbers, and maps of in-flight packet IDs made only
 * while something is in flight. Keep-alive and connect deadlines run on one shared clock
 * (keepalive-clock.ts), not a timer per device. It keeps no packet records (devices record messages in
 * their own compact form) and never reconnects by itself: the device decides. Nothing here
 * de-duplicates or checks timeliness: that is the device's job (RTC-6, ESL-3). Inbound QoS 2 is
 * handed over on PUBREL (method B of [MQTT-4.3.3-2]), as MQTT.js does.
 */
export class DeviceSession implements PacketListener, Ticking {
  readonly #connection: PacketConnection;
  #accepted = false;
  #connecting: Connecting | undefined;
  #pending: Map<number, Pending> | undefined;
  /** QoS 2 PUBLISHes received and PUBREC'd, handed over on their PUBREL. */
  #released: Map<number, IPublishPacket> | undefined;
  #lastSent = 0;
  /** When the unanswered PINGREQ went out; 0 when none is outstanding. */
  #pingSent = 0;

  constructor(
    readonly url: string,
    readonly clientId: string,
    /** Fixed for the life of the session object: a device never flips it (QCS-3). */
    readonly clean: boolean,
    private readonly listener: SessionListener,
    private readonly options: DeviceSessionOptions = NO_OPTIONS,
  ) {
    this.#connection = new PacketConnection(url, options.connectTimeoutMs ?? 5_000, this);
  }

  get connected(): boolean {
    return this.#accepted && this.#connection.isOpen;
  }

  /**
   * Connects with the fixed cleanSession flag; resolves with the CONNACK (its session-present flag),
   * rejects when the broker refuses or cannot be reached: a device cannot work without its connection.
   */
  async connect(): Promise<ConnectOutcome> {
    await this.close();
    const started = Date.now();
    await this.#connection.open(); // an unreachable broker: InfrastructureError "cannot reach …"
    const answered = new Promise<ConnectOutcome>((resolve, reject) => {
      this.#connecting = { resolve, reject, started, deadline: started + this.#connection.timeoutMs };
    });
    keepAliveClock.add(this);
    this.#send(this.#connectPacket());
    return answered;
  }

  /** Returns the granted QoS, or SUBACK_FAILURE when the broker refused the filter. */
  async subscribe(filter: string, qos: QoS): Promise<number> {
    this.#live();
    const messageId = this.#connection.nextPacketId();
    const granted = this.#awaitAck(messageId);
    this.#send({ cmd: 'subscribe', messageId, subscriptions: [{ topic: filter, qos }] });
    return granted;
  }

  /** Subscribes and insists on a grant: a device or service cannot work without its subscriptions. */
  async subscribeOrFail(filter: string, qos: QoS): Promise<void> {
    const granted = await this.subscribe(filter, qos);
    if (granted === SUBACK_FAILURE) {
      throw new Error(
        `the broker refused "${this.clientId}" the subscription "${filter}"; check that its parent topic is provisioned`,
      );
    }
  }

  /** Resolves when the QoS flow completes (PUBACK / PUBCOMP; for QoS 0 once the socket takes it). */
  async publish(topic: string, payload: string | Buffer, qos: QoS): Promise<void> {
    this.#live();
    if (qos === 0) {
      if (!this.#send({ cmd: 'publish', topic, payload, qos, retain: false, dup: false })) {
        await this.#connection.drained();
      }
      return;
    }
    const messageId = this.#connection.nextPacketId();
    const done = this.#awaitAck(messageId);
    this.#send({ cmd: 'publish', topic, payload, qos, messageId, retain: false, dup: false });
    await done;
  }

  /** Sends DISCONNECT and closes the socket (the will is discarded [MQTT-3.1.2-10]). */
  async disconnect(): Promise<void> {
    if (this.connected) {
      this.#send({ cmd: 'disconnect' });
      this.#accepted = false;
      this.#connection.end();
      const closed = await this.#connection.wait(() => (this.#connection.isOpen ? undefined : true));
      if (closed === 'timeout') this.#connection.destroy();
    }
    await this.close();
  }

  /** The socket dies without DISCONNECT, as when an app is killed or the network drops. */
  async kill(): Promise<void> {
    await this.close();
  }

  /** Closes whatever is open, without caring how: for cleanup. */
  async close(): Promise<void> {
    this.#connection.destroy();
    this.#ended(`"${this.clientId}" closed its connection`);
  }

  /** PacketListener: one switch for every packet of every connection of this session. */
  packetArrived(packet: Packet): void {
    switch (packet.cmd) {
      case 'connack':
        return this.#connacked(packet.returnCode ?? 0, packet.sessionPresent);
      case 'publish':
        return this.#received(packet);
      case 'puback':
      case 'pubcomp':
        return this.#acked(packet.messageId, 0);
      case 'pubrec':
        this.#send({ cmd: 'pubrel', messageId: packet.messageId ?? 0 });
        return;
      case 'pubrel':
        return this.#releasedPublish(packet.messageId ?? 0);
      case 'suback': {
        const granted = packet.granted[0];
        return this.#acked(packet.messageId, typeof granted === 'number' ? granted : SUBACK_FAILURE);
      }
      case 'pingresp':
        this.#pingSent = 0;
        return;
      default:
        return;
    }
  }

  /** PacketListener: the broker (or the network) closed the socket. */
  connectionClosed(): void {
    this.#ended(`"${this.clientId}" could not connect to ${redactUrl(this.url)}: connection closed`);
  }

  /** Ticking: the connect deadline, and a PINGREQ when nothing was sent for a keep-alive period. */
  tick(now: number): void {
    if (this.#connecting && now > this.#connecting.deadline) {
      this.#connection.destroy();
      const ms = this.#connection.timeoutMs;
      this.#ended(`"${this.clientId}" got no CONNACK from ${redactUrl(this.url)} within ${ms} ms`);
      return;
    }
    const keepaliveMs = (this.options.keepaliveSeconds ?? 60) * 1_000;
    if (!this.connected || keepaliveMs === 0) return;
    if (this.#pingSent > 0 && now - this.#pingSent > keepaliveMs) {
      this.#connection.destroy(); // the broker stopped answering: the connection is dead
      this.#ended(`"${this.clientId}" got no PINGRESP from ${redactUrl(this.url)}`);
    } else if (this.#pingSent === 0 && now - this.#lastSent >= keepaliveMs - 1_000) {
      this.#send({ cmd: 'pingreq' });
      this.#pingSent = now;
    }
  }

  #connectPacket(): IConnectPacket {
    const { will } = this.options;
    return {
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 4,
      clientId: this.clientId,
      clean: this.clean,
      keepalive: this.options.keepaliveSeconds ?? 60,
      // PUB-4: the run's credentials when its profile config names them, else the URL's (login.ts)
      ...chooseLogin(this.url, this.clientId),
      ...(will
        ? {
            will: {
              topic: will.topic,
              payload: Buffer.from(will.payload),
              qos: will.qos ?? 0,
              retain: will.retain ?? false,
            },
          }
        : {}),
    };
  }

  #connacked(returnCode: number, sessionPresent: boolean): void {
    const connecting = this.#connecting;
    if (!connecting) return;
    this.#connecting = undefined;
    const outcome = connackOutcome({ returnCode, sessionPresent }, connecting.started);
    if (outcome.accepted) {
      this.#accepted = true;
      connecting.resolve(outcome);
      return;
    }
    this.#connection.destroy();
    keepAliveClock.delete(this);
    // CONNACK 4 / 5 to the run's login: an error naming the login, not a provisioning problem.
    connecting.reject(
      loginRefusal(outcome, this) ??
        new Error(
          `the broker refused "${this.clientId}" (CONNACK return code ${returnCode}); check that its Group ID and topics are provisioned`,
        ),
    );
  }

  #received(packet: IPublishPacket): void {
    const messageId = packet.messageId ?? 0;
    if (packet.qos === 2) {
      (this.#released ??= new Map()).set(messageId, packet);
      this.#send({ cmd: 'pubrec', messageId });
      return;
    }
    this.#deliver(packet);
    if (packet.qos === 1) this.#send({ cmd: 'puback', messageId });
  }

  #releasedPublish(messageId: number): void {
    const packet = this.#released?.get(messageId);
    if (packet) {
      this.#released?.delete(messageId);
      if (this.#released?.size === 0) this.#released = undefined;
      this.#deliver(packet);
    }
    this.#send({ cmd: 'pubcomp', messageId });
  }

  #deliver(packet: IPublishPacket): void {
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    this.listener.onMessage(packet.topic, payload, packet.qos, packet.dup);
  }

  #awaitAck(messageId: number): Promise<number> {
    return new Promise((resolve, reject) =>
      (this.#pending ??= new Map()).set(messageId, { resolve, reject }),
    );
  }

  #acked(messageId: number | undefined, granted: number): void {
    const pending = this.#pending?.get(messageId ?? 0);
    if (!pending) return;
    this.#pending?.delete(messageId ?? 0);
    pending.resolve(granted);
  }

  /** The connection is gone: whatever waits on it is told why, and nothing of it stays behind. */
  #ended(why: string): void {
    this.#accepted = false;
    this.#pingSent = 0;
    if (this.clean) this.#released = undefined; // else kept: the broker resends its PUBREL [MQTT-4.4.0-1]
    keepAliveClock.delete(this);
    const connecting = this.#connecting;
    const pending = this.#pending;
    this.#connecting = undefined;
    this.#pending = undefined;
    connecting?.reject(new InfrastructureError(why));
    for (const waiting of pending?.values() ?? []) {
      waiting.reject(new Error(`"${this.clientId}" lost its connection before the broker answered`));
    }
  }

  #send(packet: Packet): boolean {
    this.#lastSent = Date.now();
    return this.#connection.send(packet);
  }

  #live(): void {
    if (!this.connected) throw new Error(`"${this.clientId}" is not connected; connect or relaunch it first`);
  }
}
