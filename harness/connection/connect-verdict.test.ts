import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InfrastructureError } from '../errors.ts';
import type { ConnectOutcome } from './connect-outcome.ts';
import { readConnect } from './connect-verdict.ts';

/** An outcome with only the fields a case is about. */
function outcome(fields: Partial<ConnectOutcome> & { accepted: boolean }): ConnectOutcome {
  return { sessionPresent: false, roundTripMs: 0, ...fields };
}

describe('readConnect', () => {
  const context = { url: 'mqtt://h:1', clientId: 'c', mustAccept: false };
  test('a close without CONNACK is a refusal; silence is an error', () => {
    assert.equal(readConnect(outcome({ accepted: false, noConnack: 'closed' }), context), 'refused');
    assert.equal(readConnect(outcome({ accepted: false, returnCode: 2 }), context), 'refused');
    assert.equal(readConnect(outcome({ accepted: true, returnCode: 0 }), context), 'accepted');
    assert.throws(
      () => readConnect(outcome({ accepted: false, noConnack: 'timeout' }), context),
      InfrastructureError,
    );
  });
});

test('once the login has been accepted, CONNACK 5 refuses the client ID itself', () => {
  const context = { url: 'mqtt://login-proven.example:1883', clientId: 'GID_x@@@long', mustAccept: true };
  assert.throws(() => readConnect(outcome({ accepted: false, returnCode: 5 }), context), InfrastructureError);
  assert.equal(
    readConnect(outcome({ accepted: true, returnCode: 0 }), { ...context, clientId: 'GID_x@@@a' }),
    'accepted',
  );
  assert.equal(readConnect(outcome({ accepted: false, returnCode: 5 }), context), 'refused');
});
