import type { TaggedScenario } from './feature-scan.ts';
import { rulesOfArea } from './registry.ts';
import { statementSection, type Rule } from './rule.ts';
import { scenarioChecks } from './rules-doc.ts';

/** Where the MQTT 3.1.1 traceability matrix lives and the command that rewrites it (with docs/rules.md). */
export const COVERAGE_DOC = { path: 'docs/mqtt-3.1.1-coverage.md', command: 'npm run docs' } as const;

/** A property test as the matrix names it: what it is called, where it lives, the rules it judges. */
export interface PropertyCheck {
  readonly name: string;
  readonly file: string;
  readonly rules: readonly string[];
}

export interface CoverageInput {
  readonly scenarios: readonly TaggedScenario[];
  readonly properties: readonly PropertyCheck[];
  /** Why a scenario with these tags is not judged under `--profile mqtt-3.1.1`; undefined when it is. */
  readonly notJudged: (tags: readonly string[]) => string | undefined;
}

/** One statement and what checks it under `--profile mqtt-3.1.1`. */
export interface StatementCoverage {
  readonly rule: Rule;
  /** `` `features/x.feature:12` — name `` for each scenario whose tags name it. */
  readonly scenarios: readonly string[];
  /** `` property `harness/properties/x.ts` — name `` for each property test that judges it. */
  readonly properties: readonly string[];
}

export interface CoverageCounts {
  /** Every numbered statement (Appendix B). */
  readonly statements: number;
  /** Those that bind the server, alone or with the client. */
  readonly server: number;
  /** Of those, the ones a broker can be judged by on the wire. */
  readonly observable: number;
  /** Of those, the ones at least one scenario or property checks. */
  readonly checked: number;
  /** The observable server-side ones nothing checks yet. */
  readonly unchecked: readonly string[];
  /** Statements that bind only the client: listed, never counted. */
  readonly clientOnly: number;
  /** Statements a scenario or property names although a broker cannot be judged by them. */
  readonly misnamed: readonly string[];
}

/** What checks every MQTT 3.1.1 statement: judged scenarios by tag, properties by their rule lists. */
export function statementCoverage(input: CoverageInput): StatementCoverage[] {
  const judged = input.scenarios.filter(
    (scenario) => input.notJudged([...scenario.inherited, ...scenario.examplesTags]) === undefined,
  );
  return rulesOfArea('MQTT-3.1.1').map((rule) => ({
    rule,
    scenarios: scenarioChecks(rule.id, judged),
    properties: input.properties
      .filter((p) => p.rules.includes(rule.id))
      .map((p) => `property \`${p.file}\` — ${p.name}`),
  }));
}

const isChecked = (s: StatementCoverage) => s.scenarios.length > 0 || s.properties.length > 0;

export function coverageCounts(coverage: readonly StatementCoverage[]): CoverageCounts {
  const server = coverage.filter((s) => s.rule.binds !== 'client');
  const observable = server.filter((s) => s.rule.check === 'wire');
  return {
    statements: coverage.length,
    server: server.length,
    observable: observable.length,
    checked: observable.filter(isChecked).length,
    unchecked: observable.filter((s) => !isChecked(s)).map((s) => s.rule.id),
    clientOnly: coverage.length - server.length,
    misnamed: coverage.filter((s) => s.rule.check !== 'wire' && isChecked(s)).map((s) => s.rule.id),
  };
}

/** Section titles of the standard, for the matrix's headings (`3.8` → SUBSCRIBE). */
const SECTIONS: Record<string, string> = {
  '1.5': 'UTF-8 strings',
  '2.2': 'Fixed header flags',
  '2.3': 'Packet identifiers',
  '3.1': 'CONNECT',
  '3.2': 'CONNACK',
  '3.3': 'PUBLISH',
  '3.6': 'PUBREL',
  '3.8': 'SUBSCRIBE',
  '3.9': 'SUBACK',
  '3.10': 'UNSUBSCRIBE',
  '3.12': 'PINGREQ',
  '3.14': 'DISCONNECT',
  '4.1': 'Storing state',
  '4.3': 'Quality of service flows',
  '4.4': 'Message delivery retry',
  '4.5': 'Message receipt',
  '4.6': 'Message ordering',
  '4.7': 'Topic names and topic filters',
  '4.8': 'Handling errors',
  '6.0': 'WebSocket',
  '7.0': 'Conformance',
  '7.1': 'Conformance targets',
};

/** docs/mqtt-3.1.1-coverage.md: the counts, then one table row per statement, by section of the standard. */
export function coverageMarkdown(input: CoverageInput): string {
  const coverage = statementCoverage(input);
  const counts = coverageCounts(coverage);
  const notObservable = coverage.filter((s) => s.rule.binds !== 'client' && s.rule.check !== 'wire');
  const lines = [
    '# MQTT 3.1.1 coverage',
    '',
    `<!-- Generated from the rule registry (harness/rules/), the feature tags and the property tests by \`${COVERAGE_DOC.command}\`; do not edit by hand. -->`,
    '',
    'Every numbered normative statement of the OASIS MQTT 3.1.1 standard (the list of its Appendix B), in the',
    "project's own words, with whom it binds and what checks it when a broker is certified with",
    '`--profile mqtt-3.1.1`: the scenarios whose tags name it (`features/`, those the profile runs) and the',
    'property tests whose rule lists name it (`harness/properties/`; in a certification a property vouches only',
    'for the rules its generated cases exercised). A statement that binds only the client is listed as such',
    'and not counted: a broker certification judges servers. A rule on what a packet from the client may',
    'contain binds both sides when the server must refuse a packet that breaks it (by validating CONNECT',
    '[MQTT-3.1.4-1], closing on ill-formed strings [MQTT-1.5.3-1] or on a protocol violation [MQTT-4.8.0-1]).',
    'A server-side statement that cannot be observed from outside the broker says why.',
    '',
    '| statements | count |',
    '|---|---|',
    `| in Appendix B | ${counts.statements} |`,
    `| bind the server (alone or with the client) | ${counts.server} |`,
    `| of those, observable on the wire | ${counts.observable} |`,
    `| of those, checked by a scenario or a property | ${counts.checked} |`,
    `| bind only the client (listed, not counted) | ${counts.clientOnly} |`,
    '',
    `Observable server-side statements with no check yet (${counts.unchecked.length}): ${idList(counts.unchecked)}.`,
    '',
    `Server-side statements that cannot be observed from outside (${notObservable.length}): ` +
      `${idList(notObservable.map((s) => s.rule.id))}; the table says why.`,
    '',
    ...(counts.misnamed.length > 0
      ? [
          `**Named by a check although a broker cannot be judged by them** (${counts.misnamed.length}): ` +
            `${idList(counts.misnamed)}. Fix the tag or the statement's \`binds\`/\`check\`.`,
          '',
        ]
      : []),
  ];
  const sections = [...new Set(coverage.map((s) => sectionOf(s.rule.id)))];
  for (const section of sections) {
    lines.push(`## ${section} ${SECTIONS[section] ?? ''}`.trimEnd(), '');
    lines.push('| ID | Statement | Binds | Checked by |', '|---|---|---|---|');
    for (const s of coverage.filter((c) => sectionOf(c.rule.id) === section)) lines.push(row(s));
    lines.push('');
  }
  return lines.join('\n');
}

function row({ rule, scenarios, properties }: StatementCoverage): string {
  const checkedBy =
    rule.binds === 'client'
      ? 'client only (not counted)'
      : rule.check !== 'wire'
        ? `not observable: ${rule.why ?? ''}`
        : scenarios.length + properties.length === 0
          ? '**not checked yet**'
          : [...scenarios, ...properties].join('<br>');
  return `| ${rule.id} | ${cell(rule.text)} | ${rule.binds ?? ''} | ${cell(checkedBy)} |`;
}

/** `MQTT-3.10.4-1` → `3.10`. */
function sectionOf(id: string): string {
  return (statementSection(id) ?? '').split('.').slice(0, 2).join('.');
}

const cell = (text: string) => text.replaceAll('|', '\\|');
const idList = (ids: readonly string[]) => (ids.length > 0 ? ids.join(', ') : 'none');

const README_BEGIN = '<!-- mqtt-3.1.1 coverage: generated by `npm run docs` -->';
const README_END = '<!-- end of mqtt-3.1.1 coverage -->';

/** The README's paragraph with the counts, between its markers (so a test can tell when it is stale). */
export function readmeCoverageParagraph(counts: CoverageCounts): string {
  const text =
    `**MQTT 3.1.1 coverage.** The standard numbers ${counts.statements} normative statements (its Appendix B). ` +
    `${counts.server} of them bind the server (alone or with the client), ${counts.observable} of those can be ` +
    `observed on the wire, and ${counts.checked} of those are checked by a scenario or a property test under ` +
    `\`--profile mqtt-3.1.1\`; ${uncheckedClause(counts.unchecked.length)}. The ` +
    `${counts.clientOnly} that bind only the client are listed but not counted. ` +
    '[docs/mqtt-3.1.1-coverage.md](docs/mqtt-3.1.1-coverage.md) is the traceability matrix: every statement, ' +
    'what checks it, and why the rest cannot be observed from outside a broker.';
  return [README_BEGIN, ...wrap(text, 110), README_END].join('\n');
}

function uncheckedClause(count: number): string {
  if (count === 0) return 'every observable one has a check';
  return count === 1 ? '1 observable one has no check yet' : `${count} observable ones have no check yet`;
}

/** Words into lines of at most `width` characters (a word longer than that gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

/** `readme` with its coverage paragraph replaced by the current one; throws when the markers are missing. */
export function withReadmeCoverage(readme: string, counts: CoverageCounts): string {
  const begin = readme.indexOf(README_BEGIN);
  const end = readme.indexOf(README_END);
  if (begin === -1 || end < begin)
    throw new Error(`README.md has no "${README_BEGIN}" … "${README_END}" block for the coverage counts`);
  return readme.slice(0, begin) + readmeCoverageParagraph(counts) + readme.slice(end + README_END.length);
}
