import type { MemoryMq } from './memory-mq.ts';

/**
 * In-process MQs by reference (`memory://<n>`), so that a target can name its MQ in its string-valued
 * `endpoints` (handed to cucumber through the environment) and the scenarios, loaded in the same
 * process, find the object. Kept on globalThis: a second copy of this module (another loader) sees it too.
 */
const REGISTRY = Symbol.for('mqtt-harness.memory-mq');

interface Registry {
  next: number;
  readonly mqs: Map<string, MemoryMq>;
}

function registry(): Registry {
  const global = globalThis as { [REGISTRY]?: Registry };
  return (global[REGISTRY] ??= { next: 1, mqs: new Map() });
}

/** Registers an MQ and returns its reference; `unregister` it when the broker stops. */
export function registerMemoryMq(mq: MemoryMq): string {
  const reg = registry();
  const ref = `memory://${process.pid}/${reg.next++}`;
  reg.mqs.set(ref, mq);
  return ref;
}

export function unregisterMemoryMq(ref: string): void {
  registry().mqs.delete(ref);
}

export function lookupMemoryMq(ref: string): MemoryMq | undefined {
  return registry().mqs.get(ref);
}
