// The web app end to end, in headless Chromium (Debian's), against the
// release bundle in dist/. Run by scripts/test.sh (which builds dist/ and
// the CLI first): node --test tests/e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { serve, browser, artifacts, freshPage, gridCell, FIXTURES, ROOT } from './harness.mjs';
import { readZip, typeIntoForm } from './form-edit.mjs';

const EXPECTED = JSON.parse(await readFile(join(FIXTURES, 'dept6.expected.json'), 'utf8'));
const DEPT6 = (await readFile(join(FIXTURES, 'dept6.csv'), 'utf8')).trim().split('\n').map((l) => l.split(','));
const CLI = process.env.SCORING_CLI ?? join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'scoring');

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

/** A new page on a fresh origin state, with requests and errors recorded. */
async function open() {
  const page = await freshPage(chrome.context, server.url);
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.reload();
  await page.waitForSelector('.topbar');
  return { page, requests, errors };
}

/** The ranking table as [[place, office, total], …]. */
async function ranking(page) {
  await page.waitForSelector('#ranking tbody tr');
  return page.$$eval('#ranking tbody tr', (rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent.trim())),
  );
}

/** The expected ranking of the worked example. */
function expectedRanking() {
  return [...EXPECTED]
    .sort((a, b) => a.rank - b.rank)
    .map((o) => [String(o.rank), o.office, o.total]);
}

async function showResults(page) {
  await page.click('button[data-view="results"]');
  await page.waitForSelector('#ranking');
}

test('the page loads, explains itself, and nothing leaves its origin', async () => {
  const { page, requests, errors } = await open();
  await page.waitForSelector('.welcome');
  assert.match(await page.textContent('.welcome'), /加载示例（6个处室）/);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /connect-src 'self'/);
  await page.click('#load-example');
  assert.deepEqual(await ranking(page), expectedRanking());
  // From the keyboard: the first Tab offers to skip the tabs and the
  // toolbar; the next reaches the ranking, and Enter opens an office.
  await page.mouse.click(2, 2);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'skip-to-main');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => !!document.activeElement?.closest('#ranking')), 'the ranking has the focus');
  // Past the columns' buttons to the first office; ↓ to the next, Enter
  // opens it with the focus in its detail, Esc closes it, the focus back
  // on its row.
  for (let i = 0; i < 8 && !(await page.evaluate(() => document.activeElement?.dataset.office)); i++) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.office), '办公室');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.office), '外资处');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#office-detail');
  await page.waitForFunction(() => document.activeElement?.id === 'office-detail');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#office-detail', { state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.office), '外资处');
  // An indicator opened from the detail is given the focus (it may open
  // far below); Esc closes it.
  await page.keyboard.press('Enter');
  await page.click('#office-detail tr.leaf-row button.link');
  await page.waitForFunction(() => document.activeElement?.id === 'indicator-detail');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#indicator-detail', { state: 'detached' });
  for (const url of requests) {
    assert.ok(url.startsWith(server.url) || url.startsWith('data:') || url.startsWith('blob:'), url);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('typing the six offices gives the expected totals and places', async () => {
  const { page } = await open();
  await page.click('#start-empty');
  for (const [r, row] of DEPT6.slice(1).entries()) {
    await page.click('#add-office');
    const name = page.locator(`#cell-${r}-0`);
    await name.fill(row[0]);
    // Tab through the row as an assessor would.
    await name.press('Tab');
    for (const value of row.slice(1)) {
      await page.keyboard.type(value);
      await page.keyboard.press('Tab');
    }
  }
  await showResults(page);
  assert.deepEqual(await ranking(page), expectedRanking());
  // Leaf scores and points, to the cent, in the office detail.
  await page.click('#ranking tr[data-office="法规处"]');
  await page.waitForSelector('#office-detail');
  const row = page.locator('#office-detail tr[data-indicator="consultation_replies"]');
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[4], '64.67');
  assert.equal(cells[5], '3.23');
  assert.match(cells[6], /答复率 2\/3 = 66\.67%；超期1条 × 2分 = −2分 → 64\.67分 × 5% = 3\.23分/);
  // A column's name sorts the ranking by it, largest first; places stay.
  await page.click('#ranking th[data-group="platform"] button.sort');
  const sorted = await ranking(page);
  assert.deepEqual(sorted[0], ['4', '信息中心', '88.50']);
  assert.equal(await page.getAttribute('#ranking th[data-group="platform"]', 'aria-sort'), 'descending');
  await page.click('#ranking th[data-group="platform"] button.sort');
  await page.click('#ranking th[data-group="platform"] button.sort');
  assert.deepEqual(await ranking(page), expectedRanking());
  // The columns add up: the top level to the total; a group opened shows
  // its parts beside it.
  assert.equal(await page.locator('#ranking th[data-group="publishing"]').count(), 0);
  await page.click('#ranking th[data-group="platform"] button.expand');
  assert.equal(await page.locator('#ranking th[data-group="publishing"]').count(), 1);
  // Still open after a visit to another view.
  await page.click('button[data-view="rubric"]');
  await page.click('button[data-view="results"]');
  assert.equal(await page.locator('#ranking th[data-group="publishing"]').count(), 1);
  await page.click('#ranking th[data-group="platform"] button.expand');
  assert.equal(await page.locator('#ranking th[data-group="publishing"]').count(), 0);
  // The exact ratio behind a rounded score, on hover.
  assert.match(await row.locator('td').nth(4).getAttribute('title'), /精确值 64\.6666666666…/);
  await page.close();
});

test('arrow keys and Enter move between cells; a block pastes from Excel', async () => {
  const { page } = await open();
  await page.click('#start-empty');
  await page.click('#add-office');
  await page.click('#add-office');
  await page.click('#cell-0-1');
  // A value typed into a selected cell, then Enter: the cell below.
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cell-1-1');
  assert.equal(await page.inputValue('#cell-0-1'), '5');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cell-0-1');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cell-0-2');
  // A row typed across with Tab, then Enter: the next row, where the Tabs
  // began (as in a spreadsheet).
  await page.click('#cell-1-0');
  await page.keyboard.type('甲处');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  // The last row: Enter after typing starts a new office, its name
  // selected.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cell-2-0');
  assert.equal(await page.locator('tr.office-row').count(), 3);
  assert.deepEqual(
    [await page.inputValue('#cell-1-0'), await page.inputValue('#cell-1-1'), await page.inputValue('#cell-1-2')],
    ['甲处', '1', '2'],
  );
  // Left untouched (an arrow up), it goes again, as the empty row below a
  // spreadsheet's last is not a row of data.
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => document.querySelectorAll('tr.office-row').length === 2);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cell-1-0');
  assert.equal(await page.inputValue('#cell-1-2'), '2');
  // Named, it stays.
  await page.click('#cell-1-2');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await page.keyboard.type('乙处');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.locator('tr.office-row').count(), 3);
  await page.click('#undo');
  await page.click('#undo');
  await page.waitForFunction(() => document.querySelectorAll('tr.office-row').length === 2);
  // Paste the whole example (names included) as Excel puts it on the clipboard.
  const block = DEPT6.slice(1).map((r) => r.join('\t')).join('\r\n') + '\r\n';
  await page.focus('#cell-0-0');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, block);
  await showResults(page);
  assert.deepEqual(await ranking(page), expectedRanking());
  // Undo takes the whole paste back.
  await page.click('#undo');
  assert.equal(await page.locator('#ranking').count(), 0);
  await page.close();
});

test('a bad cell shows its reason and the other offices still score', async () => {
  const { page } = await open();
  await page.click('#load-example');
  await page.click('button[data-view="data"]');
  const cell = await gridCell(page, '外资处', 'opinion_reports');
  await cell.fill('-2');
  // The reason beside the cell while it is selected, and in its title.
  const row = page.locator('tr[data-office="外资处"]');
  await assert.doesNotReject(row.locator('td.invalid .cell-note').waitFor());
  assert.match(await row.locator('td.invalid .cell-note').textContent(), /不能为负数：-2/);
  assert.equal(await cell.getAttribute('aria-invalid'), 'true');
  assert.match(await page.textContent('#excluded-warning'), /1个处室的数据有误.*外资处/);
  // In the list of problems, which goes to the cell.
  await page.click('#grid-search');
  await page.click('#problems summary');
  const item = page.locator('#problems button[data-office="外资处"]');
  assert.match(await item.textContent(), /外资处 · 意见征集及采纳情况公开数：不能为负数：-2/);
  await item.click();
  await page.waitForFunction(() => document.activeElement?.dataset.input === 'opinion_reports'
    && document.activeElement.closest('tr').dataset.office === '外资处');
  await showResults(page);
  // Provisional, said at the top with the office, its reason and a way to
  // the cell; the ranking says so too.
  assert.match(await page.textContent('#left-out'), /暂定结果.*1个处室未参与评分.*外资处.*意见征集及采纳情况公开数：不能为负数：-2/s);
  assert.match(await page.textContent('#ranking caption'), /暂定排名：1个处室未参与评分/);
  assert.match(await page.textContent('.chart figcaption'), /暂定/);
  await page.click('#left-out li[data-office="外资处"] button');
  await page.waitForFunction(() => document.activeElement?.dataset?.input === 'opinion_reports'
    && document.activeElement.closest('tr').dataset.office === '外资处');
  await showResults(page);
  const rows = await ranking(page);
  assert.equal(rows.length, 5);
  assert.ok(!rows.some((r) => r[1] === '外资处'));
  // Five offices are ranked among themselves (so places and rank scores move).
  assert.deepEqual(rows.map((r) => r[0]), ['1', '2', '3', '4', '5']);
  // Fixed, it scores again: nothing provisional.
  await page.click('button[data-view="data"]');
  await (await gridCell(page, '外资处', 'opinion_reports')).fill('2');
  await showResults(page);
  assert.deepEqual(await ranking(page), expectedRanking());
  assert.equal(await page.locator('#left-out').count(), 0);
  assert.equal(await page.locator('#ranking caption').count(), 0);
  await page.close();
});

test('an import over work done: each value the file would change can be kept, and the offices it lacks', async () => {
  const { page } = await open();
  await page.click('#load-example');
  await page.click('button[data-view="data"]');
  // Two values set on purpose; a file with 外资处 only.
  await (await gridCell(page, '法规处', 'decision_drafts')).fill('9');
  await (await gridCell(page, '法规处', 'decision_drafts')).press('Tab');
  await (await gridCell(page, '外资处', 'decision_drafts')).fill('8');
  await (await gridCell(page, '外资处', 'decision_drafts')).press('Tab');
  const before = await page.$$eval('tr.office-row', (rows) => rows.map((r) => r.dataset.office));
  const dir = await mkdtemp(join(tmpdir(), 'scoring-import-'));
  const csv = (await readFile(join(FIXTURES, 'dept6.csv'), 'utf8')).split('\n');
  const file = join(dir, 'two.csv');
  await writeFile(file, [csv[0], ...csv.filter((l) => /^(法规处|外资处),/.test(l))].join('\n'));
  await page.setInputFiles('#import-file', file);
  await page.waitForSelector('#import-dialog');
  // The offices the file lacks: kept unless the assessor says otherwise.
  assert.match(await page.textContent('#import-others'), /当前有、文件中没有的处室（4）/);
  assert.equal(await page.isChecked('#import-keep-others'), true);
  // 法规处's value kept, 外资处's taken from the file.
  const keep = page.locator('#import-changes li[data-office="法规处"] [data-input="decision_drafts"] input[type=checkbox]');
  assert.equal(await keep.isChecked(), false);
  await keep.check();
  // Kept, it no longer reads as a change.
  assert.match(
    await page.textContent('#import-changes li[data-office="法规处"] [data-input="decision_drafts"]'),
    /仍为 9（文件中为 \d+）/,
  );
  await page.click('#import-confirm');
  await page.waitForSelector('#import-dialog', { state: 'detached' });
  assert.equal(await (await gridCell(page, '法规处', 'decision_drafts')).inputValue(), '9');
  assert.equal(await (await gridCell(page, '外资处', 'decision_drafts')).inputValue(), '2');
  // All six offices still there, in the grid's order.
  const names = await page.$$eval('tr.office-row', (rows) => rows.map((r) => r.dataset.office));
  assert.equal(names.length, 6);
  assert.deepEqual(names, before);
  await page.close();
});

test('importing GB18030 CSV with Chinese headers previews, then scores the same', async () => {
  const { page } = await open();
  await page.click('#start-empty');
  await page.setInputFiles('#import-file', join(FIXTURES, 'dept6-gb18030.csv'));
  await page.waitForSelector('#import-dialog');
  const dialog = await page.textContent('#import-dialog');
  assert.match(dialog, /编码：GB18030/);
  assert.match(dialog, /新增处室（6）/);
  // Nothing is replaced before confirmation.
  assert.equal(await page.locator('tr.office-row').count(), 0);
  await page.click('#import-confirm');
  await showResults(page);
  assert.deepEqual(await ranking(page), expectedRanking());

  // Decoded by the browser's own TextDecoder, not tables in the page: a
  // bad byte is still located, at the byte the command line names.
  const gb = await readFile(join(FIXTURES, 'dept6-gb18030.csv'));
  const at = gb.indexOf(0x0a) + 1;
  const dir = await mkdtemp(join(tmpdir(), 'scoring-e2e-'));
  const bad = join(dir, 'bad-gbk.csv');
  await writeFile(bad, Buffer.concat([gb.subarray(0, at), Buffer.from([0x81, 0x20]), gb.subarray(at)]));
  const cli = spawnSync(CLI, ['score', '--data', bad], { stdio: 'pipe' });
  const byte = cli.stderr.toString().match(/第(\d+)行：有无法识别的字节（文件第(\d+)个字节起/);
  assert.ok(byte, `the command names the line and byte: ${cli.stderr}`);
  assert.deepEqual([Number(byte[1]), Number(byte[2])], [2, at + 1]);
  await page.click('button[data-view="data"]');
  await page.setInputFiles('#import-file', bad);
  await page.waitForSelector('#import-dialog');
  const said = await page.textContent('#import-dialog');
  assert.match(said, /文件“bad-gbk\.csv”无法导入/);
  assert.match(said, new RegExp(`bad-gbk\\.csv 第2行：有无法识别的字节（文件第${at + 1}个字节起`));
  await page.click('#import-cancel');
  // UTF-16 (Excel's "Unicode text") with its byte-order mark.
  const utf16 = join(dir, 'dept6-utf16.csv');
  const text = await readFile(join(FIXTURES, 'dept6.csv'), 'utf8');
  await writeFile(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  await page.setInputFiles('#import-file', utf16);
  await page.waitForSelector('#import-dialog');
  assert.match(await page.textContent('#import-dialog'), /编码：UTF-16LE/);
  await page.click('#import-cancel');
  await page.close();
});

test('a workbook as departments keep it (title, 序号, two-row header, 合计 and 平均 rows): the preview says its layout, then it scores the same', async () => {
  const { page } = await open();
  await page.click('#start-empty');
  await page.setInputFiles('#import-file', join(FIXTURES, 'dept6-workbook.csv'));
  await page.waitForSelector('#import-layout');
  const found = await page.textContent('#import-layout');
  assert.match(found, /第1行“某某厅2026年度政务公开考核数据”是标题/);
  assert.match(found, /表头占两行（第2–3行）/);
  assert.match(found, /第一列“序号”是序号/);
  assert.match(found, /第10行“合计”是合计行/);
  assert.match(found, /第11行“平均”是平均行/);
  assert.match(await page.textContent('#import-dialog'), /新增处室（6）/);
  await page.screenshot({ path: join(await artifacts(), 'import-workbook-layout.png') });
  await page.click('#import-confirm');
  await showResults(page);
  assert.deepEqual(await ranking(page), expectedRanking());
  // The command line refuses the same file until told, then agrees.
  let refused;
  try {
    execFileSync(CLI, ['score', '--data', join(FIXTURES, 'dept6-workbook.csv')], { stdio: 'pipe' });
  } catch (e) {
    refused = e;
  }
  assert.equal(refused?.status, 2);
  assert.match(refused.stderr.toString(), /--accept-layout/);
  const accepted = execFileSync(CLI, ['score', '--accept-layout', '--data', join(FIXTURES, 'dept6-workbook.csv'), '--format', 'csv'], { stdio: 'pipe' });
  const clean = execFileSync(CLI, ['score', '--data', join(FIXTURES, 'dept6.csv'), '--format', 'csv']);
  assert.equal(accepted.toString('utf8'), clean.toString('utf8'));
  await page.close();
});

test('importing XLSX scores the same; a wrong file is refused with its reasons', async () => {
  const { page } = await open();
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.click('#start-empty');
  // The XLSX module is fetched when a workbook is read, not before.
  assert.ok(!requests.some((p) => p.includes('xlsx')), `fetched before any workbook: ${requests}`);
  await page.setInputFiles('#import-file', join(FIXTURES, 'dept6.xlsx'));
  await page.waitForSelector('#import-confirm');
  assert.ok(requests.some((p) => p.endsWith('/scoring_web_xlsx_bg.wasm')), 'the XLSX module was fetched');
  await page.click('#import-confirm');
  await showResults(page);
  assert.deepEqual(await ranking(page), expectedRanking());

  const dir = await mkdtemp(join(tmpdir(), 'scoring-e2e-'));
  const wrong = join(dir, 'wrong.csv');
  await writeFile(wrong, 'name,site_vists\nx,1\n');
  await page.setInputFiles('#import-file', wrong);
  await page.waitForSelector('#import-dialog');
  const text = await page.textContent('#import-dialog');
  assert.match(text, /无法导入/);
  assert.match(text, /第一列的表头应为“处室”或“office”/);
  assert.match(text, /是否应为“site_visits”/);
  assert.equal(await page.locator('#import-confirm').count(), 0);
  await page.click('#import-cancel');
  assert.deepEqual(await ranking(page), expectedRanking());
  await page.close();
});

test('a reload restores everything typed', async () => {
  const { page } = await open();
  await page.click('#load-example');
  await page.click('button[data-view="data"]');
  await (await gridCell(page, '审批处', 'site_items')).fill('2000');
  await (await gridCell(page, '开发区处', 'decision_drafts')).fill('abc');
  await page.fill('#title', '2026年度考核');
  await page.press('#title', 'Enter');
  await page.reload();
  await page.waitForSelector('tr.office-row');
  assert.equal(await (await gridCell(page, '审批处', 'site_items')).inputValue(), '2,000');
  assert.equal(await (await gridCell(page, '开发区处', 'decision_drafts')).inputValue(), 'abc');
  assert.equal(await page.inputValue('#title'), '2026年度考核');
  await page.close();
});

test('exported CSV equals the CLI\'s output for the same data', async () => {
  const { page } = await open();
  await page.click('#load-example');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const fromPage = await readFile(await download.path());
  const fromCli = execFileSync(CLI, ['score', '--data', join(FIXTURES, 'dept6.csv'), '--format', 'csv']);
  assert.ok(fromPage.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 BOM');
  assert.equal(fromPage.toString('utf8'), fromCli.toString('utf8'));
  // The XLSX export is a zip workbook.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
  assert.match(xlsx.suggestedFilename(), /\.xlsx$/);
  const bytes = await readFile(await xlsx.path());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  assert.equal(await page.locator('.notice.warning').count(), 0, 'every office was exported');
  // An office with an error is not in the results file: the page says so,
  // and the printed ranking names it too.
  await page.click('button[data-view="data"]');
  await page.locator('tr[data-office="开发区处"] input[data-input="decision_drafts"]').fill('abc');
  await page.locator('tr[data-office="开发区处"] input[data-input="decision_drafts"]').press('Tab');
  const [provisional] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  assert.match(provisional.suggestedFilename(), /（暂定）\.csv$/);
  await page.waitForSelector('.notice.warning');
  assert.match(await page.textContent('.notice.warning'), /但其中没有以下 1 个处室.*：开发区处。/);
  await page.click('#print');
  await page.waitForSelector('.print-view');
  assert.match(await page.textContent('.print-left-out'), /未计入排名的处室.*：开发区处$/);
  await page.close();
});

test('English, and back', async () => {
  const { page } = await open();
  await page.click('#load-example');
  await page.click('#lang');
  assert.equal(await page.textContent('button[data-view="results"]'), 'Results');
  assert.equal(await page.locator('#ranking th').first().textContent(), 'Place');
  await page.click('#ranking tr[data-office="法规处"]');
  const detail = await page.textContent('#office-detail');
  assert.match(detail, /法规处: total 89\.08, place 3 of 6/);
  assert.match(detail, /answered 2 of 3 = 66\.67%; 1 late × 2 = −2 → 64\.67 × 5% = 3\.23 points/);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.click('#lang');
  assert.equal(await page.textContent('button[data-view="results"]'), '评分结果');
  await page.close();
});

test('a broken rubric shows every error with its place; a good one is used', async () => {
  const { page } = await open();
  await page.click('#load-example');
  const yaml = await readFile(join(ROOT, 'rubrics', 'shandong-commerce-2017.yaml'), 'utf8');
  const dir = await mkdtemp(join(tmpdir(), 'scoring-e2e-'));
  const broken = join(dir, 'broken.yaml');
  await writeFile(broken, yaml.replace('weight: 80', 'weight: 81').replace('tally: { press_conferences: 1 }', 'tally: { press_conference: 1 }'));
  await page.setInputFiles('#rubric-file', broken);
  await page.waitForSelector('.rubric-errors');
  const errors = await page.locator('.rubric-errors li').allTextContents();
  assert.ok(errors.some((e) => /^broken\.yaml:\d+:\d+: indicators\[0\]\.weight: `portal` 的权重为 81/.test(e)), errors.join('\n'));
  assert.ok(errors.some((e) => /press_conference.*是否应为 `press_conferences`/.test(e)), errors.join('\n'));
  assert.deepEqual(await ranking(page), expectedRanking(), 'the old rubric stays in use');

  const good = join(dir, 'steeper.yaml');
  await writeFile(good, yaml.replace('id: shandong-commerce-2017', 'id: steeper').replace(/tally: \{ site_items: 1 \}/, 'tally: { site_items: 1 }\n        step: 10'));
  await page.setInputFiles('#rubric-file', good);
  await page.waitForFunction(() => document.querySelector('#rubric').selectedOptions[0]?.value.startsWith('file:steeper@2017-10-20#'));
  assert.match(await page.locator('#rubric option:checked').textContent(), /steeper\.yaml · [0-9a-f]{12}$/);
  assert.equal(await page.locator('.rubric-errors').count(), 0);
  const rows = await ranking(page);
  assert.notDeepEqual(rows, expectedRanking());
  await page.click('button[data-view="rubric"]');
  assert.match(await page.textContent('.rubric-view'), /名次每后一位减10分/);
  // Another rubric of the list, shown to read: the assessment keeps its own.
  await page.selectOption('#rubric-view-pick', 'bundled:shandong-commerce-2017-r2019.yaml');
  assert.match(await page.textContent('.rubric-view h2'), /2019年修订/);
  assert.equal(await page.locator('#rubric-not-in-use').count(), 1);
  assert.match(await page.textContent('.rubric-view'), /再加至多20个工作日/);
  await showResults(page);
  assert.deepEqual(await ranking(page), rows);
  await page.close();
});

test('assessments: new, duplicate, open, delete with confirmation', async () => {
  const { page } = await open();
  await page.click('#load-example');
  await page.click('button[data-view="assessments"]');
  await page.click('tr[data-assessment="示例：6个处室"] button.duplicate');
  await page.waitForSelector('tr[data-assessment="示例：6个处室（副本）"]');
  await page.click('#new-assessment');
  await page.click('button[data-view="assessments"]');
  assert.equal(await page.locator('table.assessments tbody tr').count(), 3);
  await page.click('tr[data-assessment="示例：6个处室（副本）"] button.delete');
  await page.waitForSelector('#confirm-delete');
  await page.click('#confirm-delete-yes');
  assert.equal(await page.locator('table.assessments tbody tr').count(), 2);
  await page.click('tr[data-assessment="示例：6个处室"] button.open');
  await showResults(page);
  assert.deepEqual(await ranking(page), expectedRanking());
  await page.close();
});

test('print view: A4 landscape with title, rubric, date, ranking and chart; screenshot', async () => {
  const { page } = await open();
  await page.click('#load-example');
  await page.click('#ranking tr[data-office="审批处"]');
  await page.waitForSelector('#office-detail');
  const dir = await artifacts();
  await page.screenshot({ path: join(dir, 'results.png'), fullPage: true });
  await page.click('#print');
  await page.waitForSelector('.print-view');
  const text = await page.textContent('.print-view');
  assert.match(text, /shandong-commerce-2017/);
  assert.match(text, /打印日期：\d{4}-\d{2}-\d{2}/);
  assert.equal(await page.locator('.print-view #ranking').count(), 1);
  assert.equal(await page.locator('.print-view #chart').count(), 1);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.topbar').isVisible(), false);
  await page.screenshot({ path: join(dir, 'print.png'), fullPage: true });
  const pdf = await page.pdf({ preferCSSPageSize: true });
  assert.ok(pdf.length > 1000);
  const mediaBox = (bytes) => bytes.toString('latin1').match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/).slice(1).map(Number);
  const [w, h] = mediaBox(pdf);
  assert.ok(w > h, `landscape: ${w} × ${h}`);
  // Portrait, as chosen: the page turns, and the ranking fits its width.
  await page.emulateMedia({ media: 'screen' });
  await page.selectOption('#print-orientation', 'portrait');
  await page.emulateMedia({ media: 'print' });
  const portrait = await page.pdf({ preferCSSPageSize: true });
  const [pw, ph] = mediaBox(portrait);
  assert.ok(pw < ph, `portrait: ${pw} × ${ph}`);
  await page.setViewportSize({ width: 703, height: 1000 }); // A4 less 12 mm margins, at 96 dpi
  const fits = await page.evaluate(() => {
    const t = document.querySelector('.print-view #ranking');
    return t.getBoundingClientRect().right <= document.documentElement.clientWidth + 1;
  });
  assert.ok(fits, 'every column of the ranking on an A4 portrait page');
  await page.screenshot({ path: join(dir, 'print-portrait.png'), fullPage: true });
  // A sheet per office, each on a page of its own; or one office alone.
  await page.emulateMedia({ media: 'screen' });
  await page.selectOption('#print-content', 'all');
  assert.equal(await page.locator('.print-view .office-sheet').count(), 6);
  assert.equal(await page.locator('.print-view #ranking').count(), 0);
  assert.match(await page.textContent('.office-sheet[data-office="法规处"]'), /答复率 2\/3 = 66\.67%/);
  await page.emulateMedia({ media: 'print' });
  const sheets = await page.pdf({ preferCSSPageSize: true });
  const pages = (sheets.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  // One A4 page per office.
  assert.equal(pages, 6, `${pages} pages for 6 sheets`);
  // Each sheet's header, repeated on its every page, names the office.
  assert.match(await page.textContent('.office-sheet[data-office="法规处"] thead tr.sheet-office'), /法规处：总分/);
  await page.locator('.office-sheet').nth(0).screenshot({ path: join(dir, 'print-sheet-1.png') });
  await page.locator('.office-sheet').nth(1).screenshot({ path: join(dir, 'print-sheet-2.png') });
  await page.emulateMedia({ media: 'screen' });
  const one = await page.$eval('#print-content option:nth-child(3)', (o) => o.value);
  await page.selectOption('#print-content', one);
  assert.equal(await page.locator('.print-view .office-sheet').count(), 1);
  await page.close();
});

test('an item log: import, set the period end, late items marked, scores from dates', async () => {
  const { page } = await open();
  await page.click('#load-example');
  // Blank 法规处's consultation counts: the log will fill them.
  await page.click('button[data-view="data"]');
  for (const input of ['consultations_asked', 'consultations_answered', 'consultations_late']) {
    await page.locator(`tr[data-office="法规处"] input[data-input="${input}"]`).fill('');
  }
  await page.click('button[data-view="items"]');
  // A template to start from: one example per kind, read back as a log.
  const [tpl] = await Promise.all([page.waitForEvent('download'), page.click('#items-template-csv')]);
  assert.match(tpl.suggestedFilename(), /事项登记模板\.csv$/);
  const tplText = (await readFile(await tpl.path(), 'utf8')).replace(/^\uFEFF/, '');
  assert.match(tplText.split('\r\n')[0], /^处室,类别,事项编号,收到日期,答复日期,延期至$/);
  assert.equal(tplText.trim().split('\r\n').length, 3);
  await page.setInputFiles('#items-file', join(FIXTURES, 'dept6-items.csv'));
  await page.waitForSelector('.items-view .warning');
  // What was read is said before anything is judged.
  assert.match(await page.textContent('#items-needs-period-end'), /已读入 329 行事项。请填写考核期截止日/);
  await page.fill('#period-end', '2026-12-20');
  await page.dispatchEvent('#period-end', 'change');
  await page.waitForSelector('#items-summary');
  assert.match(await page.textContent('#items-summary'), /329条事项，截至 2026-12-20/);
  const section = page.locator('.office-items[data-office="法规处"]');
  assert.equal(await section.locator('tr.item.late').count(), 1);
  assert.match(await section.locator('tr.item.late').textContent(), /ZX0110.*超期.*春节假期/);
  assert.match(await section.textContent(), /咨询答复：提问3，答复2，超期1，未到期0/);
  // Hundreds of items: one office's, only those late or open.
  const all = await page.locator('tr.item').count();
  await page.check('#items-only-late');
  const late = await page.locator('tr.item').count();
  assert.ok(late > 0 && late < all, `${late} of ${all}`);
  assert.equal(await page.locator('tr.item.on-time').count(), 0);
  await page.selectOption('#items-office', '法规处');
  assert.equal(await page.locator('.office-items').count(), 1);
  assert.equal(await page.locator('tr.item').count(), 1);
  await page.uncheck('#items-only-late');
  await page.selectOption('#items-office', '');
  assert.equal(await page.locator('tr.item').count(), all);
  // The grid shows the counts taken from the log.
  await page.click('button[data-view="data"]');
  assert.equal(await page.getAttribute('tr[data-office="法规处"] input[data-input="consultations_late"]', 'placeholder'), '1');
  await showResults(page);
  assert.deepEqual(await ranking(page), expectedRanking());
  // A reload keeps the log and the period end.
  await page.reload();
  await page.click('button[data-view="items"]');
  await page.waitForSelector('#items-summary');
  assert.equal(await page.inputValue('#period-end'), '2026-12-20');
  await page.close();
});

test('compare rubrics: the changes, both rankings with movers, reasons one click away', async () => {
  const { page } = await open();
  await page.click('#start-empty');
  await page.setInputFiles('#import-file', join(FIXTURES, 'r2019-movers.csv'));
  await page.click('#import-confirm');
  await page.click('button[data-view="compare"]');
  await page.waitForSelector('#compare-changes');
  // The bundled 2017 rubric (in use) against its 2019 revision.
  const changes = await page.textContent('#compare-changes');
  assert.match(changes, /权重：15 → 20/);
  assert.match(changes, /答复期限（工作日）：15 → 20/);
  // Wording (the version, English labels) after what moves figures, folded.
  const wording = await page.textContent('#compare-wording');
  assert.match(wording, /文字变更（\d+处）/);
  assert.match(wording, /版本：2017-10-20 → 2019-05-15/);
  assert.equal(await page.locator('#compare-wording[open]').count(), 0);
  // A revision with an id of its own is still a revision.
  assert.equal(await page.locator('#compare-unrelated').count(), 0);
  const rows = await page.$$eval('#compare-ranking tbody tr', (trs) =>
    trs.map((tr) => [tr.dataset.office, tr.className, [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())]));
  assert.equal(rows[0][0], '规划处');
  assert.match(rows[0][1], /mover-up/);
  assert.deepEqual(rows[0][2], ['规划处', '99.00', '2', '99.50', '1 ↑', '+0.50']);
  // Every cell is seen: none is drawn over another (the results' frozen
  // place and office columns once covered the old total here).
  const covered = await page.$$eval('#compare-ranking tbody tr:first-child td', (tds) =>
    tds.filter((td) => {
      const r = td.getBoundingClientRect();
      return !td.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
    }).length);
  assert.equal(covered, 0);
  assert.match(rows[1][1], /mover-down/);
  // In one line, for a memo.
  assert.match(await page.textContent('#compare-summary'), /^3 个处室中，名次上升 1 个、下降 1 个、不变 1 个；总分变化最大的是.+（[+−]\d+\.\d\d）。$/);
  // A column's name changed: why that can move scores of files imported
  // later, though not of what is entered here.
  assert.match(await page.textContent('#compare-columns'), /数据文件按列名读取/);
  // The deadline changed, and this assessment has no item log: its typed
  // late counts stay as typed, and the page says so.
  assert.match(await page.textContent('#compare-deadline'), /手工填写的超期条数是按原期限统计的/);
  // By keyboard: ↓ to the second office, Enter shows its reasons there.
  await page.focus('#compare-ranking tbody tr:first-child');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#compare-reasons');
  await page.waitForFunction(() => document.activeElement?.id === 'compare-reasons');
  assert.match(await page.textContent('#compare-reasons h3'), new RegExp(rows[1][0]));
  await page.click('#compare-ranking tr[data-office="外贸处"]');
  await page.waitForSelector('#compare-reasons');
  const reasons = await page.textContent('#compare-reasons');
  assert.match(reasons, /访问量/);
  assert.match(reasons, /原细则下：第1名\/共3个（30次）→ 100分 × 10% = 10\.00分/);
  assert.match(reasons, /新细则下：第1名\/共3个（30次）→ 100分 × 5% = 5\.00分/);
  // Printed for an audit file: the wording unfolded while printing (and
  // folded again), every office's reasons, the pickers left out.
  await page.evaluate(() => {
    window.__printed = [];
    window.print = () => window.__printed.push(document.getElementById('compare-wording').open);
  });
  await page.click('#compare-print');
  await page.click('#print');
  assert.deepEqual(await page.evaluate(() => window.__printed), [true, true], 'the toolbar\'s 打印 prints the comparison here');
  assert.equal(await page.locator('#compare-wording[open]').count(), 0);
  await page.emulateMedia({ media: 'print' });
  assert.match(await page.textContent('h1.print-only'), /评分细则对比/);
  // When, on what data, and the whole fingerprints.
  assert.match(await page.textContent('#compare-printed'), /^打印于 \d{4}-\d\d-\d\d \d\d:\d\d；数据：当前考核“.+”（3 个处室）；原细则指纹 [0-9a-f]{64}；新细则指纹 [0-9a-f]{64}$/);
  const all = await page.textContent('#compare-all-reasons');
  for (const office of ['规划处', '外贸处', '市场处']) assert.match(all, new RegExp(office));
  assert.match(all, /访问量 −5\.00（10\.00 → 5\.00）/);
  assert.equal(await page.locator('#compare-old').isVisible(), false);
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.locator('#compare-all-reasons').isVisible(), false);
  // Two rubrics sharing few indicators: said before their many changes.
  await page.selectOption('#compare-new', 'bundled:annual-appraisal.yaml');
  await page.waitForSelector('#compare-unrelated');
  assert.match(await page.textContent('#compare-unrelated'), /相同的只有\d+个/);
  assert.doesNotMatch(await page.textContent('#compare-changes'), /grades\.\d|top_share\.|at_least|per_item|may_be_na| rank\b| count\b/);
  // The same rubric on both sides: nothing changes, and it says so.
  await page.selectOption('#compare-new', 'bundled:shandong-commerce-2017.yaml');
  await page.waitForSelector('#compare-same');
  assert.equal(await page.locator('#compare-unchanged').count(), 1);
  assert.equal(await page.locator('#compare-left-out').count(), 0);
  // An office that cannot be scored is named, not silently dropped.
  await page.click('button[data-view="data"]');
  await (await gridCell(page, '外贸处', 'site_visits')).fill('x');
  await (await gridCell(page, '外贸处', 'site_visits')).press('Tab');
  await page.click('button[data-view="compare"]');
  await page.waitForSelector('#compare-left-out');
  // With why, under which rubric; the places are among the others.
  assert.match(await page.textContent('#compare-left-out'), /暂定结果：1 个处室未列入对比.*名次只在其余处室中排列/);
  const why = await page.textContent('#compare-left-out li[data-office="外贸处"]');
  assert.match(why, /^外贸处：原细则下：子站访问量：“x”不是数字；新细则下：子站访问量/);
  // An edit of the same id and version adding an input the data lacks:
  // the edit is said first, every office is left out naming the column,
  // and no table is promised.
  const shandongText = await readFile(join(ROOT, 'rubrics', 'shandong-commerce-2017.yaml'), 'utf8');
  const press = '                method: rank\n                tally: { press_conferences: 1 }\n                unit: { zh: 次, en: conferences }\n';
  const withNewInput = shandongText
    .replace('  - id: stale_databases\n', '  - id: media_topics\n    label: { zh: 媒体专题数, en: Media topics }\n    kind: count\n  - id: stale_databases\n')
    .replace(`                weight: 5\n${press}`, `                weight: 3\n${press}              - id: media_topics\n                name: { zh: 媒体专题, en: Media topics }\n                weight: 2\n                method: rank\n                tally: { media_topics: 1 }\n`);
  assert.notEqual(withNewInput, shandongText);
  await page.setInputFiles('#compare-file', { name: 'new-input.yaml', mimeType: 'text/yaml', buffer: Buffer.from(withNewInput) });
  await page.waitForSelector('#compare-same-version');
  assert.match(await page.textContent('#compare-left-out'), /3 个处室都未列入对比/);
  assert.match(await page.textContent('#compare-left-out li[data-office="规划处"]'), /新细则下：有1个单元格尚未填写（媒体专题数）/);
  assert.match(await page.textContent('.compare-view p.empty'), /没有一个处室能在两个细则下都评分/);
  // The fingerprint is on the results page.
  await showResults(page);
  assert.match(await page.textContent('#rubric-stamp'), /shandong-commerce-2017，版本 2017-10-20，指纹 [0-9a-f]{12}/);
  await page.close();
});

test('a rubric with bonuses, penalties and a text column: the columns add up, the notes show', async () => {
  const { page, errors } = await open();
  await page.click('#start-empty');
  await page.setInputFiles('#rubric-file', join(FIXTURES, 'bureau.yaml'));
  await page.waitForSelector('[data-notice="rubric-loaded"]');
  await page.setInputFiles('#import-file', join(FIXTURES, 'bureau.csv'));
  await page.click('#import-confirm');
  // The text column is in the grid, as typed.
  await page.click('button[data-view="data"]');
  assert.equal(await (await gridCell(page, '审批处', 'reason')).inputValue(), '三次重大失误');
  // The ranking shows every part of the total: leaves, adjustments, limit.
  await page.click('button[data-view="results"]');
  await page.waitForSelector('#ranking tbody tr');
  const head = await page.$$eval('#ranking thead th', (ths) => ths.map((th) => th.textContent.trim()));
  assert.deepEqual(head.slice(3), ['信息发布', '答复', '年报', '失误扣分', '表彰加分', '总分限定（0–100分）']);
  const row = await page.$$eval('#ranking tr[data-office="审批处"] td', (tds) => tds.map((td) => td.textContent.trim()));
  assert.deepEqual(row, ['3', '审批处', '0.00', '20.00', '27.00', '0.00', '-100.00', '0.00', '53.00']);
  // The office's detail: the points summed, the penalty, the limit, the note.
  await page.click('#ranking tr[data-office="审批处"]');
  await page.waitForSelector('#office-detail');
  assert.match(await page.textContent('#office-detail .subtotal-row'), /各项指标得分合计\s*47\.00/);
  const limit = await page.textContent('#office-detail .limit-row');
  assert.match(limit, /总分不低于 0 分（补足）\s*53\.00/);
  assert.match(limit, /得分与加减分合计 -53\.00 分，低于 0 分：总分计为 0\.00 分（\+53\.00 分）/);
  assert.equal(await page.locator('#office-detail .total-note').count(), 0, 'said once');
  assert.match(await page.textContent('#office-detail dl.text-columns'), /加减分说明\s*三次重大失误/);
  assert.match(await page.textContent('#office-detail tr[data-indicator="report"]'), /未按时报送/);
  await page.screenshot({ path: join(await artifacts(), 'bonus-penalty-detail.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('another rubric over data is asked first, and a no leaves the rubric as it was', async () => {
  const { page } = await open();
  await page.click('#load-example');
  await page.click('button[data-view="data"]');
  // Asked in the page, not in the browser's own box.
  page.on('dialog', (d) => assert.fail(`the browser's ${d.type()} box: ${d.message()}`));
  await page.selectOption('#rubric', 'bundled:shandong-commerce-2017-r2019.yaml');
  await page.waitForSelector('#ask-dialog');
  assert.match(await page.textContent('#ask-dialog .question'), /所有处室的得分和名次将按它重新计算/);
  // Until answered, the chooser shows the rubric in use; Escape is a no.
  assert.equal(await page.inputValue('#rubric'), 'bundled:shandong-commerce-2017.yaml');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'ask-ok');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#ask-dialog', { state: 'detached' });
  assert.equal(await page.inputValue('#rubric'), 'bundled:shandong-commerce-2017.yaml');
  await page.selectOption('#rubric', 'bundled:shandong-commerce-2017-r2019.yaml');
  await page.click('#ask-ok');
  await page.waitForFunction(() => document.querySelector('#rubric').value.endsWith('r2019.yaml'));
  // Undone: the chooser shows the rubric in use again.
  await page.click('#undo');
  await page.waitForFunction(() => document.querySelector('#rubric').value.endsWith('2017.yaml'));
  await page.close();
});

test('a bundled rubric of other mechanics: choices, a judgement with its reason, grades, a veto, 先进', async () => {
  const { page, errors } = await open();
  await page.click('#start-empty');
  await page.selectOption('#rubric', 'bundled:bureau-offices.yaml');
  await page.setInputFiles('#import-file', join(FIXTURES, 'bureau-offices.csv'));
  await page.click('#import-confirm');
  await page.click('button[data-view="results"]');
  await page.waitForSelector('#ranking tbody tr');
  const head = await page.$$eval('#ranking thead th', (ths) => ths.map((th) => th.textContent.trim()));
  assert.deepEqual(head.slice(0, 6), ['名次', '处室', '总分', '等次', '一票否决', '先进']);
  // The CLI's results for the same file, office by office.
  const csv = execFileSync(CLI, [
    'score', '--rubric', join(ROOT, 'rubrics', 'bureau-offices.yaml'),
    '--data', join(FIXTURES, 'bureau-offices.csv'), '--format', 'csv',
  ]).toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((l) => l.split(','));
  const rows = await page.$$eval('#ranking tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 6).map((td) => td.textContent.trim())));
  assert.deepEqual(rows, csv.map((r) => r.slice(0, 6)));
  // The vetoed office is last, graded 不合格, not 先进.
  assert.deepEqual(rows.at(-1).slice(1, 5), ['人事处', '98.00', '不合格', '发生泄密或违规公开事件']);
  // The detail: the choice by name, the deduction with its reason, the grade.
  await page.click('#ranking tr[data-office="政策法规处"]');
  await page.waitForSelector('#office-detail');
  const detail = await page.textContent('#office-detail');
  assert.match(detail, /年度报告评议：良（良得16分）→ 本项得16\.00分（满分20分）/);
  assert.match(detail, /酌情扣1分（会议纪要归档不全）/);
  assert.match(detail, /总分95\.00分，90分及以上为优秀/);
  assert.match(await page.textContent('#office-detail tr[data-indicator="catalogue"]'), /是/);
  // A wrong choice and a deduction without its reason: shown at their cells.
  await page.click('button[data-view="data"]');
  const choice = await gridCell(page, '财务处', 'report_review');
  await choice.fill('很好');
  await choice.press('Enter');
  const reason = await gridCell(page, '财务处', 'judged_reason');
  await reason.fill('');
  await reason.press('Enter');
  await page.waitForSelector('tr[data-office="财务处"] td.invalid');
  await page.click('#problems summary');
  const problems = await page.textContent('#problems');
  assert.match(problems, /财务处 · .*很好/);
  assert.match(problems, /财务处 · .*理由/);
  await page.screenshot({ path: join(await artifacts(), 'other-mechanics.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('categories: A类 and B类 in one assessment, each placed among its own kind out of its own total', async () => {
  const { page, errors } = await open();
  await page.click('#start-empty');
  await page.selectOption('#rubric', 'bundled:city-classes.yaml');
  await page.setInputFiles('#import-file', join(FIXTURES, 'city-classes.csv'));
  await page.click('#import-confirm');
  // B类's blank cells of the A类-only input are not problems.
  assert.equal(await page.$$eval('td.invalid', (tds) => tds.length), 0);
  // The class comes first after the name; the totals stay under their columns.
  const heads = await page.$$eval('.grid thead th[data-input]', (ths) => ths.map((th) => th.dataset.input));
  assert.equal(heads[0], 'class');
  assert.equal(await page.textContent('.grid tr.sum td[data-input="items_published"]'), '780');
  assert.equal(await page.textContent('.grid tr.sum td[data-input="policy_docs_late"]'), '6');
  await page.click('button[data-view="results"]');
  await page.waitForSelector('#ranking tbody tr');
  const head = await page.$$eval('#ranking thead th', (ths) => ths.map((th) => th.textContent.trim()));
  assert.deepEqual(head.slice(0, 5), ['名次', '处室', '类别', '满分', '总分']);
  // Each class under its heading.
  assert.deepEqual(await page.$$eval('#ranking tr.category-row', (trs) => trs.map((tr) => tr.textContent.trim())),
    ['A类（满分100分，4个单位，名次在本类中排列）', 'B类（满分95分，3个单位，名次在本类中排列）']);
  const rows = await page.$$eval('#ranking tbody tr[data-office]', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 5).map((td) => td.textContent.trim())));
  // The CLI's results for the same file: place, office, category, total.
  const csv = execFileSync(CLI, [
    'score', '--rubric', join(ROOT, 'rubrics', 'city-classes.yaml'),
    '--data', join(FIXTURES, 'city-classes.csv'), '--format', 'csv',
  ]).toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((l) => l.split(','));
  assert.deepEqual(rows, csv.map((r) => r.slice(0, 5)));
  assert.deepEqual(rows.map((r) => r[0] + r[1]), ['1甲县', '2丙区', '3丁县', '4乙县', '1市发改委', '2市卫健委', '3市教育局']);
  // B类 is out of 95; its column of the A类-only indicator says so.
  assert.deepEqual(rows[4].slice(2), ['B类', '95', '95.00']);
  assert.equal(await page.textContent('#ranking tr[data-office="市发改委"] td.outside'), '不考核');
  await page.click('#ranking tr[data-office="市发改委"]');
  await page.waitForSelector('#office-detail');
  assert.match(await page.textContent('#office-detail h3'), /市发改委（B类）.*第1名\/共3个/);
  assert.match(await page.textContent('#office-detail tr[data-indicator="grassroots"]'), /B类不考核本项/);
  // Places on a ranked leaf are counted within the class: 80 items is
  // 2nd of 3 among B类, although two A类 offices published more.
  assert.match(await page.textContent('#office-detail tr[data-indicator="volume"]'), /2\/3/);
  await page.screenshot({ path: join(await artifacts(), 'categories.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('an assessment drawn on: the annual appraisal takes the disclosure assessment\'s totals, and a file holds both', async () => {
  const { page, errors } = await open();
  await page.click('#load-example');
  await page.click('button[data-view="assessments"]');
  await page.click('#new-assessment');
  await page.selectOption('#rubric', 'bundled:annual-appraisal.yaml');
  await page.setInputFiles('#import-file', join(FIXTURES, 'annual-appraisal.csv'));
  await page.click('#import-confirm');
  // The panel asks which assessment fills the disclosure total.
  await page.waitForSelector('#sources select');
  assert.match(await page.textContent('#sources'), /政务公开考核总分来自/);
  // Each assessment by title, year and when it was changed.
  const option = await page.$$eval('#sources select option', (os) =>
    os.find((o) => o.textContent.startsWith('示例：6个处室（2026年，')).value);
  await page.selectOption('#sources select', option);
  // Blank cells show the other assessment's totals, marked.
  const cell = await gridCell(page, '法规处', 'disclosure_total');
  assert.equal(await cell.getAttribute('placeholder'), '89.08');
  await page.click('button[data-view="results"]');
  await page.waitForSelector('#ranking tbody tr');
  const total = await page.textContent('#ranking tr[data-office="法规处"] td.total');
  // The CLI's result for the same chain.
  const json = JSON.parse(execFileSync(CLI, [
    'score', '--rubric', join(ROOT, 'rubrics', 'annual-appraisal.yaml'),
    '--data', join(FIXTURES, 'annual-appraisal.csv'),
    '--source', `${join(ROOT, 'rubrics', 'shandong-commerce-2017.yaml')}=${join(FIXTURES, 'dept6.csv')}`,
    '--format', 'json',
  ]).toString('utf8'));
  assert.equal(total, json.offices.find((o) => o.office === '法规处').total);
  // A typed value the disclosure assessment contradicts leaves the office out.
  await page.click('button[data-view="data"]');
  const typed = await gridCell(page, '法规处', 'disclosure_total');
  await typed.fill('80');
  await typed.press('Enter');
  await page.waitForSelector('tr[data-office="法规处"] td.invalid');
  await page.click('#problems summary');
  assert.match(await page.textContent('#problems'), /法规处 · .*89\.08/);
  await page.click('#undo');
  await page.screenshot({ path: join(await artifacts(), 'sources.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('an item log imported as data is said to be one, and imported as the log from there', async () => {
  const { page } = await open();
  await page.click('#load-example');
  await page.click('button[data-view="data"]');
  await page.setInputFiles('#import-file', join(FIXTURES, 'dept6-items.csv'));
  await page.waitForSelector('[data-notice="item-log-not-data"]');
  assert.match(await page.textContent('[data-notice="item-log-not-data"]'), /“dept6-items\.csv”是事项登记/);
  assert.equal(await page.locator('#import-dialog').count(), 0, 'no preview of a wall of unknown columns');
  await page.click('[data-notice="item-log-not-data"] .notice-import-item-log');
  await page.waitForSelector('#items-needs-period-end');
  assert.match(await page.textContent('#items-needs-period-end'), /已读入 \d+ 行事项/);
  assert.equal(await page.locator('[data-notice="item-log-not-data"]').count(), 0);
  await page.close();
});

test('an item log read before the offices: its offices are named once each and can be added', async () => {
  const { page } = await open();
  await page.click('#start-empty');
  await page.click('button[data-view="items"]');
  await page.setInputFiles('#items-file', join(FIXTURES, 'dept6-items.csv'));
  await page.fill('#period-end', '2026-12-20');
  await page.dispatchEvent('#period-end', 'change');
  await page.waitForSelector('#items-unknown-offices');
  const names = await page.$$eval('#items-unknown-offices li', (li) => li.map((l) => l.dataset.office));
  assert.ok(names.length >= 2 && names.length <= 6, `one line per office, not per item: ${names.length}`);
  assert.equal(new Set(names).size, names.length);
  assert.match(await page.textContent('#items-unknown-offices li'), /（\d+ 条事项/);
  await page.click('#items-add-offices');
  await page.waitForSelector('#items-unknown-offices', { state: 'detached' });
  await page.click('button[data-view="data"]');
  const grid = await page.$$eval('tr.office-row', (rows) => rows.map((r) => r.dataset.office));
  assert.deepEqual(grid, names);
  await page.close();
});

test('typed counts the item log contradicts: the assessor chooses which stand, per office or for all', async () => {
  const { page, errors } = await open();
  await page.click('#load-example');
  await page.click('button[data-view="data"]');
  const cell = await gridCell(page, '办公室', 'consultations_answered');
  await cell.fill('39');
  await cell.press('Enter');
  await page.click('button[data-view="items"]');
  await page.setInputFiles('#items-file', join(FIXTURES, 'dept6-items.csv'));
  await page.fill('#period-end', '2026-12-20');
  await page.dispatchEvent('#period-end', 'change');
  await page.waitForSelector('#counts-choice li[data-office="办公室"]');
  // What differs is said with the choice, once: not again, by row and
  // column letter, among the log's problems.
  assert.match(await page.textContent('#counts-choice li[data-office="办公室"]'), /咨询答复量填写 39，事项登记统计为 40/);
  assert.equal(await page.locator('#items-errors').count(), 0);
  await page.click('button[data-view="results"]');
  // Left out until the assessor chooses; the results say so.
  await page.waitForSelector('#counts-choice');
  assert.match(await page.textContent('#counts-choice'), /1个处室填写的数（提问、答复或超期条数）与事项登记算出的不一致/);
  assert.equal(await page.locator('#ranking tr[data-office="办公室"]').count(), 0);
  await page.screenshot({ path: join(await artifacts(), 'counts-choice.png'), fullPage: true });
  await page.click('#counts-choice li[data-office="办公室"] button.use-log');
  await page.waitForSelector('#ranking tr[data-office="办公室"]');
  assert.equal(await page.textContent('#ranking tr[data-office="办公室"] td.total'), '96.85');
  assert.match(await page.textContent('#counts-choice .chosen'), /办公室：用事项登记的数（咨询答复量填写 39，事项登记统计为 40）/);
  assert.equal(await page.locator('#left-out').count(), 0);
  // The office's detail says where the figure came from.
  await page.click('#ranking tr[data-office="办公室"]');
  await page.waitForSelector('#office-detail');
  assert.match(
    await page.textContent('#office-detail tr[data-indicator="consultation_replies"] .source'),
    /咨询答复量 40 取自事项登记（填写的 39 按所作选择未用）/,
  );
  // The exported workbook's indicator detail says it too, with each
  // figure's rule.
  const [book] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
  const strings = readZip(await readFile(await book.path())).get('xl/sharedStrings.xml').toString('utf8');
  assert.match(strings, /数据来源/);
  assert.match(strings, /咨询答复量 40 取自事项登记（填写的 39 按所作选择未用）/);
  assert.match(strings, /<t[^>]*>规则<\/t>/);
  // Counts typed that the log confirms are said as such, and the log's
  // items have a sheet of their own under the log's file and period end.
  assert.match(strings, /咨询答复量 \d+：填写的数与事项登记一致/);
  assert.match(strings, /事项登记：dept6-items\.csv；考核期截止日 2026-12-20；共 \d+ 条：按时 \d+，超期 \d+，未到期 \d+/);
  // The grid shows what is scored: the log's 40, the typed 39 beside it;
  // typed over, it says the typed value is not scored and how to score it.
  await page.click('button[data-view="data"]');
  const chosen = await gridCell(page, '办公室', 'consultations_answered');
  assert.equal(await chosen.inputValue(), '40');
  assert.equal(await page.getAttribute('tr[data-office="办公室"] td.log-chosen', 'data-typed'), '填39');
  await chosen.click();
  assert.equal(await chosen.inputValue(), '39', 'typed into as typed');
  await page.keyboard.type('38');
  await page.keyboard.press('Tab');
  await page.waitForSelector('[data-notice="typed-not-scored"]');
  assert.match(await page.textContent('[data-notice="typed-not-scored"]'), /填写的 38 不计分/);
  await page.click('[data-notice="typed-not-scored"] .notice-use-typed');
  await page.waitForSelector('[data-notice="typed-not-scored"]', { state: 'detached' });
  await page.click('button[data-view="results"]');
  await page.click('#counts-choice button.take-back');
  // The typed counts for all instead: 38 answered of 40.
  await page.waitForSelector('#counts-choice button.all-typed');
  // Taken back, the focus is on that office's own choice, not on a
  // button deciding for every office.
  await page.waitForFunction(() => document.activeElement?.matches('#counts-choice li[data-office="办公室"] button.use-log'));
  await page.click('#counts-choice button.all-typed');
  await page.waitForSelector('#ranking tr[data-office="办公室"]');
  assert.notEqual(await page.textContent('#ranking tr[data-office="办公室"] td.total'), '96.85');
  assert.match(await page.textContent('#counts-choice .chosen'), /全部处室：用填写的数/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a module the server cannot hand out: the page says why, in both languages', async () => {
  const { page } = await open();
  // A first visit (no service worker keeping the files from an earlier
  // one), to a deployment that left the module behind.
  await page.evaluate(async () => {
    for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
    for (const k of await caches.keys()) await caches.delete(k);
  });
  await page.route('**/scoring_web_bg.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.reload();
  await page.waitForSelector('#boot-failed');
  const text = await page.textContent('#boot-failed');
  assert.match(text, /scoring_web_bg\.wasm/);
  assert.match(text, /页面无法启动/);
  assert.match(text, /could not start/);
  assert.match(text, /HTTP 404/, 'the server\'s answer is said');
  // The link drops during a first visit: the network is named, not the
  // server, and the page can be loaded again from there.
  await page.unroute('**/scoring_web_bg.wasm');
  await page.route('**/scoring_web_bg.wasm', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await page.waitForSelector('#boot-failed');
  const dropped = await page.textContent('#boot-failed');
  assert.match(dropped, /连不上服务器，网络可能中断或过慢/);
  assert.doesNotMatch(dropped, /IIS/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'boot-reload');
  await page.unroute('**/scoring_web_bg.wasm');
  await page.click('#boot-reload');
  await page.waitForSelector('.topbar');
  await page.close();
});

test('the XLSX module: its loading is shown, a failed fetch is said and can be tried again', async () => {
  // A server of its own, that first lacks the module, then is slow to
  // hand it out.
  const wasm = await readFile(join(ROOT, 'dist', 'scoring_web_xlsx_bg.wasm'));
  const overrides = new Map([['/scoring_web_xlsx_bg.wasm', async () => null]]);
  const own = await serve(overrides);
  try {
    const page = await chrome.context.newPage();
    await page.goto(own.url);
    await page.waitForSelector('.topbar');
    await page.click('#start-empty');
    // The module cannot be had: the page says so and why; a CSV file
    // still imports.
    await page.setInputFiles('#import-file', join(FIXTURES, 'dept6.xlsx'));
    await page.waitForSelector('[data-notice="xlsx-unavailable"]');
    const said = await page.textContent('[data-notice="xlsx-unavailable"]');
    assert.match(said, /无法载入 Excel（XLSX）组件/);
    assert.match(said, /scoring_web_xlsx_bg\.wasm/);
    assert.equal(await page.locator('[data-notice="xlsx-loading"]').count(), 0, 'no longer loading');
    assert.equal(await page.locator('#import-dialog').count(), 0, 'nothing imported');
    await page.setInputFiles('#import-file', join(FIXTURES, 'dept6.csv'));
    await page.waitForSelector('#import-confirm');
    await page.click('#import-cancel');
    // A slow link: the loading is shown until the module is there, then
    // the workbook is read.
    let release;
    const held = new Promise((r) => (release = r));
    overrides.set('/scoring_web_xlsx_bg.wasm', async () => {
      await held;
      return wasm;
    });
    await page.setInputFiles('#import-file', join(FIXTURES, 'dept6.xlsx'));
    await page.waitForSelector('[data-notice="xlsx-loading"]');
    assert.match(await page.textContent('[data-notice="xlsx-loading"]'), /正在载入 Excel/);
    release();
    await page.waitForSelector('#import-confirm');
    assert.equal(await page.locator('[data-notice="xlsx-loading"]').count(), 0);
    await page.click('#import-confirm');
    await showResults(page);
    assert.deepEqual(await ranking(page), expectedRanking());
    await page.close();
  } finally {
    await own.close();
  }
});

test('a page that never starts says why and what to do; a started one drops its loading line', async () => {
  // index.html double-clicked in a copied folder: the browser refuses its
  // scripts from a disk, and nothing of the page's code ever runs.
  const page = await chrome.context.newPage();
  await page.goto(pathToFileURL(join(ROOT, 'dist', 'index.html')).href);
  await page.waitForSelector('#boot-hint', { state: 'visible', timeout: 15000 });
  const hint = await page.textContent('#boot-hint');
  assert.match(hint, /页面尚未启动/);
  assert.match(hint, /scoring-single\.html/);
  // The likeliest cause first, in place of the loading line.
  assert.match(await page.textContent('#boot-hint li.likely'), /直接双击打开了文件夹中的 index\.html/);
  assert.equal(await page.locator('#boot-hint li').first().getAttribute('id'), 'cause-disk');
  assert.equal(await page.locator('#boot-loading').isVisible(), false);
  assert.match(hint, /has not started/);
  // The one file cut short (a USB stick pulled out during the copy): its
  // script is lost, not the words saying so.
  const single = await readFile(join(ROOT, 'dist', 'scoring-single.html'));
  const cutDir = await mkdtemp(join(tmpdir(), 'scoring-cut-'));
  await writeFile(join(cutDir, 'scoring-single.html'), single.subarray(0, single.length >> 1));
  await page.goto(pathToFileURL(join(cutDir, 'scoring-single.html')).href);
  await page.waitForSelector('#boot-hint', { state: 'visible', timeout: 15000 });
  assert.match(await page.textContent('#boot-hint li.likely'), /复制不完整/);
  // The one file in a browser that cannot unpack it: boot.js's message,
  // for a file, not a server.
  await page.addInitScript(() => {
    delete globalThis.DecompressionStream;
  });
  await page.goto(pathToFileURL(join(ROOT, 'dist', 'scoring-single.html')).href);
  await page.waitForSelector('#boot-failed');
  const failed = await page.textContent('#boot-failed');
  assert.match(failed, /浏览器版本过旧/);
  assert.doesNotMatch(failed, /服务器/);
  assert.equal(await page.locator('#boot-wait').count(), 0);
  await page.close();
  // Served and started: neither the loading line nor the hint is left.
  const { page: served } = await open();
  assert.equal(await served.locator('#boot-wait').count(), 0);
  await served.close();
});

test('offline: a first visit to a server lacking a file is tried again until the page is whole', async () => {
  const overrides = new Map([
    ['/scoring_web_xlsx_bg.wasm', () => null],
  ]);
  const own = await serve(overrides);
  try {
    const page = await chrome.context.newPage();
    await page.goto(own.url);
    await page.waitForSelector('.topbar');
    // The worker cannot keep the page whole: nothing is kept, and it is
    // not installed (installed, it would be active within a second).
    const first = await page.evaluate(async () => {
      for (let i = 0; i < 60; i++) {
        const r = await navigator.serviceWorker.getRegistration();
        if (r && r.active) break;
        await new Promise((ok) => setTimeout(ok, 50));
      }
      const r = await navigator.serviceWorker.getRegistration();
      return { active: Boolean(r && r.active), kept: await caches.has('scoring-pointer') };
    });
    assert.deepEqual(first, { active: false, kept: false });
    // The file is back: the next visit installs it, and the page opens
    // offline.
    overrides.clear();
    await page.reload();
    await page.waitForSelector('.topbar');
    const stored = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      for (let i = 0; i < 400; i++) {
        if (navigator.serviceWorker.controller && (await caches.has('scoring-pointer'))) return true;
        await new Promise((ok) => setTimeout(ok, 50));
      }
      return false;
    });
    assert.ok(stored, 'the second visit kept the page');
    await chrome.context.setOffline(true);
    await page.reload();
    await page.waitForSelector('.topbar');
    await page.close();
  } finally {
    await chrome.context.setOffline(false);
    await own.close();
  }
});

test('the page in one file opens from a disk with no server and scores the worked example', async () => {
  const page = await chrome.context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  const url = pathToFileURL(join(ROOT, 'dist', 'scoring-single.html')).href;
  await page.goto(url);
  await page.waitForSelector('.topbar');
  await page.click('#load-example');
  assert.deepEqual(await ranking(page), expectedRanking());
  // A workbook too, read by the XLSX module inside the file.
  await page.click('button[data-view="data"]');
  await page.setInputFiles('#import-file', join(FIXTURES, 'dept6.xlsx'));
  await page.waitForSelector('#import-confirm');
  await page.click('#import-confirm');
  await showResults(page);
  assert.deepEqual(await ranking(page), expectedRanking());
  // Nothing but the file itself was asked for.
  assert.deepEqual([...new Set(requests)], [url]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('offline on a later visit; a new version is announced, never swapped in under the page', async () => {
  // A server of its own: its files change during the test.
  const overrides = new Map();
  const own = await serve(overrides);
  try {
    const page = await chrome.context.newPage();
    await page.goto(own.url);
    await page.waitForSelector('.topbar');
    // The service worker has stored the page's files.
    const stored = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      for (let i = 0; i < 400; i++) {
        if (navigator.serviceWorker.controller && (await caches.has('scoring-pointer'))) return true;
        await new Promise((r) => setTimeout(r, 50));
      }
      return false;
    });
    assert.ok(stored, 'the service worker stored the page and took it over');
    await page.click('#load-example');
    await page.waitForSelector('#ranking tbody tr');
    // Offline: the page opens all the same, the work restored.
    await chrome.context.setOffline(true);
    await page.reload();
    await page.waitForSelector('.topbar');
    await page.click('button[data-view="results"]');
    assert.deepEqual(await ranking(page), expectedRanking());
    await chrome.context.setOffline(false);
    // A new version on the server: this page keeps running; it is told.
    const boot = await readFile(join(ROOT, 'dist', 'boot.js'));
    overrides.set('/boot.js', Buffer.concat([boot, Buffer.from('\n// a new version\n')]));
    await page.reload();
    await page.waitForSelector('[data-notice="update-ready"]');
    assert.match(await page.textContent('[data-notice="update-ready"]'), /新版本/);
    // The running page is the one it loaded: its work is as it was.
    await page.click('button[data-view="results"]');
    assert.deepEqual(await ranking(page), expectedRanking());
    await page.close();
  } finally {
    await chrome.context.setOffline(false);
    await own.close();
  }
});

test('entry forms: sent out in one zip, filled in, returned, previewed, merged as one step, undone', async () => {
  const { page } = await open();
  await page.click('#load-example');
  await page.click('button[data-view="data"]');
  await page.fill('#title', '2026年度考核');
  await page.press('#title', 'Enter');
  const dir = await mkdtemp(join(tmpdir(), 'scoring-forms-'));
  // Out: one form per office, in one zip.
  const [zip] = await Promise.all([page.waitForEvent('download'), page.click('#send-forms')]);
  assert.equal(zip.suggestedFilename(), '2026年度考核-填报表.zip');
  const sent = readZip(await readFile(await zip.path()));
  assert.equal(sent.size, 6);
  assert.match(await page.textContent('[data-notice="forms-sent"]'), /已生成 6 份填报表/);
  const form = (office) => sent.get(`2026年度考核-${office}-填报表.xlsx`);
  // The assessment is renamed after the forms went out: they are still its.
  await page.fill('#title', '2026年度政务公开考核');
  await page.press('#title', 'Enter');
  // The assessor corrects 外资处 after sending; 外资处 returns its form as
  // sent: the correction stands.
  await (await gridCell(page, '外资处', 'decision_drafts')).fill('7');
  await (await gridCell(page, '外资处', 'decision_drafts')).press('Tab');
  // Returned: 办公室 typed a new count with its evidence, 外资处 typed
  // nothing, a form of another assessment came back too.
  const write = async (name, bytes) => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  };
  const office = await write('office.xlsx', typeIntoForm(form('办公室'), 'decision_drafts', '9', '见门户网站“政策文件”栏目'));
  const foreign = await write('foreign.xlsx', form('外资处'));
  const [saved] = await Promise.all([page.waitForEvent('download'), page.click('#save-file')]);
  const file = JSON.parse(await readFile(await saved.path(), 'utf8'));
  assert.ok(file.id, 'the assessment file keeps the id its forms carry');
  delete file.id;
  file.title = '2025年度考核';
  await writeFile(join(dir, 'other.json'), JSON.stringify(file));
  execFileSync(CLI, ['forms', '--assessment', join(dir, 'other.json'), '--out', join(dir, 'other')], { stdio: 'pipe' });
  await page.setInputFiles('#forms-file', [office, foreign, join(dir, 'other', '2025年度考核-审批处-填报表.xlsx')]);
  await page.waitForSelector('#forms-dialog');
  const officeSaid = await page.textContent('#forms-dialog li[data-office="办公室"]');
  assert.match(officeSaid, /重大决策和规范性文件草案公开数 4 → 9/);
  assert.match(officeSaid, /佐证材料：重大决策和规范性文件草案公开数：见门户网站“政策文件”栏目/);
  assert.match(await page.textContent('#forms-dialog li[data-office="外资处"]'), /处室未改动（表中为 2），保留您改过的 7/);
  assert.match(await page.textContent('#forms-refused'), /2025年度考核-审批处-填报表\.xlsx：是另一次考核的填报表（“2025年度考核”/);
  assert.match(await page.textContent('#forms-missing'), /尚未交回或未能合并（4）/);
  assert.equal(await page.locator('#forms-accept-flagged').count(), 0, 'nothing to confirm');
  await page.click('#forms-confirm');
  await page.waitForSelector('[data-notice="forms-merged"]');
  assert.match(await page.textContent('[data-notice="forms-merged"]'), /已合并 2 份填报表，改变 1 个单元格/);
  assert.equal(await (await gridCell(page, '办公室', 'decision_drafts')).inputValue(), '9');
  assert.equal(await (await gridCell(page, '外资处', 'decision_drafts')).inputValue(), '7');
  // The evidence is kept: the office's detail shows it, with the
  // self-assessed total beside the reviewed one.
  await showResults(page);
  await page.click('#ranking tr[data-office="办公室"]');
  assert.match(await page.textContent('#office-evidence'), /见门户网站“政策文件”栏目/);
  assert.match(await page.textContent('#office-review'), /自评总分 (\d+\.\d\d).*核定总分 \1/);
  // 外资处 submitted 2 where the assessor's 7 stands: a difference that
  // wants a reason, listed above the results until it has one.
  assert.match(await page.textContent('#review-missing'), /有 1 处核定值与处室自评不同/);
  await page.click('#review-missing button');
  const reason = page.locator('#office-review input.reason[data-input="decision_drafts"]');
  await reason.fill('按门户网站核查结果计');
  await reason.press('Tab');
  await page.waitForSelector('#review-missing', { state: 'detached' });
  assert.match(await page.textContent('#office-review'), /自评总分 (\d+\.\d\d).*核定总分 (?!\1)/);
  // Undo takes the reason back, then the whole merge in one step.
  await page.click('button[data-view="data"]');
  await page.click('#undo');
  assert.equal(await (await gridCell(page, '办公室', 'decision_drafts')).inputValue(), '9');
  await page.click('#undo');
  assert.equal(await (await gridCell(page, '办公室', 'decision_drafts')).inputValue(), '4');
  await page.close();
});

test('approval: the assessment locked, its fingerprint verified by the command, reopened with a reason', async () => {
  const { page } = await open();
  await page.click('#load-example');
  await page.click('button[data-view="data"]');
  page.on('dialog', (d) => assert.fail(`the browser's ${d.type()} box: ${d.message()}`));
  // The question holds the keyboard: the focus on its button, Tab going
  // round it, the page behind out of reach; Escape is a no, and the
  // focus goes back where it was.
  await page.click('#approve');
  const focused = () => page.evaluate(() => document.activeElement.id);
  assert.equal(await focused(), 'ask-ok');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'ask-cancel');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'ask-ok');
  assert.equal(await page.evaluate(() => document.querySelector('.app').inert), true);
  await page.keyboard.press('Escape');
  await page.waitForSelector('#ask-dialog', { state: 'detached' });
  assert.equal(await focused(), 'approve');
  await page.keyboard.press('Enter');
  await page.click('#ask-ok');
  await page.waitForSelector('#approved');
  const banner = await page.textContent('#approved');
  const fingerprint = await page.getAttribute('#approved', 'data-fingerprint');
  assert.match(fingerprint, /^[0-9a-f]{64}$/);
  // Its first 12 digits shown, as in file names; the whole on hover.
  assert.ok(banner.includes(`${fingerprint.slice(0, 12)}…`), banner);
  assert.ok(!banner.includes(fingerprint), banner);
  assert.match(await page.getAttribute('#approved span', 'title'), new RegExp(fingerprint));
  // Locked: a cell can still be selected and read (its rule in the bar),
  // and a typed value is refused and said.
  const cell = await gridCell(page, '法规处', 'decision_drafts');
  await cell.click();
  assert.equal(await page.evaluate(() => document.activeElement.dataset.input), 'decision_drafts');
  assert.match(await page.textContent('#cell-bar strong'), /法规处/);
  await page.keyboard.type('99');
  await page.keyboard.press('Tab');
  await page.waitForSelector('[data-notice="locked"]');
  assert.equal(await (await gridCell(page, '法规处', 'decision_drafts')).inputValue(), '6');
  // The command verifies the saved file and the exported results.
  const dir = await mkdtemp(join(tmpdir(), 'scoring-approval-'));
  const [saved] = await Promise.all([page.waitForEvent('download'), page.click('#save-file')]);
  await saved.saveAs(join(dir, 'a.json'));
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  await csv.saveAs(join(dir, 'results.csv'));
  const ok = spawnSync(CLI, ['verify', '--assessment', join(dir, 'a.json'), '--results', join(dir, 'results.csv')]);
  assert.equal(ok.status, 0, ok.stdout.toString() + ok.stderr.toString());
  assert.match(ok.stdout.toString(), new RegExp(`数据与结果指纹一致：${fingerprint}`));
  assert.match(ok.stdout.toString(), /results\.csv：与该考核的结果一致/);
  // A file changed after the approval does not verify (办公室 becomes
  // first on drafts: the results differ too).
  const file = JSON.parse(await readFile(join(dir, 'a.json'), 'utf8'));
  file.offices.find((o) => o.name === '办公室').cells.decision_drafts = '9';
  await writeFile(join(dir, 'changed.json'), JSON.stringify(file, null, 2));
  const bad = spawnSync(CLI, ['verify', '--assessment', join(dir, 'changed.json'), '--results', join(dir, 'results.csv')]);
  assert.equal(bad.status, 2);
  assert.match(bad.stdout.toString(), /审定指纹不符/);
  assert.match(bad.stdout.toString(), /处室“办公室”的数据被改动过/);
  assert.doesNotMatch(bad.stdout.toString(), /法规处/);
  assert.match(bad.stdout.toString(), /与该考核的结果不一致（不是它的结果，或被改动过）；第\d+行：文件中为“[^”]*办公室[^”]*”，按该考核应为“[^”]*”/);
  // An office renamed in the file is said as renamed, not as the rest of
  // the assessment changed.
  const renamed = JSON.parse(await readFile(join(dir, 'a.json'), 'utf8'));
  renamed.offices.find((o) => o.name === '法规处').name = '法规与政策处';
  await writeFile(join(dir, 'renamed.json'), JSON.stringify(renamed, null, 2));
  const moved = spawnSync(CLI, ['verify', '--assessment', join(dir, 'renamed.json')]);
  assert.equal(moved.status, 2);
  assert.match(moved.stdout.toString(), /处室“法规处”改名为“法规与政策处”（数据未改动）/);
  assert.doesNotMatch(moved.stdout.toString(), /考核的其他内容/);
  // Printed pages carry the fingerprint.
  await page.click('#print');
  assert.match(await page.textContent('.approved-stamp'), new RegExp(fingerprint));
  await page.click('.print-view button:has-text("关闭")');
  // Reopened with a reason: editable again.
  await page.click('button[data-view="data"]');
  await page.click('#reopen');
  // A reason is required: asked again, saying so, when none is given.
  await page.waitForSelector('#ask-reason');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'ask-reason');
  await page.click('#ask-ok');
  assert.match(await page.textContent('#ask-dialog .question'), /理由不能为空/);
  await page.fill('#ask-reason', '法规处补报材料');
  await page.click('#ask-ok');
  await page.waitForSelector('#approved', { state: 'detached' });
  // Reopened and not approved again: said for as long as it lasts.
  assert.match(await page.textContent('#reopened-status'), /未审定：曾审定.*重新打开（理由：法规处补报材料）/);
  await (await gridCell(page, '法规处', 'decision_drafts')).fill('7');
  await (await gridCell(page, '法规处', 'decision_drafts')).press('Tab');
  assert.equal(await (await gridCell(page, '法规处', 'decision_drafts')).inputValue(), '7');
  // The trail has it all: the approval, the reopening and why, the edit.
  await page.click('button[data-view="assessments"]');
  const trail = await page.textContent('#trail');
  assert.match(trail, /审定/);
  assert.match(trail, /重新打开.*法规处补报材料/s);
  assert.match(trail, /考核人录入法规处重大决策和规范性文件草案公开数67/);
  const [exported] = await Promise.all([page.waitForEvent('download'), page.click('#export-trail')]);
  assert.match((await readFile(await exported.path())).toString('utf8'), /考核人录入,法规处,重大决策和规范性文件草案公开数,核定值,6,7/);
  await page.close();
});
