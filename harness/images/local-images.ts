import { InfrastructureError } from '../errors.ts';
import { BROKER_IMAGES, type BrokerImage } from './broker-images.ts';
import { CONTEXT_DIGEST_LABEL } from './context-digest.ts';
import { runDocker } from './docker-cli.ts';

/** What the engine holds under one tag. */
export interface ImageState {
  readonly tag: string;
  readonly id: string;
  readonly sizeBytes: number;
  readonly created: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The `org.opencontainers.image.version` label: the broker version the image pins. */
  readonly version: string | undefined;
  /** Which context the harness built it from (undefined for an image built some other way). */
  readonly contextDigest: string | undefined;
}

export interface LocalImage {
  readonly name: string;
  readonly tag: string;
  readonly present: boolean;
  readonly version: string | undefined;
  readonly state: ImageState | undefined;
}

/** For each image of the table, whether it exists on the engine and which broker version it holds. */
export async function localImages(images: readonly BrokerImage[] = BROKER_IMAGES): Promise<LocalImage[]> {
  return Promise.all(
    images.map(async (image) => {
      const state = await inspectImage(image.tag);
      return {
        name: image.name,
        tag: image.tag,
        present: state !== undefined,
        version: state?.version,
        state,
      };
    }),
  );
}

/** The image under `tag`, or undefined when the engine has none. */
export async function inspectImage(tag: string): Promise<ImageState | undefined> {
  const result = await runDocker(['image', 'inspect', '--format', '{{json .}}', tag], { timeoutMs: 15_000 });
  if (result.code !== 0) {
    const said = result.tail.join('\n');
    if (/no such (image|object)/i.test(said)) return undefined;
    throw new InfrastructureError(
      `docker image inspect ${tag} failed: ${said.trim() || `exit ${result.code}`}`,
    );
  }
  return parseImageState(tag, result.stdout);
}

/** `docker image inspect --format '{{json .}}'` output → the fields the harness uses. Exported for tests. */
export function parseImageState(tag: string, json: string): ImageState {
  const raw = JSON.parse(json) as {
    Id?: string;
    Size?: number;
    Created?: string;
    Config?: { Labels?: Record<string, string> | null };
  };
  const labels = raw.Config?.Labels ?? {};
  return {
    tag,
    id: raw.Id ?? '',
    sizeBytes: raw.Size ?? 0,
    created: raw.Created ?? '',
    labels,
    version: labels['org.opencontainers.image.version'],
    contextDigest: labels[CONTEXT_DIGEST_LABEL],
  };
}
