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
import { SessionSystem } from './session-system.ts';
import { failedProperty, type PropertyOptions, type PropertyResult } from './property-result.ts';
import { clientIdScheme } from '../profiles/client-id-scheme.ts';

export interface SessionModelOptions extends PropertyOptions {
  readonly maxCommands?: number;
  readonly timeoutMs?: number;
  /** fast-check's replayPath of the command sequence (printed with a failure in a replayPath comment). */
  readonly replayPath?: string;
  /** Highest QoS to publish and subscribe with: 1 explores a broker without QoS 2 (NATS 2.9). */
  readonly maxQos?: QoS;
}

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
 * The model-based test (fast-check `asyncModelRun`): per run a cleanSession flag and a command
 * sequence; the broker is checked against the model after every command and, after a quiet window,
 * at the end. A failure shrinks to a minimal sequence, printed as steps with the seed and path that
 * replay it (`--seed`/`--path`, or QCS_SEED/QCS_PATH for the unit test).
 */
export async function checkSessionModel(
  url: string,
  profile: Profile,
  options: SessionModelOptions,
): Promise<PropertyResult> {
  const seed = options.seed ?? (Date.now() ^ (Math.random() * 0x1_0000_0000)) | 0;
  const [runPath, commandsPath] = (options.path ?? '').split('|');
  options = {
    ...options,
    ...(runPath ? { path: runPath } : {}),
    ...(commandsPath ? { replayPath: commandsPath } : {}),
  };
  const arbitrary = fc.tuple(
    fc.boolean(),
    qosUpTo(options.maxQos ?? 2),
    sessionCommands(options.maxCommands ?? 12, options.replayPath, options.maxQos),
  );
  const exercised = new Set<string>();
  const property = fc.asyncProperty(arbitrary, async ([clean, firstQos, commands]) => {
    const real = new SessionSystem(url, harnessHome(profile), options.timeoutMs, clientIdScheme(profile));
    const model = new SessionModel(profile, clean);
    try {
      await real.start();
      // Every run starts online with a subscription, so the generated steps spend themselves on the
      // interesting part: going away, publishing meanwhile, coming back, withholding acks.
      await new Connect().run(model, real);
      await new Subscribe(firstQos).run(model, real);
      await fc.asyncModelRun(() => ({ model, real }), commands);
      await real.check(model, true);
      for (const rule of rulesExercised(clean, firstQos, [...commands])) exercised.add(rule);
    } finally {
      await real.close();
    }
  });
  const details = await fc.check(property, {
    numRuns: options.numRuns,
    seed,
    ...(options.path ? { path: options.path } : {}),
    endOnFailure: false,
  });
  const base = { name: SESSION_MODEL_NAME, rules: SESSION_MODEL_RULES, runs: details.numRuns, seed };
  if (!details.failed) return { ...base, verdict: 'pass', exercised: [...exercised] };
  const [clean, firstQos, commands] = details.counterexample?.[0] ?? [false, 1, []];
  const steps = String(commands);
  const replayPath = /replayPath="([^"]*)"/.exec(steps)?.[1];
  const counterexample = `cleanSession=${clean}: connect, subscribe at QoS ${firstQos}, ${steps.replace(/\s*\/\*.*\*\//, '').replaceAll(',', ', ')}`;
  // The path fast-check prints, plus the commands' own replay path after a "|" (both are needed).
  const path = details.counterexamplePath
    ? `${details.counterexamplePath}${replayPath ? `|${replayPath}` : ''}`
    : undefined;
  return failedProperty(base, details.errorInstance, counterexample, path, 'model run');
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
