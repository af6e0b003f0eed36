import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The tags each scenario of the feature files carries, read line by line (no Gherkin dependency): a
 * Scenario, or an Examples block of a Scenario Outline (its rows inherit the block's tags). Enough for
 * the tag check and the rule index in docs/rules.md, which both work on tags and locations only.
 */
export interface TaggedScenario {
  /** `features/conformance/client-id.feature` (as given to scanFeature, `/`-separated). */
  readonly file: string;
  /** The Scenario (or Scenario Outline) line. */
  readonly line: number;
  readonly name: string;
  /** The Examples line, for an outline's examples block. */
  readonly examplesLine?: number;
  /** Tags inherited from the Feature and Rule, then the scenario's own. */
  readonly inherited: readonly string[];
  /** The Examples block's own tags (outline blocks only). */
  readonly examplesTags: readonly string[];
}

const KEYWORD =
  /^(Feature|Rule|Background|Scenario Outline|Scenario Template|Scenario|Example|Examples|Scenarios):\s*(.*)$/;

export function scanFeature(file: string, text: string): TaggedScenario[] {
  const found: TaggedScenario[] = [];
  let pending: string[] = [];
  let featureTags: string[] = [];
  let ruleTags: string[] = [];
  let outline: { line: number; name: string; tags: string[]; blocks: number } | undefined;
  let docString: string | undefined;
  const closeOutline = () => {
    if (outline && outline.blocks === 0)
      found.push({ file, line: outline.line, name: outline.name, inherited: outline.tags, examplesTags: [] });
    outline = undefined;
  };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const lineNo = index + 1;
    if (docString !== undefined) {
      if (line.startsWith(docString)) docString = undefined;
      return;
    }
    if (line.startsWith('"""') || line.startsWith('```')) {
      docString = line.slice(0, 3);
      return;
    }
    if (line.startsWith('@')) {
      const tokens = line.split(/\s+/);
      const end = tokens.findIndex((token) => token.startsWith('#'));
      pending.push(...(end === -1 ? tokens : tokens.slice(0, end)).filter((token) => token.startsWith('@')));
      return;
    }
    const keyword = KEYWORD.exec(line);
    if (!keyword) return;
    const [, kind, name = ''] = keyword;
    const tags = pending;
    pending = [];
    if (kind === 'Examples' || kind === 'Scenarios') {
      if (!outline) return;
      outline.blocks += 1;
      found.push({
        file,
        line: outline.line,
        name: name ? `${outline.name} (Examples: ${name})` : outline.name,
        examplesLine: lineNo,
        inherited: outline.tags,
        examplesTags: tags,
      });
      return;
    }
    closeOutline();
    if (kind === 'Feature') [featureTags, ruleTags] = [tags, []];
    else if (kind === 'Rule') ruleTags = tags;
    else if (kind === 'Scenario Outline' || kind === 'Scenario Template')
      outline = { line: lineNo, name, tags: [...featureTags, ...ruleTags, ...tags], blocks: 0 };
    else if (kind === 'Scenario' || kind === 'Example')
      found.push({
        file,
        line: lineNo,
        name,
        inherited: [...featureTags, ...ruleTags, ...tags],
        examplesTags: [],
      });
  });
  closeOutline();
  return found;
}

/** Every `*.feature` under `root` (default `features/`, from the repository root), sorted by path. */
export function scanFeatures(root = 'features'): TaggedScenario[] {
  return featureFiles(root).flatMap((file) => scanFeature(file, readFileSync(file, 'utf8')));
}

function featureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.posix.join(dir.split(path.sep).join('/'), entry.name);
      if (entry.isDirectory()) return featureFiles(file);
      return entry.name.endsWith('.feature') ? [file] : [];
    })
    .sort();
}
