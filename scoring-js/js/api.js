// The package's API over the WebAssembly module (scoring_js.js, started
// by node.js or browser.js before this is used). Values cross as JSON:
// reports are plain objects in the shape of scoring-core's `Report`
// (docs/report.schema.json), decimals as strings, never floats.
//
// What JavaScript can hand over that Rust cannot take (a number where a
// text is due, a rubric freed, a Map for a row) is refused here, as a
// UsageError, before it reaches the engine.
import * as engine from './scoring_js.js';

import { KINDS, ScoringError, RubricError, DataError, FormatError, ScoreError, UsageError, usage, what } from './errors.js';

export { ScoringError, RubricError, DataError, FormatError, ScoreError, UsageError };

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

/** `value` if it is text; otherwise a UsageError naming the argument. */
function text(value, en, zh) {
  if (typeof value === 'string') return value;
  const [enWhat, zhWhat] = what(value);
  throw usage('usage.argument', `${en} must be text, not ${enWhat}`, `${zh}应为文本，而不是${zhWhat}`);
}

/** A language for the engine, which refuses any text but `zh` and `en`. */
function lang(value) {
  if (value === undefined || value === null) return 'zh';
  if (typeof value === 'string' && value !== '') return value;
  const [en, zh] = what(value);
  throw usage('usage.lang', `the language must be 'zh' or 'en', not ${en}`, `语言应为 'zh' 或 'en'，而不是${zh}`);
}

/** Options as a plain object (none given: `{}`). */
function optionsOf(options) {
  if (options === undefined || options === null) return {};
  const proto = typeof options === 'object' ? Object.getPrototypeOf(options) : undefined;
  if (proto === Object.prototype || proto === null) return options;
  const [en, zh] = what(options);
  throw usage('usage.options', `options not understood: they should be an object, not ${en}`, `选项无法识别：应为一个对象，而不是${zh}`);
}

// Each Rubric's engine object, until it is freed.
const engines = new WeakMap();
const freed = new WeakSet();
let making = false;

/** The engine's rubric behind `rubric`, or a UsageError saying why there is none. */
function live(rubric) {
  const inner = engines.get(rubric);
  if (inner) return inner;
  if (freed.has(rubric)) {
    throw usage('usage.rubric_freed', 'this rubric was freed (free()): load it again', '该评分细则已释放（free()）：请重新载入');
  }
  const [en, zh] = what(rubric);
  throw usage('usage.rubric_object', `expected a Rubric from loadRubric(), not ${en}`, `应为 loadRubric() 返回的评分细则（Rubric），而不是${zh}`);
}

/** A rubric, loaded and checked: made by `loadRubric`. */
export class Rubric {
  constructor() {
    if (!making) throw usage('usage.rubric_new', 'a Rubric is made by loadRubric(yaml)', '评分细则（Rubric）由 loadRubric(yaml) 创建');
  }

  /** The rubric's id. */
  get id() {
    return live(this).id;
  }

  /** The rubric's version. */
  get version() {
    return live(this).version;
  }

  /** Its title in `lang` ('zh', the default, or 'en'). */
  title(language = 'zh') {
    const inner = live(this);
    return call(() => inner.title(lang(language)));
  }

  /** The SHA-256 fingerprint of its meaning (64 hex digits). */
  fingerprint() {
    return live(this).fingerprint();
  }

  /** An empty data file: CSV text with the header row in `lang` ('zh', the default, or 'en'). */
  template(language = 'zh') {
    const inner = live(this);
    return call(() => inner.template(lang(language)));
  }

  /** Frees its memory now (otherwise when it is garbage-collected); reports made with it stay usable. */
  free() {
    const inner = engines.get(this);
    if (!inner) return;
    engines.delete(this);
    freed.add(this);
    inner.free();
  }

  /** What identifies it, for logs: `{id, version, fingerprint}`. */
  toJSON() {
    const inner = live(this);
    return { id: inner.id, version: inner.version, fingerprint: inner.fingerprint() };
  }

  /** As Node's console shows it. */
  [Symbol.for('nodejs.util.inspect.custom')]() {
    const inner = engines.get(this);
    return inner ? `Rubric { id: '${inner.id}', version: '${inner.version}' }` : 'Rubric { freed }';
  }
}

/** Options as JSON for the engine; what JSON cannot hold is a UsageError. */
function optionsJson(options) {
  try {
    return JSON.stringify(options);
  } catch (e) {
    throw usage('usage.options', `options not understood: ${e.message}`, `选项无法识别：${e.message}`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Loads a rubric from its YAML text or UTF-8 bytes (`name` names it in
 * errors). Throws a RubricError listing every problem.
 */
export function loadRubric(yaml, name = 'rubric.yaml') {
  const file = text(name, 'the rubric\'s name', '评分细则的名称');
  let source = yaml;
  if (typeof source !== 'string') {
    const bytes = bytesOf(source);
    if (!bytes) {
      const [en, zh] = what(yaml);
      throw usage('usage.rubric', `the rubric must be YAML text or its UTF-8 bytes, not ${en}`, `评分细则应为 YAML 文本或其 UTF-8 字节，而不是${zh}`);
    }
    try {
      source = utf8.decode(bytes);
    } catch {
      throw usage('usage.rubric', `${file}: the rubric is not UTF-8 text (save it as UTF-8)`, `${file}：评分细则不是 UTF-8 文本（请另存为 UTF-8）`);
    }
  }
  const inner = call(() => engine.loadRubric(file, source));
  making = true;
  let rubric;
  try {
    rubric = new Rubric();
  } finally {
    making = false;
  }
  engines.set(rubric, inner);
  return rubric;
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
  return live(rubric).fingerprint();
}

/** An empty data file for the rubric: CSV text with the header row in `lang`. */
export function template(rubric, language = 'zh') {
  const inner = live(rubric);
  return call(() => inner.template(lang(language)));
}

const encoder = new TextEncoder();

/** Bytes as a Uint8Array, or null when `value` is not bytes. */
function bytesOf(value) {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return null;
}

/** Whether `key` heads the offices' column (as the engine reads a header). */
function isOfficeKey(key) {
  const k = key.trim().toLowerCase();
  return k === 'office' || k === '处室';
}

/** Data as the engine takes it: CSV bytes, or table rows with their line numbers. */
function asData(data) {
  if (typeof data === 'string') return { csv: encoder.encode(data) };
  const bytes = bytesOf(data);
  if (bytes) return { csv: bytes };
  if (data && !Array.isArray(data) && Array.isArray(data.rows)) {
    // A workbook's first sheet (from the `xlsx` entry): rows with their
    // sheet row numbers.
    return { rows: Array.from(data.rows, (cells, i) => row(data.lines?.[i] ?? i + 1, cells)) };
  }
  if (Array.isArray(data)) {
    // Array.from, not map: a hole (`[a, , b]`, as SheetJS leaves empty
    // cells) is a blank cell, not a row the engine cannot read.
    const list = Array.from(data);
    if (list.every(Array.isArray)) return { rows: list.map((cells, i) => row(i + 1, cells)) };
    if (list.every((r) => r && typeof r === 'object' && !Array.isArray(r) && !(r instanceof Map) && !(r instanceof Set))) {
      // Row objects: the columns are their keys, in first-seen order, the
      // office's first (the engine reads it from the first column).
      const header = [];
      for (const r of list) for (const k of Object.keys(r)) if (!header.includes(k)) header.push(k);
      const office = header.findIndex(isOfficeKey);
      if (office > 0) header.unshift(...header.splice(office, 1));
      return {
        rows: [[1, header], ...list.map((r, i) => [i + 2, header.map((k, c) => cell(r[k], i + 2, c, k))])],
      };
    }
  }
  throw usage(
    'usage.data',
    'data must be CSV text or bytes, an array of row objects, an array of rows of cells, or a workbook from the xlsx entry',
    '数据应为 CSV 文本或字节、行对象数组、单元格行数组，或 xlsx 入口读出的工作簿',
  );
}

function row(line, cells) {
  if (cells === null || typeof cells !== 'object' || typeof cells.length !== 'number') {
    const [en, zh] = what(cells);
    throw usage('usage.data', `row ${line} must be an array of cells, not ${en}`, `第 ${line} 行应为单元格数组，而不是${zh}`);
  }
  return [line, Array.from(cells, (v, c) => cell(v, line, c))];
}

/** A cell's text: numbers, texts and booleans as written, blanks as ''. */
function cell(value, line, column, key) {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      // Half an emoji (a lone surrogate) as CSV text reads it: U+FFFD.
      return typeof value.toWellFormed === 'function' ? value.toWellFormed() : value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
  }
  const [en, zh] = what(value);
  const where = key === undefined ? `column ${column + 1}` : `\`${key}\``;
  const zhWhere = key === undefined ? `第 ${column + 1} 列` : `“${key}”`;
  throw usage(
    'usage.cell',
    `row ${line}, ${where}: a cell must be a number, text, true, false or empty, not ${en}`,
    `第 ${line} 行${zhWhere}：单元格应为数字、文本、true、false 或空，而不是${zh}`,
  );
}

/** The name errors give the data: the option, a workbook's own, or `data.csv`. */
function nameOf(options, data) {
  if (options.name !== undefined) return text(options.name, 'the option `name`', '选项 name');
  if (data && typeof data.name === 'string' && Array.isArray(data.rows)) return data.name;
  return 'data.csv';
}

const scoredOf = new WeakMap();

/**
 * Scores data with a rubric: a plain object in the shape of `Report`
 * (docs/report.schema.json). Options: `lang` ('zh' or 'en', for titles
 * and explanations), `explanations` (true, or the offices' names),
 * `name` (the data's name in errors: a workbook's own, or `data.csv`).
 */
export function score(rubric, data, options) {
  const inner = live(rubric);
  const given = optionsOf(options);
  const { name: _, ...rest } = given;
  const name = nameOf(given, data);
  const table = asData(data);
  // Every option but the file's name goes to the engine, which refuses one
  // it does not know (a misspelt option is said, not ignored).
  const json = optionsJson({ ...rest, lang: lang(rest.lang) });
  const scored = call(() =>
    table.csv ? engine.scoreCsv(inner, name, table.csv, json) : engine.scoreRows(inner, name, JSON.stringify(table.rows), json),
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
  if (!scored) {
    throw usage(
      'usage.report',
      'explain takes the very report object score() returned (not a copy of it: a copy carries only the explanations asked for with the option `explanations`)',
      'explain 需要 score() 返回的报告对象本身（而不是其副本：副本只带有以选项 explanations 要求的说明）',
    );
  }
  const who = text(office, 'the office', '处室');
  const leaf = text(indicator, 'the indicator', '指标');
  const how = lang(language);
  return JSON.parse(call(() => scored.explain(who, leaf, how)));
}

/**
 * What changed between two rubrics (the same document as `scoring diff
 * --format json`): `{old, new, changes}`, and `impact` on every office
 * when data is given (any form `score` takes). Options: `lang`, `name`.
 */
export function diff(oldRubric, newRubric, data, options) {
  const a = live(oldRubric);
  const b = live(newRubric);
  const given = optionsOf(options);
  const { name: _, ...rest } = given;
  const name = nameOf(given, data);
  let table = null;
  if (data !== undefined && data !== null) {
    if (typeof data === 'object' && !Array.isArray(data) && !bytesOf(data) && !Array.isArray(data.rows)) {
      throw usage(
        'usage.data',
        'data must be CSV text or bytes, rows, or a workbook; options come fourth: diff(old, new, undefined, { lang })',
        '数据应为 CSV 文本或字节、若干行或工作簿；选项是第四个参数：diff(old, new, undefined, { lang })',
      );
    }
    table = asData(data);
  }
  const kind = table === null ? 'none' : table.csv ? 'csv' : 'rows';
  // The options go to the engine, which refuses one it does not know.
  const json = optionsJson({ ...rest, lang: lang(rest.lang) });
  return JSON.parse(
    call(() => engine.diff(a, b, name, kind, table?.csv ?? new Uint8Array(), table?.rows ? JSON.stringify(table.rows) : '', json)),
  );
}
