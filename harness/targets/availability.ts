import { checkContainerRuntime } from './container-runtime.ts';
import { CONTAINER_BROKERS } from './container-target.ts';
import { findExecutable } from './process/find-executable.ts';
import { PROCESS_RECIPES } from './process/recipes.ts';

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
  for (const recipe of Object.values(PROCESS_RECIPES)) {
    const executable = await findExecutable(recipe.executables);
    rows.push({
      spec: `process:${recipe.name}`,
      available: executable !== undefined,
      detail: executable ?? `not installed: apt-get install ${recipe.debianPackage}`,
    });
  }
  const runtime = await checkContainerRuntime();
  const dockerDetail = runtime.available ? runtime.info : runtime.reason;
  for (const name of Object.keys(CONTAINER_BROKERS)) {
    rows.push({ spec: `container:${name}`, available: runtime.available, detail: dockerDetail });
  }
  rows.push({ spec: 'compose:SERVICE', available: runtime.available, detail: dockerDetail });
  return rows;
}
