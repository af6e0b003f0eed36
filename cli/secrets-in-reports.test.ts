import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CLI_BIN, ownPath, scratchDirectory } from './fixtures/scratch-directory.ts';

/**
 * docs/design.md: reports never contain passwords or secret keys. With auth on, every scenario client
 * logs in (PUB-4), so the secret and the token are in memory throughout the run; none of them may
 * reach the terminal, the Allure results (transcripts included) or the certification report.
 */
const SECRET = 'never-in-a-report-3b9f7d';
const TOKEN = 'never-in-a-report-token-81c4';
const scratch = scratchDirectory('secrets');

async function cli(env: Record<string, string>, ...args: string[]) {
  const child = spawn(process.execPath, [CLI_BIN, ...args], {
    cwd: scratch,
    env: { ...process.env, BROKER: '', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

function configFile(auth: { mode: string; [field: string]: string }): string {
  const file = path.join(scratch, `profile-config-${auth.mode}.json`);
  writeFileSync(file, JSON.stringify({ profile: 'aliyun', auth }));
  return file;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

function assertNoSecret(where: string, text: string) {
  for (const secret of [SECRET, TOKEN]) assert.ok(!text.includes(secret), `${where} contains a secret`);
}

const AUTH = { accessKeyId: 'LTAIreport', instanceId: 'mqtt-cn-report' };

test('run with token auth: every client logs in, no token in the output or the Allure results', async () => {
  const config = configFile({ mode: 'token', ...AUTH, tokenEnv: 'MH_REPORT_TOKEN' });
  const { code, output } = await cli(
    { MH_REPORT_TOKEN: TOKEN },
    ...['run', '--broker', 'embedded', '--profile-config', config],
    ownPath('features/conformance/mqtt-3.1.1/publish-subscribe.feature'),
  );
  assert.equal(code, 0, output);
  assertNoSecret('the terminal output', output);
  const results = filesUnder(path.join(scratch, 'reports/allure-results'));
  assert.ok(results.some((file) => readFileSync(file, 'utf8').includes('message-transcript')));
  for (const file of results) assertNoSecret(file, readFileSync(file, 'utf8'));
});

test('certify with signature auth: the report names the mode only, never the secret', async () => {
  const config = configFile({ mode: 'signature', ...AUTH, secretKeyEnv: 'MH_REPORT_SECRET' });
  const { code, output } = await cli(
    { MH_REPORT_SECRET: SECRET },
    ...['certify', '--broker', 'embedded', '--profile', 'aliyun', '--profile-config', config],
    ...['--tags', '@MQTT-3.3.1-1', '--runs', '1', '--sequences', '0', '--no-limits'],
  );
  assert.equal(code, 0, output);
  assertNoSecret('the terminal output', output);
  for (const ext of ['json', 'md']) {
    const report = readFileSync(path.join(scratch, `reports/certification/embedded-aliyun.${ext}`), 'utf8');
    assertNoSecret(`embedded-aliyun.${ext}`, report);
    assert.match(report, /logged in with signature authentication/);
  }
});
