import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InfrastructureError } from '../../errors.ts';

/** The repository root, where docker-compose.yml lives (this file is harness/targets/compose/). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const COMPOSE_FILE = 'docker-compose.yml';
/** Points services at the images built here (`mqtt-harness images build`), for machines without a registry. */
export const LOCAL_OVERRIDE_FILE = 'docker-compose.local.yml';

export function readComposeFile(file = COMPOSE_FILE): string {
  try {
    return readFileSync(PROJECT_ROOT + file, 'utf8');
  } catch (error) {
    throw new InfrastructureError(`cannot read ${PROJECT_ROOT + file} for compose targets`, { cause: error });
  }
}

export function hasLocalOverride(): boolean {
  return existsSync(PROJECT_ROOT + LOCAL_OVERRIDE_FILE);
}

/**
 * The service names of a compose file: the keys directly under the top-level `services:` (enough for
 * our own docker-compose.yml without a YAML dependency; flow-style `services: {…}` is not supported).
 */
export function composeServices(fileText: string): string[] {
  return serviceBlocks(fileText).map((block) => block.name);
}

/** The `image:` of one service, read the same way; undefined when the service builds or has none. */
export function composeServiceImage(fileText: string, service: string): string | undefined {
  const block = serviceBlocks(fileText).find((candidate) => candidate.name === service);
  for (const line of block?.lines ?? []) {
    const image = /^\s+image:\s*['"]?([^'"\s#]+)['"]?\s*(#.*)?$/.exec(line);
    if (image?.[1]) return image[1];
  }
  return undefined;
}

interface ServiceBlock {
  readonly name: string;
  readonly lines: string[];
}

function serviceBlocks(fileText: string): ServiceBlock[] {
  const blocks: ServiceBlock[] = [];
  let inServices = false;
  let indent: number | undefined;
  for (const line of fileText.split(/\r?\n/)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const leading = line.length - line.trimStart().length;
    if (leading === 0) {
      inServices = /^services:\s*(#.*)?$/.test(line);
      continue;
    }
    if (!inServices) continue;
    indent ??= leading;
    if (leading !== indent) {
      if (leading > indent) blocks.at(-1)?.lines.push(line);
      continue;
    }
    const key = /^\s+(?:"([^"]+)"|'([^']+)'|([^\s:#'"][^:#]*?))\s*:(?:\s|$)/.exec(line);
    const name = key?.[1] ?? key?.[2] ?? key?.[3];
    if (name) blocks.push({ name, lines: [] });
  }
  return blocks;
}
