import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../errors.ts';
import { brokerEndpoint, urlLogin } from './broker-url.ts';
import { chooseLogin } from './login.ts';

test('every scheme has its default port, TLS flag and (for WebSocket) a URL without the login', () => {
  assert.deepEqual(brokerEndpoint('mqtt://broker.example'), {
    host: 'broker.example',
    port: 1883,
    secure: false,
    servername: 'broker.example',
  });
  assert.equal(brokerEndpoint('tcp://127.0.0.1:1884').port, 1884);
  assert.equal(brokerEndpoint('tcp://127.0.0.1:1884').servername, undefined); // no SNI for an IP
  assert.deepEqual(
    [brokerEndpoint('mqtts://h').port, brokerEndpoint('mqtts://h').secure, brokerEndpoint('ssl://h').port],
    [8883, true, 8883],
  );
  const ws = brokerEndpoint('ws://u:p@h:8080/mqtt');
  assert.deepEqual([ws.port, ws.secure, ws.webSocketUrl], [8080, false, 'ws://h:8080/mqtt']);
  const wss = brokerEndpoint('wss://[::1]/');
  assert.deepEqual([wss.host, wss.port, wss.secure, wss.webSocketUrl], ['::1', 443, true, 'wss://[::1]/']);
});

test('a URL the harness cannot speak is a usage error naming it, without its password', () => {
  assert.throws(
    () => brokerEndpoint('http://u:secret@h'),
    (e: unknown) => {
      return e instanceof UsageError && /http:/.test(e.message) && !e.message.includes('secret');
    },
  );
  assert.throws(() => brokerEndpoint('not a url'), UsageError);
});

test("the URL's user and password are percent-decoded; a bad escape is a usage error", () => {
  assert.deepEqual(urlLogin('mqtt://u%20s:p%40ss@h'), { username: 'u s', password: Buffer.from('p@ss') });
  assert.deepEqual(urlLogin('mqtt://h'), {});
  assert.throws(() => urlLogin('mqtt://u:%zz@h'), UsageError);
});

test('the login: anonymous sends none, a given one is sent as given, else the URL (without a run login)', () => {
  const url = 'mqtt://user:pass@h';
  assert.deepEqual(chooseLogin(url, 'c', { anonymous: true }), {});
  assert.deepEqual(chooseLogin(url, 'c', { username: 'other', password: 'pw' }), {
    username: 'other',
    password: Buffer.from('pw'),
  });
  assert.deepEqual(chooseLogin(url, 'c', { username: 'only-user' }), { username: 'only-user' });
  assert.deepEqual(chooseLogin(url, 'c'), { username: 'user', password: Buffer.from('pass') });
  assert.deepEqual(chooseLogin('mqtt://h', 'c'), {});
});
