import type { Login } from '../connection/login.ts';
import { CONNECT_FLAG, type ConnectShape } from './connect-packets.ts';

/** What a CONNECT case is built from: the scenario's client ID and topic, and the run's login. */
export interface CaseContext {
  readonly clientId: string;
  /** A topic of the scenario's namespace, for a will topic. */
  readonly topic: string;
  readonly login: Login;
}

/**
 * CONNECTs that break one statement of §1.5.3 or §3.1.2, each by exactly one defect; everything else
 * is a well-formed CONNECT with the run's login, so a broker that refuses it refuses the defect. A
 * server that receives one must not accept it and must close the connection (for the flag rules
 * through [MQTT-3.1.4-1]: a CONNECT that does not conform to §3.1 is closed without CONNACK).
 */
export const CONNECT_CASES: Readonly<Record<string, (c: CaseContext) => ConnectShape>> = {
  'the reserved flag set': (c) => ({ ...base(c), setFlags: CONNECT_FLAG.reserved }),
  'will QoS 3': (c) => ({ ...base(c), will: { topic: c.topic, message: 'gone', qos: 3 } }),
  'will QoS 1 without the will flag': (c) => ({ ...base(c), setFlags: CONNECT_FLAG.willQos1 }),
  'will QoS 2 without the will flag': (c) => ({ ...base(c), setFlags: CONNECT_FLAG.willQos2 }),
  'will retain without the will flag': (c) => ({ ...base(c), setFlags: CONNECT_FLAG.willRetain }),
  'the will flag without a will topic and message': (c) => ({
    ...base(c),
    will: { topic: c.topic, message: 'gone', qos: 1 },
    omit: ['will'],
  }),
  'a will topic and message without the will flag': (c) => ({
    ...base(c),
    will: { topic: c.topic, message: 'gone' },
    clearFlags: CONNECT_FLAG.will,
  }),
  // The user name and password cases bring their own login; no password unless the case is about it.
  'a user name without the user name flag': (c) => ({
    ...noLogin(c),
    username: userOf(c),
    clearFlags: CONNECT_FLAG.username,
  }),
  'the user name flag without a user name': (c) => ({
    ...noLogin(c),
    username: userOf(c),
    omit: ['username'],
  }),
  'a password without the password flag': (c) => ({
    ...noLogin(c),
    username: userOf(c),
    password: passwordOf(c),
    clearFlags: CONNECT_FLAG.password,
  }),
  'the password flag without a password': (c) => ({
    ...noLogin(c),
    username: userOf(c),
    password: passwordOf(c),
    omit: ['password'],
  }),
  'a password without a user name': (c) => ({ ...noLogin(c), password: passwordOf(c) }),
  // [MQTT-3.1.3-3]: the client ID is always the first field of the payload.
  'no client ID (an empty payload)': (c) => ({ ...noLogin(c), omit: ['clientId'] }),
  'a will topic and message but no client ID': (c) => ({
    ...noLogin(c),
    will: { topic: c.topic, message: 'gone' },
    omit: ['clientId'],
  }),
  'U+0000 in the client ID': (c) => ({ ...base(c), clientId: `${c.clientId}\u0000x` }),
  'U+0000 in the will topic': (c) => ({
    ...base(c),
    will: { topic: `${c.topic}/a\u0000b`, message: 'gone' },
  }),
  'U+0000 in the user name': (c) => ({ ...base(c), username: `${userOf(c)}\u0000x` }),
  'ill-formed UTF-8 (C3 28) in the client ID': (c) => ({
    ...base(c),
    clientId: withBytes(c.clientId, 0xc3, 0x28),
  }),
  'an encoded surrogate (ED A0 80) in the client ID': (c) => ({
    ...base(c),
    clientId: withBytes(c.clientId, 0xed, 0xa0, 0x80),
  }),
  'an overlong encoding (C0 AF) in the client ID': (c) => ({
    ...base(c),
    clientId: withBytes(c.clientId, 0xc0, 0xaf),
  }),
  'ill-formed UTF-8 (C3 28) in the will topic': (c) => ({
    ...base(c),
    will: { topic: withBytes(c.topic, 0xc3, 0x28), message: 'gone' },
  }),
  'ill-formed UTF-8 (C3 28) in the user name': (c) => ({
    ...base(c),
    username: withBytes(userOf(c), 0xc3, 0x28),
  }),
  'an encoded surrogate (ED B0 80) in the will topic': (c) => ({
    ...base(c),
    will: { topic: withBytes(c.topic, 0xed, 0xb0, 0x80), message: 'gone' },
  }),
  'an overlong encoding (C0 AF) in the user name': (c) => ({
    ...base(c),
    username: withBytes(userOf(c), 0xc0, 0xaf),
  }),
};

/** A well-formed CONNECT with the run's login. */
function base(c: CaseContext): ConnectShape {
  return {
    clientId: c.clientId,
    ...(c.login.username === undefined ? {} : { username: c.login.username }),
    ...(c.login.password === undefined ? {} : { password: c.login.password }),
  };
}

function noLogin(c: CaseContext): ConnectShape {
  return { clientId: c.clientId };
}

/** The run's user name, else one an anonymous broker accepts as well as none. */
function userOf(c: CaseContext): string {
  return c.login.username ?? 'harness';
}

function passwordOf(c: CaseContext): Buffer {
  return c.login.password ?? Buffer.from('harness');
}

function withBytes(text: string, ...bytes: number[]): Buffer {
  return Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from(bytes)]);
}
