import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The label that records which Dockerfile and config an image was built from. */
export const CONTEXT_DIGEST_LABEL = 'org.mqtt-harness.context-digest';

/**
 * A digest of a build context (every file's relative path and content) and the base it builds on, so
 * that an image built before its Dockerfile or config changed counts as stale and is built again,
 * while an unchanged one is kept (a CI cache of images stays valid only as long as it should).
 */
export async function contextDigest(contextDir: string, base: string): Promise<string> {
  const hash = createHash('sha256').update(`base=${base}\n`);
  for (const file of await listFiles(contextDir)) {
    hash.update(`${file}\n`);
    hash.update(await readFile(path.join(contextDir, file)));
    hash.update('\n');
  }
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(dir, relative)));
    else if (entry.isFile()) files.push(relative);
  }
  return files;
}
