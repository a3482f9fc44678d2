// The `xlsx` entry: reading workbooks, a module of its own.
import type { Workbook } from './index.js';

export type { Workbook };

/** The first sheet of an XLSX workbook, to pass to `score` or `diff`; throws a FormatError. */
export function readWorkbook(bytes: Uint8Array | ArrayBuffer, name?: string): Workbook;
