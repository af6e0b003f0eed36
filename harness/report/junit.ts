import { hostname } from 'node:os';

/**
 * A JUnit XML writer for any run of the harness (`run`, `certify`, later `simulate`): give it testcases,
 * it writes the Ant/Jenkins `JUnit.xsd` shape CI systems read (harness/report/junit.xsd). That schema has
 * no "skipped" element and no testcase properties, so a skipped case is listed in its suite's
 * `<system-out>` (never shown as a pass) and each case's rule IDs are a suite `<property>` under its name.
 */

export interface JUnitCase {
  readonly name: string;
  /** The group CI shows it under (for the harness: the rule area, e.g. `CID` or `MQTT-3.1.1`). */
  readonly classname: string;
  readonly durationMs?: number;
  /**
   * `failure`: the thing under test broke a rule; `error`: it could not be judged (infrastructure, the
   * broker went away, a harness defect); `skipped`: inconclusive or not applicable, with the reason in
   * `message`.
   */
  readonly outcome: 'pass' | 'failure' | 'error' | 'skipped';
  /** One line: the failure, the error or why it was skipped. */
  readonly message?: string;
  /** The failure's type (`AssertionError`, `InfrastructureError`); defaults from the outcome. */
  readonly type?: string;
  /** More text for the failure or error body (evidence, counter-example). */
  readonly detail?: string;
  /** Written as the suite property `<name>` = these, space-separated (the rule IDs it checks). */
  readonly rules?: readonly string[];
}

export interface JUnitRun {
  /** The suite names start with it: `mqtt-harness process:mosquitto × mqtt-3.1.1`. */
  readonly name: string;
  readonly startedAt: Date;
  /** Properties every suite carries (target, profile, seed …); never a secret. */
  readonly properties?: Readonly<Record<string, string>>;
  readonly cases: readonly JUnitCase[];
}

/**
 * The JUnit XML of one run or several (a certification matrix: one run per broker): one `<testsuite>`
 * per run and classname, in the order they first appear.
 */
export function junitXml(runs: JUnitRun | readonly JUnitRun[]): string {
  const suites = (Array.isArray(runs) ? runs : [runs]).flatMap((run: JUnitRun) =>
    [...new Set(run.cases.map((c) => c.classname))].map((classname) => ({ run, classname })),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites>',
    ...suites.map(({ run, classname }, id) => suite(run, classname, id)),
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(run: JUnitRun, classname: string, id: number): string {
  // JUnit.xsd's timestamp has no zone and no fraction: UTC, to the second.
  const timestamp = run.startedAt.toISOString().slice(0, 19);
  const host = hostname() || 'localhost';
  const cases = run.cases.filter((c) => c.classname === classname);
  const judged = cases.filter((c) => c.outcome !== 'skipped');
  const skipped = cases.filter((c) => c.outcome === 'skipped');
  const properties = [
    ...Object.entries(run.properties ?? {}),
    ...judged.filter((c) => c.rules?.length).map((c) => [c.name, c.rules?.join(' ') ?? ''] as const),
  ];
  const seconds = judged.reduce((sum, c) => sum + (c.durationMs ?? 0), 0) / 1000;
  return [
    `  <testsuite package="${attr(classname)}" id="${id}" name="${attr(`${run.name} ${classname}`)}"` +
      ` timestamp="${timestamp}" hostname="${attr(host)}" tests="${judged.length}"` +
      ` failures="${count(judged, 'failure')}" errors="${count(judged, 'error')}" time="${seconds.toFixed(3)}">`,
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name="${attr(name)}" value="${attr(value)}"/>`),
    '    </properties>',
    ...judged.map(testcase),
    `    <system-out>${text(skipped.map((c) => `skipped: ${c.name}: ${c.message ?? ''}`).join('\n'))}</system-out>`,
    '    <system-err></system-err>',
    '  </testsuite>',
  ].join('\n');
}

function testcase(c: JUnitCase): string {
  const open = `    <testcase name="${attr(c.name)}" classname="${attr(c.classname)}" time="${((c.durationMs ?? 0) / 1000).toFixed(3)}"`;
  if (c.outcome === 'pass') return `${open}/>`;
  const element = c.outcome; // 'failure' | 'error'
  const type = c.type ?? (element === 'failure' ? 'AssertionError' : 'Error');
  const body = [c.message, c.detail].filter(Boolean).join('\n');
  return [
    `${open}>`,
    `      <${element} message="${attr(c.message ?? '')}" type="${attr(type)}">${text(body)}</${element}>`,
    '    </testcase>',
  ].join('\n');
}

function count(cases: readonly JUnitCase[], outcome: JUnitCase['outcome']): number {
  return cases.filter((c) => c.outcome === outcome).length;
}

/** XML 1.0 cannot carry most control characters or a lone surrogate, even escaped: they become U+FFFD. */
function clean(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
  );
}

function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
