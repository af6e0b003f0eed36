import { readFileSync } from 'node:fs';
import { describeMqChoice } from '../mq/mq-choice.ts';
import { redactUrl } from '../net/redact-url.ts';
import type { RunContext } from '../run/run-context.ts';

/**
 * Allure categories in Allure 2's categories.json shape, which Allure 3 also reads from its config.
 * They follow the harness's verdicts (README "Reading the results"): a failed expectation is a rule
 * failure; anything else that stopped a scenario is an error, split into *inconclusive* (an unmet
 * precondition, harness/expectation.ts) and infrastructure; a skipped scenario is not applicable.
 * The message patterns exclude each other because Allure 2 files a result under every category it
 * matches (Allure 3 under the first); both match the whole message.
 */
const INCONCLUSIVE_MESSAGE = String.raw`(\w+: )?(\[[^\]]+\] )?inconclusive: [\s\S]*`;

export const ALLURE_CATEGORIES = [
  {
    name: 'Rule failures',
    description: 'The broker did something the named rule forbids, seen on the wire.',
    matchedStatuses: ['failed'],
  },
  {
    name: 'Inconclusive (precondition not met)',
    description:
      'The check could not conclude: a precondition of the rule was not met. Neither pass nor fail.',
    matchedStatuses: ['broken'],
    messageRegex: `^${INCONCLUSIVE_MESSAGE}$`,
  },
  {
    name: 'Infrastructure errors',
    description: 'The broker went away, could not be reached, or the harness failed: no verdict on a rule.',
    matchedStatuses: ['broken'],
    messageRegex: `^(?!${INCONCLUSIVE_MESSAGE}$)[\\s\\S]*$`,
  },
  {
    name: 'Not applicable',
    description: "The run's profile or target does not judge this scenario; its log says why.",
    matchedStatuses: ['skipped'],
  },
] as const;

/** The harness's own version, from its package.json. */
export function harnessVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version?: string }).version ?? 'unknown';
}

/**
 * The environment block of a run's report. The target is shown redacted (a URL's password never
 * reaches a report); `run` has no property tests, so no seed unless the caller has one.
 */
export function allureEnvironment(
  context: RunContext | undefined,
  profile: string | undefined,
  seed?: number,
): Record<string, string> {
  const capabilities = context?.target.capabilities;
  return {
    Target: context ? redactUrl(context.target.spec) : 'unknown (no run context)',
    'Broker software': capabilities?.software ?? 'unknown',
    Profile: profile ?? 'unknown',
    'Property seed': seed === undefined ? 'none (no property tests in this run)' : String(seed),
    'P2P mode': capabilities?.p2p ?? 'unknown',
    'MQ side': context ? describeMqChoice(context.mq) : 'unknown',
    'mqtt-harness version': harnessVersion(),
  };
}

/**
 * Java's .properties text, which Allure 2 reads as ISO-8859-1: non-ASCII as \uXXXX, and the key's
 * spaces, `=` and `:` escaped.
 */
export function propertiesText(entries: Record<string, string>): string {
  const escape = (text: string, key: boolean) =>
    text
      .replace(/\\/g, '\\\\')
      .replace(/\n/g, '\\n')
      .replace(key ? /[ =:#!]/g : /^[ ]/, (c) => `\\${c}`)
      .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return Object.entries(entries)
    .map(([key, value]) => `${escape(key, true)}=${escape(value, false)}\n`)
    .join('');
}
