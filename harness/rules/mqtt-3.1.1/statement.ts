import { ruleGroup, type RuleGroup } from '../rule-group.ts';
import type { RuleBinds, RuleCheck } from '../rule.ts';

/** Every MQTT 3.1.1 statement is in one area, named after the standard (the Allure epic `MQTT-3.1.1`). */
const MQTT_3_1_1_AREA = {
  id: 'MQTT-3.1.1',
  title: 'MQTT 3.1.1 normative statements',
  about:
    'The numbered MUST/MUST NOT statements of the OASIS MQTT 3.1.1 standard (its Appendix B), tagged by their ' +
    'own IDs. The harness judges those that bind a server and show on the wire; the others say why not.',
};

/** One statement as a chapter file writes it: only what differs between statements. */
export interface StatementData {
  /** `MQTT-3.1.3-8`. */
  readonly id: string;
  readonly binds: RuleBinds;
  /** The statement in the project's own words. */
  readonly text: string;
  /** Default: `wire` when it binds the server (or both sides), `none` when only the client. */
  readonly check?: RuleCheck;
  /** Why it cannot be judged from outside (default for client-only statements: see below). */
  readonly why?: string;
}

const CLIENT_ONLY = 'binds the client only; a broker certification judges servers';

/**
 * A chapter of the standard as a rule group. Adding the rest of Appendix B is data only: another entry
 * here, or another chapter file listed in registry.ts.
 */
export function mqttChapter(statements: readonly StatementData[]): RuleGroup {
  return ruleGroup(
    MQTT_3_1_1_AREA,
    statements.map(({ id, binds, text, check, why }) => {
      const judged = check ?? (binds === 'client' ? 'none' : 'wire');
      return {
        id,
        text,
        source: `MQTT 3.1.1 §${id.replace(/^MQTT-/, '').replace(/-\d+$/, '')}`,
        profile: 'mqtt-3.1.1' as const,
        check: judged,
        binds,
        ...(judged === 'none' ? { why: why ?? CLIENT_ONLY } : {}),
      };
    }),
  );
}
