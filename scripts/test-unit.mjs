// Runs every *.test.ts beside the code with node:test (Node 20's --test does not expand globs itself).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const SKIP = new Set(['node_modules', 'reports', '.git']);

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTests(file);
    return entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

const files = process.argv.length > 2 ? process.argv.slice(2) : findTests('.').sort();
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
});
child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
