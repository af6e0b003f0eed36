import { InfrastructureError } from '../errors.ts';
import { noEngineMessage, runDocker } from './docker-cli.ts';

/** `docker version` answers in well under a second from a live engine; a dead DOCKER_HOST may hang. */
export const ENGINE_CHECK_TIMEOUT_MS = 10_000;

export type DockerEngineStatus =
  { available: true; serverVersion: string } | { available: false; reason: string };

/**
 * Whether the `docker` CLI reaches an engine (the image commands drive the CLI, as a user would, so
 * they follow its DOCKER_HOST and context). Never throws.
 */
export async function dockerEngineStatus(timeoutMs = ENGINE_CHECK_TIMEOUT_MS): Promise<DockerEngineStatus> {
  try {
    const result = await runDocker(['version', '--format', '{{.Server.Version}}'], { timeoutMs });
    const serverVersion = result.stdout.trim();
    if (result.code === 0 && serverVersion) return { available: true, serverVersion };
    const said = result.tail.filter((line) => line.trim()).at(-1);
    return {
      available: false,
      reason: said ? `docker version said: ${said.trim()}` : 'docker version failed',
    };
  } catch (error) {
    // runDocker's InfrastructureError already carries the whole sentence.
    return { available: false, reason: error instanceof InfrastructureError ? error.reason : String(error) };
  }
}

/** Resolves with the engine's version, or rejects with the one line "no Docker engine found: …". */
export async function requireDockerEngine(): Promise<string> {
  const status = await dockerEngineStatus();
  if (status.available) return status.serverVersion;
  throw new InfrastructureError(
    status.reason.startsWith('no Docker engine found') ? status.reason : noEngineMessage(status.reason),
  );
}
