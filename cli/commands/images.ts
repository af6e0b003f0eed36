import { UsageError } from '../../harness/errors.ts';
import { BASE_IMAGE, BROKER_IMAGES, selectBrokerImages } from '../../harness/images/broker-images.ts';
import { buildImages, type BuildProgress, type BuildResult } from '../../harness/images/build-images.ts';
import { requireDockerEngine } from '../../harness/images/docker-engine.ts';
import { inspectImage, localImages } from '../../harness/images/local-images.ts';
import { parseOptions } from '../options.ts';

const NAMES = BROKER_IMAGES.map((image) => image.name).join(', ');

const HELP = `usage: mqtt-harness images build [NAME...] [--force] [--verbose] [--base IMAGE]
       mqtt-harness images list

The harness's own broker images, built locally from Debian's packages (docker/images/<name>/), for
the container:local/<name> targets. Needs a Docker engine; no container registry is needed.

build    builds the named images (${NAMES}; all when none is named) that are missing, or
         stale because their Dockerfile or config changed. First, when missing, the Debian base
         ${BASE_IMAGE.tag} (debootstrap + docker import; needs root and debootstrap).
  --force        build them even when present and current, without the layer cache
  --verbose      show every line of the builds, not only their steps
  --base IMAGE   build FROM another Debian 12 image instead of the local base, e.g.
                 debian:bookworm-slim where a registry is reachable
list     shows each image, whether it exists here and the broker version it pins

Exit codes: 0 done, 2 usage error, no Docker engine, or a failed build (with its last lines).`;

export async function imagesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    'images',
    argv,
    {
      force: { type: 'boolean' },
      verbose: { type: 'boolean' },
      base: { type: 'string' },
    },
    true,
  );
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [action, ...names] = positionals;
  if (action === 'build') {
    // Names are checked before the engine, so a typo is reported as such even without Docker.
    selectBrokerImages(names);
    const results = await buildImages(names, {
      force: values.force ?? false,
      ...(values.base === undefined ? {} : { base: values.base }),
      progress: progressPrinter(values.verbose ?? false),
    });
    for (const result of results) console.log(summary(result));
    const total = results.reduce((sum, result) => sum + result.seconds, 0);
    console.log(`images: done in ${total.toFixed(1)} s`);
    return 0;
  }
  if (action === 'list') {
    if (names.length > 0 || values.force || values.base !== undefined) {
      throw new UsageError('images list takes no names or build options (see "mqtt-harness images --help")');
    }
    await requireDockerEngine();
    const base = await inspectImage(BASE_IMAGE.tag);
    console.log(row('base', BASE_IMAGE.tag, base !== undefined, base?.version, base?.sizeBytes));
    for (const image of await localImages()) {
      console.log(row(image.name, image.tag, image.present, image.version, image.state?.sizeBytes));
    }
    return 0;
  }
  throw new UsageError(
    action === undefined
      ? 'images needs an action: build or list (see "mqtt-harness images --help")'
      : `images: unknown action "${action}"; use build or list (see "mqtt-harness images --help")`,
  );
}

/**
 * Only the build steps and the base script's own lines by default: debootstrap and apt say hundreds of
 * lines per image, which drown a CI log (a failure shows its last lines anyway).
 */
function progressPrinter(verbose: boolean): (event: BuildProgress) => void {
  return ({ image, line }) => {
    if (verbose || /^base: |^Step \d+\/\d+ :|^#\d+ \[/.test(line)) {
      const shown = verbose || line.length <= 120 ? line : `${line.slice(0, 117)}...`;
      console.log(`  ${image.padEnd(9)} | ${shown}`);
    }
  };
}

function summary(result: BuildResult): string {
  const version = result.version ? ` ${result.version}` : '';
  if (result.action === 'kept')
    return `kept   ${result.name.padEnd(9)} ${result.tag}${version} (present and current)`;
  return `built  ${result.name.padEnd(9)} ${result.tag}${version} in ${result.seconds.toFixed(1)} s (${result.why})`;
}

function row(name: string, tag: string, present: boolean, version?: string, size?: number): string {
  const detail = present
    ? `${version ?? '?'}${size ? `, ${Math.round(size / 1e6)} MB` : ''}`
    : name === 'base'
      ? 'missing: made when a build needs it, or now by docker/images/base/build-base.sh'
      : `missing: mqtt-harness images build ${name}`;
  return `${present ? 'present' : 'missing'}  ${name.padEnd(9)} ${tag.padEnd(30)} ${detail}`;
}
