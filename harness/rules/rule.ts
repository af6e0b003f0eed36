/**
 * A rule the harness verifies: its own numbered rules (`CID-2`, distilled from the service's documents)
 * and the MQTT 3.1.1 normative statements (`MQTT-3.1.3-8`, Appendix B of the OASIS standard). Data only;
 * the registry (registry.ts) is the one list every report, profile and check reads.
 */

/** The profiles a rule can belong to; `aliyun` includes every `mqtt-3.1.1` rule. */
export type RuleProfile = 'mqtt-3.1.1' | 'aliyun';

/**
 * What kind of check can judge the rule:
 * - `wire`: a broker's behaviour, observed from outside on its MQTT (or MQ) connections;
 * - `design`: a naming or topic-plan rule, checked on every simulated system's plan, not on a broker;
 * - `solution`: an example application's flow, checked end to end by the solution scenarios;
 * - `none`: not observable from outside the broker (a statement about its internals); `why` says so.
 */
export type RuleCheck = 'wire' | 'design' | 'solution' | 'none';

/** Whom an MQTT statement obliges: the server, the client, or either side (sender, receiver). */
export type RuleBinds = 'server' | 'client' | 'both';

export interface Rule {
  /** `CID-2`, `P2P-1`, `MQTT-3.1.3-8`: what tags (`@CID-2`) and report rows name. */
  readonly id: string;
  /** `CID`, `TOP`, … or `MQTT-3.1.1` for the standard's statements (the Allure epic). */
  readonly area: string;
  /** The rule in the project's own words. */
  readonly text: string;
  /** Where it comes from: a seed document and section, the product's public docs, or the standard. */
  readonly source: string;
  readonly profile: RuleProfile;
  readonly check: RuleCheck;
  /** MQTT statements: whom it binds (the harness judges servers; client-only ones are `check: 'none'`). */
  readonly binds?: RuleBinds;
  /** Why a rule with `check: 'none'` cannot be judged from outside. */
  readonly why?: string;
}

/** A rule area: the heading rules are grouped under in docs/rules.md. */
export interface RuleArea {
  readonly id: string;
  readonly title: string;
  /** One sentence on what the area is about and where its rules come from. */
  readonly about: string;
}

const SERVICE_ID = /^([A-Z][A-Z0-9]{1,3})-([1-9]\d*)$/; // P2P-1 has a digit in its area
const STATEMENT_ID = /^MQTT-([1-9]\d*\.\d+\.\d+)-([1-9]\d*)$/;

/** Whether `id` is shaped like a rule ID (`CID-2`, `MQTT-3.1.3-8`); `MQTT-3.1.1` names the standard, not a rule. */
export function isRuleIdShape(id: string): boolean {
  return STATEMENT_ID.test(id) || (SERVICE_ID.test(id) && !id.startsWith('MQTT-'));
}

/** `MQTT-3.1.3-8` → `3.1.3`; undefined for the harness's own rules. */
export function statementSection(id: string): string | undefined {
  return STATEMENT_ID.exec(id)?.[1];
}

/** `CID-2` before `CID-10`, the harness's own rules before `MQTT-…` statements. */
export function compareRuleIds(a: string, b: string): number {
  const statement = (id: string) => (id.startsWith('MQTT-') ? 1 : 0);
  return statement(a) - statement(b) || a.localeCompare(b, 'en', { numeric: true });
}
