// The JavaScript package's browser example (scoring-js/examples/
// browser.html, shown in the README), run in Chromium against the built
// package (scripts/js-package.sh): a GB18030 CSV file and a workbook
// chosen as a person would, scored in the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, browser, FIXTURES, ROOT } from './harness.mjs';

let chrome;
let server;
before(async () => {
  const site = mkdtempSync(join(tmpdir(), 'scoring-js-site-'));
  cpSync(join(ROOT, 'scoring-js', 'examples', 'browser.html'), join(site, 'index.html'));
  mkdirSync(join(site, 'node_modules'));
  symlinkSync(join(ROOT, 'scoring-js', 'pkg'), join(site, 'node_modules', 'scoring-engine'), 'dir');
  server = await serve(new Map(), site);
  chrome = await browser();
});
after(async () => {
  await chrome?.close();
  await server?.close();
});

test('the README\'s browser example scores a GB18030 file and a workbook in the page', async () => {
  const example = readFileSync(join(ROOT, 'scoring-js', 'examples', 'browser.html'), 'utf8');
  assert.ok(readFileSync(join(ROOT, 'README.md'), 'utf8').includes(example.trim()), 'README.md shows the example as it is');
  const page = await chrome.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(server.url);
  // The example listens for a file only once its module has loaded the
  // package and the bundled rubrics (a top-level await): a file chosen
  // before that is not seen, as a person would not have chosen one yet.
  await page.waitForLoadState('networkidle');
  await page.setInputFiles('#data', join(FIXTURES, 'dept6-gb18030.csv'));
  await page.waitForFunction(() => document.querySelector('#out').textContent !== '');
  const ranking = await page.textContent('#out');
  assert.match(ranking, /^1 办公室 96\.85$/m);
  assert.equal(ranking.split('\n').length, 6);
  assert.ok(!requests.some((p) => p.includes('xlsx')), 'CSV users download no XLSX code');
  await page.evaluate(() => (document.querySelector('#out').textContent = ''));
  await page.setInputFiles('#data', join(FIXTURES, 'dept6.xlsx'));
  await page.waitForFunction(() => document.querySelector('#out').textContent !== '');
  assert.equal(await page.textContent('#out'), ranking);
  assert.deepEqual(errors, []);
  await page.close();
});
