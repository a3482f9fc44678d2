// Reading XLSX workbooks: a module of its own (about as large as the
// engine), for those who need it.
import * as xlsx from './scoring_xlsx.js';
import { FormatError, usage, what } from './errors.js';

/**
 * The first sheet of an XLSX workbook: `{name, rows, lines}`, every cell
 * as the text a person sees, with each row's number in the sheet. Pass it
 * to `score` or `diff` as data (errors then name the workbook). Throws a
 * FormatError when the bytes are not a workbook it can read.
 */
export function readWorkbook(bytes, name = 'data.xlsx') {
  let data;
  if (bytes instanceof Uint8Array) data = bytes;
  else if (bytes instanceof ArrayBuffer) data = new Uint8Array(bytes);
  else if (ArrayBuffer.isView(bytes)) data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  else {
    const [en, zh] = what(bytes);
    throw usage('usage.workbook', `a workbook must be its bytes (Uint8Array, ArrayBuffer or Buffer), not ${en}`, `工作簿应为其字节（Uint8Array、ArrayBuffer 或 Buffer），而不是${zh}`);
  }
  if (typeof name !== 'string') {
    const [en, zh] = what(name);
    throw usage('usage.argument', `the workbook's name must be text, not ${en}`, `工作簿名称应为文本，而不是${zh}`);
  }
  let json;
  try {
    json = xlsx.readSheet(name, data);
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
