import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ScenarioNamespace } from './namespace.ts';

test('topics and client IDs are placed in the scenario namespace', () => {
  const ns = new ScenarioNamespace('pickle-1');
  assert.match(ns.id, /^[A-Za-z0-9]{8}$/);
  assert.equal(ns.topic('rooms/1'), `harness/${ns.id}/rooms/1`);
  assert.equal(ns.topic('sport/#'), `harness/${ns.id}/sport/#`);
  assert.equal(ns.topic('$ops/health'), `$ops/${ns.id}/health`);
  assert.equal(ns.clientId('phone'), `GID_harness@@@phone_${ns.id}`);
});

test('relative() undoes topic()', () => {
  const ns = new ScenarioNamespace('pickle-2');
  for (const topic of ['rooms/1', 'sport/', '$ops/health', 'a'])
    assert.equal(ns.relative(ns.topic(topic)), topic);
});

test('two scenarios, or two runs of one scenario, never share a namespace', () => {
  assert.notEqual(new ScenarioNamespace('same').id, new ScenarioNamespace('same').id);
});
