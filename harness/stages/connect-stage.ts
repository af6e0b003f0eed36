import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { ConnectOutcome } from '../connection/connect-outcome.ts';
import { describeConnect } from '../connection/connect-verdict.ts';
import { chooseLogin } from '../connection/login.ts';
import { expectationFailed, preconditionFailed } from '../expectation.ts';
import { CONNECT_CASES } from '../probe/connect-cases.ts';
import { encodeConnectShape, packet, publishPacket, type ConnectShape } from '../probe/connect-packets.ts';
import type { RuleStage } from './rule-stage.ts';
import { NO_EVIDENCE, type Stage, type StageEvidence } from './stage.ts';

/** How many silent clients a keep-alive check opens, and how far apart (see connectSilentClients). */
const KEEP_ALIVE_CLIENTS = 3;
const SPREAD_MS = 1_000;

/** The characters every server accepts in a client ID [MQTT-3.1.3-5]. */
const ALPHANUMERIC = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** CONNACK 4 (bad user name or password) and 5 (not authorized): a refused login, which says nothing else. */
const LOGIN_REFUSED = new Set([4, 5]);

/** Packets a client may send, by the names the scenarios give them (fixed header first). */
const PACKETS: Readonly<Record<string, Buffer>> = {
  PINGREQ: packet(0xc0),
  'PINGREQ with flags 0x1': packet(0xc1),
  'PINGREQ with flags 0x8': packet(0xc8),
  'PUBACK with flags 0x1': packet(0x41, Buffer.from([0x00, 0x01])),
  'DISCONNECT with flags 0x1': packet(0xe1),
  'DISCONNECT with flags 0x2': packet(0xe2),
  'DISCONNECT with flags 0x8': packet(0xe8),
  CONNACK: packet(0x20, Buffer.from([0x00, 0x00])),
  SUBACK: packet(0x90, Buffer.from([0x00, 0x01, 0x00])),
  PINGRESP: packet(0xd0),
  'packet type 0': packet(0x00),
  'packet type 15': packet(0xf0),
  SUBSCRIBE: packet(0x82, Buffer.from([0x00, 0x01, 0x00, 0x01, 0x61, 0x00])),
};

/**
 * What the CONNECT-validation, CONNACK, PINGREQ and keep-alive steps call
 * (features/conformance/mqtt-3.1.1/connect-*.feature, keep-alive.feature): hand-written CONNECTs and
 * control packets sent by the scenario's raw actors (shared with its RuleStage, so "is online" and
 * "listens to every topic of the scenario" work as for the CID/TOP checks), judged from the wire.
 * `rules` are the scenario's rule tags, named in every failure.
 */
export class ConnectStage implements Stage {
  readonly #outcomes = new Map<string, ConnectOutcome>();
  /** When each actor's last packet was written, for the keep-alive measurement. */
  readonly #lastSent = new Map<string, number>();
  readonly #keepAlive = new Map<string, { seconds: number; names: string[] }>();
  readonly #pinged = new Map<string, { times: number; answered: number }>();
  #publishedTopic: string | undefined;
  /** The will topic of each actor that connected with a will. */
  readonly #wills = new Map<string, string>();

  constructor(
    readonly scenario: RuleStage,
    /** How long a broker may take to close a connection it must close. */
    readonly closeWithinMs = 2_000,
    /** How far past 1.5 × keep-alive a close still counts (timer granularity, a loaded machine). */
    readonly keepAliveToleranceMs = 1_000,
  ) {}

  private get rule(): string {
    return this.scenario.rules.join(' ') || 'no rule tag';
  }

  private clientId(actor: string): string {
    return this.scenario.cases.clientId(actor);
  }

  private login(actor: string) {
    return chooseLogin(this.scenario.probes.url, this.clientId(actor));
  }

  // Sending --------------------------------------------------------------------------------------

  async connectWithCase(actor: string, name: string): Promise<void> {
    const build = CONNECT_CASES[name];
    if (!build) throw new Error(`no CONNECT case "${name}" (harness/probe/connect-cases.ts)`);
    const context = {
      clientId: this.clientId(actor),
      topic: this.scenario.cases.topic('will'),
      login: this.login(actor),
    };
    await this.connectShaped(actor, build(context));
  }

  /** A well-formed CONNECT with the run's login, changed by `change` (level, protocol name, keep-alive …). */
  async connectWith(actor: string, change: Partial<ConnectShape>, trailing?: Buffer): Promise<void> {
    const login = this.login(actor);
    await this.connectShaped(actor, { clientId: this.clientId(actor), ...login, ...change }, trailing);
  }

  /**
   * [MQTT-3.1.3-5]: a client ID of `length` characters from 0-9a-zA-Z, derived from the scenario's own
   * client ID (so concurrent scenarios differ; a 1-character ID can still meet another run's).
   */
  async connectWithAlphanumericId(actor: string, length: number): Promise<void> {
    const digest = createHash('sha256').update(this.clientId(actor)).digest();
    const clientId = [...digest.subarray(0, length)]
      .map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length])
      .join('');
    await this.connectWith(actor, { clientId });
  }

  /** [MQTT-3.1.4-2]: `actor` connects with the client ID of the online `owner`. */
  async takeOver(actor: string, owner: string, clean: boolean): Promise<void> {
    await this.connectWith(actor, { clientId: this.clientId(owner), clean });
  }

  /** `actor` connected (CONNACK 0 required) with a QoS 1 will on a topic of the scenario. */
  async connectWithWill(actor: string): Promise<void> {
    const topic = this.scenario.cases.topic('will');
    this.#wills.set(actor, topic);
    await this.connectWith(actor, { will: { topic, message: `will of ${actor}`, qos: 1 } });
    const outcome = this.outcome(actor);
    if (outcome.returnCode !== 0)
      throw preconditionFailed(
        `the CONNECT of "${actor}" with a will got ${describeConnect(outcome)}`,
        this.rule,
      );
  }

  /**
   * [MQTT-3.14.1-1] [MQTT-3.1.2-8]: a DISCONNECT whose reserved flags are not 0 is malformed, not a
   * DISCONNECT: the connection ends on an error, so the will is owed [MQTT-3.1.2-8] ([MQTT-3.14.4-3]
   * discards it only after a DISCONNECT). A discarded will shows the packet was taken as a DISCONNECT.
   */
  async expectWillPublished(actor: string, listener: string): Promise<string> {
    const topic = this.#wills.get(actor);
    if (!topic) throw new Error(`"${actor}" has no will (scenario defect)`);
    const client = this.scenario.probes.rawClient(listener);
    if (await client.waitForPublish((p) => p.topic === topic, client.timeoutMs))
      return `the will of "${actor}" reached "${listener}": the packet was not taken as a DISCONNECT`;
    throw expectationFailed(
      `[MQTT-3.14.1-1] [MQTT-3.1.2-8] the will of "${actor}" did not reach "${listener}" within ${client.timeoutMs} ms: the will was discarded; a DISCONNECT with reserved flags set is malformed [MQTT-3.14.1-1], not a DISCONNECT, so the connection ended on an error and the will must be published [MQTT-3.1.2-8]`,
    );
  }

  /** A persistent session for `actor` that holds one subscription, then a clean DISCONNECT. */
  async leaveStoredSession(actor: string): Promise<void> {
    const probes = this.scenario.probes;
    const outcome = await probes.connect(actor, this.clientId(actor), { clean: false });
    if (outcome.returnCode !== 0)
      throw preconditionFailed(
        `the persistent session of "${actor}" was refused (${describeConnect(outcome)})`,
        this.rule,
      );
    await probes.rawClient(actor).subscribe([this.scenario.cases.topic('stored')], 1);
    await probes.disconnect(actor);
  }

  /** Opens a connection whose first packet is `name` instead of CONNECT [MQTT-3.1.0-1]. */
  async sendFirst(actor: string, name: string): Promise<void> {
    const bytes = name === 'PUBLISH' ? this.scenarioPublish(1) : packetNamed(name);
    this.#outcomes.set(
      actor,
      await this.scenario.probes.connectWithBytes(actor, this.clientId(actor), bytes),
    );
  }

  /** Writes `name` on the actor's open connection. */
  send(actor: string, name: string): void {
    this.write(
      actor,
      name === 'CONNECT'
        ? encodeConnectShape({ clientId: this.clientId(actor), ...this.login(actor) })
        : packetNamed(name),
    );
  }

  /** A refused CONNECT (unsupported protocol level) with two PUBLISHes in the same write [MQTT-3.1.4-5]. */
  async connectRefusedThenPublish(actor: string): Promise<void> {
    await this.connectWith(
      actor,
      { level: 6 },
      Buffer.concat([this.scenarioPublish(0), this.scenarioPublish(1)]),
    );
  }

  /**
   * KEEP_ALIVE_CLIENTS connections named `<actor>1`, `<actor>2` … with keep-alive `seconds`, opened
   * SPREAD_MS apart and then silent. The start times are spread on purpose (a stimulus, not a wait
   * for a result): a broker that checks keep-alive on a coarse periodic tick (Mosquitto 2.0: every
   * 6 s) closes at most one of them on time whatever the phase of its tick, so its verdict does not
   * depend on luck.
   */
  async connectSilentClients(actor: string, seconds: number): Promise<void> {
    const names = Array.from({ length: KEEP_ALIVE_CLIENTS }, (_, i) => `${actor}${i + 1}`);
    this.#keepAlive.set(actor, { seconds, names });
    for (const [i, name] of names.entries()) {
      if (i > 0) await delay(SPREAD_MS);
      await this.connectWith(name, { keepalive: seconds });
    }
  }

  /** `times` PINGREQs, each after the answer to the one before (or the wait for it) ended. */
  async ping(actor: string, times: number): Promise<void> {
    const client = this.scenario.probes.rawClient(actor);
    let answered = 0;
    for (let i = 0; i < times; i++) if (await client.ping()) answered += 1;
    this.#pinged.set(actor, { times, answered });
  }

  // Judging ---------------------------------------------------------------------------------------

  /** The CONNECT was not accepted and the connection was closed; returns what the broker did, for the report. */
  async expectRefusedAndClosed(actor: string): Promise<string> {
    const outcome = this.outcome(actor);
    const seen = describeConnect(outcome);
    if (outcome.returnCode === 0)
      throw expectationFailed(
        `[${this.rule}] the broker accepted the CONNECT (${seen}); it must close the connection without accepting it`,
      );
    this.loginCannotTell(outcome);
    if (outcome.noConnack === 'closed') return `the broker closed the connection without CONNACK`;
    const closed = await this.closedWithin(actor, this.closeWithinMs);
    if (closed) return `the broker answered ${seen} and closed the connection`;
    throw expectationFailed(
      `[${this.rule}] after the CONNECT (${seen}) the connection was still open ${this.closeWithinMs} ms later; the broker must close it`,
    );
  }

  /** [MQTT-3.1.2-2]: an unsupported protocol level is answered with CONNACK 0x01. */
  expectUnacceptableVersion(actor: string): string {
    const outcome = this.outcome(actor);
    if (outcome.returnCode === 1)
      return `CONNACK return code 1, session present ${Number(outcome.sessionPresent)}`;
    throw expectationFailed(
      `[MQTT-3.1.2-2] the CONNECT got ${describeConnect(outcome)}; the broker must answer CONNACK return code 1 (unacceptable protocol version)`,
    );
  }

  /** [MQTT-3.2.2-5]: after a non-zero CONNACK the broker closes the connection. */
  async expectClosedAfterRefusal(actor: string): Promise<void> {
    const outcome = this.outcome(actor);
    if (outcome.returnCode === undefined || outcome.returnCode === 0)
      throw preconditionFailed(
        `the CONNECT got ${describeConnect(outcome)}, not a refusing CONNACK`,
        'MQTT-3.2.2-5',
      );
    if (await this.closedWithin(actor, this.closeWithinMs)) return;
    throw expectationFailed(
      `[MQTT-3.2.2-5] after CONNACK return code ${outcome.returnCode} the connection was still open ${this.closeWithinMs} ms later; the broker must close it`,
    );
  }

  /** [MQTT-3.2.2-4]: a CONNACK with a non-zero return code says session present 0. */
  expectNoSessionPresentOnRefusal(actor: string): string {
    const outcome = this.outcome(actor);
    if (outcome.returnCode === undefined || outcome.returnCode === 0)
      throw preconditionFailed(
        `the CONNECT got ${describeConnect(outcome)}, not a refusing CONNACK`,
        this.rule,
      );
    if (!outcome.sessionPresent) return `CONNACK return code ${outcome.returnCode} with session present 0`;
    throw expectationFailed(
      `[${this.rule}] CONNACK return code ${outcome.returnCode} came with session present 1; a refusing CONNACK must say session present 0`,
    );
  }

  /** The CONNECT was accepted (CONNACK 0), as `rule` requires; a refused login is inconclusive. */
  expectAccepted(actor: string): string {
    const outcome = this.outcome(actor);
    if (outcome.returnCode === 0) return `CONNACK 0, session present ${Number(outcome.sessionPresent)}`;
    this.loginCannotTell(outcome);
    throw expectationFailed(
      `[${this.rule}] the CONNECT got ${describeConnect(outcome)}; the broker must accept it`,
    );
  }

  /**
   * [MQTT-3.1.3-6]: a server MAY refuse an empty client ID (then with CONNACK 0x02 [MQTT-3.1.3-9]);
   * accepting it, it assigns each client its own ID, so a second empty-ID client does not take over
   * the first. Returns what the broker did.
   */
  async expectEmptyIdsDistinct(first: string, second: string): Promise<string> {
    const [a, b] = [this.outcome(first), this.outcome(second)];
    if (a.returnCode !== 0 || b.returnCode !== 0) {
      this.loginCannotTell(a.returnCode !== 0 ? a : b);
      const refused = a.returnCode !== 0 ? a : b;
      if (refused.returnCode !== 0x02)
        throw expectationFailed(
          `[MQTT-3.1.3-9] a CONNECT with an empty client ID got ${describeConnect(refused)}; a server that refuses the client ID must answer CONNACK 0x02`,
        );
      return `the broker refuses an empty client ID with CONNACK 0x02 (allowed: accepting one is a MAY)`;
    }
    const client = this.scenario.probes.rawClient(first);
    const alive = !(await client.waitClosed(this.scenario.probes.quietWindowMs())) && (await client.ping());
    if (alive) return `both empty-ID clients accepted and both still connected (distinct assigned IDs)`;
    throw expectationFailed(
      `[MQTT-3.1.3-6] a second client with an empty client ID disconnected the first; the server must assign each a unique client ID`,
    );
  }

  /** [MQTT-3.1.4-2]: the new connection is accepted and the one that held the client ID is disconnected. */
  async expectTakeover(owner: string, actor: string): Promise<string> {
    const outcome = this.outcome(actor);
    this.loginCannotTell(outcome);
    if (outcome.returnCode !== 0)
      throw expectationFailed(
        `[${this.rule}] a CONNECT with the client ID of the online "${owner}" got ${describeConnect(outcome)}; the server must accept it and disconnect the existing client`,
      );
    if (await this.closedWithin(owner, this.closeWithinMs))
      return `"${actor}" accepted, "${owner}" disconnected`;
    throw expectationFailed(
      `[${this.rule}] "${owner}" was still connected ${this.closeWithinMs} ms after "${actor}" connected with its client ID; the server must disconnect the existing client`,
    );
  }

  /**
   * [MQTT-3.2.2-6]: a CONNACK, when one comes, carries a return code of Table 3.1 (0-5); a server with
   * no fitting code closes the connection without CONNACK. Returns what the broker did.
   */
  expectDefinedReturnCode(actor: string): string {
    const outcome = this.outcome(actor);
    const code = outcome.returnCode;
    if (code === undefined) return `no CONNACK (${describeConnect(outcome)})`;
    if (code <= 5) return `CONNACK return code ${code}`;
    throw expectationFailed(
      `[${this.rule}] the CONNECT was answered with CONNACK return code 0x${code.toString(16).padStart(2, '0')}; MQTT 3.1.1 defines 0-5 only, and a server with no fitting code must close the connection without CONNACK`,
    );
  }

  /**
   * [MQTT-3.1.4-4]: a CONNECT the server accepts is answered with CONNACK 0 — served without any CONNACK
   * breaks it; served after a non-zero CONNACK breaks [MQTT-3.2.2-5] (close after it) instead. Acceptance
   * shows when the server goes on serving the connection (a PINGREQ answered); a refusal it closes on is
   * inconclusive.
   */
  async expectAcceptedWithConnack0(actor: string): Promise<string> {
    const outcome = this.outcome(actor);
    if (outcome.returnCode === 0) return `CONNACK 0, session present ${Number(outcome.sessionPresent)}`;
    const seen = describeConnect(outcome);
    if (await this.scenario.probes.rawClient(actor).ping())
      throw expectationFailed(
        outcome.returnCode === undefined
          ? `[MQTT-3.1.4-4] the CONNECT got ${seen}, yet the broker went on serving the connection (a PINGREQ was answered): it accepted the CONNECT, so it must answer it with CONNACK 0`
          : `[MQTT-3.2.2-5] the CONNECT got ${seen}, yet the broker went on serving the connection (a PINGREQ was answered): after a non-zero CONNACK it must close the connection (and process nothing more [MQTT-3.1.4-5])`,
      );
    throw preconditionFailed(
      `the broker did not accept the CONNECT (${seen}) and stopped serving the connection; only an accepted CONNECT can be judged`,
      this.rule,
    );
  }

  /** [MQTT-3.1.2-1]: another protocol name is never processed as MQTT 3.1.1 (no CONNACK 0); returns what happened. */
  async expectNotAcceptedAsMqtt(actor: string): Promise<string> {
    const outcome = this.outcome(actor);
    if (outcome.returnCode === 0)
      throw expectationFailed(
        `[${this.rule}] the broker accepted a CONNECT with another protocol name (CONNACK 0); it must not process it as MQTT 3.1.1`,
      );
    const closed = outcome.noConnack === 'closed' || (await this.closedWithin(actor, this.closeWithinMs));
    return `${describeConnect(outcome)}; connection ${closed ? 'closed' : 'left open'}`;
  }

  /** [MQTT-3.12.4-1]: one PINGRESP for each PINGREQ. */
  expectPingresps(actor: string): string {
    const { times, answered } = this.#pinged.get(actor) ?? { times: 0, answered: 0 };
    if (answered === times) return `${answered} PINGRESPs for ${times} PINGREQs`;
    throw expectationFailed(
      `[${this.rule}] of ${times} PINGREQs (each sent after the answer to the one before) ${times - answered} got no PINGRESP ` +
        `within ${this.scenario.probes.rawClient(actor).timeoutMs} ms; the broker must answer each one`,
    );
  }

  /** The PUBLISHes `sender` wrote (before or without an accepted CONNECT) did not reach `listener`. */
  async expectNotDelivered(sender: string, listener: string): Promise<string> {
    const topic = this.#publishedTopic;
    if (!topic) throw new Error(`"${sender}" has published nothing (scenario defect)`);
    const outcome = this.outcome(sender);
    if (outcome.returnCode === 0)
      throw preconditionFailed(
        `the CONNECT of "${sender}" was accepted, so its PUBLISH may be delivered`,
        this.rule,
      );
    const quiet = this.scenario.probes.quietWindowMs();
    const client = this.scenario.probes.rawClient(listener);
    if (!(await client.waitForPublish((p) => p.topic === topic, quiet)))
      return `nothing reached "${listener}" within ${quiet} ms (${describeConnect(outcome)})`;
    throw expectationFailed(
      `[${this.rule}] a PUBLISH to ${JSON.stringify(topic)} written by "${sender}" without an accepted CONNECT (${describeConnect(outcome)}) was delivered to "${listener}"`,
    );
  }

  /** [MQTT-3.1.2-24]: each silent client is disconnected by 1.5 × keep-alive (+ tolerance) after its CONNECT. */
  async expectKeepAliveClose(actor: string): Promise<string> {
    const silent = this.#keepAlive.get(actor);
    if (!silent) throw new Error(`"${actor}" has no silent clients (scenario defect)`);
    const { seconds, names } = silent;
    const boundMs = seconds * 1_500;
    const limitMs = boundMs + this.keepAliveToleranceMs;
    const figures = await Promise.all(names.map((name) => this.closeTime(name, limitMs)));
    const figure = `keep-alive ${seconds} s, the standard's bound ${boundMs} ms + tolerance ${this.keepAliveToleranceMs} ms`;
    const seen = names
      .map(
        (name, i) =>
          `"${name}" ${figures[i] === undefined ? `still open at ${limitMs} ms` : `closed at ${figures[i]} ms`}`,
      )
      .join(', ');
    if (figures.every((ms) => ms !== undefined)) return `${seen} after its CONNECT (${figure})`;
    throw expectationFailed(
      `[${this.rule}] clients silent since their CONNECT were not all disconnected in time: ${seen} (${figure}); the broker must disconnect each one`,
    );
  }

  /** How long after its CONNECT was written `actor`'s connection closed, or undefined if not within `limitMs`. */
  private async closeTime(actor: string, limitMs: number): Promise<number | undefined> {
    const outcome = this.outcome(actor);
    if (outcome.returnCode !== 0)
      throw preconditionFailed(
        `the CONNECT of "${actor}" with a keep-alive got ${describeConnect(outcome)}`,
        this.rule,
      );
    const since = this.#lastSent.get(actor) ?? 0;
    const client = this.scenario.probes.rawClient(actor);
    const closed = await client.waitClosed(Math.max(0, since + limitMs - Date.now()));
    return closed ? Date.now() - since : undefined;
  }

  evidence(): StageEvidence {
    return NO_EVIDENCE;
  }

  async close(): Promise<void> {}

  // ------------------------------------------------------------------------------------------------

  private async connectShaped(actor: string, shape: ConnectShape, trailing?: Buffer): Promise<void> {
    const bytes = encodeConnectShape(shape);
    const all = trailing ? Buffer.concat([bytes, trailing]) : bytes;
    this.#lastSent.set(actor, Date.now());
    this.#outcomes.set(actor, await this.scenario.probes.connectWithBytes(actor, this.clientId(actor), all));
  }

  private write(actor: string, bytes: Buffer): void {
    this.#lastSent.set(actor, Date.now());
    this.scenario.probes.rawClient(actor).sendBytes(bytes);
  }

  private scenarioPublish(qos: 0 | 1): Buffer {
    this.#publishedTopic = this.scenario.cases.topic('unconnected');
    return publishPacket(this.#publishedTopic, 'must not arrive', qos, qos === 1 ? 7 : 1);
  }

  private outcome(actor: string): ConnectOutcome {
    const outcome = this.#outcomes.get(actor);
    if (!outcome) throw new Error(`"${actor}" has sent no CONNECT of this stage (scenario defect)`);
    return outcome;
  }

  private async closedWithin(actor: string, ms: number): Promise<boolean> {
    const client = this.scenario.probes.rawClient(actor);
    return await client.waitClosed(ms);
  }

  /** A refused login says nothing about the defect under test: the check is inconclusive. */
  private loginCannotTell(outcome: ConnectOutcome): void {
    if (outcome.returnCode !== undefined && LOGIN_REFUSED.has(outcome.returnCode))
      throw preconditionFailed(
        `the broker refused the login (CONNACK return code ${outcome.returnCode}); whether it also judged the CONNECT's defect cannot be told`,
        this.rule,
      );
  }
}

function packetNamed(name: string): Buffer {
  const bytes = PACKETS[name];
  if (!bytes) throw new Error(`no packet "${name}" (harness/stages/connect-stage.ts)`);
  return bytes;
}
