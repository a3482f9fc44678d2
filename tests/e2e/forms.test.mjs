// Offices enter their own counts, end to end: the assessor sends the
// forms; one office fills its form in the page (on another machine: here
// another origin, so another browser storage), one as a spreadsheet
// program would, one twice; a form of another assessment and one with a
// bad value come back too. The assessor merges, reviews one value with a
// reason and approves; the results equal `scoring score` on the merged
// file, and `scoring verify` verifies the fingerprint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp, utimes } from 'node:fs/promises';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { serve, browser, artifacts, freshPage, gridCell, FIXTURES, ROOT } from './harness.mjs';
import { readZip, typeIntoForm } from './form-edit.mjs';

const EXPECTED = JSON.parse(await readFile(join(FIXTURES, 'dept6.expected.json'), 'utf8'));
const CLI = process.env.SCORING_CLI ?? join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'scoring');

let assessorServer;
let officeServer;
let chrome;

before(async () => {
  assessorServer = await serve();
  officeServer = await serve();
  chrome = await browser();
});

after(async () => {
  await chrome?.close();
  await assessorServer?.close();
  await officeServer?.close();
});

async function open(server) {
  const page = await freshPage(chrome.context, server.url);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.reload();
  await page.waitForSelector('.topbar');
  return { page, errors };
}

test('offices fill in their forms (in the page, in a spreadsheet, twice); the assessor merges, reviews, approves, and the command agrees', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'scoring-offices-'));
  const art = await artifacts();

  // The assessor sends the forms.
  const { page: assessor } = await open(assessorServer);
  await assessor.click('#load-example');
  await assessor.click('button[data-view="data"]');
  await assessor.fill('#title', '2026年度考核');
  await assessor.press('#title', 'Enter');
  const [zip] = await Promise.all([assessor.waitForEvent('download'), assessor.click('#send-forms')]);
  const sent = readZip(await readFile(await zip.path()));
  const form = (office) => sent.get(`2026年度考核-${office}-填报表.xlsx`);
  const put = async (name, bytes, when) => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    if (when) await utimes(path, when, when);
    return path;
  };

  // 办公室 fills its form in the page, on its own machine.
  const { page: office, errors } = await open(officeServer);
  await office.waitForSelector('.welcome');
  const opened = await put('2026年度考核-办公室-填报表.xlsx', form('办公室'));
  await office.setInputFiles('#fill-form-welcome', opened);
  await office.waitForSelector('#fill-form');
  assert.match(await office.textContent('#fill-form h2'), /办公室 — 2026年度考核 填报表/);
  // Only its own inputs, with their help; the tabs of the assessor's page
  // are not shown.
  assert.equal(await office.locator('nav.tabs').count(), 0);
  assert.equal(await office.inputValue('#fill-consultations_asked'), '40');
  // What its own values score: as among all offices where nothing else
  // counts; a place among the offices is not guessed.
  const points = (leaf) => office.textContent(`#fill-result tr[data-leaf="${leaf}"] td.points`);
  const mine = EXPECTED.find((o) => o.office === '办公室').indicators;
  assert.equal(await points('consultation_replies'), mine.consultation_replies.points);
  assert.equal(await points('online_interview'), mine.online_interview.points);
  assert.match(await office.textContent('#fill-result tr[data-leaf="decision_drafts"]'), /取决于其他处室/);
  // A wrong value is said at its row and keeps the form from being saved.
  await office.fill('#fill-consultations_answered', '4O');
  await office.waitForSelector('#fill-errors');
  assert.match(await office.textContent('tr[data-input="consultations_answered"] .fill-error'), /4O/);
  assert.ok(await office.isDisabled('#save-filled'));
  assert.match(await office.textContent('#fill-result tr[data-leaf="consultation_replies"]'), /有误：咨询答复量/);
  // Corrected by keyboard, as a person does: the field keeps the focus
  // while the error comes and goes.
  await office.click('#fill-consultations_answered');
  await office.keyboard.press('End');
  await office.keyboard.press('Backspace');
  await office.keyboard.type('0');
  assert.equal(await office.inputValue('#fill-consultations_answered'), '40');
  await office.keyboard.type('x');
  await office.keyboard.press('Backspace');
  await office.keyboard.press('Backspace');
  await office.keyboard.type('1');
  assert.equal(await office.inputValue('#fill-consultations_answered'), '41');
  // Answered more than asked is the office's own contradiction.
  assert.match(await office.textContent('#fill-errors'), /41/);
  await office.fill('#fill-consultations_answered', '38');
  await office.waitForSelector('#fill-errors', { state: 'detached' });
  assert.equal(await points('consultation_replies'), '4.75');
  assert.match(await office.textContent('#fill-result tr[data-leaf="consultation_replies"] td.why'), /38/);
  // A value filled in beside a blank one it is checked against waits for
  // it: the blank one is what is still to fill in.
  await office.fill('#fill-consultations_asked', '');
  const waiting = await office.textContent('#fill-result tr[data-leaf="consultation_replies"] td.why');
  assert.match(waiting, /待填：咨询提问量/);
  assert.doesNotMatch(waiting, /咨询答复量/);
  await office.fill('#fill-consultations_asked', '40');
  await office.fill('#fill-decision_drafts', '9');
  await office.fill('[data-evidence="decision_drafts"]', '见门户网站“政策文件”栏目');
  await office.screenshot({ path: join(art, 'office-fills-form.png'), fullPage: true });
  // A reload (or a crash) loses nothing typed.
  await office.waitForTimeout(300);
  await office.reload();
  await office.waitForSelector('#fill-form');
  assert.equal(await office.inputValue('#fill-consultations_answered'), '38');
  assert.equal(await office.inputValue('[data-evidence="decision_drafts"]'), '见门户网站“政策文件”栏目');
  const [filled] = await Promise.all([office.waitForEvent('download'), office.click('#save-filled')]);
  // Saved beside the copy from the e-mail, not over it.
  assert.equal(filled.suggestedFilename(), '2026年度考核-办公室-填报表（已填）.xlsx');
  assert.match(await office.textContent('[data-notice="fill-saved"]'), /请把这个文件交回考核人/);
  const fromPage = join(dir, 'returned', '办公室.xlsx');
  await filled.saveAs(fromPage);
  // Closed, the page is the assessor's page again, and keeps no draft.
  await office.click('#close-fill');
  await office.waitForSelector('.welcome');
  assert.equal(await office.evaluate(() => localStorage.getItem('scoring-web.fill-draft')), null);
  assert.deepEqual(errors, []);
  await office.close();

  // 法规处 types into its form in a spreadsheet program; 审批处 returns
  // its form twice (the later file wins); 外资处 types a bad value; a
  // form of another assessment comes back.
  const law = await put('法规处.xlsx', typeIntoForm(form('法规处'), 'site_items', '160'));
  const first = await put('审批处-1.xlsx', typeIntoForm(form('审批处'), 'site_items', '80'), new Date('2026-11-20T09:00:00Z'));
  const second = await put('审批处-2.xlsx', typeIntoForm(form('审批处'), 'site_items', '85'), new Date('2026-11-21T09:00:00Z'));
  const bad = await put('外资处.xlsx', typeIntoForm(form('外资处'), 'site_items', '十二'));
  const [saved] = await Promise.all([assessor.waitForEvent('download'), assessor.click('#save-file')]);
  const file = JSON.parse(await readFile(await saved.path(), 'utf8'));
  delete file.id;
  file.title = '2025年度考核';
  await writeFile(join(dir, 'other.json'), JSON.stringify(file));
  execFileSync(CLI, ['forms', '--assessment', join(dir, 'other.json'), '--out', join(dir, 'other')], { stdio: 'pipe' });
  const foreign = join(dir, 'other', '2025年度考核-信息中心-填报表.xlsx');

  // A form opened or imported by the wrong button says where it goes.
  await assessor.setInputFiles('#import-file', law);
  await assessor.waitForSelector('[data-notice="form-not-data"]');
  assert.match(await assessor.textContent('[data-notice="form-not-data"]'), /是填报表，不是数据表.*收回填报表/);
  await assessor.setInputFiles('#forms-file', [second, fromPage, law, bad, first, foreign]);
  await assessor.waitForSelector('#forms-dialog');
  await assessor.screenshot({ path: join(art, 'forms-merge-preview.png'), fullPage: true });
  const said = (o) => assessor.textContent(`#forms-dialog li[data-office="${o}"]`);
  assert.match(await said('办公室'), /咨询答复.*40 → 38|40 → 38/);
  assert.match(await said('办公室'), /重大决策和规范性文件草案公开数 4 → 9/);
  assert.match(await said('法规处'), /150 → 160/);
  assert.match(await said('审批处'), / → 85/);
  // Ticked "keep mine", a change reads as what stays; unticked, as before.
  const lawSite = assessor.locator('#forms-dialog li[data-office="法规处"] [data-input="site_items"]');
  await lawSite.locator('input[type=checkbox]').check();
  assert.match(await lawSite.textContent(), /仍为 150（处室填报 160，记为自评值）/);
  await lawSite.locator('input[type=checkbox]').uncheck();
  assert.match(await lawSite.textContent(), /150 → 160/);
  assert.match(await assessor.textContent('#forms-superseded'), /审批处-1\.xlsx/);
  const refused = await assessor.textContent('#forms-refused');
  assert.match(refused, /2025年度考核-信息中心-填报表\.xlsx：是另一次考核的填报表/);
  assert.match(refused, /外资处\.xlsx.*第 ?\d+ ?行.*十二/s);
  // Two forms for one office: merged only once the assessor confirms.
  assert.ok(await assessor.isDisabled('#forms-confirm'));
  await assessor.check('#forms-accept-flagged');
  await assessor.click('#forms-confirm');
  await assessor.waitForSelector('[data-notice="forms-merged"]');
  assert.equal(await (await gridCell(assessor, '办公室', 'consultations_answered')).inputValue(), '38');
  assert.equal(await (await gridCell(assessor, '审批处', 'site_items')).inputValue(), '85');
  assert.equal(await (await gridCell(assessor, '外资处', 'site_items')).inputValue(), '260', 'nothing of a refused form is merged');

  // Review: 法规处's 160 is checked against the site and set to 155, with
  // a reason.
  const site = await gridCell(assessor, '法规处', 'site_items');
  await site.fill('155');
  await site.press('Tab');
  // The grid marks it, and the evidence 办公室 gave, with both on hover.
  const td = async (o, i) => {
    await gridCell(assessor, o, i);
    return assessor.locator(`tr[data-office="${o}"] td:has(input[data-input="${i}"])`);
  };
  assert.match(await (await td('法规处', 'site_items')).getAttribute('class'), /\breviewed\b/);
  assert.match(await (await gridCell(assessor, '法规处', 'site_items')).getAttribute('title'), /处室填报的 160 不同/);
  assert.match(await (await td('办公室', 'decision_drafts')).getAttribute('class'), /\bhas-evidence\b/);
  assert.doesNotMatch(await (await td('办公室', 'site_items')).getAttribute('class'), /\breviewed\b|\bhas-evidence\b/);
  assert.match(await assessor.textContent('#grid-legend'), /核定值与处室填报的不同/);
  // Approving first says what stands in the way, with the way to it: the
  // office's detail, the focus in the reason to give.
  await assessor.click('#approve');
  await assessor.waitForSelector('[data-notice="cannot-approve"]');
  await assessor.click('[data-notice="cannot-approve"] .notice-give-reason');
  await assessor.waitForSelector('#review-missing');
  const reason = assessor.locator('#office-review input.reason[data-input="site_items"]');
  await assessor.waitForFunction(() => document.activeElement?.matches('#office-review input.reason[data-input="site_items"]'));
  await reason.fill('按门户网站核查，5条为转载');
  await reason.press('Tab');
  await assessor.waitForSelector('#review-missing', { state: 'detached' });

  // Approved; the saved file and the exported results verify, and equal
  // what the command scores.
  await assessor.click('button[data-view="data"]');
  await assessor.click('#approve');
  await assessor.click('#ask-ok');
  await assessor.waitForSelector('#approved');
  const fingerprint = await assessor.getAttribute('#approved', 'data-fingerprint');
  const [final] = await Promise.all([assessor.waitForEvent('download'), assessor.click('#save-file')]);
  await final.saveAs(join(dir, 'approved.json'));
  const [csv] = await Promise.all([assessor.waitForEvent('download'), assessor.click('#export-csv')]);
  // Its name says it is approved, and which approval.
  assert.equal(csv.suggestedFilename(), `2026年度考核-结果-审定${fingerprint.slice(0, 12)}.csv`);
  await csv.saveAs(join(dir, 'results.csv'));
  const verified = spawnSync(CLI, ['verify', '--assessment', join(dir, 'approved.json'), '--results', join(dir, 'results.csv')]);
  assert.equal(verified.status, 0, verified.stdout.toString() + verified.stderr.toString());
  assert.match(verified.stdout.toString(), new RegExp(fingerprint));
  const scored = JSON.parse(execFileSync(CLI, ['score', '--assessment', join(dir, 'approved.json'), '--format', 'json']).toString());
  await assessor.click('button[data-view="results"]');
  await assessor.waitForSelector('#ranking tbody tr');
  const shown = await assessor.$$eval('#ranking tbody tr', (rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent.trim())),
  );
  // An office's detail opens from the keyboard too.
  await assessor.focus('#ranking tr[data-office="法规处"]');
  await assessor.keyboard.press('Enter');
  await assessor.waitForSelector('#office-detail[data-office="法规处"]');
  // Approved: the reason can no longer be changed.
  assert.ok(await assessor.isDisabled('#office-review input.reason[data-input="site_items"]'));
  const offices = scored.offices ?? scored;
  for (const o of offices) {
    const row = shown.find((r) => r[1] === (o.office ?? o.name));
    assert.ok(row, `${o.office ?? o.name} is ranked in the page`);
    assert.equal(row[2], String(o.total), `${o.office ?? o.name}'s total`);
  }
  // The reviewed value differs from what 法规处 submitted, with the reason.
  const approved = JSON.parse(await readFile(join(dir, 'approved.json'), 'utf8'));
  const law2 = approved.offices.find((o) => o.name === '法规处').cells;
  assert.equal(law2['submitted:site_items'], '160');
  assert.equal(law2.site_items, '155');
  assert.equal(law2['reason:site_items'], '按门户网站核查，5条为转载');

  // Each office gets its feedback sheet; every export carries the
  // approval, and the workbook the reviewed values.
  const words = (xlsx) => readZip(xlsx).get('xl/sharedStrings.xml').toString('utf8');
  const [fb] = await Promise.all([assessor.waitForEvent('download'), assessor.click('#export-feedback')]);
  assert.equal(fb.suggestedFilename(), '2026年度考核-反馈表.zip');
  const sheets = readZip(await readFile(await fb.path()));
  assert.equal(sheets.size, 6);
  const lawSheet = words(sheets.get('2026年度考核-法规处-反馈表.xlsx'));
  assert.match(lawSheet, new RegExp(fingerprint));
  assert.match(lawSheet, /整改措施（处室填写）/);
  assert.match(lawSheet, /自评 160，核定 155（按门户网站核查，5条为转载）/);
  assert.match(lawSheet, /自评总分 \d+\.\d\d/);
  const [xlsx] = await Promise.all([assessor.waitForEvent('download'), assessor.click('#export-xlsx')]);
  const results = words(await readFile(await xlsx.path()));
  assert.match(results, new RegExp(`已审定.*${fingerprint}`));
  assert.match(results, /核定理由/);
  // Printed, every office's sheet carries the approval and room to
  // rectify.
  await assessor.click('#print');
  await assessor.selectOption('#print-content', 'all');
  assert.equal(await assessor.locator('.office-sheet .approved-stamp').count(), 6);
  assert.equal(await assessor.locator('.office-sheet th.rectify').count(), 6);
  // The ranking printed: the approval in the head every page repeats.
  await assessor.selectOption('#print-content', 'ranking');
  await assessor.emulateMedia({ media: 'print' });
  assert.match(await assessor.textContent('#ranking thead tr.approval-row'), new RegExp(fingerprint));
  assert.ok(await assessor.isVisible('#ranking thead tr.approval-row'));
  await assessor.emulateMedia({ media: 'screen' });
  await assessor.screenshot({ path: join(art, 'feedback-print.png'), fullPage: false });
  await assessor.close();
});
