// Types into an entry form as a person would in a spreadsheet program,
// with no library: the workbook (a zip of XML) is read, the value (and
// evidence) cell of one input's row is rewritten, and the workbook is
// zipped again (stored). Used by the browser tests of entry forms.
import { inflateRawSync, crc32 } from 'node:zlib';

/** The entries of a zip archive: name → bytes. */
export function readZip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip archive');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** A zip archive of `entries` (name → bytes), stored. */
export function writeZip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name, 'utf8');
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.size, 8);
  end.writeUInt16LE(entries.size, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The form with `value` typed as the value of `input` (an input id) and,
 * if given, `evidence` typed beside it.
 */
export function typeIntoForm(form, input, value, evidence) {
  const entries = readZip(form);
  const strings = entries.get('xl/sharedStrings.xml').toString('utf8');
  const items = strings.split('<si>').slice(1);
  const index = items.findIndex((si) => si.replace(/<[^>]+>/g, '') === input);
  if (index < 0) throw new Error(`no input ${input} on the form`);
  let sheet = entries.get('xl/worksheets/sheet1.xml').toString('utf8');
  // The id is in the hidden column F; the value in D, the evidence in E.
  const row = sheet.match(new RegExp(`<c r="F(\\d+)"[^>]*t="s"[^>]*><v>${index}</v></c>`))?.[1];
  if (!row) throw new Error(`no row for ${input}`);
  const put = (col, content) => {
    const cell = new RegExp(`<c r="${col}${row}"([^>]*?)(/>|>.*?</c>)`);
    const found = sheet.match(cell);
    if (!found) throw new Error(`no cell ${col}${row}`);
    const style = (found[1].match(/ s="\d+"/) ?? [''])[0];
    sheet = sheet.replace(cell, `<c r="${col}${row}"${style}${content}</c>`);
  };
  put('D', /^-?\d+(\.\d+)?$/.test(value) ? `><v>${value}</v>` : ` t="inlineStr"><is><t>${escape(value)}</t></is>`);
  if (evidence !== undefined) put('E', ` t="inlineStr"><is><t>${escape(evidence)}</t></is>`);
  entries.set('xl/worksheets/sheet1.xml', Buffer.from(sheet, 'utf8'));
  return writeZip(entries);
}
