import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ErrorObject } from 'ajv';
import { parseDocument } from 'yaml';
import { UsageError } from '../errors.ts';
import { withDefaults, type FleetScenario } from './scenario.ts';

/** The one JSON Schema of scenario files; editors can use it too (`# yaml-language-server: $schema=…`). */
export const SCHEMA_FILE = fileURLToPath(new URL('../../scenarios/schema.json', import.meta.url));

const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object;
const validate = new Ajv({ allErrors: false, jsonPointers: true }).compile(schema);

/** What the command line may change in a scenario. */
export interface ScenarioOverrides {
  /** `path=value` pairs; path dotted (`retail.stores`) or a key that names one number (`stores`). */
  readonly set?: readonly string[];
  /** `--duration`: `90`, `90s`, `10m`, `1h`. */
  readonly duration?: string;
  readonly seed?: string;
}

/**
 * Reads, overrides and validates a scenario file. Whatever is wrong is one UsageError line naming the
 * file, the path inside it and what to do (exit 2).
 */
export function loadScenario(file: string, overrides: ScenarioOverrides = {}): FleetScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  return parseScenario(file, text, overrides);
}

export function parseScenario(file: string, text: string, overrides: ScenarioOverrides = {}): FleetScenario {
  const document = parseDocument(text, { prettyErrors: true });
  const problem = document.errors[0];
  if (problem) {
    const line = problem.linePos?.[0]?.line;
    throw new UsageError(
      `${file}${line ? `: line ${line}` : ''}: not YAML: ${problem.message.split('\n')[0]}`,
    );
  }
  const value: unknown = document.toJS();
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`${file}: a scenario is a YAML mapping (name:, durationSeconds:, retail: …)`);
  const raw = value as Record<string, unknown>;
  for (const pair of overrides.set ?? []) applySet(file, raw, pair);
  if (overrides.duration !== undefined) raw.durationSeconds = parseDuration(overrides.duration);
  if (overrides.seed !== undefined) raw.seed = parseNumber('--seed', overrides.seed);
  if (!validate(raw)) throw new UsageError(`${file}: ${describeError(validate.errors?.[0])}`);
  return withDefaults(path.relative(process.cwd(), path.resolve(file)) || file, raw);
}

/** `--duration 10m` → seconds; a bare number is seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match || !(Number(match[1]) > 0))
    throw new UsageError(`--duration "${text}": give a positive duration such as 90, 90s, 10m or 1h`);
  const factor = { ms: 0.001, s: 1, m: 60, h: 3_600 }[match[2] ?? 's'] ?? 1;
  return Number(match[1]) * factor;
}

function parseNumber(what: string, text: string): number {
  const number = Number(text);
  if (text.trim() === '' || !Number.isFinite(number))
    throw new UsageError(`${what} "${text}": not a number; give e.g. --set retail.stores=2000`);
  return number;
}

/** `--set a.b=3`: the dotted path, or a bare key that names exactly one number in the file. */
function applySet(file: string, raw: Record<string, unknown>, pair: string): void {
  const at = pair.indexOf('=');
  if (at <= 0)
    throw new UsageError(`--set "${pair}": write it as path=number, e.g. --set retail.stores=2000`);
  const key = pair.slice(0, at);
  const number = parseNumber(`--set ${key}`, pair.slice(at + 1));
  const keys = key.includes('.') ? key.split('.') : findKey(file, raw, key);
  let node: Record<string, unknown> = raw;
  for (const [index, part] of keys.entries()) {
    if (index === keys.length - 1) {
      if (part in node && typeof node[part] !== 'number')
        throw new UsageError(`--set ${key}: ${file} has no number at ${keys.join('.')}`);
      node[part] = number;
      return;
    }
    const next = node[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next))
      throw new UsageError(`--set ${key}: ${file} has no section ${keys.slice(0, index + 1).join('.')}`);
    node = next as Record<string, unknown>;
  }
}

function findKey(file: string, raw: Record<string, unknown>, key: string): string[] {
  if (key in raw) return [key];
  const found = Object.entries(raw).flatMap(([section, value]) =>
    typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[key] === 'number'
      ? [[section, key]]
      : [],
  );
  if (found.length === 1) return found[0]!;
  throw new UsageError(
    found.length === 0
      ? `--set ${key}: ${file} has no number called "${key}"; give its dotted path, e.g. retail.${key}`
      : `--set ${key}: "${key}" is in ${found.map((p) => p[0]).join(' and ')}; give the dotted path`,
  );
}

/** One sentence per schema keyword, with the path in the file (`retail.stores`). */
function describeError(error: ErrorObject | undefined): string {
  if (!error) return 'does not match scenarios/schema.json';
  const where = error.dataPath
    ? error.dataPath
        .split('/')
        .slice(1)
        .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
        .join('.')
    : '(top level)';
  const params = error.params as unknown as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: unknown key "${String(params.additionalProperty)}"; see scenarios/schema.json for the keys allowed here`;
    case 'required':
      return `${where}: "${String(params.missingProperty)}" is missing`;
    case 'type':
      return `${where}: must be ${String(params.type)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
      return `${where}: must be ${String(params.comparison)} ${String(params.limit)}`;
    case 'enum':
      return `${where}: must be one of ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'anyOf':
      return `${where}: name at least one of retail, rtc, csg`;
    default:
      return `${where}: ${error.message ?? 'does not match scenarios/schema.json'}`;
  }
}
