import { UsageError } from '../errors.ts';
import fc from 'fast-check';
import type { QoS } from '../connection/qos.ts';
import type { Ack } from '../connection/session-probe.ts';
import { harnessHome, type Profile } from '../profiles/profile.ts';
import { Acknowledge } from './session-commands/acknowledge.ts';
import { Connect } from './session-commands/connect.ts';
import { Disconnect } from './session-commands/disconnect.ts';
import { Kill } from './session-commands/kill.ts';
import { Publish } from './session-commands/publish.ts';
import { Subscribe } from './session-commands/subscribe.ts';
import { Unsubscribe } from './session-commands/unsubscribe.ts';
import { WithholdAcks } from './session-commands/withhold-acks.ts';
import { SessionModel } from './session-model.ts';
import { describeCase, sessionSequences } from './session-sequences.ts';
import { SessionSystem } from './session-system.ts';
import { firstFailure } from './first-failure.ts';
import { UnjudgedCases } from './unjudged-cases.ts';
import { failedProperty, type PropertyOptions, type PropertyResult } from './property-result.ts';
import { clientIdScheme } from '../profiles/client-id-scheme.ts';

export interface SessionModelOptions extends PropertyOptions {
  readonly maxCommands?: number;
  readonly timeoutMs?: number;
  /** fast-check's replayPath of the command sequence (printed with a failure in a replayPath comment). */
  readonly replayPath?: string;
  /** Highest QoS to publish and subscribe with: 1 explores a broker without QoS 2 (NATS 2.9). */
  readonly maxQos?: QoS;
  /** Run every command sequence up to this length first, systematically (0: none). */
  readonly sequences?: number;
  /** Systematic cases run side by side (default CONCURRENT_CASES); 1: one at a time. */
  readonly concurrency?: number;
}

/**
 * Systematic cases at a time: each spends most of its ~0.2 s waiting on the broker (a quiet window, a
 * will), so a handful side by side cut the sweep's time without loading a 2-core machine much. Each
 * quiet window is sized from its own connections' round trips, so a busier broker waits longer.
 */
export const CONCURRENT_CASES = 6;

export const SESSION_MODEL_NAME = 'QoS × cleanSession: a real broker follows the session model step by step';
export const SESSION_MODEL_RULES = [
  'QCS-1',
  'QCS-2',
  'QCS-4',
  'QCS-6',
  'MQTT-3.3.1-1',
  'MQTT-3.8.4-6',
  'MQTT-4.4.0-1',
];

const qosUpTo = (max: QoS) => fc.constantFrom<QoS>(...([0, 1, 2] as const).filter((q) => q <= max));
const ack = fc.constantFrom<Ack>('puback', 'pubrec', 'pubcomp');

/** The command mix: mostly publishing and coming and going, with acks withheld now and then. */
export function sessionCommands(maxCommands: number, replayPath?: string, maxQos: QoS = 2) {
  const qos = qosUpTo(maxQos);
  return fc.commands(
    [
      fc.constant(new Connect()),
      fc.constant(new Connect()),
      qos.map((q) => new Subscribe(q)),
      fc.constant(new Unsubscribe()),
      qos.map((q) => new Publish(q)),
      qos.map((q) => new Publish(q)),
      qos.map((q) => new Publish(q)),
      fc.constant(new Disconnect()),
      fc.constant(new Kill()),
      ack.map((a) => new WithholdAcks(a)),
      fc.constant(new Acknowledge()),
    ],
    { maxCommands, size: 'large', ...(replayPath ? { replayPath } : {}) },
  );
}

/**
 * The model-based test: per run a cleanSession flag and a command sequence; the broker is checked
 * against the model after every command and, after a quiet window, at the end. First the short
 * sequences systematically (`sequences`: every sequence up to that length, in a fixed order, shortest
 * first — the same cases on every certification), then `numRuns` random longer ones (fast-check
 * `asyncModelRun`, seeded). A systematic failure replays with `--path sequence:K:N`; a random one shrinks
 * to a minimal sequence, printed with the seed and path that replay it (`--seed`/`--path`, or
 * QCS_SEED/QCS_PATH for the unit test).
 */
export async function checkSessionModel(
  url: string,
  profile: Profile,
  options: SessionModelOptions,
): Promise<PropertyResult> {
  const seed = options.seed ?? (Date.now() ^ (Math.random() * 0x1_0000_0000)) | 0;
  const maxQos = options.maxQos ?? 2;
  const exercised = new Set<string>();
  // Cases the broker left unjudged (a precondition it did not meet, e.g. a QoS 2 PUBLISH it closed the
  // connection on): each is skipped and the others still judged, so one never hides a failure of another.
  const unjudged = new UnjudgedCases();
  const runCase = async (
    clean: boolean,
    firstQos: QoS,
    run: (model: SessionModel, real: SessionSystem) => Promise<void>,
  ) => {
    const real = new SessionSystem(url, harnessHome(profile), options.timeoutMs, clientIdScheme(profile));
    const model = new SessionModel(profile, clean);
    try {
      await real.start();
      // Every run starts online with a subscription, so the generated steps spend themselves on the
      // interesting part: going away, publishing meanwhile, coming back, withholding acks.
      await new Connect().run(model, real);
      await new Subscribe(firstQos).run(model, real);
      await run(model, real);
      real.settle(model);
      await real.check(model, true);
    } finally {
      await real.close();
    }
  };
  /** The fast-check runs (`--runs`), one at a time as fast-check runs them, each a fresh SessionSystem. */
  const randomExercised = new Set<string>();
  let systematicFailed = false;
  const randomRuns = async () => {
    const [runPath, commandsPath] = (options.path ?? '').split('|');
    const replayPath = commandsPath || options.replayPath;
    const arbitrary = fc.tuple(
      fc.boolean(),
      qosUpTo(maxQos),
      sessionCommands(options.maxCommands ?? 12, replayPath, maxQos),
    );
    let randomRun = 0;
    const property = fc.asyncProperty(arbitrary, async ([clean, firstQos, commands]) => {
      // Once a systematic case has failed, the rest are skipped (a skip is no failure, so nothing shrinks).
      fc.pre(!systematicFailed);
      const rules = rulesExercised(clean, firstQos, [...commands]);
      const judged = await unjudged.unlessInconclusive(
        () => runCase(clean, firstQos, (model, real) => fc.asyncModelRun(() => ({ model, real }), commands)),
        cases.length + randomRun++,
        rules,
      );
      // An unjudged run is skipped as fast-check skips a run whose precondition does not hold.
      fc.pre(judged);
      for (const rule of rules) randomExercised.add(rule);
    });
    return options.numRuns > 0
      ? await fc.check(property, {
          numRuns: options.numRuns,
          seed,
          ...(runPath ? { path: runPath } : {}),
          endOnFailure: false,
          // At most as many unjudged runs as runs: a broker that leaves most unjudged ends the random
          // part early (judged on what it did judge), never after a hundred times the runs.
          maxSkipsPerRun: 1,
        })
      : undefined;
  };
  const base = { name: SESSION_MODEL_NAME, rules: SESSION_MODEL_RULES, seed };

  // The systematic part; `--path sequence:K:N` replays case N of the sequences up to length K alone.
  const replayCase = /^sequence:(\d+):(\d+)$/.exec(options.path ?? '');
  const depth = replayCase ? Number(replayCase[1]) : (options.sequences ?? 0);
  const all = [...sessionSequences(profile, depth, maxQos).entries()];
  const cases = replayCase ? all.filter(([i]) => i === Number(replayCase[2])) : options.path ? [] : all;
  if (replayCase && cases.length === 0)
    throw new UsageError(
      `--path ${options.path ?? ''} names no session-model sequence; copy it from a report`,
    );
  // The cases side by side (each has its own client IDs and topic, SessionSystem); the first failure in
  // case order is the one reported, as a one-at-a-time loop would report it (first-failure.ts).
  const judgedCases = new Set<number>();
  const systematic = firstFailure(cases.length, options.concurrency ?? CONCURRENT_CASES, async (i) => {
    const [, c] = cases[i] ?? [];
    if (!c) return;
    const judged = await unjudged.unlessInconclusive(
      () =>
        runCase(c.clean, c.firstQos, async (model, real) => {
          // What asyncModelRun does: a step whose precondition no longer holds (a lower grant) is skipped.
          for (const command of c.commands) if (command.check(model)) await command.run(model, real);
          // A case that ends away comes back, so what was queued or lost meanwhile is judged too (QCS-2).
          if (!model.online) await new Connect().run(model, real);
        }),
      i,
      rulesExercised(c.clean, c.firstQos, c.commands),
    );
    if (judged) judgedCases.add(i);
  });
  // The random runs go on beside the systematic ones; their result counts only if those all pass.
  const random = replayCase ? Promise.resolve(undefined) : randomRuns();
  const failure = await systematic;
  // The judged cases' rules in case order, whatever order they finished in: the report is the same every run.
  for (const [i, [, c]] of cases.entries())
    if (judgedCases.has(i))
      for (const rule of rulesExercised(c.clean, c.firstQos, c.commands)) exercised.add(rule);
  if (failure) {
    // A failing systematic case is the verdict; the random runs stop at their next run, unjudged.
    systematicFailed = true;
    await random.catch(() => undefined);
    const [index, c] = cases[failure.index] ?? [];
    if (index === undefined || !c) throw failure.error;
    return failedProperty(
      { ...base, runs: index + 1 },
      failure.error,
      describeCase(c),
      `sequence:${depth}:${index}`,
      'model run',
    );
  }
  if (replayCase) return unjudged.verdict({ ...base, runs: cases.length }, exercised);

  const details = await random;
  for (const rule of randomExercised) exercised.add(rule);
  const runs = cases.length + (details?.numRuns ?? 0);
  // fast-check fails a property with too many skipped runs, without a counter-example: no mismatch.
  if (!details?.failed || details.counterexample === null)
    return unjudged.verdict({ ...base, runs }, exercised);
  const [clean, firstQos, commands] = details.counterexample?.[0] ?? [false, 1, []];
  const steps = String(commands);
  const stepsPath = /replayPath="([^"]*)"/.exec(steps)?.[1];
  const counterexample = `cleanSession=${clean}: connect, subscribe at QoS ${firstQos}, ${steps.replace(/\s*\/\*.*\*\//, '').replaceAll(',', ', ')}`;
  // The path fast-check prints, plus the commands' own replay path after a "|" (both are needed).
  const path = details.counterexamplePath
    ? `${details.counterexamplePath}${stepsPath ? `|${stepsPath}` : ''}`
    : undefined;
  return failedProperty({ ...base, runs }, details.errorInstance, counterexample, path, 'model run');
}

/** One line a user can act on: what broke, the steps, and how to replay them. */
export function describeModelResult(result: PropertyResult): string {
  if (result.verdict === 'pass') return `${result.name}: ${result.runs} runs passed (seed ${result.seed})`;
  const replay = `replay: --seed ${result.seed}${result.path ? ` --path '${result.path}'` : ''}`;
  return [
    `${result.name}: ${result.verdict}${result.rule ? ` (${result.rule})` : ''}`,
    `  steps: ${result.counterexample ?? '(none)'}`,
    `  ${result.detail ?? ''}`,
    `  ${replay}`,
  ].join('\n');
}

/**
 * Which rules one completed run put to the test: delivery (QCS-1/2/6) always; QCS-4 only with a QoS 2
 * subscription on a persistent session; the downgrade [MQTT-3.8.4-6] only when a publish outranks a
 * subscription; redelivery [MQTT-3.3.1-1, MQTT-4.4.0-1] only when acks were withheld across a reconnect.
 */
function rulesExercised(clean: boolean, firstQos: QoS, commands: readonly unknown[]): string[] {
  const subscribed = [firstQos, ...commands.flatMap((c) => (c instanceof Subscribe ? [c.qos] : []))];
  const published = commands.flatMap((c) => (c instanceof Publish ? [c.qos] : []));
  const rules = ['QCS-1', 'QCS-2', 'QCS-6'];
  if (!clean && subscribed.includes(2)) rules.push('QCS-4');
  if (published.some((qos) => subscribed.some((granted) => qos > granted))) rules.push('MQTT-3.8.4-6');
  const reconnected = commands.some((c) => c instanceof Kill || c instanceof Disconnect);
  if (!clean && reconnected && commands.some((c) => c instanceof WithholdAcks)) {
    rules.push('MQTT-3.3.1-1', 'MQTT-4.4.0-1');
  }
  return rules;
}
