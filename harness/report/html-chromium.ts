import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Headless Chromium (Debian's `chromium` package), for the tests that look at a rendered report as a
 * person would: the DOM after scripts ran, or a screenshot. Undefined when it is not installed.
 */
export function chromiumPath(): string | undefined {
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((file) =>
    existsSync(file),
  );
}

export const NO_CHROMIUM = 'headless Chromium is not installed here (Debian: apt-get install chromium)';

interface RenderOptions {
  /** `--dump-dom` (the DOM as text) or `--screenshot=FILE` (a PNG). */
  readonly mode: { dom: true } | { screenshot: string };
  /** Virtual time the page's scripts may take; a single-file Allure report decodes its data first. */
  readonly budgetMs?: number;
  readonly width?: number;
  readonly height?: number;
}

/** Renders `file` (with an optional `#hash`) headless; resolves the DOM for `dom`, '' for a screenshot. */
export async function renderHeadless(file: string, hash: string, options: RenderOptions): Promise<string> {
  const chromium = chromiumPath();
  if (!chromium) throw new Error(NO_CHROMIUM);
  // Its own profile directory, removed afterwards: nothing of a run stays in $HOME.
  const profile = await mkdtemp(path.join(os.tmpdir(), 'mqtt-harness-chromium-'));
  const url = `${pathToFileURL(path.resolve(file)).href}${hash}`;
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    `--user-data-dir=${profile}`,
    `--window-size=${options.width ?? 1400},${options.height ?? 1000}`,
    `--virtual-time-budget=${options.budgetMs ?? 5000}`,
    'dom' in options.mode ? '--dump-dom' : `--screenshot=${options.mode.screenshot}`,
    url,
  ];
  try {
    return await new Promise<string>((resolve, reject) => {
      execFile(chromium, args, { maxBuffer: 64 * 1024 * 1024, timeout: 180_000 }, (error, stdout) =>
        error ? reject(new Error(`chromium could not render ${url}: ${error.message}`)) : resolve(stdout),
      );
    });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** The visible text of a dumped DOM: scripts and styles dropped, whitespace collapsed. */
export function visibleText(dom: string): string {
  return dom
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}
