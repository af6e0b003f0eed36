import { getContainerRuntimeClient, ImageName } from 'testcontainers';
import { InfrastructureError } from '../../errors.ts';

/** A pull that makes no progress for this long is given up: a registry that never answers is not a hang. */
export const PULL_TIMEOUT_MS = 300_000;
/** The label the harness's own images (and many vendor images) carry their version in. */
export const VERSION_LABEL = 'org.opencontainers.image.version';

export interface ImageSource {
  /** The full reference, `repository:tag`. */
  readonly image: string;
  /** The command that builds it locally; undefined for images that come from a registry. */
  readonly build?: string;
}

/** Whether the engine holds the image; undefined when the engine cannot be asked. */
export async function imageExists(image: string): Promise<boolean | undefined> {
  try {
    const client = await getContainerRuntimeClient();
    return await client.image.exists(ImageName.fromString(image));
  } catch {
    return undefined;
  }
}

/** The image's version label, for reports that name what they judged. */
export async function imageVersion(image: string): Promise<string | undefined> {
  try {
    const client = await getContainerRuntimeClient();
    const info = await client.image.inspect(ImageName.fromString(image));
    return info.Config?.Labels?.[VERSION_LABEL] || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Makes sure the image is there before a container is created, with one line that says what to do
 * when it is not: a locally built image is never pulled (build it), a registry image is pulled once,
 * bounded, and a failed pull names the registry's error and the alternatives.
 */
export async function ensureImage(spec: string, source: ImageSource): Promise<void> {
  const client = await getContainerRuntimeClient();
  const name = ImageName.fromString(source.image);
  if (await client.image.exists(name)) return;
  if (source.build) {
    throw new InfrastructureError(
      `${spec}: image ${source.image} is not built on this Docker engine; build it with "${source.build}" ` +
        '(no registry needed)',
    );
  }
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer from the registry within ${PULL_TIMEOUT_MS / 1000} s`)),
      PULL_TIMEOUT_MS,
    );
    timer.unref();
  });
  try {
    await Promise.race([client.image.pull(name, { force: false, platform: undefined }), timedOut]);
  } catch (error) {
    throw new InfrastructureError(
      `${spec}: image ${source.image} is not on this Docker engine and could not be pulled ` +
        `(${firstLine(error)}); pull it where a registry is reachable ("docker pull ${source.image}", ` +
        `or "docker save"/"docker load" it here) or use an image built here, e.g. --broker container:local/mosquitto`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // dockerode prefixes the engine's own message with its HTTP status.
  const line = text.trim().split('\n')[0] ?? '';
  return line.replace(/^\(HTTP code \d+\) [\w ]+ - /, '') || 'no reason given';
}
