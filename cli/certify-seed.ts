import { UsageError } from '../harness/errors.ts';

/**
 * The seed a certification uses when none is given. Fixed, so the same broker gets the same property
 * cases — and so the same verdicts — on every run (issue 11); `--seed random` explores instead.
 */
export const DEFAULT_SEED = 42;

/** `--seed`: absent → the fixed default; `random` → one drawn now (and reported); else an integer. */
export function certifySeed(text: string | undefined): { seed: number; how: string } {
  if (text === undefined) return { seed: DEFAULT_SEED, how: 'the fixed default; --seed random explores' };
  if (text === 'random') {
    const seed = (Date.now() ^ (Math.random() * 0x1_0000_0000)) | 0;
    return { seed, how: `drawn at random; --seed ${seed} replays` };
  }
  if (!/^-?\d+$/.test(text))
    throw new UsageError(`certify: --seed takes an integer or "random", not "${text}"`);
  return { seed: Number(text), how: 'given' };
}
