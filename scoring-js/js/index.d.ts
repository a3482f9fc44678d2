// Types of the scoring engine for JavaScript (the package's main entry,
// for Node and browsers alike). Reports have the shape of
// docs/report.schema.json: decimals are strings at the rubric's
// precision ("95.00"), never floating-point numbers.

/** `'zh'` (the default) or `'en'`. */
export type Lang = 'zh' | 'en';

/** A published figure: a decimal number as a string (`"95.00"`). */
export type Figure = string;

/** A rubric, loaded and checked: made by `loadRubric` (`instanceof Rubric` holds). */
export class Rubric {
  private constructor();
  /**
   * Frees its engine memory now (otherwise when it is garbage-collected).
   * Reports made with it stay usable; the rubric itself then throws
   * `usage.rubric_freed`.
   */
  free(): void;
  readonly id: string;
  readonly version: string;
  /** Its title in `lang` (`zh` by default). */
  title(lang?: Lang): string;
  /** The SHA-256 fingerprint of its meaning (64 hex digits). */
  fingerprint(): string;
  /** An empty data file: CSV text with the header row in `lang` (`zh` by default). */
  template(lang?: Lang): string;
  /** What identifies it, for logs and `JSON.stringify`. */
  toJSON(): { id: string; version: string; fingerprint: string };
}

/** One located problem, as the Rust errors and `scoring` give it (docs/errors.md). */
export interface Diagnostic {
  /** A stable code: `data.not_a_number`, `rubric.weight_mismatch`… */
  code: string;
  file?: string;
  /** Where in the rubric (`indicators[2].weight`). */
  path?: string;
  line?: number;
  column?: number;
  office?: string;
  input?: string;
  item?: string;
  /** The offending text. */
  text?: string;
  message: { zh: string; en: string };
}

export type ErrorKind = 'rubric' | 'data' | 'format' | 'score' | 'usage';

/**
 * What the engine throws: every problem found, located, in both languages.
 * `message` is every problem's English message (for logs); `text('zh')`
 * gives them in Chinese. Each message already says where (file, line,
 * column, office, input).
 */
export class ScoringError extends Error {
  constructor(kind: ErrorKind, diagnostics?: Diagnostic[]);
  readonly kind: ErrorKind;
  readonly diagnostics: Diagnostic[];
  /** The first problem's code. */
  readonly code: string | undefined;
  /** Every problem's message in `lang`, one per line. */
  text(lang?: Lang): string;
}
/** The rubric is not valid. */
export class RubricError extends ScoringError {}
/** The data does not fit the rubric. */
export class DataError extends ScoringError {}
/** The bytes are not readable CSV (encoding, quotes) or not a workbook. */
export class FormatError extends ScoringError {}
/** Scoring itself failed. */
export class ScoreError extends ScoringError {}
/** The package was called wrongly. */
export class UsageError extends ScoringError {}

export interface RubricStamp {
  id: string;
  title: string;
  version: string;
  source: string;
  precision: number;
  fingerprint: string;
}

export interface IndicatorReport {
  score: Figure;
  points: Figure;
  /** The place, for ranked indicators. */
  place?: number;
  not_applicable?: boolean;
  /** With `explanations`: how the score came about. */
  explanation?: string;
  rule?: string;
}

export interface OfficeReport {
  office: string;
  /** The category's id (rubrics with categories). */
  category?: string;
  total: Figure;
  /** The overall place (ties share it), within the category if any. */
  rank: number;
  grade?: string;
  veto?: string;
  top_share?: boolean;
  /** Each group's subtotal, by group id. */
  groups: Record<string, Figure>;
  adjustments?: Record<string, Figure>;
  pools?: Record<string, Figure>;
  limit?: Figure;
  /** Each leaf indicator's result, by id, in the rubric's order. */
  indicators: Record<string, IndicatorReport>;
  total_note?: string;
  na_note?: string;
  grade_note?: string;
  items?: unknown[];
}

/** Every office's results under one rubric. */
export interface Report {
  rubric: RubricStamp;
  /** The offices, in data order. */
  offices: OfficeReport[];
}

/** A workbook's first sheet, from the `xlsx` entry. */
export interface Workbook {
  name: string;
  rows: string[][];
  /** Each row's number in the sheet. */
  lines?: number[];
}

/** A cell: a number, text, a flag, or blank (`null`, `undefined`, `''`, a hole in an array). */
export type Cell = string | number | boolean | null | undefined;

/**
 * Data to score: CSV text or bytes (UTF-8, UTF-16 with BOM, or GB18030 as
 * Chinese Excel saves it), row objects keyed by column (ids or labels,
 * the office's name under `处室` or `office`, in any order of keys), rows
 * of cells with the header first, or a workbook read by the `xlsx` entry.
 *
 * Errors locate arrays as a table: for rows of cells, line N is the Nth
 * row (the header line 1); for row objects, line 1 is the header (their
 * keys, the office's first) and the first object line 2.
 */
export type Data =
  | string
  | Uint8Array
  | ArrayBuffer
  | ArrayBufferView
  | Record<string, Cell>[]
  | Cell[][]
  | Workbook;

export interface ScoreOptions {
  /** Titles and explanations in this language. */
  lang?: Lang;
  /** Every office's explanations (`true`), or these offices'. */
  explanations?: boolean | string[];
  /** The data's name in errors (a workbook's own name, otherwise `data.csv`). */
  name?: string;
}

export interface DiffOptions {
  /** The changes and names in this language. */
  lang?: Lang;
  /** The data's name in errors (a workbook's own name, otherwise `data.csv`). */
  name?: string;
}

export interface Explanation {
  office: string;
  indicator: string;
  /** The value scored, exact (a rate is not rounded: `"66.666666666666666666666666667"`). */
  value: string;
  place: number | null;
  /** Among how many offices. */
  of: number;
  score: Figure;
  weight: string;
  points: Figure;
  /** The rule applied. */
  rule: string;
  /** The whole explanation in a sentence. */
  message: string;
}

export interface DiffChange {
  change: 'added' | 'removed' | 'moved' | 'field';
  /** What changed: its type, id and name in words (`指标 上网信息量（site_volume）`). */
  subject: { type: string; id?: string; name: string };
  /** What was added or removed, in the language asked for. */
  what?: string;
  /** The key of a field changed (`weight`, `tally.visits`, `grades.0.at_least`). */
  field?: string;
  old?: unknown;
  new?: unknown;
  /** The change in words, in the language asked for. */
  text: string;
  /** Wording alone (a name, help text, unit, the version…): no score, place or grade can move. */
  wording: boolean;
}

export interface OfficeImpact {
  office: string;
  old_total: Figure;
  old_place: number;
  new_total: Figure;
  new_place: number;
  /** new − old, at the finer of the two rubrics' precisions. */
  change: Figure;
  /** The total changed by rounding alone (decimal places or the rounding rule). */
  rounding_only: boolean;
  drivers: { id: string; name: string; old_points: Figure; new_points: Figure; change: Figure }[];
}

/** The same document as `scoring diff --format json`. */
export interface RubricDiff {
  old: { id: string; version: string; fingerprint: string };
  new: { id: string; version: string; fingerprint: string };
  changes: DiffChange[];
  /**
   * With data: every office's total and place under both rubrics. When a
   * deadline changed, `late_counts_typed` and `note` say that the late
   * counts are the data's, not judged again by the new deadline.
   */
  impact?: { unchanged: boolean; offices: OfficeImpact[]; late_counts_typed?: boolean; note?: string };
}

export interface BundledRubric {
  file: string;
  id: string;
  version: string;
  title: { zh: string; en: string };
  yaml: string;
}

/** Loads a rubric from YAML text or its UTF-8 bytes; throws a RubricError with every problem. */
export function loadRubric(yaml: string | Uint8Array | ArrayBuffer, name?: string): Rubric;
/** The rubrics that come with the engine, the default first (their texts are downloaded when asked for). */
export function bundledRubrics(): Promise<BundledRubric[]>;
/** The rubric JSON Schema (draft-07), downloaded when asked for. */
export function schema(): Promise<Record<string, unknown>>;
/** A rubric's fingerprint. */
export function fingerprint(rubric: Rubric): string;
/** An empty data file for the rubric (CSV text). */
export function template(rubric: Rubric, lang?: Lang): string;
/** Scores data with a rubric. */
export function score(rubric: Rubric, data: Data, options?: ScoreOptions): Report;
/**
 * How an office came by its score on a leaf indicator: for the very report
 * object `score` returned (a copy, e.g. through JSON, cannot be explained;
 * ask `score` for `explanations` instead). The engine keeps what it needs
 * until that report is garbage-collected.
 */
export function explain(report: Report, office: string, indicator: string, lang?: Lang): Explanation;
/** What changed between two rubrics, and with data, whose score and place it moves. */
export function diff(oldRubric: Rubric, newRubric: Rubric, data?: Data | null, options?: DiffOptions): RubricDiff;
