// Reading XLSX workbooks: a module of its own (about as large as the
// engine), for those who need it.
import * as xlsx from './scoring_xlsx.js';
import { FormatError } from './errors.js';

/**
 * The first sheet of an XLSX workbook: `{name, rows, lines}`, every cell
 * as the text a person sees, with each row's number in the sheet. Pass it
 * to `score` or `diff` as data. Throws a FormatError when the bytes are
 * not a workbook it can read.
 */
export function readWorkbook(bytes, name = 'data.xlsx') {
  let json;
  try {
    json = xlsx.readSheet(name, bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  } catch (e) {
    const detail = e && e.message ? e.message : String(e);
    throw new FormatError('format', [
      {
        code: 'format.spreadsheet',
        file: name,
        message: { zh: `${name}：无法读取电子表格：${detail}`, en: `${name}: cannot read the spreadsheet: ${detail}` },
      },
    ]);
  }
  const pairs = JSON.parse(json);
  return { name, rows: pairs.map(([, cells]) => cells), lines: pairs.map(([line]) => line) };
}
