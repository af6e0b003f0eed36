import { fileURLToPath } from 'node:url';
import type { ContainerPreset } from '../../brokers/broker-module.ts';
import { containerPreset, containerPresets } from '../../brokers/registry.ts';
import { UsageError } from '../../errors.ts';
import type { BrokerCapabilities } from '../broker-target.ts';

/** Config files shared with docker-compose.yml, so both ways of running a broker agree. */
const DOCKER_DIR = fileURLToPath(new URL('../../../docker/', import.meta.url));
/** Docker's tag grammar. */
const TAG_PATTERN = /^[\w][\w.-]{0,127}$/;

/** Everything a container target will run, resolved without touching Docker (for tests and messages). */
export interface ContainerConfig {
  readonly spec: string;
  readonly image: string;
  readonly exposedPorts: readonly number[];
  readonly mqttPort: number;
  /** What start() waits for, in words. */
  readonly waitStrategy: string;
  /** The broker's "started" line; without one, readiness is polled with real MQTT CONNECTs. */
  readonly readyLog?: RegExp;
  readonly startupTimeoutMs: number;
  readonly capabilities: BrokerCapabilities;
  readonly environment: Readonly<Record<string, string>>;
  readonly files: readonly { source: string; target: string }[];
  readonly tmpFs: Readonly<Record<string, string>>;
  /** How to build the image when it is missing; undefined: it is pulled from a registry. */
  readonly build?: string;
}

/** `container:NAME[:TAG]` — a preset of a broker module (harness/brokers). */
export function containerConfig(name: string, tag?: string): ContainerConfig {
  const entry = containerPreset(name);
  if (!entry) {
    throw new UsageError(
      `unknown container broker "${name}"; use one of ${containerPresets()
        .map((known) => `container:${known.name}`)
        .join(', ')}, or any image with container:image=REF[,port=N]`,
    );
  }
  const { preset, broker } = entry;
  if (tag !== undefined && !TAG_PATTERN.test(tag)) {
    throw new UsageError(`"${tag}" is not a Docker image tag; write it as container:${name}:${preset.tag}`);
  }
  return fromPreset(
    tag === undefined ? `container:${name}` : `container:${name}:${tag}`,
    { ...preset, tag: tag ?? preset.tag },
    broker.capabilities,
  );
}

/** A preset (or a vendor's image, see image-spec.ts) as a config. */
export function fromPreset(
  spec: string,
  preset: ContainerPreset,
  capabilities: BrokerCapabilities,
): ContainerConfig {
  const readiness = preset.readyLog ? `log ${String(preset.readyLog)}` : 'an MQTT CONNECT on the mapped port';
  return {
    spec,
    image: `${preset.image}:${preset.tag}`,
    exposedPorts: [preset.mqttPort],
    mqttPort: preset.mqttPort,
    waitStrategy: `${readiness} within ${preset.startupTimeoutMs / 1000} s, then an MQTT CONNECT`,
    ...(preset.readyLog ? { readyLog: preset.readyLog } : {}),
    startupTimeoutMs: preset.startupTimeoutMs,
    capabilities,
    environment: preset.environment ?? {},
    files: Object.entries(preset.files ?? {}).map(([source, target]) => ({
      source: DOCKER_DIR + source,
      target,
    })),
    tmpFs: preset.tmpFs ?? {},
    ...(preset.build ? { build: preset.build } : {}),
  };
}
