import { access, constants } from 'node:fs/promises';
import path from 'node:path';

const SYSTEM_DIRS = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

/** The first candidate that is an executable file: absolute paths as given, names on PATH and sbin dirs. */
export async function findExecutable(candidates: readonly string[]): Promise<string | undefined> {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SYSTEM_DIRS];
  for (const candidate of candidates) {
    const paths = path.isAbsolute(candidate) ? [candidate] : dirs.map((dir) => path.join(dir, candidate));
    for (const file of paths) {
      try {
        await access(file, constants.X_OK);
        return file;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}
