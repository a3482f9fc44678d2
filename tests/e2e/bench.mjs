// Measures the web app in headless Chromium at 1366×768 (figures, not
// assertions), along the paths a person takes:
//   - a first visit: the bytes downloaded, and navigation to ready with
//     the CPU as it is and throttled 4×, in a new profile; a later visit
//     (from the service worker's files); the page in one file from a disk;
//   - navigation to the page being ready, and to first results (the
//     worked example loaded with one click);
//   - with N offices imported from a CSV file (300, then 1 000): a cell
//     clicked, then, with the focus in the grid, a key typed into it, and
//     moves to other cells (arrows, Tab, a click), each timed from the
//     browser's event to the next frame painted;
//   - a click in the results (ranking, chart, detail re-rendered).
// Run after building dist/: node tests/e2e/bench.mjs
// OFFICES=300,1000 chooses the sizes; REPEAT=40 the keystrokes per figure.
import { serve, browser, freshPage, clearStorage, DIST, FIXTURES } from './harness.mjs';
import { chromium } from 'playwright-core';
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';

const SIZES = (process.env.OFFICES ?? '300,1000').split(',').map(Number);
const REPEAT = Number(process.env.REPEAT ?? 40);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
const fmt = (xs) => `median ${median(xs).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (${xs.length})`;

const HEADER = 'office,decision_drafts,opinion_reports,stakeholder_meetings,policy_interpretations,press_conferences,concern_responses,interview_on_time,consultations_asked,consultations_answered,consultations_late,applications_asked,applications_answered,applications_late,site_items,site_visits,platform_posts,shared_reports,system_links,sso_systems,shared_databases,stale_databases';

/** A department of `n` offices under the Shandong rubric, as a CSV file. */
function department(n) {
  let seed = 7;
  const rand = (k) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % k;
  };
  const rows = [HEADER];
  for (let o = 0; o < n; o++) {
    const asked = rand(50);
    const answered = Math.min(asked, rand(50));
    const v = [
      rand(20), rand(20), rand(10), rand(30), rand(5), rand(20), rand(2),
      asked, answered, Math.min(asked, rand(5)), asked, answered, Math.min(asked, rand(3)),
      rand(1000), rand(100000), rand(500), rand(20), rand(10), rand(5), rand(5), rand(2),
    ];
    rows.push([`处室${o + 1}`, ...v].join(','));
  }
  return Buffer.from(rows.join('\n'));
}

/**
 * Times every key press and pointer press from the browser's event time
 * stamp to the frame after it (requestAnimationFrame, then a task: the
 * frame has been painted by then).
 */
async function instrument(page) {
  await page.evaluate(() => {
    window.__latency = [];
    const mark = (e) => {
      // A modifier pressed on its own (Shift of Shift+Tab) is not a step.
      if (['Shift', 'Control', 'Alt', 'Meta'].includes(e.key)) return;
      const t0 = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => window.__latency.push(performance.now() - t0), 0));
    };
    window.addEventListener('keydown', mark, true);
    window.addEventListener('pointerdown', mark, true);
  });
}

/** Runs `act` `times` times, each awaited until its frame is measured. */
async function timed(page, times, act) {
  await page.evaluate(() => { window.__latency = []; });
  for (let i = 0; i < times; i++) {
    await act(i);
    await page.waitForFunction((n) => window.__latency.length >= n, i + 1);
    // Let a pending save or idle work pass, as between a person's keys.
    await page.waitForTimeout(30);
  }
  return page.evaluate(() => window.__latency.slice());
}

/** The input of the grid's cell for office `row` (0-based) and column `col` (0 = the name). */
const cellOf = (row, col) => `#cell-${row}-${col}`;

const server = await serve();
const chrome = await browser();

// 0. A first visit: what is downloaded, and the time to ready with the
// CPU as it is and throttled 4× (an old office PC), in a new browser
// profile each time; a later visit (the service worker's files); the page
// in one file, opened from a disk.
{
  let bytes = 0;
  for (const f of ['index.html', 'hint.js', 'boot.js', 'scoring_web.js', 'scoring_web_bg.wasm', 'style.css']) {
    bytes += gzipSync(await readFile(join(DIST, f)), { level: 9 }).length;
  }
  console.log(`first visit downloads ${(bytes / 1024).toFixed(0)} KB (gzip -9)`);
  let later = 0;
  for (const f of ['scoring_web_xlsx.js', 'scoring_web_xlsx_bg.wasm']) {
    later += gzipSync(await readFile(join(DIST, f)), { level: 9 }).length;
  }
  console.log(`the XLSX module, fetched when a workbook is first read or written: ${(later / 1024).toFixed(0)} KB (gzip -9)`);
  const single = join(DIST, 'scoring-single.html');
  console.log(`the page in one file: ${((await stat(single)).size / 1024).toFixed(0)} KB`);
  const launched = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const toReady = async (context, url, rate) => {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const t0 = Date.now();
    await page.goto(url);
    await page.waitForSelector('#load-example');
    const t = Date.now() - t0;
    await page.close();
    return t;
  };
  for (const rate of [1, 4]) {
    const first = [];
    const later = [];
    const file = [];
    for (let i = 0; i < 7; i++) {
      const context = await launched.newContext({ viewport: { width: 1366, height: 768 } });
      first.push(await toReady(context, server.url, rate));
      // The service worker has the files once it took the page over.
      const p = await context.newPage();
      await p.goto(server.url);
      await p.evaluate(async () => {
        await navigator.serviceWorker.ready;
        for (let k = 0; k < 200 && !(await caches.has('scoring-pointer')); k++) await new Promise((r) => setTimeout(r, 50));
      });
      await p.close();
      later.push(await toReady(context, server.url, rate));
      await context.close();
      const fresh = await launched.newContext({ viewport: { width: 1366, height: 768 } });
      file.push(await toReady(fresh, pathToFileURL(single).href, rate));
      await fresh.close();
    }
    // The first workbook of a visit: chosen, the module fetched and
    // started, the file read, the preview shown.
    const workbook = [];
    for (let i = 0; i < 5; i++) {
      const context = await launched.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await page.goto(server.url);
      await page.click('#start-empty');
      const t0 = Date.now();
      await page.setInputFiles('#import-file', join(FIXTURES, 'dept6.xlsx'));
      await page.waitForSelector('#import-confirm');
      workbook.push(Date.now() - t0);
      await context.close();
    }
    const m = (xs) => `${median(xs).toFixed(0)} ms`;
    console.log(`CPU ${rate}×: navigation → ready, first visit ${m(first)}, later visit ${m(later)}, one file from a disk ${m(file)}`);
    console.log(`CPU ${rate}×: the first workbook of a visit, chosen → preview (the XLSX module fetched and started) ${m(workbook)}`);
  }
  await launched.close();
}
try {
  // 1. Navigation → ready → first results, five fresh loads.
  const ready = [];
  const results = [];
  for (let i = 0; i < 5; i++) {
    const page = await freshPage(chrome.context, server.url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.waitForSelector('#load-example');
    ready.push(await page.evaluate(() => performance.now()));
    await page.click('#load-example');
    await page.waitForSelector('#ranking tbody tr');
    results.push(await page.evaluate(() => performance.now()));
    await page.close();
  }
  console.log(`navigation → page ready (welcome shown): median ${median(ready).toFixed(0)} ms`);
  console.log(`navigation → first results (example loaded by one click): median ${median(results).toFixed(0)} ms`);

  for (const offices of SIZES) {
    // 2. A real file imported, as an assessor would.
    const page = await freshPage(chrome.context, server.url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.click('#start-empty');
    await page.setInputFiles('#import-file', { name: `bench-${offices}.csv`, mimeType: 'text/csv', buffer: department(offices) });
    await page.click('#import-confirm');
    await page.waitForSelector(cellOf(5, 1));
    await instrument(page);

    // 3. Typing: a cell clicked, then digits typed into it (each one
    //    rescores every office and redraws what changed).
    await page.click(cellOf(5, 1));
    const edit = await timed(page, REPEAT, (i) => page.keyboard.press(String((i % 9) + 1)));
    console.log(`${offices} offices — one key typed into a focused cell (edit, rescore, paint): ${fmt(edit)}`);

    // 4. Moving, with the focus in the grid: arrows down and up, Tab and
    //    Shift+Tab, right and left.
    await page.keyboard.press('Escape');
    await page.click(cellOf(6, 2));
    const vertical = await timed(page, REPEAT, (i) => page.keyboard.press(i % 2 ? 'ArrowUp' : 'ArrowDown'));
    console.log(`${offices} offices — a move to the next cell (↓/↑): ${fmt(vertical)}`);
    const tab = await timed(page, REPEAT, (i) => page.keyboard.press(i % 2 ? 'Shift+Tab' : 'Tab'));
    console.log(`${offices} offices — a move to the next cell (Tab/Shift+Tab): ${fmt(tab)}`);
    const across = await timed(page, REPEAT, (i) => page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight'));
    console.log(`${offices} offices — a move to the next cell (→/←): ${fmt(across)}`);
    const click = await timed(page, REPEAT, (i) => page.click(cellOf(8 + (i % 2), 3)));
    console.log(`${offices} offices — a click on another cell: ${fmt(click)}`);

    // 5. A click in the results.
    await page.click('button[data-view="results"]');
    await page.waitForSelector('#ranking tbody tr');
    const pick = await timed(page, 20, (i) => page.click(`#ranking tbody tr:nth-child(${(i % 10) + 1})`));
    console.log(`${offices} offices — one click in the results (ranking, chart, detail): ${fmt(pick)}`);

    // 6. Entry forms: every office's form written into one zip, then all
    //    of them returned at once, previewed and merged.
    await page.click('button[data-view="data"]');
    let t0 = Date.now();
    const [zip] = await Promise.all([page.waitForEvent('download'), page.click('#send-forms')]);
    const zipPath = join(tmpdir(), `bench-forms-${offices}.zip`);
    await zip.saveAs(zipPath);
    const sent = Date.now() - t0;
    const unzipped = join(tmpdir(), `bench-forms-${offices}`);
    execFileSync('unzip', ['-q', '-o', zipPath, '-d', unzipped]);
    const forms = readdirSync(unzipped).map((f) => join(unzipped, f));
    t0 = Date.now();
    await page.setInputFiles('#forms-file', forms);
    await page.waitForSelector('#forms-dialog');
    const previewed = Date.now() - t0;
    t0 = Date.now();
    await page.click('#forms-confirm');
    await page.waitForSelector('[data-notice="forms-merged"]');
    const merged = Date.now() - t0;
    console.log(`${offices} offices — entry forms: all sent as one zip (${((await stat(zipPath)).size / 1024).toFixed(0)} KB) in ${sent} ms; all ${forms.length} returned → preview ${previewed} ms; merge ${merged} ms`);

    // 7. Feedback sheets: every office's, in one zip.
    await page.click('button[data-view="results"]');
    t0 = Date.now();
    const [fb] = await Promise.all([page.waitForEvent('download'), page.click('#export-feedback')]);
    const fbPath = join(tmpdir(), `bench-feedback-${offices}.zip`);
    await fb.saveAs(fbPath);
    console.log(`${offices} offices — feedback sheets: all in one zip (${((await stat(fbPath)).size / 1024).toFixed(0)} KB) in ${Date.now() - t0} ms`);
    await page.close();

    // 8. An office fills in its form in the page (on its own machine:
    //    another origin's storage): a value clicked, then keys typed into
    //    it, each timed to its own result repainted.
    const office = await chrome.context.newPage();
    await office.setViewportSize({ width: 1366, height: 768 });
    await office.goto(server.url.replace('127.0.0.1', 'localhost'));
    await office.waitForSelector('.topbar');
    await clearStorage(office);
    await office.reload();
    await office.waitForSelector('.welcome');
    await office.setInputFiles('#fill-form-welcome', forms[0]);
    await office.waitForSelector('#fill-form');
    await instrument(office);
    await office.click('#fill-consultations_asked');
    await office.keyboard.press('End');
    const typed = await timed(office, REPEAT, (i) => office.keyboard.press(i % 2 ? 'Backspace' : '7'));
    console.log(`an office's form in the page — one key typed into a value (own result worked out, painted): ${fmt(typed)}`);
    await office.evaluate(() => localStorage.removeItem('scoring-web.fill-draft'));
    await office.close();
  }
} finally {
  await chrome.close();
  await server.close();
}
