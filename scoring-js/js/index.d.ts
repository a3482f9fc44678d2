// Types of the scoring engine for JavaScript (the package's main entry,
// for Node and browsers alike). Reports have the shape of
// docs/report.schema.json: decimals are strings at the rubric's
// precision ("95.00"), never floating-point numbers.

/** `'zh'` (the default) or `'en'`. */
export type Lang = 'zh' | 'en';

/** A published figure: a decimal number as a string (`"95.00"`). */
export type Figure = string;

/** A rubric, loaded and checked (`loadRubric`). */
export class Rubric {
  private constructor();
  /** Frees its memory now (otherwise when it is garbage-collected). */
  free(): void;
  readonly id: string;
  readonly version: string;
  /** Its title in `lang`. */
  title(lang: Lang): string;
  /** The SHA-256 fingerprint of its meaning (64 hex digits). */
  fingerprint(): string;
  /** An empty data file: CSV text with the header row in `lang`. */
  template(lang: Lang): string;
}

/** One located problem, as the Rust errors and `scoring` give it (docs/errors.md). */
export interface Diagnostic {
  /** A stable code: `data.not_a_number`, `rubric.weights_mismatch`… */
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

/** What the engine throws: every problem found, located, in both languages. */
export class ScoringError extends Error {
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

/**
 * Data to score: CSV text or bytes (UTF-8, UTF-16 with BOM, or GB18030 as
 * Chinese Excel saves it), row objects keyed by column (ids or labels,
 * the office's name under `处室` or `office`), rows of cells with the
 * header first, or a workbook read by the `xlsx` entry.
 */
export type Data =
  | string
  | Uint8Array
  | ArrayBuffer
  | Record<string, string | number | boolean | null | undefined>[]
  | (string | number | boolean | null | undefined)[][]
  | Workbook;

export interface ScoreOptions {
  /** Titles and explanations in this language. */
  lang?: Lang;
  /** Every office's explanations (`true`), or these offices'. */
  explanations?: boolean | string[];
  /** The data's name in errors (`data.csv`). */
  name?: string;
}

export interface Explanation {
  office: string;
  indicator: string;
  /** The value scored. */
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
  subject: { type: string; id?: string };
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
  change: Figure;
  drivers: { id: string; name: string; old_points: Figure; new_points: Figure; change: Figure }[];
}

/** The same document as `scoring diff --format json`. */
export interface RubricDiff {
  old: { id: string; version: string; fingerprint: string };
  new: { id: string; version: string; fingerprint: string };
  changes: DiffChange[];
  /** With data: every office's total and place under both rubrics. */
  impact?: { unchanged: boolean; offices: OfficeImpact[] };
}

export interface BundledRubric {
  file: string;
  id: string;
  version: string;
  title: { zh: string; en: string };
  yaml: string;
}

/** Loads a rubric from YAML text; throws a RubricError with every problem. */
export function loadRubric(yamlText: string, name?: string): Rubric;
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
/** How an office came by its score on a leaf indicator (for a report `score` returned). */
export function explain(report: Report, office: string, indicator: string, lang?: Lang): Explanation;
/** What changed between two rubrics, and with data, whose score and place it moves. */
export function diff(oldRubric: Rubric, newRubric: Rubric, data?: Data, options?: { lang?: Lang; name?: string }): RubricDiff;
