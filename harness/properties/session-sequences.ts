import type fc from 'fast-check';
import type { QoS } from '../connection/qos.ts';
import type { Ack } from '../connection/session-probe.ts';
import type { Profile } from '../profiles/profile.ts';
import { Acknowledge } from './session-commands/acknowledge.ts';
import { Connect } from './session-commands/connect.ts';
import { Disconnect } from './session-commands/disconnect.ts';
import { Kill } from './session-commands/kill.ts';
import { Publish } from './session-commands/publish.ts';
import { Subscribe } from './session-commands/subscribe.ts';
import { Unsubscribe } from './session-commands/unsubscribe.ts';
import { WithholdAcks } from './session-commands/withhold-acks.ts';
import { SessionModel } from './session-model.ts';
import type { SessionSystem } from './session-system.ts';

export type SessionCommand = fc.AsyncCommand<SessionModel, SessionSystem>;

/** One systematic case: a cleanSession flag, the first subscription and the steps after it. */
export interface SessionCase {
  readonly clean: boolean;
  readonly firstQos: QoS;
  readonly commands: readonly SessionCommand[];
}

/** Every command the model knows, each QoS and ack once: the alphabet the short sequences are drawn from. */
export function sessionAlphabet(maxQos: QoS = 2): SessionCommand[] {
  const qos = ([0, 1, 2] as const).filter((q) => q <= maxQos);
  const acks: Ack[] = ['puback', 'pubrec', 'pubcomp'];
  return [
    new Connect(),
    ...qos.map((q) => new Subscribe(q)),
    new Unsubscribe(),
    ...qos.map((q) => new Publish(q)),
    new Disconnect(),
    new Kill(),
    ...acks.map((a) => new WithholdAcks(a)),
    new Acknowledge(),
  ];
}

/**
 * The QoS of the first subscription of a systematic case: 1, the one every profile keeps in a persistent
 * session (aliyun drops a QoS 2 one, QCS-4), so "go away, publish, come back" tests queueing (QCS-2)
 * within two steps; the other grants come from the sequences' own SUBSCRIBEs.
 */
const FIRST_QOS: QoS = 1;

/**
 * The short sequences, covered systematically so that two certifications examine the same cases:
 * for both cleanSession flags, starting online with a QoS 1 subscription, every sequence
 * of up to `maxLength` commands of the alphabet whose preconditions hold (the same `check` fast-check
 * applies), in a fixed order, shortest first. Random runs (`--runs`) then explore longer sequences on top.
 */
export function sessionSequences(profile: Profile, maxLength: number, maxQos: QoS = 2): SessionCase[] {
  const alphabet = sessionAlphabet(maxQos);
  const cases: SessionCase[] = [];
  const firstQos = Math.min(FIRST_QOS, maxQos) as QoS;
  for (const clean of [false, true]) {
    const extend = (prefix: readonly SessionCommand[]) => {
      if (prefix.length > 0) cases.push({ clean, firstQos, commands: prefix });
      if (prefix.length === maxLength) return;
      const model = modelAfter(profile, clean, firstQos, prefix);
      for (const command of alphabet) if (command.check(model)) extend([...prefix, command]);
    };
    extend([]);
  }
  // Shortest first (stable): the first failure is a shortest one, and the numbering of the cases up to
  // length K does not depend on anything but K, the profile and the highest QoS (`--path sequence:K:N`).
  return cases.sort((a, b) => a.commands.length - b.commands.length);
}

/** The model state after a prefix, without a broker (a grant is assumed to be the QoS asked for). */
function modelAfter(profile: Profile, clean: boolean, firstQos: QoS, prefix: readonly SessionCommand[]) {
  const model = new SessionModel(profile, clean);
  model.connected();
  model.subscribed(firstQos);
  for (const command of prefix) {
    if (command instanceof Connect) model.connected();
    else if (command instanceof Subscribe) model.subscribed(command.qos);
    else if (command instanceof Unsubscribe) model.unsubscribed();
    else if (command instanceof Publish) model.published(model.nextPayload(), command.qos);
    else if (command instanceof Disconnect || command instanceof Kill) model.disconnected();
    else if (command instanceof WithholdAcks) model.withhold(command.ack);
    else if (command instanceof Acknowledge) model.acknowledged();
  }
  return model;
}

/** The steps of a case as the report prints them (a case that ends away comes back: see the runner). */
export function describeCase(c: SessionCase): string {
  return `cleanSession=${c.clean}: connect, subscribe at QoS ${c.firstQos}, ${c.commands.map(String).join(', ')}, and connect if away`;
}
