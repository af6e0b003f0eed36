import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { test } from 'node:test';
import { RawClient } from '../harness/connection/raw-client.ts';
import { freePort } from '../harness/net/free-port.ts';
import { findExecutable } from '../harness/targets/process/find-executable.ts';
import { waitForMqtt } from '../harness/targets/readiness.ts';
import { CLI_BIN, ownPath } from './fixtures/scratch-directory.ts';

/** What a row's evidence says when a login was refused (CONNACK 4 / 5, or the harness's error for it). */
const REFUSED_LOGIN = /CONNACK return code [45]\b|refused the harness's login|not authori[sz]ed/i;

/**
 * The whole mqtt-3.1.1 certification against a broker that refuses anonymous clients (Mosquitto with
 * a password file; harness/brokers/README.md): every connection the harness opens — conformance
 * clients, raw probes, the session probes behind fault proxies, watchers, properties, limit detection,
 * readiness — must log in with the URL's user and password, so no row may rest on a refused login;
 * and the process ends with its code right after its last line.
 */
test('certify against Mosquitto with a password file: no row is a refused login, a prompt exit', async (t) => {
  const mosquitto = await findExecutable(['mosquitto']);
  const passwd = await findExecutable(['mosquitto_passwd']);
  if (!mosquitto || !passwd)
    return t.skip('needs the Debian package mosquitto (mosquitto, mosquitto_passwd)');

  const dir = await mkdtemp(path.join(tmpdir(), 'harness-login-'));
  // Started as root, Mosquitto drops to the mosquitto user: it must be able to read its files.
  await chmod(dir, 0o755);
  await promisify(execFile)(passwd, ['-b', '-c', path.join(dir, 'passwd'), 'user', 'pass']);
  await chmod(path.join(dir, 'passwd'), 0o644);
  const port = await freePort();
  const conf = path.join(dir, 'mosquitto.conf');
  await writeFile(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous false',
      `password_file ${path.join(dir, 'passwd')}`,
      'persistence false',
      '',
    ].join('\n'),
  );
  const broker = spawn(mosquitto, ['-c', conf], { stdio: 'ignore' });
  try {
    const url = `mqtt://user:pass@127.0.0.1:${port}`;
    await waitForMqtt(url, { timeoutMs: 10_000, what: 'mosquitto', hint: 'see harness/brokers/README.md' });
    // The broker does check: an anonymous CONNECT is refused (else this test could not fail).
    const anonymous = new RawClient(`mqtt://127.0.0.1:${port}`);
    assert.equal((await anonymous.connect({ clientId: 'anonymous-check' })).returnCode, 5);
    anonymous.destroy();

    const started = Date.now();
    // Every kind of connection logs in (scenarios, proxied probes, properties, limit detection); a short
    // session model (no systematic sweep, 25 runs) is enough for that and keeps this test near 30 s.
    const certify = ['certify', '--broker', url, '--profile', 'mqtt-3.1.1', '--seed', '42'];
    // Its reports in the scratch directory: CLI tests never share reports/ (cli/fixtures/scratch-directory.ts).
    const child = spawn(process.execPath, [CLI_BIN, ...certify, '--sequences', '0', '--runs', '25'], {
      cwd: dir,
      env: { ...process.env, BROKER: '' },
    });
    let stdout = '';
    let lastLineAt = Date.now();
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      lastLineAt = Date.now();
    });
    child.stderr.on('data', () => undefined);
    const killer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(killer);
    const afterLastLine = Date.now() - lastLineAt;

    const reportLine = /report in (reports\/certification\/\S+)\.\{json,md\}/.exec(stdout);
    assert.ok(reportLine, `no report line after ${Date.now() - started} ms:\n${stdout}`);
    assert.ok(afterLastLine < 5_000, `exited ${afterLastLine} ms after its last line`);
    const report = JSON.parse(await readFile(path.join(dir, `${reportLine[1]}.json`), 'utf8')) as {
      exitCode: number;
      counts: { error: number; inconclusive: number };
      rules: { rule: string; verdict: string; evidence: unknown }[];
    };
    assert.equal(code, report.exitCode, 'the process exits with the code of its report');
    assert.equal(
      report.counts.error + report.counts.inconclusive,
      0,
      JSON.stringify(
        report.rules.filter((r) => r.verdict === 'error' || r.verdict === 'inconclusive'),
        null,
        2,
      ),
    );
    assert.ok(report.rules.length > 30, `only ${report.rules.length} rows`);
    for (const row of report.rules)
      assert.doesNotMatch(
        JSON.stringify(row.evidence),
        REFUSED_LOGIN,
        `${row.rule} rests on a refused login`,
      );
    // Whatever fails is one of Mosquitto's documented deviations, as without a login.
    const deviations = ownPath('harness/brokers/mosquitto/known-deviations.json');
    const known = JSON.parse(await readFile(deviations, 'utf8')) as {
      deviations: { rule: string }[];
    };
    const documented = new Set(known.deviations.map((d) => d.rule));
    for (const row of report.rules.filter((r) => r.verdict === 'fail'))
      assert.ok(documented.has(row.rule), `${row.rule} fails: ${JSON.stringify(row.evidence)}`);
  } finally {
    broker.kill();
    await new Promise((resolve) => broker.once('exit', resolve));
    await rm(dir, { recursive: true, force: true });
  }
});
