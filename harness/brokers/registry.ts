import type { BrokerModule, ContainerPreset, ProcessRecipe } from './broker-module.ts';
import { emqx } from './emqx/emqx.ts';
import { hivemq } from './hivemq/hivemq.ts';
import { mosquitto } from './mosquitto/mosquitto.ts';
import { nanomq } from './nanomq/nanomq.ts';
import { nats } from './nats/nats.ts';
import { rabbitmq } from './rabbitmq/rabbitmq.ts';
import { vernemq } from './vernemq/vernemq.ts';

/**
 * Every broker the harness knows, one registration line each. The process, container and compose
 * targets, the `brokers` listing and the help texts are all built from this table; a new broker is a
 * new module plus its line here. EMQX comes first: it is the default container broker.
 */
export const BROKER_MODULES: readonly BrokerModule[] = [
  emqx,
  mosquitto,
  hivemq,
  nanomq,
  vernemq,
  nats,
  rabbitmq,
];

export const DEFAULT_CONTAINER_PRESET = 'emqx';

/** A broker the harness can run as its own process. */
export type ProcessBroker = BrokerModule & { readonly process: ProcessRecipe };

/** One `container:<name>` preset and the broker it runs. */
export interface ContainerPresetEntry {
  readonly name: string;
  readonly broker: BrokerModule;
  readonly preset: ContainerPreset;
}

/** `process:<name>` targets, by name. */
export function processBrokers(): ProcessBroker[] {
  return BROKER_MODULES.filter((broker): broker is ProcessBroker => broker.process !== undefined).sort(
    (a, b) => a.name.localeCompare(b.name),
  );
}

export function processBroker(name: string): ProcessBroker | undefined {
  return processBrokers().find((broker) => broker.name === name);
}

/** Vendor presets in table order (the default first), then the locally built `local/…` ones. */
export function containerPresets(): ContainerPresetEntry[] {
  const entries = BROKER_MODULES.flatMap((broker) =>
    Object.entries(broker.containers ?? {}).map(([name, preset]) => ({ name, broker, preset })),
  );
  const local = (entry: ContainerPresetEntry) => (entry.name.startsWith('local/') ? 1 : 0);
  return entries.sort((a, b) => local(a) - local(b));
}

export function containerPreset(name: string): ContainerPresetEntry | undefined {
  return containerPresets().find((entry) => entry.name === name);
}

/** The broker behind a docker-compose.yml service, when the harness knows it. */
export function composeBroker(service: string): BrokerModule | undefined {
  return BROKER_MODULES.find((broker) => broker.composeService === service);
}
