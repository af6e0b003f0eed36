import { performance } from 'node:perf_hooks';
import { InfrastructureError } from '../errors.ts';
import { BASE_IMAGE, selectBrokerImages, type BrokerImage } from './broker-images.ts';
import { CONTEXT_DIGEST_LABEL, contextDigest } from './context-digest.ts';
import { runCommand, runDocker, type CommandResult } from './docker-cli.ts';
import { requireDockerEngine } from './docker-engine.ts';
import { inspectImage } from './local-images.ts';

/** One line of a build's output, tagged with the image it belongs to (`base` for the Debian base). */
export interface BuildProgress {
  readonly image: string;
  readonly line: string;
}

export interface BuildOptions {
  /** Build even what exists and is current, from the Debian packages again (no layer cache). */
  readonly force?: boolean;
  /**
   * The image the broker images start FROM. The default is built locally from Debian's packages when
   * missing; any other (e.g. `debian:bookworm-slim`) is left to `docker build` to pull.
   */
  readonly base?: string;
  readonly progress?: (event: BuildProgress) => void;
}

export interface BuildResult {
  /** A broker image's name, or `base`. */
  readonly name: string;
  readonly tag: string;
  /** `kept`: it existed and was built from the same context; `built`: missing, stale or forced. */
  readonly action: 'built' | 'kept';
  /** Why it was built: `missing`, `stale` (its Dockerfile or config changed) or `forced`. */
  readonly why?: 'missing' | 'stale' | 'forced';
  readonly seconds: number;
  readonly version: string | undefined;
}

/** Bounds that no healthy build comes near here (base ≈ 35 s, RabbitMQ ≈ 30 s), so a stuck one ends. */
const BASE_TIMEOUT_MS = 10 * 60_000;
const BUILD_TIMEOUT_MS = 10 * 60_000;

/**
 * Builds the named broker images (all when none are named) that are missing or stale, one after the
 * other (a 2-core machine gains nothing from parallel apt runs), after the Debian base when it is
 * missing. Unknown names are a UsageError, a missing engine or a failed build an InfrastructureError
 * with the build's last lines.
 */
export async function buildImages(
  names: readonly string[] = [],
  options: BuildOptions = {},
): Promise<BuildResult[]> {
  const images = selectBrokerImages(names);
  await requireDockerEngine();
  const base = options.base ?? BASE_IMAGE.tag;
  const plans = await Promise.all(images.map((image) => plan(image, base, options.force ?? false)));
  const results: BuildResult[] = [];
  if (base === BASE_IMAGE.tag && plans.some((p) => p.why) && !(await inspectImage(base))) {
    results.push(await buildBase(options.progress));
  }
  for (const { image, digest, why, previousId } of plans) {
    if (!why) {
      results.push({ name: image.name, tag: image.tag, action: 'kept', seconds: 0, version: image.version });
      continue;
    }
    results.push(await buildOne(image, base, digest, why, options.progress));
    if (previousId) await removeIfReplaced(image.tag, previousId);
  }
  return results;
}

interface Plan {
  readonly image: BrokerImage;
  readonly digest: string;
  readonly why: BuildResult['why'];
  /** The image the tag named before, removed once replaced (rebuilds would otherwise pile up). */
  readonly previousId?: string;
}

async function plan(image: BrokerImage, base: string, force: boolean): Promise<Plan> {
  const digest = await contextDigest(image.contextDir, base);
  const state = await inspectImage(image.tag);
  if (!state) return { image, digest, why: 'missing' };
  const why = force ? 'forced' : state.contextDigest === digest ? undefined : 'stale';
  return { image, digest, why, previousId: state.id };
}

async function buildBase(progress: BuildOptions['progress']): Promise<BuildResult> {
  const started = performance.now();
  const result = await runCommand('bash', [BASE_IMAGE.script, BASE_IMAGE.tag], {
    onLine: (line) => progress?.({ image: 'base', line }),
    timeoutMs: BASE_TIMEOUT_MS,
  });
  if (result.code !== 0) {
    throw buildFailure(`the Debian base ${BASE_IMAGE.tag} (${BASE_IMAGE.script})`, result);
  }
  return {
    name: 'base',
    tag: BASE_IMAGE.tag,
    action: 'built',
    why: 'missing',
    seconds: since(started),
    version: 'bookworm',
  };
}

async function buildOne(
  image: BrokerImage,
  base: string,
  digest: string,
  why: NonNullable<BuildResult['why']>,
  progress: BuildOptions['progress'],
): Promise<BuildResult> {
  const started = performance.now();
  const args = [
    'build',
    '--force-rm',
    ...(why === 'forced' ? ['--no-cache'] : []),
    '--build-arg',
    `BASE=${base}`,
  ];
  args.push('--label', `${CONTEXT_DIGEST_LABEL}=${digest}`, '--tag', image.tag, image.contextDir);
  // --force-rm: the legacy builder otherwise leaves the container of a failed step behind.
  const result = await runDocker(args, {
    onLine: (line) => progress?.({ image: image.name, line }),
    timeoutMs: BUILD_TIMEOUT_MS,
  });
  if (result.code !== 0) throw buildFailure(image.tag, result);
  const state = await inspectImage(image.tag);
  return {
    name: image.name,
    tag: image.tag,
    action: 'built',
    why,
    seconds: since(started),
    version: state?.version,
  };
}

/**
 * Removes the image a rebuild replaced, unless the tag still names it (nothing changed) or it is still
 * in use: `docker image rm` without --force refuses both an image a container runs and one with tags.
 */
async function removeIfReplaced(tag: string, previousId: string): Promise<void> {
  const current = await inspectImage(tag);
  if (current?.id === previousId) return;
  await runDocker(['image', 'rm', previousId], { timeoutMs: 60_000 });
}

function buildFailure(what: string, result: CommandResult): InfrastructureError {
  const lines = result.tail.filter((line) => line.trim()).map((line) => `  | ${line}`);
  return new InfrastructureError(
    `building ${what} failed (exit ${result.code ?? 'by signal'}); its last lines:\n${lines.join('\n')}`,
  );
}

function since(started: number): number {
  return Math.round((performance.now() - started) / 100) / 10;
}
