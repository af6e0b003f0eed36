import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { Aedes } from 'aedes';
import { InfrastructureError } from '../errors.ts';
import { SessionActor } from './session-actor.ts';

/** A broker that requires the login user / pass and answers anything else with CONNACK 5. */
let broker: Aedes;
let server: net.Server;
let port = 0;

before(async () => {
  broker = await Aedes.createBroker({
    authenticate(_client, username, password, done) {
      if (username === 'user' && password?.toString() === 'pass') return done(null, true);
      done(Object.assign(new Error('not authorized'), { returnCode: 5 as const }), false);
    },
  });
  server = net.createServer(broker.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as net.AddressInfo).port;
});

after(async () => {
  await new Promise<void>((resolve) => broker.close(() => resolve()));
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const will = { topic: 'w', payload: 'gone', qos: 0 as const };

for (const faulty of [false, true]) {
  const how = faulty ? 'through a fault proxy' : 'directly';

  test(`an actor connected ${how} logs in with the target's login`, async () => {
    const actor = await SessionActor.create(
      'sub',
      `mqtt://user:pass@127.0.0.1:${port}`,
      `ok-${faulty}`,
      2_000,
      faulty,
    );
    try {
      assert.equal((await actor.connect(true, will)).returnCode, 0);
    } finally {
      actor.probe.kill();
      await actor.proxy?.close();
    }
  });

  test(`a refused login ${how} is an error naming the login, not a rule failure`, async () => {
    const actor = await SessionActor.create(
      'sub',
      `mqtt://user:wrong@127.0.0.1:${port}`,
      `bad-${faulty}`,
      2_000,
      faulty,
    );
    try {
      await assert.rejects(actor.connect(true, will), (error: unknown) => {
        assert.ok(error instanceof InfrastructureError, String(error));
        assert.match(error.reason, /refused the harness's login as user "user" \(CONNACK return code 5/);
        assert.doesNotMatch(error.reason, /wrong/); // the password stays out of the message
        return true;
      });
    } finally {
      actor.probe.kill();
      await actor.proxy?.close();
    }
  });
}
