import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runProfile } from '../profiles/load-profile.ts';
import { SessionModel } from './session-model.ts';

// The model predicts only what MQTT guarantees: a publish on one connection and a subscription change
// on another race [MQTT-4.6.0-6 orders per connection and topic only] until a settle point.
const { profile } = runProfile('mqtt-3.1.1');

function online(clean: boolean): SessionModel {
  const model = new SessionModel(profile, clean);
  model.connected();
  model.subscribed(2);
  return model;
}

test('a QoS 0 publish that raced with the next SUBSCRIBE may or may not arrive (issue 11)', () => {
  // The counter-example that failed a compliant broker: subscribe 2, unsubscribe, publish 0,
  // subscribe 0, publish 0.
  const model = online(true);
  model.unsubscribed();
  model.published(model.nextPayload(), 0);
  assert.deepEqual(model.messages[0]?.deliveries, { min: 0, max: 0 });
  model.settle([]);
  model.subscribed(0);
  model.published(model.nextPayload(), 0);
  assert.deepEqual(model.messages[0]?.deliveries, { min: 0, max: 1 }, 'either outcome is lawful');
  assert.deepEqual(model.messages[0]?.open, [0]);
  assert.deepEqual(model.messages[1]?.deliveries, { min: 1, max: 1 }, 'published after SUBACK: due');
});

test('a later message of the same publisher seen by the subscriber settles the earlier one', () => {
  const model = online(true);
  model.unsubscribed();
  model.published(model.nextPayload(), 0);
  model.subscribed(1);
  model.published(model.nextPayload(), 1);
  // The subscriber saw m2: m1 was routed before it, so a later UNSUBSCRIBE cannot change m1's fate
  // beyond what the first race already allowed, and m2 keeps its strict prediction.
  model.settle(['m2']);
  model.unsubscribed();
  assert.deepEqual(model.messages[1]?.deliveries, { min: 1 });
  assert.equal(model.messages[1]?.open, undefined);
});

test('a message the subscriber has seen keeps its prediction across a disconnect', () => {
  const model = online(false);
  model.published(model.nextPayload(), 2);
  model.settle(['m1']);
  model.disconnected();
  assert.deepEqual(model.messages[0]?.deliveries, { min: 1, max: 1 });
});

test('an unsettled message whose prediction the change does not alter stays strict', () => {
  const model = online(true);
  model.unsubscribed();
  model.published(model.nextPayload(), 1);
  model.settle([]);
  // Disconnecting a clean session: routed before or after, it is never delivered.
  model.disconnected();
  assert.deepEqual(model.messages[0]?.deliveries, { min: 0, max: 0 });
  assert.equal(model.messages[0]?.open, undefined);
});
