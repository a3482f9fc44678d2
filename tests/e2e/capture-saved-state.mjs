// Captures what the page saves in browser storage, as a fixture for the
// migration tests (tests/fixtures/saved-state-v1.json). Run against the
// release the fixture describes, once, before its saved format changes:
//   node tests/e2e/capture-saved-state.mjs [out.json]
// It is not part of the test suite: the fixture it wrote is.
import { writeFile, mkdtemp } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { serve, browser, freshPage, FIXTURES, ROOT } from './harness.mjs';

const out = process.argv[2] ?? join(FIXTURES, 'saved-state-v1.json');
const server = await serve();
const chrome = await browser();
try {
  const page = await freshPage(chrome.context, server.url);
  await page.waitForSelector('.topbar');
  await page.click('#load-example');
  await page.click('button[data-view="data"]');
  // A value typed over, and a bad cell kept as typed.
  await page.locator('tr[data-office="审批处"] input[data-input="site_items"]').fill('2000');
  await page.locator('tr[data-office="开发区处"] input[data-input="decision_drafts"]').fill('abc');
  await page.fill('#title', '2026年度考核');
  await page.press('#title', 'Enter');
  // An item log with a period end, and a calendar for a year not bundled.
  await page.click('button[data-view="items"]');
  await page.setInputFiles('#items-file', join(FIXTURES, 'dept6-items.csv'));
  await page.waitForSelector('.items-view .warning');
  await page.fill('#period-end', '2026-12-20');
  await page.dispatchEvent('#period-end', 'change');
  await page.waitForSelector('#items-summary');
  const dir = await mkdtemp(join(tmpdir(), 'scoring-capture-'));
  const calendar = join(dir, '2027.json');
  await writeFile(calendar, JSON.stringify({
    year: 2027,
    papers: [],
    days: [
      { name: '元旦', date: '2027-01-01', isOffDay: true },
      { name: '春节', date: '2027-02-08', isOffDay: true },
    ],
  }));
  await page.setInputFiles('#calendar-file', calendar);
  // A rubric file of the assessor's, in use by a second assessment.
  await page.click('button[data-view="assessments"]');
  await page.click('tr[data-assessment="2026年度考核"] button.duplicate');
  await page.waitForSelector('tr[data-assessment="2026年度考核（副本）"]');
  await page.click('tr[data-assessment="2026年度考核（副本）"] button.open');
  await page.click('button[data-view="data"]');
  const yaml = await readFile(join(ROOT, 'rubrics', 'shandong-commerce-2017.yaml'), 'utf8');
  const steeper = join(dir, 'steeper.yaml');
  await writeFile(steeper, yaml.replace('id: shandong-commerce-2017', 'id: steeper').replace(/tally: \{ site_items: 1 \}/, 'tally: { site_items: 1 }\n        step: 10'));
  await page.setInputFiles('#rubric-file', steeper);
  await page.waitForFunction(() => document.querySelector('#rubric').selectedOptions[0]?.value.startsWith('file:steeper@'));
  await page.click('#lang');
  await page.waitForTimeout(300);
  const saved = await page.evaluate(() => localStorage.getItem('scoring-web.v1'));
  const pretty = JSON.stringify(JSON.parse(saved), null, 1);
  await writeFile(out, pretty + '\n');
  console.log(`wrote ${out} (${pretty.length} bytes)`);
  await page.close();
} finally {
  await chrome.close();
  await server.close();
}
