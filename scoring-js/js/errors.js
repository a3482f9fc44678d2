// The errors the package throws: typed, carrying every located problem
// with its code and message in Chinese and English (docs/errors.md).

/** A problem the engine found: every located problem, in both languages. */
export class ScoringError extends Error {
  constructor(kind, diagnostics) {
    super(diagnostics.map((d) => d.message.en).join('\n'));
    this.name = new.target.name;
    /** 'rubric' | 'data' | 'format' | 'score' | 'usage' */
    this.kind = kind;
    /** Each problem: code, file, line, column, office, input, text, message {zh, en}. */
    this.diagnostics = diagnostics;
    /** The first problem's code (`data.not_a_number`). */
    this.code = diagnostics[0]?.code;
  }

  /** Every problem's message in `lang` ('zh' or 'en'), one per line. */
  text(lang = 'zh') {
    return this.diagnostics.map((d) => d.message[lang] ?? d.message.en).join('\n');
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

