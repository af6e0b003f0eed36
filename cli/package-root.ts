import { fileURLToPath } from 'node:url';

/**
 * The harness's own directory: the repository, or node_modules/mqtt-harness in a project that installed
 * it. Its cucumber config, steps and conformance features are found from here; reports go to the current
 * directory.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A path of the harness's own (`features/conformance/**\/*.feature`), from wherever it runs. */
export function ownPath(relative: string): string {
  return `${PACKAGE_ROOT}${relative}`;
}
