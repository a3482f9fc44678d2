// The entry grid end to end (issue 14): typing as in a spreadsheet, frozen
// header and office column at 1366×768, accessible names, sorting and
// search as views, undo wherever the focus is and across a reload, pick
// lists for choices. Run by scripts/test.sh with the other browser tests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { serve, browser, artifacts, freshPage, gridCell, FIXTURES } from './harness.mjs';

const DEPT6 = (await readFile(join(FIXTURES, 'dept6.csv'), 'utf8')).trim().split('\n').map((l) => l.split(','));

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

/** A new page on empty storage, page errors recorded. */
async function open() {
  const page = await freshPage(chrome.context, server.url);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.reload();
  await page.waitForSelector('.topbar');
  return { page, errors };
}

/** The example's data view. */
async function example(page) {
  await page.click('#load-example');
  await page.click('button[data-view="data"]');
  await page.waitForSelector('tr.office-row');
}

const active = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return a?.dataset?.input ? `${a.closest('tr').dataset.office}/${a.dataset.input}` : a?.id;
});

/** The offices in the order the grid shows them. */
const order = (page) => page.$$eval('tr.office-row', (trs) => trs.map((tr) => tr.dataset.office));

/** The ranking as [[place, office, total], …]. */
async function ranking(page) {
  await page.click('button[data-view="results"]');
  await page.waitForSelector('#ranking tbody tr');
  const rows = await page.$$eval('#ranking tbody tr', (trs) =>
    trs.map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent.trim())));
  await page.click('button[data-view="data"]');
  await page.waitForSelector('tr.office-row');
  return rows;
}

test('typing over a selected cell replaces it; F2, Enter and a double click edit inside; Escape takes it back', async () => {
  const { page, errors } = await open();
  await example(page);
  // 办公室 has 12 policy interpretations.
  const cell = await gridCell(page, '办公室', 'policy_interpretations');
  await cell.click();
  assert.equal(await cell.inputValue(), '12');
  await page.keyboard.type('7');
  assert.equal(await cell.inputValue(), '7', 'typing replaces, as in Excel');
  await page.keyboard.press('Escape');
  assert.equal(await cell.inputValue(), '12', 'Escape takes the typing back');
  // F2 edits inside: the caret at the end.
  await page.keyboard.press('F2');
  await page.keyboard.type('5');
  assert.equal(await cell.inputValue(), '125');
  await page.keyboard.press('Escape');
  assert.equal(await cell.inputValue(), '12');
  // Enter on a selected cell edits too; Enter again keeps it and goes down.
  await page.keyboard.press('Enter');
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  assert.equal(await cell.inputValue(), '120');
  assert.equal(await active(page), '法规处/policy_interpretations', 'the row below');
  // A double click edits where it is.
  await cell.dblclick();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Tab');
  assert.equal(await cell.inputValue(), '12');
  assert.equal(await active(page), '办公室/press_conferences', 'Tab goes right');
  // A yes-or-no cell (typed 0 in the file) reads 否 when selected too, and
  // its list opens on what it holds.
  const flag = await gridCell(page, '信息中心', 'interview_on_time');
  assert.equal(await flag.inputValue(), '否');
  await flag.click();
  assert.equal(await flag.inputValue(), '否');
  await page.keyboard.press('Alt+ArrowDown');
  await page.waitForSelector('.pick-list li.highlighted');
  assert.match(await page.textContent('.pick-list li.highlighted'), /否/);
  await page.keyboard.press('Enter');
  assert.equal(await flag.inputValue(), '否', 'Enter on the list keeps it');
  // A key typed over a yes shown by name (the file holds 1) replaces it.
  const yes = await gridCell(page, '办公室', 'interview_on_time');
  await yes.click();
  assert.equal(await yes.inputValue(), '是');
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  assert.equal(await yes.inputValue(), '否', 'typed over, not after');
  assert.equal(await page.locator('tr[data-office="办公室"] td.invalid').count(), 0);
  // Typed into, left for the search box, clicked again: what is typed
  // then replaces the value, never goes in before it.
  const drafts = await gridCell(page, '办公室', 'decision_drafts');
  await drafts.click();
  await page.keyboard.type('5');
  await page.click('#grid-search');
  await drafts.click();
  await page.keyboard.type('3');
  await page.keyboard.press('Tab');
  assert.equal(await drafts.inputValue(), '3', 'not 35');
  // A wrong value typed and Enter: the bar says what is wrong with the
  // cell just left, beside the next cell's rule, until the next move.
  const press = await gridCell(page, '办公室', 'press_conferences');
  await press.click();
  await page.keyboard.type('2.5');
  await page.keyboard.press('Enter');
  assert.equal(await active(page), '法规处/press_conferences');
  const said = await page.textContent('#left-problem');
  assert.match(said, /刚填的 办公室 · /);
  assert.match(said, /2\.5/);
  assert.match(await page.textContent('#cell-bar strong'), /法规处/);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('#left-problem').count(), 0);
  // A right value leaves nothing to say.
  await press.click();
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#left-problem').count(), 0);
  // Removing an office is asked in the page: 取消 keeps it, 删除 removes
  // it, and an undo brings it back. (The row's buttons are after its last
  // column: the grid is scrolled there.)
  await page.locator('.grid-port').evaluate((el) => { el.scrollLeft = el.scrollWidth; });
  await page.click('tr[data-office="审批处"] button.remove');
  await page.waitForSelector('#ask-dialog');
  assert.match(await page.textContent('#ask-dialog .question'), /删除处室“审批处”/);
  await page.click('#ask-cancel');
  await page.waitForSelector('#ask-dialog', { state: 'detached' });
  assert.equal(await page.locator('tr[data-office="审批处"]').count(), 1);
  await page.locator('.grid-port').evaluate((el) => { el.scrollLeft = el.scrollWidth; });
  await page.click('tr[data-office="审批处"] button.remove');
  await page.click('#ask-ok');
  await page.waitForSelector('tr[data-office="审批处"]', { state: 'detached' });
  await page.click('#undo');
  await page.waitForSelector('tr[data-office="审批处"]');
  assert.deepEqual(errors, []);
  await page.close();
});

test('at 1366×768 the header and the office column stay in view, and the toolbar too, when the grid is scrolled', async () => {
  const { page, errors } = await open();
  await page.setViewportSize({ width: 1366, height: 768 });
  // 48 offices: the example's six, eight times.
  const dir = await mkdtemp(join(tmpdir(), 'scoring-e2e-grid-'));
  const file = join(dir, 'offices48.csv');
  const rows = [];
  for (let k = 0; k < 8; k += 1) {
    for (const r of DEPT6.slice(1)) rows.push([`${r[0]}${k + 1}`, ...r.slice(1)].join(','));
  }
  await writeFile(file, [DEPT6[0].join(','), ...rows].join('\n') + '\n');
  await page.click('#start-empty');
  await page.setInputFiles('#import-file', file);
  await page.click('#import-confirm');
  await page.click('button[data-view="data"]');
  await page.waitForSelector('tr.office-row');
  // The page itself does not scroll sideways: the grid's box does.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  // Far right and down, as by the scroll bars.
  const port = page.locator('.grid-port');
  await port.evaluate((el) => { el.scrollLeft = el.scrollWidth; el.scrollTop = 600; });
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const box = await port.boundingBox();
  const head = await page.locator('thead th.name').boundingBox();
  assert.ok(Math.abs(head.y - box.y) <= 2, `the header row at the top of the grid (${head.y} vs ${box.y})`);
  assert.ok(Math.abs(head.x - box.x - 48) <= 2, `the office column at its left (${head.x} vs ${box.x})`);
  // The first office drawn on screen: its name cell is at the left edge.
  const names = await page.$$eval('tr.office-row td.name', (tds, top) =>
    tds.map((td) => td.getBoundingClientRect()).filter((r) => r.top >= top).map((r) => r.left), box.y + 30);
  assert.ok(names.length > 10);
  assert.ok(names.every((x) => Math.abs(x - box.x - 48) <= 2), 'names frozen at the left');
  // The last column is drawn, and the toolbar is in view.
  assert.equal(await page.locator('thead th[data-input="stale_databases"]').count(), 1);
  const undo = await page.locator('#undo').boundingBox();
  assert.ok(undo.y >= 0 && undo.y + undo.height <= 768, 'the toolbar in view');
  assert.ok(box.y + box.height <= 768 + 1, 'the grid fits the window');
  await page.screenshot({ path: join(await artifacts(), 'grid-1366-scrolled.png') });
  // Keys move the view with them: Ctrl+Home goes back to the first cell.
  await page.locator('tr.office-row td.name input').first().click();
  await page.keyboard.press('Control+Home');
  await page.waitForFunction(() => document.activeElement?.id === 'cell-0-0');
  await page.keyboard.press('Control+End');
  await page.waitForFunction(() => document.activeElement?.id === 'cell-47-21');
  assert.deepEqual(errors, []);
  await page.close();
});

test('every input of the grid is named by its office and label; row buttons by their office', async () => {
  const { page } = await open();
  await example(page);
  const unnamed = () => page.$$eval('.grid-port input', (inputs) =>
    inputs.filter((i) => !(i.getAttribute('aria-label') ?? '').trim()).map((i) => i.id));
  assert.deepEqual(await unnamed(), []);
  // By role and name, as a screen reader finds it.
  const cell = page.getByRole('textbox', { name: '审批处 重大决策和规范性文件草案公开数', exact: true });
  assert.equal(await cell.count(), 1);
  // The far right: the last inputs and the row buttons.
  await gridCell(page, '审批处', 'stale_databases');
  assert.deepEqual(await unnamed(), []);
  assert.equal(await page.getByRole('button', { name: /上移.*审批处|审批处.*上移/ }).count(), 1);
  const buttons = await page.$$eval('.grid-port button', (bs) =>
    bs.filter((b) => !(b.getAttribute('aria-label') ?? b.textContent).trim() || /^[↑↓✕▾]$/.test(b.getAttribute('aria-label') ?? b.textContent.trim())).length);
  assert.equal(buttons, 0, 'no button named only by a symbol');
  await page.close();
});

test('sorting and searching are views: the data, the saved order and undo are left alone', async () => {
  const { page, errors } = await open();
  await example(page);
  const stored = await order(page);
  const before = await ranking(page);
  // Sort by site visits, largest first (second click).
  const sort = page.locator('thead th[data-input="site_visits"] button.sort');
  if (!(await sort.count())) await gridCell(page, '审批处', 'site_visits');
  await sort.click();
  await sort.click();
  assert.equal(await page.getAttribute('thead th[data-input="site_visits"]', 'aria-sort'), 'descending');
  assert.deepEqual(await order(page), ['信息中心', '办公室', '外资处', '审批处', '法规处', '开发区处']);
  assert.match(await page.textContent('#view-status'), /6/);
  // Search narrows the rows; the totals row counts what is shown.
  await page.fill('#grid-search', '处');
  await page.waitForFunction(() => document.querySelectorAll('tr.office-row').length === 4);
  assert.deepEqual(await order(page), ['外资处', '审批处', '法规处', '开发区处']);
  assert.match(await page.textContent('tfoot tr.sum'), /4/);
  // Ctrl+Z in the search box is the box's own: the data stay.
  await page.press('#grid-search', 'Control+z');
  assert.deepEqual(await ranking(page), before);
  // An edit in the sorted, searched view is an ordinary edit, undone as one.
  const cell = await gridCell(page, '法规处', 'press_conferences');
  await cell.click();
  await page.keyboard.type('9');
  await page.keyboard.press('Enter');
  assert.notDeepEqual(await ranking(page), before);
  await page.click('#undo');
  assert.equal(await (await gridCell(page, '法规处', 'press_conferences')).inputValue(), '0');
  assert.deepEqual(await ranking(page), before);
  // Back to the stored order, which never changed.
  await page.click('#view-reset');
  assert.deepEqual(await order(page), stored);
  assert.equal(await page.locator('#view-status').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('Ctrl+Z and Ctrl+Y wherever the focus is; the history survives a reload', async () => {
  const { page, errors } = await open();
  await example(page);
  const cell = await gridCell(page, '法规处', 'press_conferences');
  await cell.click();
  await page.keyboard.type('9');
  await page.keyboard.press('Tab');
  assert.equal(await cell.inputValue(), '9');
  // From a toolbar button.
  await page.focus('#add-office');
  await page.keyboard.press('Control+z');
  assert.equal(await cell.inputValue(), '0');
  await page.keyboard.press('Control+y');
  assert.equal(await cell.inputValue(), '9');
  // From nowhere in particular.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Control+z');
  assert.equal(await cell.inputValue(), '0');
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await cell.inputValue(), '9');
  // An undo that changes an office out of sight brings it into view.
  await page.fill('#grid-search', '审批');
  await page.waitForFunction(() => document.querySelectorAll('tr.office-row').length === 1);
  await page.focus('#add-office');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.activeElement?.dataset?.input === 'press_conferences'
    && document.activeElement.closest('tr').dataset.office === '法规处');
  assert.equal(await page.locator('#view-status').count(), 0, 'the search gave way');
  assert.equal(await (await gridCell(page, '法规处', 'press_conferences')).inputValue(), '0');
  await page.keyboard.press('Control+y');
  // After a reload (once saved), the same step is still there to undo.
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('scoring-web.v2.h.')));
  await page.waitForTimeout(1500);
  await page.reload();
  await page.waitForSelector('.topbar');
  await page.click('button[data-view="data"]');
  const again = await gridCell(page, '法规处', 'press_conferences');
  assert.equal(await again.inputValue(), '9');
  assert.equal(await page.isDisabled('#undo'), false);
  await page.click('#undo');
  assert.equal(await again.inputValue(), '0');
  await page.click('#redo');
  assert.equal(await again.inputValue(), '9');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a choice is picked from its list by keyboard; N/A is a pick where the rubric allows it', async () => {
  const { page, errors } = await open();
  await page.click('#start-empty');
  await page.selectOption('#rubric', 'bundled:bureau-offices.yaml');
  await page.setInputFiles('#import-file', join(FIXTURES, 'bureau-offices.csv'));
  await page.click('#import-confirm');
  await page.click('button[data-view="data"]');
  const cell = await gridCell(page, '办公室', 'report_review');
  await cell.click();
  assert.equal(await cell.inputValue(), '优');
  await page.keyboard.press('Alt+ArrowDown');
  await page.waitForSelector('.pick-list');
  const picks = await page.$$eval('.pick-list li', (lis) => lis.map((li) => li.textContent.trim()));
  assert.ok(picks.length >= 3, picks.join());
  assert.ok(picks.some((p) => /良/.test(p)));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.equal(await cell.inputValue(), picks[1].split(/\s/)[0]);
  assert.equal(await page.locator('.pick-list').count(), 0);
  // Typing filters the list: 差 then Enter.
  await cell.click();
  await page.keyboard.type('差');
  await page.waitForSelector('.pick-list li.highlighted');
  assert.match(await page.textContent('.pick-list li.highlighted'), /差/);
  await page.keyboard.press('Enter');
  assert.equal(await cell.inputValue(), '差');
  // Typing that matches no choice: one Escape takes it back.
  await cell.click();
  await page.keyboard.type('2');
  await page.keyboard.press('Escape');
  assert.equal(await cell.inputValue(), '差');
  await page.keyboard.press('ArrowUp');
  assert.equal(await cell.inputValue(), '差');
  assert.deepEqual(errors, []);
  await page.close();
});
