// No lost work, end to end in headless Chromium: assessments saved as files
// (and read by the command line, and back), saving debounced, two tabs,
// storage full, a save failing half way, saved state that cannot be read,
// format 1 migrated. Run by scripts/test.sh: node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, mkdtemp, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { serve, browser, freshPage, clearStorage, killableBrowser, gridCell, FIXTURES, ROOT } from './harness.mjs';

const EXPECTED = JSON.parse(await readFile(join(FIXTURES, 'dept6.expected.json'), 'utf8'));
const CLI = process.env.SCORING_CLI ?? join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'scoring');
const HEAD = 'scoring-web.v2';

let server;
let chrome;

before(async () => {
  server = await serve();
  chrome = await browser();
});

after(async () => {
  await chrome?.close();
  await server?.close();
});

/** A page on empty storage (or on `storage`, a map of keys to text). */
async function open(storage = {}, query = '') {
  const page = await chrome.context.newPage();
  await page.goto(server.url + '__blank__');
  await clearStorage(page);
  await page.evaluate((s) => {
    for (const [k, v] of Object.entries(s)) localStorage.setItem(k, v);
  }, storage);
  await page.goto(server.url + query);
  await page.waitForSelector('.topbar');
  return page;
}

/** Another tab of the same browser on the page. */
async function openTab(query = '') {
  const page = await chrome.context.newPage();
  await page.goto(server.url + query);
  await page.waitForSelector('.topbar');
  return page;
}

async function ranking(page) {
  await page.click('button[data-view="results"]');
  await page.waitForSelector('#ranking tbody tr');
  return page.$$eval('#ranking tbody tr', (rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent.trim())),
  );
}

function expectedRanking() {
  return [...EXPECTED].sort((a, b) => a.rank - b.rank).map((o) => [String(o.rank), o.office, o.total]);
}

/** Waits until browser storage holds a head of this generation or later. */
async function savedGeneration(page, atLeast) {
  await page.waitForFunction(
    ([key, n]) => {
      try {
        return (JSON.parse(localStorage.getItem(key)).generation ?? 0) >= n;
      } catch {
        return false;
      }
    },
    [HEAD, atLeast],
  );
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key)).generation, HEAD);
}

/** An office's input in the grid, scrolled into the drawn part. */
const cell = gridCell;

async function dataView(page) {
  await page.click('button[data-view="data"]');
  await page.waitForSelector('tr.office-row');
}

test('an assessment saved as a file is scored by the command line, and a file it makes opens in the page', async () => {
  const page = await open();
  await page.click('#load-example');
  await page.fill('#title', '2026年度考核');
  await page.press('#title', 'Enter');
  // Work no file holds yet: the button says so.
  assert.match(await page.getAttribute('#save-file', 'class'), /unsaved/);
  const dir = await mkdtemp(join(tmpdir(), 'scoring-e2e-file-'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-file')]);
  assert.equal(download.suggestedFilename(), '2026年度考核.scoring.json');
  const saved = join(dir, download.suggestedFilename());
  await download.saveAs(saved);
  assert.doesNotMatch(await page.getAttribute('#save-file', 'class'), /unsaved/);
  await page.waitForSelector('[data-notice="file-saved"]');

  // The command line scores the file as the page does: the same results CSV.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const pageCsv = await readFile(await csv.path(), 'utf8');
  const cliCsv = execFileSync(CLI, ['score', '--assessment', saved, '--format', 'csv']).toString();
  assert.equal(cliCsv, pageCsv);
  // Nothing changed since the file was saved: no offer to save again.
  assert.equal(await page.locator('[data-notice="offer-file"]').count(), 0);

  // A change, then an export: the file is offered.
  await dataView(page);
  await (await cell(page, '法规处', 'press_conferences')).fill('9');
  await (await cell(page, '法规处', 'press_conferences')).press('Tab');
  assert.match(await page.getAttribute('#save-file', 'class'), /unsaved/);
  await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
  await page.waitForSelector('[data-notice="offer-file"] .notice-save-file');

  // A file the command line makes opens as a new assessment, scoring the same.
  const made = join(dir, 'made.scoring.json');
  execFileSync(CLI, [
    'assessment', '--data', join(FIXTURES, 'dept6-no-answer-counts.csv'),
    '--items', join(FIXTURES, 'dept6-items.csv'), '--period-end', '2026-12-20',
    '--name', '命令行生成', '--year', '2026', '-o', made,
  ]);
  await page.click('button[data-view="assessments"]');
  await page.setInputFiles('#open-file', made);
  await page.waitForSelector('[data-notice="file-opened"]');
  assert.equal(await page.inputValue('#title'), '命令行生成');
  assert.deepEqual(await ranking(page), expectedRanking());
  await page.click('button[data-view="assessments"]');
  assert.equal(await page.locator('table.assessments tbody tr').count(), 2);

  // What the page saves of it again is what the command line made.
  const [again] = await Promise.all([page.waitForEvent('download'), page.click('#save-file-list')]);
  const a = JSON.parse(await readFile(await again.path(), 'utf8'));
  const b = JSON.parse(await readFile(made, 'utf8'));
  for (const key of ['title', 'year', 'rubric', 'offices', 'period_end', 'item_log', 'calendars']) {
    assert.deepEqual(a[key], b[key], key);
  }
  // The first file again: that assessment is in the list. The page asks,
  // saying what each holds; a copy is opened beside it.
  await page.setInputFiles('#open-file', saved);
  await page.waitForSelector('[data-notice="already-open"]');
  assert.match(
    await page.textContent('[data-notice="already-open"]'),
    /列表中的那份有6个处室，最后修改于\d{4}-\d\d-\d\d \d\d:\d\d；文件中的那份有6个处室，最后修改于/,
  );
  await page.click('[data-notice="already-open"] .notice-copy');
  await page.click('button[data-view="assessments"]');
  assert.equal(await page.locator('table.assessments tbody tr').count(), 3);
  // A file that is not an assessment is refused, and nothing changes.
  await page.setInputFiles('#open-file', join(FIXTURES, 'dept6.csv'));
  await page.waitForSelector('[data-notice="file-refused"]');
  assert.equal(await page.locator('table.assessments tbody tr').count(), 3);
  await page.close();
});

test('typing is saved once it pauses, not on every keystroke; a reload restores it', async () => {
  const page = await open();
  await page.click('#load-example');
  const start = await savedGeneration(page, 1);
  await page.evaluate(() => {
    window.__writes = 0;
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      // The work, in local storage (not the tab's view, kept apart, nor
      // the count of boot.js's copy, written once per save).
      if (this === localStorage && k !== 'scoring-web.copy-seq') window.__writes += 1;
      return set.call(this, k, v);
    };
  });
  await dataView(page);
  const input = await cell(page, '审批处', 'site_items');
  await input.click();
  await input.press('Control+a');
  await input.pressSequentially('123456789', { delay: 20 });
  const end = await savedGeneration(page, start + 1);
  const writes = await page.evaluate(() => window.__writes);
  // One assessment and the head, once, after the last keystroke.
  assert.ok(writes <= 3, `${writes} writes for 9 keystrokes`);
  assert.equal(end, start + 1);
  await page.reload();
  await dataView(page);
  // Shown with thousands separators outside the cell being edited.
  assert.equal(await (await cell(page, '审批处', 'site_items')).inputValue(), '123,456,789');
  await page.close();
});

/** The text under `key` in the copy boot.js keeps in IndexedDB (null: none). */
function copied(page, key) {
  return page.evaluate(
    (key) =>
      new Promise((resolve) => {
        const r = indexedDB.open('scoring-web-durable');
        r.onsuccess = () => {
          const get = r.result.transaction('kv').objectStore('kv').get(key);
          get.onsuccess = () => {
            r.result.close();
            resolve(get.result ?? null);
          };
          get.onerror = () => resolve(null);
        };
        r.onerror = () => resolve(null);
      }),
    key,
  );
}

/** Waits until the copy holds what local storage holds under `key`. */
async function copiedLikeLocal(page, key) {
  const local = await page.evaluate((k) => localStorage.getItem(k), key);
  for (let i = 0; i < 100 && (await copied(page, key)) !== local; i++) await page.waitForTimeout(20);
  assert.equal(await copied(page, key), local, `the copy of ${key}`);
}

test('what was typed survives the browser being killed outright a moment after it is saved', async () => {
  // Chromium writes local storage to disk only every few seconds: killed
  // before then, the change was gone. boot.js keeps a copy in IndexedDB,
  // on disk when each save's transaction completes, and puts it back.
  const dir = await mkdtemp(join(tmpdir(), 'scoring-killed-'));
  let b = null;
  const restart = async (profile) => {
    if (b) await b.kill();
    b = await killableBrowser(join(dir, profile));
    const page = await b.context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('.topbar');
    return page;
  };
  try {
    // The assessor's grid.
    let page = await restart('assessor');
    await page.click('#load-example');
    const first = await savedGeneration(page, 1);
    await dataView(page);
    const input = await cell(page, '审批处', 'site_items');
    await input.click();
    await input.press('Control+a');
    await input.pressSequentially('4321', { delay: 20 });
    await input.press('Tab');
    const saved = await savedGeneration(page, first + 1);
    // The moment the copy has it (a few milliseconds after the save).
    await copiedLikeLocal(page, HEAD);
    page = await restart('assessor');
    await dataView(page);
    assert.equal(await (await cell(page, '审批处', 'site_items')).inputValue(), '4,321');
    // Put back into local storage, at the generation saved.
    assert.equal(await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).generation, HEAD), saved);
    // And the page goes on saving from there.
    await (await cell(page, '审批处', 'site_items')).fill('4322');
    await (await cell(page, '审批处', 'site_items')).press('Tab');
    await savedGeneration(page, saved + 1);

    // An office's form, filled in the page on its own machine.
    const data = join(dir, 'dept6.json');
    execFileSync(CLI, ['assessment', '--data', join(FIXTURES, 'dept6.csv'), '--name', '2026年度考核', '--year', '2026', '-o', data], { stdio: 'pipe' });
    execFileSync(CLI, ['forms', '--assessment', data, '--out', join(dir, 'forms')], { stdio: 'pipe' });
    const form = join(dir, 'forms', (await readdir(join(dir, 'forms'))).find((f) => f.includes('办公室')));
    page = await restart('office');
    await page.waitForSelector('.welcome');
    await page.setInputFiles('#fill-form-welcome', form);
    await page.waitForSelector('#fill-form');
    await page.fill('#fill-consultations_asked', '47');
    await page.waitForFunction(() => (localStorage.getItem('scoring-web.fill-draft') ?? '').includes('47'));
    await copiedLikeLocal(page, 'scoring-web.fill-draft');
    page = await restart('office');
    await page.waitForSelector('#fill-form');
    assert.equal(await page.inputValue('#fill-consultations_asked'), '47');
  } finally {
    await b?.kill();
    await rm(dir, { recursive: true, force: true });
  }
});

test('two tabs: one follows the other, different cells merge, a clash is the assessor\'s choice', async () => {
  const a = await open();
  await a.click('#load-example');
  const g1 = await savedGeneration(a, 1);
  const b = await openTab('?save-delay=3000');
  await dataView(a);
  await dataView(b);
  // The other tab's saves redraw this one's rows while it types: a cell
  // looked for at that moment may be between two drawings, so it is
  // looked for again once.
  const find = async (page, office, input) => {
    try {
      return await cell(page, office, input);
    } catch {
      await page.waitForTimeout(500);
      return cell(page, office, input);
    }
  };
  const type = async (page, office, input, value) => {
    await (await find(page, office, input)).fill(value);
    await (await find(page, office, input)).press('Tab');
  };

  // b has nothing of its own: it follows a's save, and says what changed.
  await type(a, '法规处', 'press_conferences', '9');
  await savedGeneration(a, g1 + 1);
  await b.waitForSelector('[data-notice="followed-other-tab"]');
  assert.match(await b.textContent('[data-notice="followed-other-tab"]'), /法规处·新闻发布会召开次数 \d+ → 9/);
  assert.equal(await (await cell(b, '法规处', 'press_conferences')).inputValue(), '9');

  // Different cells at the same time: both kept, in both tabs.
  await type(b, '外资处', 'press_conferences', '7');
  const g2 = await a.evaluate((k) => JSON.parse(localStorage.getItem(k)).generation, HEAD);
  await type(a, '审批处', 'press_conferences', '8');
  await savedGeneration(a, g2 + 1);
  await b.waitForSelector('[data-notice="merged-other-tab"]');
  assert.equal(await (await cell(b, '审批处', 'press_conferences')).inputValue(), '8');
  assert.equal(await (await cell(b, '外资处', 'press_conferences')).inputValue(), '7');
  // b saves the merge; a, with nothing of its own, follows.
  await a.waitForFunction(() => document.querySelector('tr[data-office="外资处"] input[data-input="press_conferences"]').value === '7');
  assert.equal(await (await cell(a, '审批处', 'press_conferences')).inputValue(), '8');

  // The same cell, differently: b is asked, and nothing is saved over
  // until it answers.
  await type(b, '外资处', 'opinion_reports', '5');
  await type(a, '外资处', 'opinion_reports', '6');
  await type(a, '信息中心', 'opinion_reports', '4');
  await b.waitForSelector('[data-notice="changed-elsewhere"]');
  const text = await b.textContent('[data-notice="changed-elsewhere"]');
  assert.match(text, /外资处·意见征集及采纳情况公开数（这里 5，另一个标签页 6）/);
  await b.screenshot({ path: join(ROOT, 'tests', 'e2e', 'artifacts', 'two-tabs-choice.png') });
  await b.waitForTimeout(3500);
  const c = await openTab();
  await dataView(c);
  assert.equal(await (await cell(c, '外资处', 'opinion_reports')).inputValue(), '6');
  await c.close();
  // b keeps its value for the clash; a's other change stays.
  await b.click('[data-notice="changed-elsewhere"] .notice-keep-this');
  assert.equal(await (await cell(b, '外资处', 'opinion_reports')).inputValue(), '5');
  assert.equal(await (await cell(b, '信息中心', 'opinion_reports')).inputValue(), '4');
  await a.waitForSelector('[data-notice="followed-other-tab"]');
  await a.waitForFunction(() => document.querySelector('tr[data-office="外资处"] input[data-input="opinion_reports"]').value === '5');
  assert.equal(await (await cell(a, '信息中心', 'opinion_reports')).inputValue(), '4');

  // Again, and this time b takes the other tab's value (the cells brought
  // on screen first, so that a types well within b's save delay).
  await find(a, '外资处', 'site_items');
  await find(b, '外资处', 'site_items');
  await type(b, '外资处', 'site_items', '11');
  await type(a, '外资处', 'site_items', '12');
  await b.waitForSelector('[data-notice="changed-elsewhere"]');
  await b.click('[data-notice="changed-elsewhere"] .notice-use-other');
  await b.waitForFunction(() => !document.querySelector('[data-notice="changed-elsewhere"]'));
  assert.equal(await (await cell(b, '外资处', 'site_items')).inputValue(), '12');
  await a.close();
  await b.close();
});

test('storage full: a clear message, nothing saved is lost, the assessment offered as a file', async () => {
  const page = await open();
  await page.click('#load-example');
  await savedGeneration(page, 1);
  // Fill the storage up to its quota.
  await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    let n = 0;
    while (chunk.length > 16) {
      try {
        localStorage.setItem(`filler-${n++}`, chunk);
      } catch {
        chunk = chunk.slice(0, chunk.length / 2);
      }
    }
  });
  await dataView(page);
  await (await cell(page, '审批处', 'site_items')).fill('4242');
  await (await cell(page, '审批处', 'site_items')).press('Tab');
  await page.waitForSelector('[data-notice="storage-full"]');
  assert.match(await page.textContent('[data-notice="storage-full"]'), /存储已满.*之前保存的内容没有丢失/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-notice="storage-full"] .notice-save-file'),
  ]);
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  const office = file.offices.find((o) => o.name === '审批处');
  assert.equal(office.cells.site_items, '4242', 'the file holds the work storage could not');
  // What was saved before is intact: another tab opening now shows it.
  const page2 = await openTab();
  await dataView(page2);
  assert.equal(await (await cell(page2, '审批处', 'site_items')).inputValue(), '75');
  await page2.close();
  // Given room again, the page saves its work.
  const g = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).generation, HEAD);
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('filler-')) localStorage.removeItem(k);
  });
  await (await cell(page, '审批处', 'site_items')).fill('4243');
  await (await cell(page, '审批处', 'site_items')).press('Tab');
  await savedGeneration(page, g + 1);
  await page.close();
});

test('a save that fails half way leaves the previous state intact', async () => {
  const page = await open();
  await page.click('#load-example');
  const g = await savedGeneration(page, 1);
  const before = await page.evaluate(() => ({ ...localStorage }));
  // The next save writes the assessment, then the head: from the head
  // on, every write fails (until the storage is given room again).
  await page.evaluate(() => {
    const set = Storage.prototype.setItem;
    let n = 0;
    window.__restore = () => {
      Storage.prototype.setItem = set;
    };
    Storage.prototype.setItem = function (k, v) {
      n += 1;
      if (n >= 2) throw new DOMException('the quota has been exceeded', 'QuotaExceededError');
      return set.call(this, k, v);
    };
  });
  await dataView(page);
  await (await cell(page, '审批处', 'site_items')).fill('999');
  await (await cell(page, '审批处', 'site_items')).press('Tab');
  await page.waitForSelector('[data-notice="storage-full"]');
  const after = await page.evaluate(() => ({ ...localStorage }));
  assert.deepEqual(after, before, 'the part written before the failure is taken back');
  const other = await openTab();
  await dataView(other);
  assert.equal(await (await cell(other, '审批处', 'site_items')).inputValue(), '75');
  assert.equal(await other.evaluate((k) => JSON.parse(localStorage.getItem(k)).generation, HEAD), g);
  await other.close();
  // Room again: the next change saves, and the notice goes.
  await page.evaluate(() => window.__restore());
  await (await cell(page, '审批处', 'site_items')).fill('1000');
  await (await cell(page, '审批处', 'site_items')).press('Tab');
  await savedGeneration(page, g + 1);
  await page.waitForFunction(() => !document.querySelector('[data-notice="storage-full"]'));
  await page.close();
});

test('saved state that cannot be read is kept aside, said, and offered as a download', async () => {
  const page = await open({ [HEAD]: '{"version": 2, "generation": ' });
  await page.waitForSelector('[data-notice="kept-aside"]');
  assert.match(await page.textContent('[data-notice="kept-aside"]'), /无法读取.*已原样保留（scoring-web\.v2\.unreadable-/);
  const aside = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('unreadable')));
  assert.equal(aside.length, 1);
  // Work goes on and is saved; what was kept aside stays.
  await page.click('#load-example');
  await savedGeneration(page, 1);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), aside[0]), '{"version": 2, "generation": ');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-notice="kept-aside"] .notice-backup'),
  ]);
  const backup = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(backup[aside[0]], '{"version": 2, "generation": ');
  await page.close();

  // Saved by a newer version: left alone, this tab does not save.
  const newer = '{"version": 3, "generation": 9, "everything": "else"}';
  const p2 = await open({ [HEAD]: newer });
  await p2.waitForSelector('[data-notice="saving-off"]');
  assert.match(await p2.textContent('[data-notice="saving-off"]'), /更新版本/);
  await p2.click('#load-example');
  await p2.waitForTimeout(1000);
  assert.equal(await p2.evaluate((k) => localStorage.getItem(k), HEAD), newer);
  await p2.close();
});

test('the state the previous release saved (format 1) opens, and is left where it was', async () => {
  const v1 = await readFile(join(FIXTURES, 'saved-state-v1.json'), 'utf8');
  const page = await open({ 'scoring-web.v1': v1 });
  await savedGeneration(page, 1);
  assert.equal(await page.inputValue('#title'), '2026年度考核（副本）');
  await page.click('button[data-view="assessments"]');
  assert.equal(await page.locator('table.assessments tbody tr').count(), 2);
  assert.equal(await page.evaluate(() => localStorage.getItem('scoring-web.v1')), v1);
  await page.reload();
  await page.waitForSelector('.topbar');
  // The tab's view is kept across the reload.
  assert.equal(await page.getAttribute('button.tab.active', 'data-view'), 'assessments');
  await page.click('button[data-view="data"]');
  assert.equal(await page.inputValue('#title'), '2026年度考核（副本）');
  await page.close();
});
