import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { pahoSuiteDir, runPahoSuite, startStandardBroker } from './paho-interop.ts';

/** Why the Paho suite cannot run here, or undefined when it can (python3 and a checkout in PAHO_MQTT_TESTING). */
function unavailable(): string | undefined {
  const checkout = process.env.PAHO_MQTT_TESTING;
  if (!checkout) return 'set PAHO_MQTT_TESTING to a checkout of eclipse/paho.mqtt.testing to run it';
  try {
    pahoSuiteDir(checkout);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'python3 is not installed';
  }
  return undefined;
}

const skip = unavailable();

test(
  "Eclipse Paho's interoperability suite (client_test.py) passes 10/10 against mqtt-harness broker --profile mqtt-3.1.1",
  { skip: skip ?? false, timeout: 360_000 },
  async () => {
    const broker = await startStandardBroker();
    try {
      const outcome = await runPahoSuite(process.env.PAHO_MQTT_TESTING ?? '', broker.host, broker.port);
      assert.equal(outcome.ran, 10, outcome.output);
      assert.equal(outcome.failed, 0, outcome.output);
      assert.equal(outcome.exitCode, 0, outcome.output);
    } finally {
      await broker.stop();
    }
  },
);
