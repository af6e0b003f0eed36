import { MQ_ENV, chooseMq, openMq, type MqChoice } from './mq-choice.ts';
import type { MqEndpoint } from './mq-endpoint.ts';

/**
 * The MQ side of a cucumber run: the choice the CLI handed over (else the target's default, or
 * `MQ=` for a bare cucumber-js run), opened once on first use and closed after the run.
 */
export function runMqChoice(
  endpoints: Readonly<Record<string, string>> | undefined,
  env: NodeJS.ProcessEnv = process.env,
): MqChoice {
  const handed = env[MQ_ENV];
  if (handed) return JSON.parse(handed) as MqChoice;
  return chooseMq(env.MQ, endpoints);
}

let open: { key: string; endpoint: Promise<MqEndpoint> } | undefined;

export function runMqEndpoint(choice: MqChoice): Promise<MqEndpoint> {
  const key = JSON.stringify(choice);
  if (open?.key !== key) {
    const previous = open;
    open = { key, endpoint: openMq(choice) };
    void previous?.endpoint.then((endpoint) => endpoint.close()).catch(() => undefined);
  }
  return open.endpoint;
}

export async function closeRunMq(): Promise<void> {
  const current = open;
  open = undefined;
  await current?.endpoint.then((endpoint) => endpoint.close()).catch(() => undefined);
}
