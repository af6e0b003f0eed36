import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { describeCycle, findCycles, importGraph, relativeImports } from './import-cycles.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

// docs/design.md: no import cycles. A failure names each cycle, file by file.
test('no import cycle among the project’s .ts files', () => {
  const cycles = findCycles(importGraph(root));
  assert.deepEqual(
    cycles.map(describeCycle),
    [],
    'import cycles found: make one side depend on a third file instead',
  );
});

test('relative imports of every form are read, package imports are not', () => {
  const text = [
    "import { a } from './a.ts';",
    "import type { B } from '../b.ts';",
    "export { c } from './c/c.ts';",
    "import './side-effect.ts';",
    "const lazy = await import('./lazy.ts');",
    'import {',
    '  d,',
    "} from './d.ts';",
    "import mqtt from 'mqtt';",
  ].join('\n');
  assert.deepEqual(relativeImports('x/y/file.ts', text).sort(), [
    'x/b.ts',
    'x/y/a.ts',
    'x/y/c/c.ts',
    'x/y/d.ts',
    'x/y/lazy.ts',
    'x/y/side-effect.ts',
  ]);
});

test('a cycle is found and named; a diamond is not a cycle', () => {
  const graph = new Map([
    ['a.ts', ['b.ts', 'c.ts']],
    ['b.ts', ['d.ts']],
    ['c.ts', ['d.ts']],
    ['d.ts', []],
    ['e.ts', ['f.ts']],
    ['f.ts', ['g.ts']],
    ['g.ts', ['e.ts']],
    ['h.ts', ['h.ts']],
    ['i.ts', ['j.ts']],
    ['j.ts', ['i.ts', 'k.ts']],
    ['k.ts', ['j.ts']],
  ]);
  assert.deepEqual(findCycles(graph).map(describeCycle).sort(), [
    'e.ts → f.ts → g.ts → e.ts',
    'h.ts → h.ts',
    'i.ts → j.ts → i.ts (in the same knot: k.ts)',
  ]);
});
