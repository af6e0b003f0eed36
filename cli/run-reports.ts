import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runProfile } from '../harness/profiles/load-profile.ts';
import { buildCertification } from '../harness/report/certification-builder.ts';
import { certificationMarkdown } from '../harness/report/certification-markdown.ts';
import { targetSlug, type CertificationReport } from '../harness/report/certification.ts';
import { junitXml, type JUnitRun } from '../harness/report/junit.ts';
import type { RunSummary } from '../harness/report/run-summary.ts';
import type { RunContext } from '../harness/run/run-context.ts';

/** Where `run` writes its per-rule rows: the certification schema, without properties and limits. */
export const RUN_RULES_DIR = 'reports/rules';

/**
 * Every run judges rules (DESIGN): the scenarios' verdicts grouped by rule, under the profile the run
 * judged by, as a certification-style report (`mqtt-harness/certification/v2`, no properties or limits)
 * in reports/rules/<target>-<profile>.{json,md}. `compare` reads it like a certification.
 */
export async function writeRunRules(
  summary: RunSummary,
  tags: ReadonlyMap<string, readonly string[]>,
  context: RunContext,
  mqLine: string,
  startedAt: Date,
): Promise<{ report: CertificationReport; file: string }> {
  const { profile } = runProfile(context.target.capabilities.profile, context);
  const report = buildCertification({
    profile,
    target: context.target,
    startedAt,
    scenarios: summary.outcomes.map((outcome) => ({
      outcome,
      tags: tags.get(`${outcome.location.replace(/:\d+$/, '')}|${outcome.name}`) ?? [],
    })),
    problems: summary.problems,
    mq: mqLine,
  });
  const file = path.join(RUN_RULES_DIR, `${targetSlug(report.target.spec)}-${profile.name}`);
  await mkdir(RUN_RULES_DIR, { recursive: true });
  await writeFile(`${file}.json`, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(`${file}.md`, certificationMarkdown(report));
  return { report, file };
}

/** Writes a JUnit file (its directory made as needed). */
export async function writeJUnit(file: string, run: JUnitRun | readonly JUnitRun[]): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, junitXml(run));
}
