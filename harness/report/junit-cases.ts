import { InfrastructureError } from '../errors.ts';
import { ruleById } from '../rules/registry.ts';
import type { CertificationReport, Evidence } from './certification.ts';
import type { JUnitCase, JUnitRun } from './junit.ts';
import type { ScenarioOutcome } from './run-summary.ts';

/** JUnit's classname for a check: the area of its first rule (`CID`, `MQTT-3.1.1`). */
function areaOf(rules: readonly string[]): string {
  const first = rules[0];
  return (first && ruleById(first)?.area) ?? 'untagged';
}

/** An error's type: the harness's infrastructure marker tells a broker gone or unreachable apart. */
function errorType(message: string | undefined): string {
  return InfrastructureError.isInfrastructureMessage(message) ? 'InfrastructureError' : 'Error';
}

/** A run or certification problem (broker went away, a feature that did not parse): an error case of its own. */
function problemCases(problems: readonly string[]): JUnitCase[] {
  return problems.map((problem, i) => ({
    name: `run problem ${i + 1}: ${problem.slice(0, 120)}`,
    classname: 'run',
    outcome: 'error',
    message: problem,
    type: 'InfrastructureError',
  }));
}

/**
 * One testcase per scenario of a `run`: a failed rule is a failure, an error (infrastructure, the broker
 * went away, an undefined step) an error; an inconclusive scenario (an unmet precondition: JUnit has no
 * such outcome), a not-applicable one or a known deviation of the broker is skipped with the reason —
 * never a pass.
 */
export function scenarioCases(
  outcomes: readonly ScenarioOutcome[],
  problems: readonly string[],
): JUnitCase[] {
  const cases = outcomes.map((o): JUnitCase => {
    const base = {
      name: `${o.name} (${o.location})`,
      classname: areaOf(o.rules),
      rules: o.rules,
      ...(o.durationMs === undefined ? {} : { durationMs: o.durationMs }),
    };
    switch (o.verdict) {
      case 'passed':
        return { ...base, outcome: 'pass' };
      case 'failed':
        return { ...base, outcome: 'failure', message: o.reason ?? 'failed' };
      case 'error':
        return { ...base, outcome: 'error', message: o.reason ?? 'error', type: errorType(o.reason) };
      case 'inconclusive':
        return { ...base, outcome: 'skipped', message: o.reason ?? 'inconclusive' };
      case 'known-deviation':
        return {
          ...base,
          outcome: 'skipped',
          message: `a known deviation of this broker: ${o.reason ?? ''}`,
        };
      case 'skipped':
        return { ...base, outcome: 'skipped', message: `not applicable: ${o.notApplicable ?? 'skipped'}` };
    }
  });
  return [...cases, ...problemCases(problems)];
}

/**
 * One testcase per scenario, property and probe of a certification, with the rules it was filed under:
 * built from the report itself, so the JUnit file says exactly what the report says.
 */
export function certificationCases(report: CertificationReport): JUnitCase[] {
  const items = new Map<string, { evidence: Evidence; rules: string[] }>();
  for (const row of report.rules)
    for (const evidence of row.evidence) {
      const key = `${evidence.kind}|${evidence.name}|${evidence.location ?? ''}`;
      const item = items.get(key) ?? { evidence, rules: [] };
      item.rules.push(row.rule);
      items.set(key, item);
    }
  const cases = [...items.values()].map(({ evidence: e, rules }): JUnitCase => {
    const base = {
      name: e.location ? `${e.name} (${e.location})` : `${e.kind}: ${e.name}`,
      classname: areaOf(rules),
      rules,
      ...(e.durationMs === undefined ? {} : { durationMs: e.durationMs }),
    };
    const replay =
      e.seed === undefined
        ? ''
        : `seed ${e.seed}${e.path ? `, path ${e.path}` : ''}${e.runs ? `, ${e.runs} runs` : ''}`;
    const detail = [e.counterexample ? `counter-example: ${e.counterexample}` : '', replay]
      .filter(Boolean)
      .join('\n');
    switch (e.verdict) {
      case 'pass':
        return { ...base, outcome: 'pass' };
      case 'fail':
        return { ...base, outcome: 'failure', message: e.detail ?? 'failed', ...(detail ? { detail } : {}) };
      case 'error':
        return {
          ...base,
          outcome: 'error',
          message: e.detail ?? 'error',
          type: errorType(e.detail),
          ...(detail ? { detail } : {}),
        };
      case 'inconclusive':
        return { ...base, outcome: 'skipped', message: e.detail ?? 'inconclusive' };
      case 'not applicable':
        return { ...base, outcome: 'skipped', message: `not applicable: ${e.detail ?? ''}` };
    }
  });
  return [...cases, ...problemCases(report.problems)];
}

/** The JUnit run of a certification report: its target, profile and seed as properties. */
export function certificationJUnit(report: CertificationReport, command: 'run' | 'certify'): JUnitRun {
  return {
    name: `mqtt-harness ${command} ${report.target.spec} × ${report.profile.name}`,
    startedAt: new Date(report.startedAt),
    properties: {
      target: report.target.spec,
      software: report.target.software,
      profile: report.profile.name,
      verdict: report.verdict,
      ...(report.seed === undefined ? {} : { seed: String(report.seed) }),
    },
    cases: certificationCases(report),
  };
}
