// Shared by the browser tests and the browser benchmark: a static server
// for dist/ and Debian's Chromium driven by playwright-core.
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { readFile, mkdtemp, rm, mkdir } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const ARTIFACTS = join(ROOT, 'tests', 'e2e', 'artifacts');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * Serves dist/ (or `root`) on 127.0.0.1 on a free port; resolves to
 * { url, close }.
 * `overrides` maps a path (`/boot.js`) to bytes served instead of the
 * file's (a test changes it to stand for a new version of the page), or
 * to an async function giving them (a slow server), or null (a file the
 * server lacks).
 */
export async function serve(overrides = new Map(), root = DIST) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (path === '/__blank__') {
      // An empty page of the same origin, to reach its storage.
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>blank</title>');
      return;
    }
    if (overrides.has(path)) {
      let body = overrides.get(path);
      // A function stands for a file the server is slow to hand out, or
      // lacks (it resolves to null).
      if (typeof body === 'function') body = await body();
      if (body === null) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
      return;
    }
    const file = join(root, path === '/' ? 'index.html' : path);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, close: () => new Promise((ok) => server.close(ok)) };
}

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/**
 * Headless Chromium on the profile `profile` that a test can kill outright
 * (SIGKILL to the whole browser, as a crash of the computer would stop
 * it), then start again on the same profile: resolves to
 * { context, kill }.
 */
export async function killableBrowser(profile) {
  const proc = spawn(
    process.env.CHROMIUM ?? '/usr/bin/chromium',
    [...FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  const ws = await new Promise((resolve, reject) => {
    let text = '';
    proc.stderr.on('data', (d) => {
      text += d;
      const m = text.match(/DevTools listening on (ws:\S+)/);
      if (m) resolve(m[1]);
    });
    exited.then(() => reject(new Error(`chromium exited before it listened: ${text}`)));
  });
  const connected = await chromium.connectOverCDP(ws);
  return {
    context: connected.contexts()[0],
    async kill() {
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await exited;
      await connected.close().catch(() => {});
    },
  };
}

/** Starts headless Chromium with a fresh profile. */
export async function browser() {
  const profile = await mkdtemp(join(tmpdir(), 'scoring-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1500, height: 1000 },
    args: FLAGS,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the app with empty browser storage: storage is cleared from another
 * page of the same origin first, so that the app never races the clearing.
 * Pages of the same origin a failed test left open are closed first: a tab
 * of the page still open would save into the new one's storage.
 */
export async function freshPage(context, url) {
  for (const open of context.pages()) if (open.url().startsWith(url)) await open.close();
  const page = await context.newPage();
  await page.goto(url + '__blank__');
  await clearStorage(page);
  await page.goto(url);
  return page;
}

/**
 * Empties the page's storage: local storage, and the copy of it that
 * boot.js keeps in IndexedDB (which would otherwise put the last test's
 * state back). Run on a page of the origin where the app is not open.
 */
export async function clearStorage(page) {
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        localStorage.clear();
        const r = indexedDB.deleteDatabase('scoring-web-durable');
        r.onsuccess = r.onerror = r.onblocked = () => resolve();
      }),
  );
}

/** Where screenshots and other artifacts go. */
export async function artifacts() {
  await mkdir(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
}

/**
 * An office's input in the entry grid, drawn first: the grid draws only
 * the rows and columns on screen, so its box is scrolled (as a person
 * would) until the cell is there. Resolves to the cell's locator.
 */
export async function gridCell(page, office, input) {
  const sel = `tr[data-office="${office}"] input[data-input="${input}"]`;
  const cell = page.locator(sel);
  if (await cell.count()) return cell;
  await page.waitForSelector('.grid-port');
  const port = page.locator('.grid-port');
  const size = await port.evaluate((el) => ({
    w: el.scrollWidth, h: el.scrollHeight, cw: el.clientWidth, ch: el.clientHeight,
  }));
  // A scroll event is fired by the browser when it next draws, which a
  // busy machine or a page in the background may put off: one is sent
  // at once as well. A second pass waits longer for each part.
  for (const wait of [150, 1500]) {
    for (let top = 0; top < size.h; top += Math.max(1, size.ch / 2)) {
      for (let left = 0; left < size.w; left += Math.max(1, size.cw / 2)) {
        await port.evaluate((el, [t, l]) => {
          el.scrollTop = t;
          el.scrollLeft = l;
          el.dispatchEvent(new Event('scroll'));
        }, [top, left]);
        try {
          await cell.waitFor({ state: 'attached', timeout: wait });
          return cell;
        } catch {
          // Not in this part of the grid.
        }
      }
    }
  }
  throw new Error(`no cell ${sel} in the grid`);
}
