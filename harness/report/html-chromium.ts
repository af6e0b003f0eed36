import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { eventually } from '../eventually.ts';

/**
 * Headless Chromium (Debian's `chromium` package), for the tests that look at a rendered report as a
 * person would: the page's visible text once it shows what is awaited, and a screenshot. Driven over the
 * DevTools protocol, so the wait ends when the content is there (a single-file Allure report decodes
 * its data first, slower on a busy machine), not after a guessed time.
 */
export function chromiumPath(): string | undefined {
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((file) =>
    existsSync(file),
  );
}

export const NO_CHROMIUM = 'headless Chromium is not installed here (Debian: apt-get install chromium)';

export interface RenderOptions {
  /** The visible text shows the page is ready (default: any text at all). */
  readonly until?: (text: string) => boolean;
  /** Then click the element whose text starts with this (a tab), and wait for `until` of the click. */
  readonly click?: { readonly text: string; readonly until: (text: string) => boolean };
  /** Also write a PNG of the viewport here, once ready. */
  readonly screenshot?: string;
  readonly width?: number;
  readonly height?: number;
  /** How long the content may take to appear (default 120 s: a loaded 2-core machine). */
  readonly timeoutMs?: number;
}

/** Opens `file` (with an optional `#hash`) headless; resolves its visible text once `until` holds. */
export async function renderHeadless(file: string, hash = '', options: RenderOptions = {}): Promise<string> {
  const chromium = chromiumPath();
  if (!chromium) throw new Error(NO_CHROMIUM);
  // Its own profile directory, removed afterwards: nothing of a run stays in $HOME.
  const profile = await mkdtemp(path.join(os.tmpdir(), 'mqtt-harness-chromium-'));
  const child = spawn(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      // As Puppeteer launches it: a page on a loaded machine is never taken for a background one,
      // whose timers (the Allure app polls for its data with them) and frames Chromium throttles.
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
      '--disable-renderer-backgrounding',
      '--disable-ipc-flooding-protection',
      '--disable-hang-monitor',
      '--disable-dev-shm-usage',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  try {
    const devtools = new DevTools(await browserEndpoint(child));
    await devtools.opened;
    const url = `${pathToFileURL(path.resolve(file)).href}${hash}`;
    // The tab Chromium opened with about:blank: a tab created over DevTools would be a hidden one,
    // whose animation frames (which the Allure app renders on) never come.
    const { targetInfos } = await devtools.call<{ targetInfos: { targetId: string; type: string }[] }>(
      'Target.getTargets',
    );
    const tab = targetInfos.find((target) => target.type === 'page');
    if (!tab) throw new Error('chromium opened no tab');
    const { sessionId } = await devtools.call<{ sessionId: string }>('Target.attachToTarget', {
      targetId: tab.targetId,
      flatten: true,
    });
    const page = (method: string, params: object = {}) => devtools.call(method, params, sessionId);
    await page('Emulation.setDeviceMetricsOverride', {
      width: options.width ?? 1400,
      height: options.height ?? 1000,
      deviceScaleFactor: 1,
      mobile: false,
    });
    // What the page itself reports (uncaught exceptions, console errors): evidence should it never
    // show what is awaited.
    const pageErrors: string[] = [];
    devtools.onEvent((method, params) => {
      if (method === 'Runtime.exceptionThrown') pageErrors.push(exceptionText(params));
      else if (method === 'Runtime.consoleAPICalled' && (params as { type?: string }).type === 'error')
        pageErrors.push(consoleText(params));
    });
    await page('Runtime.enable');
    await page('Page.navigate', { url });
    const shown = (until: (text: string) => boolean) => {
      let last = { text: '', visibility: '' };
      return eventually(
        async () => {
          const { result } = (await page('Runtime.evaluate', {
            expression:
              '({ text: document.body ? document.body.innerText : "", visibility: document.visibilityState })',
            returnByValue: true,
          })) as { result: { value?: typeof last } };
          last = result.value ?? last;
          return until(last.text) ? last.text : undefined;
        },
        {
          timeoutMs: options.timeoutMs ?? 120_000,
          intervalMs: 250,
          description: () =>
            `${url} to show what was awaited; the page (${last.visibility}) showed: ${last.text.slice(0, 300)}` +
            (pageErrors.length > 0
              ? `; its errors: ${pageErrors.slice(0, 5).join(' | ')}`
              : '; no page errors'),
        },
      );
    };
    let text = await shown(options.until ?? ((shownText: string) => shownText.trim().length > 0));
    if (options.click) {
      // The innermost element whose text starts with the label: the click bubbles to its handler.
      const label = JSON.stringify(options.click.text);
      const xpath = `//*[starts-with(normalize-space(.), ${label})][not(*[starts-with(normalize-space(.), ${label})])]`;
      await page('Runtime.evaluate', {
        expression: `document.evaluate(${JSON.stringify(xpath)}, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue?.click()`,
      });
      text = await shown(options.click.until);
    }
    if (options.screenshot) {
      const { data } = (await page('Page.captureScreenshot', { format: 'png' })) as { data: string };
      await writeFile(options.screenshot, Buffer.from(data, 'base64'));
    }
    await devtools.call('Browser.close').catch(() => undefined);
    devtools.close();
    return text;
  } finally {
    await stopped(child);
    await rm(profile, { recursive: true, force: true });
  }
}

/** The browser's DevTools WebSocket, which Chromium names on stderr as it starts. */
function browserEndpoint(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`chromium exited (${code}) before it listened: ${seen.slice(-500)}`)),
    );
  });
}

/** Our Chromium ends with its Browser.close; should it not, it is killed, by its own PID. */
async function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const grace = setTimeout(() => child.kill('SIGKILL'), 5000);
  child.kill('SIGTERM');
  await exited;
  clearTimeout(grace);
}

/** The few DevTools protocol calls the tests need: request, matching response by id. */
class DevTools {
  readonly #socket: WebSocket;
  readonly #pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  readonly #listeners: ((method: string, params: unknown) => void)[] = [];
  #next = 1;
  readonly opened: Promise<void>;

  constructor(url: string) {
    this.#socket = new WebSocket(url, { perMessageDeflate: false });
    this.opened = new Promise((resolve, reject) => {
      this.#socket.once('open', () => resolve());
      this.#socket.once('error', reject);
    });
    this.#socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as {
        id?: number;
        method?: string;
        params?: unknown;
        result?: unknown;
        error?: { message: string };
      };
      if (message.id === undefined && message.method) {
        for (const listener of this.#listeners) listener(message.method, message.params ?? {});
        return;
      }
      const waiting = message.id === undefined ? undefined : this.#pending.get(message.id);
      if (!waiting || message.id === undefined) return;
      this.#pending.delete(message.id);
      if (message.error) waiting.reject(new Error(`DevTools: ${message.error.message}`));
      else waiting.resolve(message.result);
    });
    this.#socket.on('close', () => {
      for (const waiting of this.#pending.values()) waiting.reject(new Error('DevTools connection closed'));
      this.#pending.clear();
    });
  }

  call<T = unknown>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  /** Events (messages without an id), from the browser and every attached session. */
  onEvent(listener: (method: string, params: unknown) => void): void {
    this.#listeners.push(listener);
  }

  close(): void {
    this.#socket.close();
  }
}

function exceptionText(params: unknown): string {
  const details = (params as { exceptionDetails?: { text?: string; exception?: { description?: string } } })
    .exceptionDetails;
  return (details?.exception?.description ?? details?.text ?? 'an exception').split('\n')[0] ?? '';
}

function consoleText(params: unknown): string {
  const args = (params as { args?: { value?: unknown; description?: string }[] }).args ?? [];
  return (
    args
      .map((arg) => String(arg.value ?? arg.description ?? ''))
      .join(' ')
      .split('\n')[0] ?? ''
  );
}

/** Whitespace collapsed, for matching a page's text. */
export function visibleText(text: string): string {
  return text.replace(/\s+/g, ' ');
}
