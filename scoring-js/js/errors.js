// The errors the package throws: typed, carrying every located problem
// with its code and message in Chinese and English (docs/errors.md).

/** A problem the engine found: every located problem, in both languages. */
export class ScoringError extends Error {
  constructor(kind, diagnostics = []) {
    const list = Array.isArray(diagnostics) ? diagnostics : [];
    super(list.map((d) => d?.message?.en ?? '').join('\n'));
    this.name = new.target.name;
    /** 'rubric' | 'data' | 'format' | 'score' | 'usage' */
    this.kind = kind;
    /** Each problem: code, file, line, column, office, input, text, message {zh, en}. */
    this.diagnostics = list;
    /** The first problem's code (`data.not_a_number`). */
    this.code = list[0]?.code;
  }

  /** Every problem's message in `lang` ('zh' or 'en'), one per line. */
  text(lang = 'zh') {
    return this.diagnostics.map((d) => d?.message?.[lang] ?? d?.message?.en ?? '').join('\n');
  }
}
/** The rubric is not valid (YAML, structure, weights…). */
export class RubricError extends ScoringError {}
/** The data does not fit the rubric (headers, cells, offices). */
export class DataError extends ScoringError {}
/** The bytes are not readable as CSV (encoding, quotes). */
export class FormatError extends ScoringError {}
/** Scoring itself failed. */
export class ScoreError extends ScoringError {}
/** The package was called wrongly (an unknown language or office). */
export class UsageError extends ScoringError {}

export const KINDS = { rubric: RubricError, data: DataError, format: FormatError, score: ScoreError, usage: UsageError };

/** A UsageError with one problem (`code`), said in both languages. */
export function usage(code, en, zh) {
  return new UsageError('usage', [{ code, message: { zh, en } }]);
}

/** What a value is, in words, for a usage error: `a number`, `null`, `an array`. */
export function what(value) {
  if (value === null) return ['null', 'null'];
  if (value === undefined) return ['nothing (undefined)', '空值（undefined）'];
  if (Array.isArray(value)) return ['an array', '数组'];
  if (value instanceof Map) return ['a Map', 'Map'];
  const type = typeof value;
  const zh = { number: '数字', boolean: '布尔值', object: '对象', function: '函数', bigint: '大整数', symbol: 'Symbol', string: '文本' };
  const en = { number: 'a number', boolean: 'a boolean', object: 'an object', function: 'a function', bigint: 'a bigint', symbol: 'a symbol', string: 'text' };
  return [en[type] ?? type, zh[type] ?? type];
}
