import { UsageError } from '../../errors.ts';
import type { ContainerConfig } from './container-config.ts';

export const IMAGE_SPEC_PREFIX = 'image=';
const DEFAULT_MQTT_PORT = 1883;
/** A vendor image may take a while (JVM, Erlang); readiness is a real CONNECT, so waiting longer costs nothing. */
const STARTUP_TIMEOUT_MS = 120_000;
const EXAMPLE = 'container:image=acme/broker:4.2,port=1883';
/**
 * Docker's reference grammar, slightly relaxed: an optional registry host[:port], lowercase path
 * components, an optional tag and an optional digest.
 */
const IMAGE_REF =
  /^(?:[a-zA-Z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `container:image=REF[,port=N][,ready=REGEX][,env.K=V]…` — any broker image, e.g. a vendor's own.
 * Options are split at a comma that starts `key=`, so a ready regex may contain commas (not `,key=`).
 * Every mistake is one usage line saying what to write instead.
 */
export function imageSpecConfig(text: string): ContainerConfig {
  const spec = `container:${text}`;
  const parts = text.split(/,(?=[A-Za-z][\w.]*=)/);
  let image: string | undefined;
  let port = DEFAULT_MQTT_PORT;
  let readyLog: RegExp | undefined;
  const environment: Record<string, string> = {};
  const seen = new Set<string>();
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq) : part;
    const value = eq > 0 ? part.slice(eq + 1) : '';
    if (eq <= 0 || !/^(image|port|ready|env\..*)$/.test(key)) {
      throw usage(
        `"${part}" in ${spec} is not an option; the options are port=N, ready=REGEX, env.NAME=VALUE`,
      );
    }
    if (seen.has(key)) throw usage(`${key} is given twice in ${spec}; give it once`);
    seen.add(key);
    if (key === 'image') {
      if (!IMAGE_REF.test(value)) {
        throw usage(`"${value}" is not an image reference; write it as repository[:tag], e.g. ${EXAMPLE}`);
      }
      image = value;
    } else if (key === 'port') {
      port = Number(value);
      if (!/^\d+$/.test(value) || port < 1 || port > 65_535) {
        throw usage(
          `port=${value} is not a port; write the broker's MQTT port inside the image, e.g. ${EXAMPLE}`,
        );
      }
    } else if (key === 'ready') {
      try {
        readyLog = new RegExp(value);
      } catch {
        throw usage(`ready=${value} is not a regular expression; e.g. ready=Broker started`);
      }
      if (!value)
        throw usage('ready= is empty; give the log line that says the broker is up, or leave it out');
    } else {
      const name = key.slice('env.'.length);
      if (!ENV_NAME.test(name))
        throw usage(`"${name}" is not an environment variable name; e.g. env.BROKER_MODE=test`);
      environment[name] = value;
    }
  }
  if (!image) throw usage(`${spec} names no image; write e.g. ${EXAMPLE}`);
  const readiness = readyLog ? `log ${String(readyLog)}` : 'an MQTT CONNECT on the mapped port';
  return {
    spec,
    image: image.includes(':', image.lastIndexOf('/') + 1) || image.includes('@') ? image : `${image}:latest`,
    exposedPorts: [port],
    mqttPort: port,
    waitStrategy: `${readiness} within ${STARTUP_TIMEOUT_MS / 1000} s, then an MQTT CONNECT`,
    ...(readyLog ? { readyLog } : {}),
    startupTimeoutMs: STARTUP_TIMEOUT_MS,
    // Not one of ours: what it can do beyond plain MQTT is unknown.
    capabilities: { software: image, p2p: 'none' },
    environment,
    files: [],
    tmpFs: {},
  };
}

function usage(message: string): UsageError {
  return new UsageError(message);
}
