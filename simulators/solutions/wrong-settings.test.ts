import { AssertionError } from 'node:assert';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ALIYUN } from '../../harness/profiles/aliyun.ts';
import type { StartedBrokerTarget } from '../../harness/targets/broker-target.ts';
import { parseTarget } from '../../harness/targets/parse-target.ts';
import { CSG_INSTANCE_SETTINGS } from '../devices/csg-instance.ts';
import type { DeviceSettings } from '../devices/device.ts';
import { PHONE_SETTINGS } from '../devices/phone.ts';
import { SMART_AP_SETTINGS } from '../devices/smart-ap.ts';
import { SolutionStage } from './stage.ts';

/**
 * The solution scenarios must catch a device configured against the guide: each flow below mirrors a
 * scenario of features/solutions/ step for step, passes with the guide's settings and fails (with a
 * rule failure, not a crash) when one setting is flipped. Runs against a real broker (plain Aedes).
 */

type Flow = (stage: SolutionStage, settings: DeviceSettings) => Promise<void>;

// rtc-signalling.feature: "Bob's app was killed before the invitation and still joins after relaunch" (RTC-5)
const killedAppJoinsAfterRelaunch: Flow = async (stage, bobSettings) => {
  await stage.rtc.startService();
  await stage.rtc.addPhone('Alice', 'android');
  await stage.rtc.addPhone('Bob', 'ios', bobSettings);
  await stage.rtc.kill('Bob');
  await stage.rtc.requestMeeting('Alice', 'Bob');
  await stage.rtc.expectJoined('Alice');
  stage.rtc.expectNotJoined('Bob');
  await stage.rtc.relaunch('Bob');
  await stage.rtc.expectJoined('Bob');
  await stage.rtc.expectCallSetUp(['Alice', 'Bob']);
};

// rtc-signalling.feature: "an invitation older than a day is discarded, not acted on" (RTC-6)
const staleInvitationDiscarded: Flow = async (stage, bobSettings) => {
  await stage.rtc.startService();
  await stage.rtc.addPhone('Alice', 'android');
  await stage.rtc.addPhone('Bob', 'ios', bobSettings);
  await stage.rtc.kill('Bob');
  await stage.rtc.requestMeeting('Alice', 'Bob');
  await stage.rtc.expectInvited('Bob');
  stage.rtc.passTime(25);
  await stage.rtc.relaunch('Bob');
  await stage.rtc.expectDiscardedAsStale('Bob');
};

// rtc-signalling.feature: "a repeated invitation is acted on only once" (RTC-6)
const duplicateIgnored: Flow = async (stage, bobSettings) => {
  await stage.rtc.startService();
  await stage.rtc.addPhone('Alice', 'android');
  await stage.rtc.addPhone('Bob', 'ios', bobSettings);
  await stage.rtc.requestMeeting('Alice', 'Bob');
  await stage.rtc.expectJoined('Bob');
  await stage.rtc.resendInvitation('Bob');
  await stage.rtc.expectDuplicateIgnored('Bob');
};

// price-tags.feature: "a price change sent while the AP was offline is not delivered later, and is re-issued" (ESL-3)
const offlineApTaskReissued: Flow = async (stage, apSettings) => {
  await stage.store.open(2, 20, { apSettings, pollIntervalMs: 50 });
  await stage.store.apOfTagGoesOffline('T-12');
  await stage.store.changePrice('T-12', '7.49');
  await stage.store.apOfTagComesBack('T-12');
  stage.store.expectTaskState('T-12', 'requested');
  stage.store.expectStillShows('T-12', '9.99');
  await stage.store.reissue('T-12');
  await stage.store.expectShownAndAcknowledged('T-12', '7.49', 5_000);
  await stage.store.expectApTookTaskOnce('T-12');
};

// csg-control.feature: "after a reconnect an instance never receives a command sent while it was away" (CSG-3, CSG-4)
const noEarlierCommandAfterReconnect: Flow = async (stage, settings) => {
  await stage.csg.startConsole();
  await stage.csg.addInstance('csg-hz-1', 'cn-hangzhou', settings);
  await stage.csg.loseConnection('csg-hz-1');
  await stage.csg.setCacheSize('csg-hz-1', 500);
  await stage.csg.reconnect('csg-hz-1');
  await stage.csg.pullStatus('csg-hz-1');
  await stage.csg.expectPulledStatus('csg-hz-1');
  stage.csg.expectNothingFromWhileAway('csg-hz-1');
};

interface Case {
  readonly name: string;
  readonly flow: Flow;
  readonly right: DeviceSettings;
  readonly wrong: DeviceSettings;
  readonly flipped: string;
  /** What the failure must say: the scenario fails for the flipped setting, not by accident. */
  readonly because: RegExp;
}

const CASES: Case[] = [
  {
    name: 'kill/relaunch (RTC-5)',
    flow: killedAppJoinsAfterRelaunch,
    right: PHONE_SETTINGS,
    wrong: { ...PHONE_SETTINGS, clean: true },
    flipped: 'a phone with cleanSession=true',
    because: /waiting for Bob to join the call; Bob received: no invitation/,
  },
  {
    name: 'staleness (RTC-6)',
    flow: staleInvitationDiscarded,
    right: PHONE_SETTINGS,
    wrong: { ...PHONE_SETTINGS, maxAgeMs: Number.POSITIVE_INFINITY },
    flipped: 'a phone without a timeliness limit',
    because: /Bob took an invitation sent 1500 min ago as accepted/,
  },
  {
    name: 'duplicate (RTC-6)',
    flow: duplicateIgnored,
    right: PHONE_SETTINGS,
    wrong: { ...PHONE_SETTINGS, dedupWindowMs: 0 },
    flipped: 'a phone without de-duplication',
    because: /joined 2 times; a duplicate must not be acted on/,
  },
  {
    name: 'offline AP (ESL-3)',
    flow: offlineApTaskReissued,
    right: SMART_AP_SETTINGS,
    wrong: { ...SMART_AP_SETTINGS, clean: false },
    flipped: 'APs with cleanSession=false',
    because:
      /T-12 (is (delivered|acknowledged), expected requested|shows 7\.49, expected it still)|took task-1 for T-12 2 times/,
  },
  {
    name: 'CSG reconnect (CSG-4)',
    flow: noEarlierCommandAfterReconnect,
    right: CSG_INSTANCE_SETTINGS,
    wrong: { ...CSG_INSTANCE_SETTINGS, clean: false },
    flipped: 'an instance with cleanSession=false',
    because: /received setCacheSize \(req-1\), sent while it was away/,
  },
];

describe('solution scenarios fail when a device setting is wrong', () => {
  let broker: StartedBrokerTarget;
  let reportsDir: string;
  let counter = 0;

  before(async () => {
    broker = await parseTarget('embedded:plain').start();
    reportsDir = await mkdtemp(path.join(tmpdir(), 'mqtt-harness-solutions-'));
  });

  after(async () => {
    await broker.stop();
    await rm(reportsDir, { recursive: true, force: true });
  });

  async function run(flow: Flow, settings: DeviceSettings): Promise<void> {
    const scope = `t${process.pid.toString(36)}${(counter += 1)}`.slice(0, 8);
    // A short bound: the wrong settings fail by a message that never comes (or comes when it must not).
    const stage = new SolutionStage({
      url: broker.url,
      p2p: broker.capabilities.p2p,
      scope,
      profile: ALIYUN,
      reportsDir,
      timeoutMs: 1_500,
    });
    try {
      await flow(stage, settings);
    } finally {
      await stage.close();
    }
  }

  for (const { name, flow, right, wrong, flipped, because } of CASES) {
    test(`${name}: passes with the guide's settings`, async () => {
      await run(flow, right);
    });

    test(`${name}: fails with ${flipped}`, async () => {
      await assert.rejects(run(flow, wrong), (error: unknown) => {
        assert.ok(error instanceof AssertionError, `expected a rule failure, got ${String(error)}`);
        assert.match(error.message, because);
        return true;
      });
    });
  }
});
