import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { getContainerRuntimeClient } from 'testcontainers';
import { InfrastructureError } from '../errors.ts';

/** Long enough for a remote engine, short enough that a dead DOCKER_HOST never stalls a run. */
export const CONTAINER_RUNTIME_TIMEOUT_MS = 5_000;

export const NO_ENGINE_MESSAGE = 'no Docker engine found: install Docker or use --broker process:mosquitto';

export type ContainerRuntimeStatus = { available: true; info: string } | { available: false; reason: string };

let cached: Promise<ContainerRuntimeStatus> | undefined;

/**
 * Whether testcontainers can reach a container engine, asked once per process (testcontainers caches
 * a working client but walks all its strategies again after every failure).
 */
export function checkContainerRuntime(): Promise<ContainerRuntimeStatus> {
  return (cached ??= probeContainerRuntime());
}

/** Rejects with the one line a user reads when `spec` needs Docker and there is none. */
export async function requireContainerRuntime(spec: string): Promise<void> {
  const status = await checkContainerRuntime();
  if (!status.available)
    throw new InfrastructureError(`${NO_ENGINE_MESSAGE} (${spec} needs one; ${status.reason})`);
}

/**
 * The uncached check, bounded by `timeoutMs`; exported for tests. The endpoints are pinged first with
 * requests we can cancel: testcontainers' own cannot be, so an endpoint that accepts and never answers
 * would keep the process alive long after we stopped waiting. Its only error, "Could not find a
 * working container runtime strategy", is replaced by what was tried.
 */
export async function probeContainerRuntime(
  timeoutMs = CONTAINER_RUNTIME_TIMEOUT_MS,
): Promise<ContainerRuntimeStatus> {
  const deadline = Date.now() + timeoutMs;
  const endpoints = dockerEndpoints();
  if (endpoints.length === 0) return { available: false, reason: NO_ENDPOINT };
  const failures: string[] = [];
  // testcontainers tries them in this order and stops at the first that works (or hangs).
  for (const endpoint of endpoints) {
    const outcome = await ping(endpoint, Math.max(1, deadline - Date.now()));
    if (outcome === 'timeout') {
      return { available: false, reason: `${endpoint.label} did not answer within ${timeoutMs / 1000} s` };
    }
    // Without the client certificates a TLS engine may refuse us and still accept testcontainers.
    if (outcome === 'ok' || endpoint.check !== 'http') {
      preferLoopbackForLocalEngine(endpoint);
      return await clientStatus(endpoint, Math.max(1, deadline - Date.now()));
    }
    failures.push(`${endpoint.label}: ${outcome}`);
  }
  return { available: false, reason: failures.join(', ') };
}

/**
 * Inside a container (a `/.dockerenv` file) testcontainers reaches containers through the Docker
 * bridge's gateway, assuming the engine runs outside. When the engine runs in our own network namespace
 * (a local socket and its `docker0` bridge among our interfaces, as when `.ci/run` starts dockerd here),
 * published ports are bound to 127.0.0.1 (harness-container.ts), so that is where they are reached.
 * Set before testcontainers resolves its host (it does so once); a user's own override wins.
 */
function preferLoopbackForLocalEngine(endpoint: DockerEndpoint): void {
  // Listed whether the bridge is up or not (os.networkInterfaces() omits it while no container runs).
  if (endpoint.socketPath && existsSync('/sys/class/net/docker0'))
    process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
}

const NO_ENDPOINT =
  'DOCKER_HOST is unset and no Docker socket exists at /var/run/docker.sock or the rootless paths';

interface DockerEndpoint {
  /** How a user would recognise it: `DOCKER_HOST=tcp://…`, `/var/run/docker.sock`. */
  readonly label: string;
  readonly socketPath?: string;
  readonly host?: string;
  readonly port?: number;
  /** How to ping it; an unknown scheme is left to testcontainers. */
  readonly check: 'http' | 'https' | 'none';
}

/** What testcontainers' strategies would use here, in their order (tc.host, DOCKER_HOST, sockets). */
function dockerEndpoints(): DockerEndpoint[] {
  const properties = readTestcontainersProperties();
  const endpoints: DockerEndpoint[] = [];
  const tcHost = properties.get('tc.host');
  if (tcHost) endpoints.push(fromUrl(`tc.host=${tcHost}`, tcHost, false));
  const dockerHost = process.env.DOCKER_HOST ?? properties.get('docker.host');
  if (dockerHost) {
    const label = process.env.DOCKER_HOST ? `DOCKER_HOST=${dockerHost}` : `docker.host=${dockerHost}`;
    const tls = (process.env.DOCKER_TLS_VERIFY ?? properties.get('docker.tls.verify')) === '1';
    endpoints.push(fromUrl(label, dockerHost, tls));
  }
  if (process.platform !== 'linux' && process.platform !== 'darwin') return endpoints;
  const home = os.homedir();
  const rootful = '/var/run/docker.sock';
  const rootless = [
    process.env.XDG_RUNTIME_DIR && path.join(process.env.XDG_RUNTIME_DIR, 'docker.sock'),
    path.join(home, '.docker', 'run', 'docker.sock'),
    path.join(home, '.docker', 'desktop', 'docker.sock'),
    path.join('/run', 'user', String(os.userInfo().uid), 'docker.sock'),
  ].find((socket) => socket && existsSync(socket));
  for (const socket of [existsSync(rootful) ? rootful : undefined, rootless]) {
    if (socket) endpoints.push({ label: socket, socketPath: socket, check: 'http' });
  }
  return endpoints;
}

function fromUrl(label: string, text: string, tls: boolean): DockerEndpoint {
  try {
    const url = new URL(text);
    if (url.protocol === 'unix:') return { label, socketPath: url.pathname, check: 'http' };
    if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
      const secure = tls || url.protocol === 'https:';
      const port = Number(url.port) || (secure ? 2376 : 2375);
      return { label, host: url.hostname, port, check: secure ? 'https' : 'http' };
    }
  } catch {
    // not a URL: testcontainers will say so
  }
  return { label, check: 'none' };
}

function readTestcontainersProperties(): Map<string, string> {
  const file = path.join(os.homedir(), '.testcontainers.properties');
  const properties = new Map<string, string>();
  if (!existsSync(file)) return properties;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const entry = /^\s*([\w.]+)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (entry?.[1] && entry[2] !== undefined) properties.set(entry[1], entry[2]);
  }
  return properties;
}

/** `ok` when something answers `GET /_ping` in time, else why not (an error code or `timeout`). */
function ping(endpoint: DockerEndpoint, timeoutMs: number): Promise<string> {
  if (endpoint.check === 'none') return Promise.resolve('ok');
  const where = endpoint.socketPath
    ? { socketPath: endpoint.socketPath }
    : { host: endpoint.host, port: endpoint.port };
  const get = endpoint.check === 'https' ? https.get : http.get;
  return new Promise((resolve) => {
    // Our own timer: the `timeout` option fires late for https (after the TLS socket's own timeout).
    const timer = setTimeout(() => {
      resolve('timeout');
      request.destroy();
    }, timeoutMs);
    const done = (outcome: string) => {
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = get({ ...where, path: '/_ping', rejectUnauthorized: false }, (response) => {
      response.resume();
      request.destroy();
      done('ok');
    });
    request.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}

/** testcontainers' own client, still bounded: it also resolves the host and looks for compose. */
async function clientStatus(endpoint: DockerEndpoint, timeoutMs: number): Promise<ContainerRuntimeStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs).unref();
  });
  try {
    const client = await Promise.race([getContainerRuntimeClient(), timedOut]);
    if (client === 'timeout') {
      return { available: false, reason: `${endpoint.label}: testcontainers got no answer in time` };
    }
    const runtime = client.info.containerRuntime;
    return {
      available: true,
      info: `Docker ${runtime.serverVersion} (${runtime.operatingSystem}, ${runtime.architecture}) at ${runtime.host}`,
    };
  } catch {
    // Only its debug log says why.
    const reason = `testcontainers could not use ${endpoint.label} (DEBUG='testcontainers*' shows why)`;
    return { available: false, reason };
  } finally {
    clearTimeout(timer);
  }
}
