import { openMq, type MqChoice } from './mq-choice.ts';
import type { MqEndpoint } from './mq-endpoint.ts';

/**
 * The MQ side of a cucumber run: the choice in the run context (harness/run/run-context.ts), opened
 * once on first use and closed after the run.
 */
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
