// Finds import cycles among the project's own TypeScript files (docs/design.md: "no import cycles").
// Type-only imports count too: a cycle of types is still two files that cannot be understood apart.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SKIP = new Set(['node_modules', 'reports', '.git']);

// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`, relative specifiers only.
const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?\sfrom\s*['"](\.{1,2}\/[^'"]+)['"]|(?:^|[\s;])import\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Every .ts file under `root`, relative to it, with `/` separators. */
export function sourceFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(root, file);
    return entry.name.endsWith('.ts') ? [path.relative(root, file).split(path.sep).join('/')] : [];
  });
}

/** The relative imports of one file's text, resolved against the file's own path. */
export function relativeImports(file: string, text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2];
    if (specifier) found.add(path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)));
  }
  return [...found];
}

/** The import graph of the .ts files under `root`: file → the project files it imports. */
export function importGraph(root: string): Map<string, string[]> {
  const files = sourceFiles(root);
  const known = new Set(files);
  return new Map(
    files.map((file) => [
      file,
      relativeImports(file, readFileSync(path.join(root, file), 'utf8')).filter((to) => known.has(to)),
    ]),
  );
}

/** One knot of files that import each other: a shortest cycle through it, and all of its files. */
export interface ImportCycle {
  /** A path that returns to its start: `a.ts`, `b.ts`, `a.ts`. */
  readonly path: readonly string[];
  /** Every file of the strongly connected component, sorted (may be more than the path). */
  readonly files: readonly string[];
}

/** Every knot of the graph, one per strongly connected component (Tarjan); empty when there is none. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): ImportCycle[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    const selfLoop = graph.get(node)?.includes(node) ?? false;
    if (component.length > 1 || selfLoop) components.push(component);
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components.map((component) => ({
    path: cycleThrough(graph, new Set(component)),
    files: [...component].sort(),
  }));
}

/** A cycle as a line of a failure message; when more files are knotted together, it names them too. */
export function describeCycle(cycle: ImportCycle): string {
  const others = cycle.files.filter((file) => !cycle.path.includes(file));
  const path = cycle.path.join(' → ');
  return others.length === 0 ? path : `${path} (in the same knot: ${others.join(', ')})`;
}

/** One concrete cycle inside a strongly connected component, starting at its first file by name. */
function cycleThrough(graph: ReadonlyMap<string, readonly string[]>, members: ReadonlySet<string>): string[] {
  const start = [...members].sort()[0]!;
  // Breadth-first from start back to start, inside the component: the shortest cycle through it.
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const cycle = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = cameFrom.get(at))
          cycle.splice(1, 0, at);
        return [...cycle, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}
