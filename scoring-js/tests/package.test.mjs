// The JavaScript package, as its users get it: built by
// scripts/js-package.sh into scoring-js/pkg/ and imported by its name
// (`scoring-engine`, resolved through node_modules like an installed
// package), checked against the fixtures and the `scoring` command.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const PKG = join(ROOT, 'scoring-js', 'pkg');
const FIXTURES = join(ROOT, 'tests', 'fixtures');
const CLI = process.env.SCORING_CLI ?? join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'scoring');
const fixture = (name) => readFileSync(join(FIXTURES, name));

// `scoring-engine` resolves from here as from an application's files.
const modules = join(HERE, 'node_modules');
rmSync(modules, { recursive: true, force: true });
mkdirSync(modules);
symlinkSync(PKG, join(modules, 'scoring-engine'), 'dir');

let js;
let xlsx;
before(async () => {
  js = await import('scoring-engine');
  xlsx = await import('scoring-engine/xlsx');
});

const SHANDONG = readFileSync(join(ROOT, 'rubrics', 'shandong-commerce-2017.yaml'), 'utf8');
const shandong = () => js.loadRubric(SHANDONG, 'shandong-commerce-2017.yaml');

test('the worked example scores as the independent reference, to the cent', () => {
  const expected = JSON.parse(fixture('dept6.expected.json'));
  const report = js.score(shandong(), fixture('dept6.csv'), { name: 'dept6.csv' });
  assert.equal(report.rubric.id, 'shandong-commerce-2017');
  assert.equal(report.offices.length, expected.length);
  for (const want of expected) {
    const got = report.offices.find((o) => o.office === want.office);
    assert.ok(got, want.office);
    assert.equal(got.total, want.total, want.office);
    assert.equal(got.rank, want.rank, want.office);
    for (const [id, leaf] of Object.entries(want.indicators)) {
      assert.equal(got.indicators[id].score, leaf.score, `${want.office} ${id}`);
      assert.equal(got.indicators[id].points, leaf.points, `${want.office} ${id}`);
    }
  }
  // The same JSON as `scoring score --format json`.
  const cli = JSON.parse(execFileSync(CLI, ['score', '--data', join(FIXTURES, 'dept6.csv'), '--format', 'json']));
  assert.deepEqual(report, cli);
});

test('data as text, rows of cells, row objects and a workbook score alike', async () => {
  const rubric = shandong();
  const text = fixture('dept6.csv').toString('utf8');
  const totals = (r) => r.offices.map((o) => [o.office, o.total]);
  const want = totals(js.score(rubric, text));
  const rows = text.trim().split('\n').map((l) => l.split(','));
  assert.deepEqual(totals(js.score(rubric, rows)), want);
  const objects = rows.slice(1).map((cells) => Object.fromEntries(rows[0].map((h, i) => [h, cells[i]])));
  assert.deepEqual(totals(js.score(rubric, objects)), want);
  const book = xlsx.readWorkbook(fixture('dept6.xlsx'), 'dept6.xlsx');
  assert.equal(book.rows[0][0], '处室');
  assert.deepEqual(totals(js.score(rubric, book, { name: 'dept6.xlsx' })), want);
  assert.throws(() => xlsx.readWorkbook(new TextEncoder().encode('PK\x03\x04 not a zip'), 'bad.xlsx'), (e) => {
    assert.ok(e instanceof js.FormatError, 'the same FormatError class');
    assert.equal(e.code, 'format.spreadsheet');
    assert.match(e.text('zh'), /^bad\.xlsx：无法读取电子表格/);
    return true;
  });
});

test('GB18030 as Chinese Excel saves it, decoded by the platform; a bad byte is located as the command locates it', () => {
  const rubric = shandong();
  const gb = fixture('dept6-gb18030.csv');
  const report = js.score(rubric, gb, { name: 'dept6-gb18030.csv' });
  const utf8 = js.score(rubric, fixture('dept6.csv'));
  assert.deepEqual(report.offices, utf8.offices);
  const at = gb.indexOf(0x0a) + 1;
  const bad = Buffer.concat([gb.subarray(0, at), Buffer.from([0x81, 0x20]), gb.subarray(at)]);
  const dir = mkdtempSync(join(tmpdir(), 'scoring-js-'));
  writeFileSync(join(dir, 'bad.csv'), bad);
  const cli = spawnSync(CLI, ['score', '--data', join(dir, 'bad.csv')]);
  assert.throws(() => js.score(rubric, bad, { name: join(dir, 'bad.csv') }), (e) => {
    assert.ok(e instanceof js.FormatError);
    assert.equal(e.kind, 'format');
    assert.equal(e.code, 'format.encoding');
    assert.equal(e.diagnostics[0].line, 2);
    assert.equal(e.text('zh'), cli.stderr.toString().trim());
    return true;
  });
});

test('each kind of error is typed and carries the located problems in both languages', () => {
  // A rubric with problems: all of them at once.
  assert.throws(() => js.loadRubric('id: x\ntitle: {zh: 甲, en: A}\nversion: "1"\nsource: s\nindicators: []\n', 'x.yaml'), (e) => {
    assert.ok(e instanceof js.RubricError && e instanceof js.ScoringError && e instanceof Error);
    assert.equal(e.kind, 'rubric');
    assert.ok(e.diagnostics.length >= 1);
    for (const d of e.diagnostics) {
      assert.match(d.code, /^rubric\./);
      assert.equal(d.file, 'x.yaml');
      assert.ok(d.message.zh && d.message.en);
    }
    return true;
  });
  // Data: the same message as the command, with line, column, office, input.
  const dir = mkdtempSync(join(tmpdir(), 'scoring-js-'));
  const file = join(dir, 'bad.csv');
  writeFileSync(file, fixture('dept6.csv').toString('utf8').replace('法规处,6,', '法规处,six,'));
  const cli = spawnSync(CLI, ['score', '--data', file]);
  assert.equal(cli.status, 2);
  assert.throws(() => js.score(shandong(), readFileSync(file), { name: file }), (e) => {
    assert.ok(e instanceof js.DataError);
    assert.equal(e.code, 'data.not_a_number');
    const [d] = e.diagnostics;
    assert.deepEqual([d.line, d.column, d.office, d.input, d.text], [3, 2, '法规处', 'decision_drafts', 'six']);
    assert.equal(e.text('zh'), cli.stderr.toString().trim());
    assert.match(e.message, /not a number|number/);
    return true;
  });
  // Usage: an unknown language, an office not scored, a report not made here.
  const report = js.score(shandong(), fixture('dept6.csv'));
  assert.throws(() => js.score(shandong(), fixture('dept6.csv'), { lang: 'fr' }), (e) => e instanceof js.UsageError && e.code === 'usage.lang');
  // Options the engine does not know, or of the wrong kind, are said.
  assert.throws(
    () => js.score(shandong(), fixture('dept6.csv'), { explaination: true }),
    (e) => e instanceof js.UsageError && e.code === 'usage.options' && /unknown option `explaination`/.test(e.text('en')),
  );
  assert.throws(
    () => js.score(shandong(), fixture('dept6.csv'), { explanations: [1.5] }),
    (e) => e instanceof js.UsageError && e.code === 'usage.options' && /explanations 应为/.test(e.text('zh')),
  );
  assert.throws(() => js.explain(report, '无此处', 'decision_drafts'), (e) => e instanceof js.UsageError && e.code === 'usage.unknown_office');
  assert.throws(() => js.explain(report, '法规处', 'nope'), (e) => e instanceof js.UsageError && e.code === 'usage.unknown_indicator');
  assert.throws(() => js.explain(structuredClone(report), '法规处', 'decision_drafts'), (e) => e instanceof js.UsageError && /not a copy/.test(e.text('en')));
  assert.throws(() => js.score(shandong(), 42), (e) => e instanceof js.UsageError && e.code === 'usage.data');
});

test('explanations: the value, the place among how many, the rule and the points', () => {
  const report = js.score(shandong(), fixture('dept6.csv'), { explanations: ['法规处'], lang: 'en' });
  const why = js.explain(report, '法规处', 'decision_drafts', 'en');
  assert.deepEqual([why.place, why.of, why.points, why.score], [1, 6, '5.00', '100.00']);
  assert.equal(why.message, '1st of 6 (6 items) → 100 × 5% = 5.00 points');
  assert.match(js.explain(report, '法规处', 'decision_drafts', 'zh').message, /第1名\/共6个/);
  assert.equal(report.offices.find((o) => o.office === '法规处').indicators.decision_drafts.explanation, why.message);
  assert.equal(report.offices.find((o) => o.office === '办公室').indicators.decision_drafts.explanation, undefined);
});

test('a rubric diff with its impact on every office, as `scoring diff --format json`', () => {
  const old = shandong();
  const revised = js.loadRubric(readFileSync(join(ROOT, 'rubrics', 'shandong-commerce-2017-r2019.yaml'), 'utf8'));
  const data = fixture('r2019-movers.csv');
  const got = js.diff(old, revised, data, { lang: 'en' });
  const cli = JSON.parse(
    execFileSync(CLI, ['diff', join(ROOT, 'rubrics', 'shandong-commerce-2017.yaml'), join(ROOT, 'rubrics', 'shandong-commerce-2017-r2019.yaml'), '--data', join(FIXTURES, 'r2019-movers.csv'), '--format', 'json', '--lang', 'en']),
  );
  assert.deepEqual(got, cli);
  assert.ok(got.impact.offices.some((o) => o.old_place !== o.new_place), 'someone moves');
  // A weight moves figures; the version is wording alone.
  assert.equal(got.changes.find((c) => c.field === 'weight').wording, false);
  // Each change says what it is of, in words.
  assert.match(got.changes.find((c) => c.field === 'weight').subject.name, /^Indicator .* \((site_volume|site_visits)\)$/);
  assert.equal(got.changes.find((c) => c.field === 'version').wording, true);
  assert.equal(js.diff(old, revised).impact, undefined);
});

test('fingerprints, templates, the bundled rubrics and the schema are the command\'s', async () => {
  const rubric = shandong();
  const file = join(ROOT, 'rubrics', 'shandong-commerce-2017.yaml');
  assert.equal(js.fingerprint(rubric), execFileSync(CLI, ['fingerprint', file]).toString().trim().split(/\s+/)[0]);
  const template = execFileSync(CLI, ['template', '--lang', 'en']).toString('utf8').replace(/^\ufeff/, '');
  assert.equal(js.template(rubric, 'en'), template);
  const bundled = await js.bundledRubrics();
  assert.equal(bundled.length, 8);
  assert.deepEqual(bundled[0].title, { zh: rubric.title('zh'), en: rubric.title('en') });
  for (const b of bundled) assert.equal(b.yaml, readFileSync(join(ROOT, 'rubrics', b.file), 'utf8'));
  assert.deepEqual(await js.schema(), JSON.parse(readFileSync(join(ROOT, 'rubrics', 'rubric.schema.json'), 'utf8')));
});

test('the package is ready to publish: version, entries and types', () => {
  const pkg = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8'));
  const cargo = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8');
  assert.equal(pkg.version, cargo.match(/\[workspace\.package\][^[]*?version = "([^"]+)"/)[1]);
  for (const entry of Object.values(pkg.exports).filter((e) => typeof e === 'object')) {
    for (const file of Object.values(entry)) readFileSync(join(PKG, file));
  }
  for (const file of pkg.files) readFileSync(join(PKG, file));
});

test('the README\'s Node example runs as printed', () => {
  const example = readFileSync(join(ROOT, 'scoring-js', 'examples', 'node.mjs'), 'utf8');
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  assert.ok(readme.includes(example.trim()), 'README.md shows scoring-js/examples/node.mjs as it is');
  const dir = mkdtempSync(join(tmpdir(), 'scoring-js-app-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(PKG, join(dir, 'node_modules', 'scoring-engine'), 'dir');
  writeFileSync(join(dir, 'example.mjs'), example);
  const out = execFileSync(process.execPath, [join(dir, 'example.mjs'), join(FIXTURES, 'dept6.csv')]).toString();
  assert.match(out, /^1 办公室 96\.85$/m);
  assert.match(out, /^1st of 6 \(6 items\) → 100 × 5% = 5\.00 points$/m);
  assert.match(out, /^data\.csv:3:2 \(column B\), office 法规处, input decision_drafts .*: `six` is not a number$/m);
  assert.match(out, /^data\.not_a_number 3 2 法规处 decision_drafts$/m);
});

test('row objects in any order of keys, holes as blanks, cells of the wrong kind refused', () => {
  const rubric = shandong();
  const text = fixture('dept6.csv').toString('utf8');
  const rows = text.trim().split('\n').map((l) => l.split(','));
  const want = js.score(rubric, rows).offices.map((o) => [o.office, o.total]);
  // The office last, as `{...counts, office}` or a database row gives it.
  const objects = rows.slice(1).map((cells) => {
    const counts = Object.fromEntries(rows[0].slice(1).map((h, i) => [h, Number(cells[i + 1])]));
    return { ...counts, 处室: cells[0] };
  });
  assert.deepEqual(js.score(rubric, objects).offices.map((o) => [o.office, o.total]), want);
  // A hole is a blank cell, located as one (SheetJS leaves holes).
  const holed = rows.map((r) => [...r]);
  delete holed[2][1];
  assert.throws(() => js.score(rubric, holed), (e) => {
    assert.ok(e instanceof js.DataError, String(e));
    assert.equal(e.code, 'data.blank');
    assert.deepEqual([e.diagnostics[0].line, e.diagnostics[0].column], [3, 2]);
    return true;
  });
  // `true` is a flag's yes, not a count of 1; an array is no cell.
  assert.throws(() => js.score(rubric, [{ ...objects[0], decision_drafts: true }]), (e) => e instanceof js.DataError && e.code === 'data.not_a_number');
  assert.throws(() => js.score(rubric, [{ ...objects[0], decision_drafts: [6] }]), (e) => {
    assert.ok(e instanceof js.UsageError);
    assert.equal(e.code, 'usage.cell');
    assert.match(e.text('en'), /^row 2, `decision_drafts`: a cell must be .*, not an array$/);
    return true;
  });
  assert.throws(() => js.score(rubric, [new Map([['处室', '办公室']])]), (e) => e instanceof js.UsageError && e.code === 'usage.data');
  // A workbook's errors name the workbook.
  const book = xlsx.readWorkbook(fixture('dept6.xlsx'), 'dept6.xlsx');
  book.rows[2][1] = 'six';
  assert.throws(() => js.score(rubric, book), (e) => e instanceof js.DataError && e.diagnostics[0].file === 'dept6.xlsx');
});

test('arguments of the wrong type are usage errors, never a crash or a bare error', () => {
  const rubric = shandong();
  const report = js.score(rubric, fixture('dept6.csv'));
  const usage = (f, code) =>
    assert.throws(f, (e) => {
      assert.ok(e instanceof js.UsageError, `${f}: ${e?.constructor?.name} ${e}`);
      assert.equal(e.code, code, String(f));
      assert.ok(e.text('zh') && e.text('en'), String(f));
      return true;
    });
  usage(() => js.loadRubric(SHANDONG, 42), 'usage.argument');
  usage(() => js.loadRubric(null), 'usage.rubric');
  usage(() => js.score(rubric, fixture('dept6.csv'), { name: 42 }), 'usage.argument');
  usage(() => js.score(rubric, fixture('dept6.csv'), 'en'), 'usage.options');
  usage(() => js.score(rubric, fixture('dept6.csv'), { lang: 1 }), 'usage.lang');
  usage(() => js.explain(report, 42, 'decision_drafts'), 'usage.argument');
  usage(() => js.explain(report, ['法规处', '外资处'], 'decision_drafts'), 'usage.argument');
  usage(() => js.explain(report, undefined, 'decision_drafts'), 'usage.argument');
  usage(() => rubric.title(1), 'usage.lang');
  usage(() => rubric.title('fr'), 'usage.lang');
  usage(() => rubric.template('fr'), 'usage.lang');
  for (const notRubric of [null, 42, SHANDONG, {}]) {
    usage(() => js.score(notRubric, fixture('dept6.csv')), 'usage.rubric_object');
    usage(() => js.fingerprint(notRubric), 'usage.rubric_object');
    usage(() => js.template(notRubric), 'usage.rubric_object');
    usage(() => js.diff(notRubric, rubric), 'usage.rubric_object');
  }
  usage(() => new js.Rubric(), 'usage.rubric_new');
  usage(() => js.score(rubric, fixture('dept6.csv'), { explanations: ['无此处'] }), 'usage.unknown_office');
  usage(() => xlsx.readWorkbook(null), 'usage.workbook');
  // Options: null is none; diff refuses what it does not know, as score does.
  assert.equal(js.score(rubric, fixture('dept6.csv'), null).offices.length, 6);
  usage(() => js.diff(rubric, rubric, undefined, { language: 'en' }), 'usage.options');
  usage(() => js.diff(rubric, rubric, undefined, { explanations: true }), 'usage.options');
  usage(() => js.diff(rubric, rubric, { lang: 'en' }), 'usage.data');
  // A rubric: a class of the package, from YAML text or bytes; freed once.
  const other = js.loadRubric(readFileSync(join(ROOT, 'rubrics', 'shandong-commerce-2017.yaml')), 'bytes.yaml');
  assert.ok(other instanceof js.Rubric);
  assert.equal(other.title(), rubric.title('zh'));
  assert.deepEqual(JSON.parse(JSON.stringify(other)), { id: rubric.id, version: rubric.version, fingerprint: rubric.fingerprint() });
  const kept = js.score(other, fixture('dept6.csv'));
  other.free();
  other.free();
  usage(() => js.score(other, fixture('dept6.csv')), 'usage.rubric_freed');
  usage(() => other.id, 'usage.rubric_freed');
  assert.equal(js.explain(kept, '法规处', 'decision_drafts').points, '5.00', 'a report outlives its rubric');
  usage(() => js.loadRubric(new Uint8Array([0xff, 0xfe, 0x41])), 'usage.rubric');
  // Options JSON cannot hold, or that are no plain object; a row that is
  // no row; arrays and objects mixed.
  usage(() => js.score(rubric, fixture('dept6.csv'), { explanations: 1n }), 'usage.options');
  const circular = {};
  circular.self = circular;
  usage(() => js.score(rubric, fixture('dept6.csv'), circular), 'usage.options');
  usage(() => js.score(rubric, fixture('dept6.csv'), new Map([['lang', 'en']])), 'usage.options');
  usage(() => js.score(rubric, fixture('dept6.csv'), { lang: '' }), 'usage.lang');
  usage(() => js.score(rubric, { rows: [null] }), 'usage.data');
  usage(() => js.score(rubric, [['处室', 'decision_drafts'], { 处室: '办公室' }]), 'usage.data');
  // Every office asked for that was not scored is named.
  assert.throws(
    () => js.score(rubric, fixture('dept6.csv'), { explanations: ['甲', '乙'] }),
    (e) => e instanceof js.UsageError && e.diagnostics.length === 2 && /乙/.test(e.text('zh')),
  );
  // Half an emoji in a cell is read as CSV text reads it, not refused.
  const text = fixture('dept6.csv').toString('utf8').trim().split('\n').map((l) => l.split(','));
  text[1][0] = `办公室\ud83d`;
  assert.equal(js.score(rubric, text).offices[0].office, '办公室\ufffd');
  // A rubric's text with a byte-order mark, as some editors save it.
  assert.equal(js.loadRubric(`\ufeff${SHANDONG}`).id, rubric.id);
});

test('a rubric nested thousands of levels deep is refused, and the engine goes on', () => {
  for (const deep of ['- '.repeat(10000) + 'x', Array.from({ length: 4000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n')]) {
    for (let attempt = 0; attempt < 2; attempt++) {
      assert.throws(() => js.loadRubric(deep), (e) => e instanceof js.RubricError && e.code === 'rubric.too_deep');
    }
  }
  assert.equal(js.score(shandong(), fixture('dept6.csv')).offices.length, 6);
});

test('the shipped TypeScript types describe the API (tsc --strict)', () => {
  const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
  const run = spawnSync(tsc, ['-p', join(HERE, 'tsconfig.json')], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
