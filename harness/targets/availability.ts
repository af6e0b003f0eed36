import { containerPresets, processBrokers } from '../brokers/registry.ts';
import { composeImplementation } from './compose/compose-implementation.ts';
import { imageExists } from './container/container-images.ts';
import { checkContainerRuntime } from './container-runtime.ts';
import { findExecutable } from './process/find-executable.ts';

export interface TargetAvailability {
  readonly spec: string;
  readonly available: boolean;
  /** What it runs, or why it cannot run here and what to do. */
  readonly detail: string;
}

/** Which targets can run on this machine, and why not — without starting any broker. */
export async function targetAvailability(): Promise<TargetAvailability[]> {
  const rows: TargetAvailability[] = [
    { spec: 'embedded', available: true, detail: 'reference broker in this process' },
    { spec: 'embedded:plain', available: true, detail: 'plain Aedes in this process' },
    { spec: 'mqtt://host:port', available: true, detail: 'any reachable broker (checked when a run starts)' },
  ];
  for (const { name, process: recipe } of processBrokers()) {
    const executable = await findExecutable(recipe.executables);
    rows.push({
      spec: `process:${name}`,
      available: executable !== undefined,
      detail: executable ?? `not installed: apt-get install ${recipe.debianPackage}`,
    });
  }
  const runtime = await checkContainerRuntime();
  rows.push({
    spec: 'Docker engine',
    available: runtime.available,
    detail: runtime.available ? runtime.info : runtime.reason,
  });
  for (const { name, preset } of containerPresets()) {
    const image = `${preset.image}:${preset.tag}`;
    rows.push({ spec: `container:${name}`, ...(await imageRow(runtime.available, image, preset.build)) });
  }
  rows.push({
    spec: 'container:image=REF',
    available: runtime.available,
    detail: runtime.available ? 'any image on this engine or a reachable registry' : 'needs a Docker engine',
  });
  const compose = await composeImplementation();
  rows.push({
    spec: 'compose:SERVICE',
    available: runtime.available && compose.kind !== 'none',
    detail: !runtime.available
      ? 'needs a Docker engine'
      : compose.kind === 'none'
        ? compose.reason
        : compose.kind === 'plugin'
          ? `docker compose ${compose.version}`
          : `docker-compose ${compose.version} (standalone)`,
  });
  return rows;
}

/** A preset runs when its image is here; a registry image may still be pulled, a local one must be built. */
async function imageRow(engine: boolean, image: string, build: string | undefined) {
  if (!engine) return { available: false, detail: `${image}: needs a Docker engine` };
  const exists = await imageExists(image);
  if (exists) return { available: true, detail: `${image} (image present)` };
  if (build) return { available: false, detail: `${image} not built: ${build}` };
  return { available: false, detail: `${image} not here: pulled on first use if a registry is reachable` };
}
