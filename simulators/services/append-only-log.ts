import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * A JSON-lines file that is only ever appended to, for audit (ESL-6: task logs are kept). Writes are
 * chained so lines keep their order; `flush()` waits for all of them.
 */
export class AppendOnlyLog {
  #tail: Promise<void> = Promise.resolve();
  #failure: Error | undefined;

  constructor(readonly file: string) {}

  append(entry: Readonly<Record<string, unknown>>): void {
    const line = `${JSON.stringify(entry)}\n`;
    this.#tail = this.#tail
      .then(async () => {
        await mkdir(path.dirname(this.file), { recursive: true });
        await appendFile(this.file, line);
      })
      .catch((error: unknown) => {
        this.#failure ??= error instanceof Error ? error : new Error(String(error));
      });
  }

  /** Waits for every pending line; rejects with the first write failure, saying which file. */
  async flush(): Promise<void> {
    await this.#tail;
    if (this.#failure) throw new Error(`could not append to ${this.file}: ${this.#failure.message}`);
  }
}
