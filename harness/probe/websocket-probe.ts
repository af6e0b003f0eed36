import mqttPacket, { type Packet } from 'mqtt-packet';
import WebSocket from 'ws';
import { InfrastructureError } from '../errors.ts';
import { redactUrl } from '../net/redact-url.ts';
import { brokerEndpoint } from '../connection/broker-url.ts';
import { webSocketOptions } from '../connection/transport.ts';
import { Waiters } from '../connection/waiters.ts';
import { recordPacket, type RawPacketRecord } from '../connection/raw-transcript.ts';

/** What the opening handshake showed: the server's status and the subprotocol it returned, if any. */
export interface Handshake {
  readonly offered: readonly string[];
  /** 101 when the server switched protocols; another status is a refused handshake. */
  readonly status: number;
  /** The Sec-WebSocket-Protocol header of the server's answer, absent when it sent none. */
  readonly selected?: string;
}

/** A handshake and, when it completed, the open probe on it. */
export interface Opened {
  readonly handshake: Handshake;
  readonly probe?: WebSocketProbe;
  /** Why the client side gave up a completed handshake (e.g. "Server sent no subprotocol"). */
  readonly abandoned?: string;
}

/**
 * MQTT over WebSocket at the frame level (MQTT 3.1.1 chapter 6), on the `ws` package directly: it
 * writes frames exactly as told — a packet split over several binary frames, several packets in one
 * frame, a packet in a text frame — and parses what comes back across frame boundaries, so a check
 * sees the server's behaviour and not a client library's framing. Waits are event-driven and bounded.
 */
export class WebSocketProbe {
  /** Every packet sent and received, and the frames that held no packet, for the scenario's report. */
  readonly transcript: RawPacketRecord[] = [];
  readonly received: Packet[] = [];
  /** Text frames the server sent (MQTT never travels in one [MQTT-6.0.0-1]). */
  textFramesReceived = 0;
  /** The close code of the closing handshake (RFC 6455 7.4; 1006: closed without one), once closed. */
  closeCode: number | undefined;
  #closed = false;
  readonly #waiters = new Waiters();

  private constructor(
    private readonly socket: WebSocket,
    readonly handshake: Handshake,
  ) {
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    parser.on('packet', (packet: Packet) => {
      this.received.push(packet);
      this.transcript.push(recordPacket('received', packet));
      this.#waiters.wake();
    });
    parser.on('error', (error: Error) =>
      this.#note('received', 'unparseable bytes', { error: error.message }),
    );
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) return void parser.parse(data);
      this.textFramesReceived += 1;
      this.#note('received', 'text frame', { bytes: data.length });
    });
    socket.on('close', (code: number) => {
      this.#closed = true;
      this.closeCode = code;
      this.#note('received', 'connection closed', { code });
      this.#waiters.wake();
    });
    socket.on('error', () => undefined); // its end is seen as 'close'
  }

  /**
   * Opens a WebSocket to `url` offering `protocols` and resolves with what the handshake showed. A
   * server that answers but refuses the handshake, or one the client gives up, resolves without a
   * probe; an unreachable one is an InfrastructureError. A login in the URL goes in CONNECT, not in
   * the HTTP upgrade (brokerEndpoint's webSocketUrl drops it), as on every harness connection.
   */
  static open(url: string, protocols: readonly string[], timeoutMs = 5_000): Promise<Opened> {
    const { webSocketUrl } = brokerEndpoint(url);
    if (webSocketUrl === undefined) throw new Error(`${redactUrl(url)} is no ws:// or wss:// URL (defect)`);
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(webSocketUrl, [...protocols], webSocketOptions(timeoutMs));
      let handshake: Handshake | undefined;
      const answer = (status: number, selected: string | string[] | undefined) => {
        const header = Array.isArray(selected) ? selected.join(', ') : selected;
        handshake = { offered: protocols, status, ...(header === undefined ? {} : { selected: header }) };
      };
      socket.once('upgrade', (response) => answer(101, response.headers['sec-websocket-protocol']));
      socket.once('unexpected-response', (request, response) => {
        answer(response.statusCode ?? 0, response.headers['sec-websocket-protocol']);
        request.destroy();
        resolve({ handshake: handshake! });
      });
      socket.once('open', () => {
        socket.removeAllListeners('error');
        resolve({ handshake: handshake!, probe: new WebSocketProbe(socket, handshake!) });
      });
      socket.once('error', (error: Error) => {
        socket.terminate();
        if (handshake) resolve({ handshake, abandoned: error.message });
        else
          reject(
            new InfrastructureError(`cannot reach ${redactUrl(url)}: ${error.message}`, { cause: error }),
          );
      });
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends each of `frames` as one binary frame, in order. */
  sendBinary(...frames: readonly Buffer[]): void {
    for (const frame of frames) this.#send(frame, true);
  }

  /** Sends `bytes` as one text frame (the bytes as they are; MQTT forbids this [MQTT-6.0.0-1]). */
  sendText(bytes: Buffer): void {
    this.#send(bytes, false);
  }

  /** Resolves with what `poll` returns once it returns something (re-polled on each packet and on the close), or `timeout`. */
  wait<T>(poll: () => T | undefined, ms: number): Promise<T | 'timeout'> {
    return this.#waiters.wait(poll, ms);
  }

  /** The first received packet of type `cmd`, once it arrives; `closed` or `timeout` when it does not. */
  async waitForPacket(cmd: Packet['cmd'], ms: number): Promise<Packet | 'closed' | 'timeout'> {
    return this.wait(
      () => this.received.find((p) => p.cmd === cmd) ?? (this.#closed ? 'closed' : undefined),
      ms,
    );
  }

  /** True once the connection is closed, false when it is still open after `ms`. */
  async waitClosed(ms: number): Promise<boolean> {
    return (await this.wait(() => (this.#closed ? true : undefined), ms)) === true;
  }

  /** Ends the connection at once (the scenario is over). */
  close(): void {
    this.socket.terminate();
  }

  #send(bytes: Buffer, binary: boolean): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.#note('sent', binary ? 'binary frame' : 'text frame', describeBytes(bytes));
    this.socket.send(bytes, { binary });
  }

  #note(direction: RawPacketRecord['direction'], packet: string, detail: Record<string, unknown>): void {
    this.transcript.push({ at: Date.now(), direction, packet, detail });
  }
}

/** A frame's bytes for the report: short ones in hex, longer ones by size (they may hold a login). */
function describeBytes(bytes: Buffer): Record<string, unknown> {
  return { bytes: bytes.length, ...(bytes.length <= 16 ? { hex: bytes.toString('hex') } : {}) };
}
