import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateAuthConfig } from '../harness/auth/generated-auth.ts';
import { FeatureRunner } from './cucumber-runner.ts';
import { resolveRunOptions, runContextFor, type RunOptionValues } from './run-options.ts';

/**
 * `npm test` runs the features without a profile config, so the authentication scenarios are not
 * applicable there. Here they run against the reference broker with a generated login of each mode
 * (as `run --profile-config` would): that mode's scenarios must pass, the other mode's be reported
 * not applicable with the reason — none may pass without testing or vanish.
 */
const FEATURE = 'features/conformance/authentication.feature';
const runner = new FeatureRunner();

/** Starts `embedded` with these options and runs the feature, as `run --broker embedded` would. */
async function runFeature(options: RunOptionValues) {
  const resolved = resolveRunOptions({ broker: 'embedded', profile: 'aliyun', ...options });
  const broker = await resolved.target.start();
  try {
    return await runner.run(runContextFor(broker, resolved).context, {
      paths: [FEATURE],
      quiet: true,
      noFiles: true,
    });
  } finally {
    await broker.stop();
  }
}

for (const mode of ['signature', 'token'] as const) {
  test(`with ${mode} authentication its scenarios pass and the other mode's are not applicable`, async () => {
    const auth = generateAuthConfig(mode);
    try {
      const { summary } = await runFeature({ 'profile-config': auth.file });
      const other = mode === 'signature' ? 'token' : 'signature';
      const byVerdict = (verdict: string) => summary.outcomes.filter((o) => o.verdict === verdict);
      assert.deepEqual(summary.problems, []);
      assert.deepEqual(
        summary.outcomes.filter((o) => o.verdict !== 'passed' && o.verdict !== 'skipped'),
        [],
      );
      assert.equal(byVerdict('passed').length, 5, JSON.stringify(summary.outcomes, null, 2));
      for (const skipped of byVerdict('skipped'))
        assert.match(skipped.notApplicable ?? '', new RegExp(`needs ${other} authentication`));
      assert.equal(byVerdict('skipped').length, 5);
      const rules = new Set(byVerdict('passed').flatMap((o) => o.rules));
      assert.ok(rules.has('PUB-4') && rules.has('SEC-3'));
      if (mode === 'token') assert.ok(rules.has('SEC-2'));
    } finally {
      auth.remove();
    }
  });
}

test('without credentials every authentication scenario is not applicable, with the reason', async () => {
  const { summary } = await runFeature({});
  assert.equal(summary.outcomes.length, 10);
  for (const outcome of summary.outcomes) {
    assert.equal(outcome.verdict, 'skipped');
    assert.match(outcome.notApplicable ?? '', /the run has no credentials: give --profile-config with auth/);
  }
});
