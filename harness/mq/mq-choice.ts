import { UsageError } from '../errors.ts';
import { redactUrl } from '../net/redact-url.ts';
import { connectAmqpMq } from './amqp-mq.ts';
import { lookupMemoryMq } from './memory-registry.ts';
import type { MqEndpoint } from './mq-endpoint.ts';

/** The MQ side of a run (`--mq`), resolved against what the target offers. */
export type MqChoice =
  | { readonly kind: 'memory'; readonly ref: string }
  | { readonly kind: 'amqp'; readonly url: string }
  | { readonly kind: 'none'; readonly reason: string };

export const MQ_FORMS = [
  "memory          the reference broker's own MQ (--broker embedded)",
  "amqp            the target's AMQP endpoint (process:rabbitmq: its MQTT plugin bridges to amq.topic)",
  'amqp://…        an AMQP broker by URL (the credentials never reach a report)',
  'none            no MQ side: the MQ rules (MQM) are reported not applicable',
];

/**
 * `--mq` against the target's endpoints. Without `--mq` a run uses what the target offers (its own MQ,
 * else its AMQP endpoint), else none. Asking for one the target lacks is a usage error saying what to do.
 */
export function chooseMq(
  requested: string | undefined,
  endpoints: Readonly<Record<string, string>> = {},
  spec = 'the target',
): MqChoice {
  const memory = endpoints.mq?.startsWith('memory://') ? endpoints.mq : undefined;
  const amqp = endpoints.amqp;
  const text = requested?.trim() || undefined;
  if (text === undefined) {
    if (memory) return { kind: 'memory', ref: memory };
    if (amqp) return { kind: 'amqp', url: amqp };
    return { kind: 'none', reason: `${spec} offers no MQ endpoint (give one with --mq amqp://host:port)` };
  }
  if (text === 'none') return { kind: 'none', reason: 'the run has no MQ side (--mq none)' };
  if (text === 'memory') {
    if (memory) return { kind: 'memory', ref: memory };
    throw new UsageError(
      `--mq memory is the reference broker's own MQ; ${spec} has none: use --broker embedded, or --mq amqp / --mq none`,
    );
  }
  if (text === 'amqp') {
    if (amqp) return { kind: 'amqp', url: amqp };
    throw new UsageError(
      `${spec} has no AMQP endpoint: use --broker process:rabbitmq, or name one with --mq amqp://host:port`,
    );
  }
  if (/^amqps?:\/\//.test(text)) return { kind: 'amqp', url: text };
  throw new UsageError(`unknown --mq "${text}"; use one of:\n  ${MQ_FORMS.join('\n  ')}`);
}

/** One line for reports and the console; never a password. */
export function describeMqChoice(choice: MqChoice): string {
  if (choice.kind === 'memory') return `memory (the reference broker's own MQ)`;
  if (choice.kind === 'amqp') return `amqp (${redactUrl(choice.url)})`;
  return `none: ${choice.reason}`;
}

/** Opens the chosen MQ. `none` has no endpoint: callers check applicability first. */
export async function openMq(choice: MqChoice): Promise<MqEndpoint> {
  if (choice.kind === 'amqp') return connectAmqpMq(choice.url);
  if (choice.kind === 'memory') {
    const mq = lookupMemoryMq(choice.ref);
    if (!mq)
      throw new Error(
        `the in-process MQ ${choice.ref} is gone (was its broker stopped, or started in another process?)`,
      );
    return mq.endpoint();
  }
  throw new Error(`no MQ side in this run: ${choice.reason}`);
}
