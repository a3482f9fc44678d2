// The package's API over the WebAssembly module (scoring_js.js, started
// by node.js or browser.js before this is used). Values cross as JSON:
// reports are plain objects in the shape of scoring-core's `Report`
// (docs/report.schema.json), decimals as strings, never floats.
import * as engine from './scoring_js.js';

import { KINDS, ScoringError, RubricError, DataError, FormatError, ScoreError, UsageError } from './errors.js';

export { ScoringError, RubricError, DataError, FormatError, ScoreError, UsageError };

function usage(code, en, zh) {
  return new UsageError('usage', [{ code, message: { zh, en } }]);
}

/** Runs an engine call, turning what it throws into a typed error. */
function call(f) {
  try {
    return f();
  } catch (e) {
    if (typeof e === 'string' && e.startsWith('{"kind"')) {
      const { kind, diagnostics } = JSON.parse(e);
      throw new (KINDS[kind] ?? ScoringError)(kind, diagnostics);
    }
    throw e;
  }
}

function lang(value) {
  return value ?? 'zh';
}

/**
 * Loads a rubric from its YAML text (`name` names it in errors). Throws a
 * RubricError listing every problem.
 */
export function loadRubric(yamlText, name = 'rubric.yaml') {
  if (typeof yamlText !== 'string') throw usage('usage.rubric', 'the rubric must be YAML text', '评分细则应为 YAML 文本');
  return call(() => engine.loadRubric(name, yamlText));
}

/**
 * The rubrics that come with the engine: a promise of
 * `[{file, id, version, title: {zh, en}, yaml}]`, the default first. Their
 * texts are a module of their own (bundled.js), downloaded only when asked
 * for, so that an embedder with its own rubric does not fetch them.
 */
export async function bundledRubrics() {
  const { rubrics } = await import('./bundled.js');
  return rubrics.map(({ file, yaml }) => {
    const rubric = loadRubric(yaml, file);
    const about = { file, id: rubric.id, version: rubric.version, title: { zh: rubric.title('zh'), en: rubric.title('en') }, yaml };
    rubric.free();
    return about;
  });
}

/** A promise of the rubric JSON Schema (draft-07), for editors and validators; from bundled.js, as the rubrics. */
export async function schema() {
  const { schema } = await import('./bundled.js');
  return structuredClone(schema);
}

/** The SHA-256 fingerprint of a rubric's meaning (64 hex digits). */
export function fingerprint(rubric) {
  return rubric.fingerprint();
}

/** An empty data file for the rubric: CSV text with the header row in `lang`. */
export function template(rubric, language = 'zh') {
  return call(() => rubric.template(lang(language)));
}

const encoder = new TextEncoder();

/** Data as the engine takes it: CSV bytes, or table rows with their line numbers. */
function asData(data) {
  if (typeof data === 'string') return { csv: encoder.encode(data) };
  if (data instanceof Uint8Array) return { csv: data };
  if (data instanceof ArrayBuffer) return { csv: new Uint8Array(data) };
  if (ArrayBuffer.isView(data)) return { csv: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  if (data && Array.isArray(data.rows)) {
    // A workbook's first sheet (from the `xlsx` entry): rows with their
    // sheet row numbers.
    return { rows: data.rows.map((cells, i) => [data.lines?.[i] ?? i + 1, cells.map(cell)]) };
  }
  if (Array.isArray(data)) {
    if (data.every(Array.isArray)) return { rows: data.map((cells, i) => [i + 1, cells.map(cell)]) };
    if (data.every((r) => r && typeof r === 'object')) {
      // Row objects: the columns are their keys, in first-seen order.
      const header = [];
      for (const row of data) for (const k of Object.keys(row)) if (!header.includes(k)) header.push(k);
      return { rows: [[1, header], ...data.map((row, i) => [i + 2, header.map((k) => cell(row[k]))])] };
    }
  }
  throw usage(
    'usage.data',
    'data must be CSV text or bytes, an array of row objects, an array of rows of cells, or a workbook from the xlsx entry',
    '数据应为 CSV 文本或字节、行对象数组、单元格行数组，或 xlsx 入口读出的工作簿',
  );
}

function cell(value) {
  if (value === null || value === undefined) return '';
  if (value === true) return '1';
  if (value === false) return '0';
  return String(value);
}

const scoredOf = new WeakMap();

/**
 * Scores data with a rubric: a plain object in the shape of `Report`
 * (docs/report.schema.json). Options: `lang` ('zh' or 'en', for titles
 * and explanations), `explanations` (true, or the offices' names),
 * `name` (the data's name in errors, `data.csv` by default).
 */
export function score(rubric, data, options = {}) {
  const { name = 'data.csv', ...rest } = options;
  const given = asData(data);
  // Every option but the file's name goes to the engine, which refuses one
  // it does not know (a misspelt option is said, not ignored).
  const json = JSON.stringify({ ...rest, lang: lang(rest.lang) });
  const scored = call(() =>
    given.csv ? engine.scoreCsv(rubric, name, given.csv, json) : engine.scoreRows(rubric, name, JSON.stringify(given.rows), json),
  );
  const report = JSON.parse(scored.report());
  scoredOf.set(report, scored);
  return report;
}

/**
 * How an office came by its score on a leaf indicator, for a report that
 * `score` returned: `{office, indicator, value, place, of, score, weight,
 * points, rule, message}` in `lang`.
 */
export function explain(report, office, indicator, language = 'zh') {
  const scored = scoredOf.get(report);
  if (!scored) throw usage('usage.report', 'explain takes a report returned by score()', 'explain 需要 score() 返回的报告');
  return JSON.parse(call(() => scored.explain(office, indicator, lang(language))));
}

/**
 * What changed between two rubrics (the same document as `scoring diff
 * --format json`): `{old, new, changes}`, and `impact` on every office
 * when data is given (any form `score` takes).
 */
export function diff(oldRubric, newRubric, data, options = {}) {
  const { name = 'data.csv' } = options;
  const given = data === undefined || data === null ? null : asData(data);
  const kind = given === null ? 'none' : given.csv ? 'csv' : 'rows';
  return JSON.parse(
    call(() =>
      engine.diff(oldRubric, newRubric, name, kind, given?.csv ?? new Uint8Array(), given?.rows ? JSON.stringify(given.rows) : '', lang(options.lang)),
    ),
  );
}
