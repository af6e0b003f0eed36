import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario } from '../../harness/fleet/scenario-file.ts';
import type { Shard } from '../../harness/fleet/shard.ts';
import { DEFAULT_CLIENT_ID_SCHEME } from '../../harness/profiles/client-id-scheme.ts';
import { ScenarioClock } from '../clock.ts';
import { P2pRoute } from '../p2p.ts';
import { AppendOnlyLog } from '../services/append-only-log.ts';
import { CsgFleet } from './csg-fleet.ts';
import type { FleetEnv } from './fleet-env.ts';
import { NodePlacement } from './node-placement.ts';
import { RetailFleet } from './retail-fleet.ts';
import { RtcFleet } from './rtc-fleet.ts';

const NODES = ['mqtt://u:secret@n0:1883', 'mqtt://n1:1883', 'mqtt://n2:1883'];
const scenario = parseScenario(
  'x.yaml',
  'name: x\ndurationSeconds: 1\nretail:\n  stores: 7\n  apsPerStore: 2\n  tagsPerAp: 1\nrtc:\n  phones: 5\ncsg:\n  regions: [cn-hangzhou, cn-shanghai]\n  instancesPerRegion: 3\n',
);

/** Only what the fleets' constructors use; nothing connects. */
function envOn(urls: readonly string[], shard: Shard = { index: 0, count: 1 }): FleetEnv {
  const log = new AppendOnlyLog('/nonexistent/never-written.jsonl');
  return {
    nodes: new NodePlacement(urls),
    clock: new ScenarioClock(),
    p2p: new P2pRoute('none'),
    clientIds: DEFAULT_CLIENT_ID_SCHEME,
    scope: 'run',
    shard,
    tickMs: 100,
    taskLog: log,
    statusLog: log,
  } as Partial<FleetEnv> as FleetEnv;
}

test('devices spread over the nodes by group: stores round-robin, regions round-robin, RTC on one node', () => {
  const env = envOn(NODES);
  new RetailFleet(env, scenario.retail!);
  // Stores 0..6 over 3 nodes: 3, 2, 2 stores of 2 APs.
  assert.deepEqual(Object.values(env.nodes.devicesPerNode()), [6, 4, 4]);
  const csg = new CsgFleet(envOn(NODES), scenario.csg!);
  assert.equal(csg.links.length, 2, 'one console per node that holds a region');
  const rtc = envOn(NODES);
  new RtcFleet(rtc, scenario.rtc!);
  assert.deepEqual(Object.values(rtc.nodes.devicesPerNode()).sort(), [0, 0, 5]);
  assert.deepEqual(Object.keys(env.nodes.devicesPerNode())[0], 'mqtt://u:***@n0:1883');
});

test('shards place every group on the same node as one run does', () => {
  const whole = envOn(NODES);
  new RetailFleet(whole, scenario.retail!);
  new CsgFleet(whole, scenario.csg!);
  const shards = [0, 1, 2, 3].map((index) => envOn(NODES, { index, count: 4 }));
  for (const env of shards) {
    new RetailFleet(env, scenario.retail!);
    new CsgFleet(env, scenario.csg!);
  }
  const summed = shards.map((env) => env.nodes.devicesPerNode());
  const total = Object.fromEntries(
    Object.keys(summed[0]!).map((node) => [node, summed.reduce((sum, counts) => sum + counts[node]!, 0)]),
  );
  assert.deepEqual(total, whole.nodes.devicesPerNode());
});

test('one node: one CSG console under the run scope, as before', () => {
  const env = envOn([NODES[1]!]);
  const csg = new CsgFleet(env, scenario.csg!);
  assert.equal(csg.links.length, 1);
  assert.match(csg.links[0]!.clientId, /console_run$/);
  assert.deepEqual(env.nodes.devicesPerNode(), { 'mqtt://n1:1883': 6 });
});
