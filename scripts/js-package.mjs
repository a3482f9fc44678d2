// Writes the JavaScript package's package.json (scripts/lib.sh,
// build_js_package): its name, the workspace's version, and the entries
// for Node and for browsers and bundlers, with their TypeScript types.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, version] = process.argv.slice(2);
if (!dir || !/^\d+\.\d+\.\d+/.test(version ?? '')) {
  console.error('usage: node scripts/js-package.mjs DIR VERSION');
  process.exit(2);
}
const pkg = {
  name: 'scoring-engine',
  version,
  description:
    'Scores offices on tiered, weighted rubrics (rank-based, answer rates, late penalties in working days, points per item) with exact decimals and an explanation for every point: the scoring-core engine as WebAssembly, for Node 20 and browsers.',
  license: 'MIT OR Apache-2.0',
  type: 'module',
  types: './index.d.ts',
  exports: {
    '.': { types: './index.d.ts', node: './node.js', default: './browser.js' },
    './xlsx': { types: './xlsx.d.ts', node: './xlsx-node.js', default: './xlsx-browser.js' },
    './package.json': './package.json',
  },
  files: [
    'README.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'docs/errors.md', 'docs/report.schema.json', 'docs/rubric.md',
    'index.d.ts', 'api.js', 'errors.js', 'bundled.js', 'node.js', 'browser.js', 'scoring_js.js', 'scoring_js_bg.wasm',
    'xlsx.d.ts', 'xlsx-api.js', 'xlsx-node.js', 'xlsx-browser.js', 'scoring_xlsx.js', 'scoring_xlsx_bg.wasm',
  ],
  sideEffects: ['./node.js', './browser.js', './xlsx-node.js', './xlsx-browser.js'],
  engines: { node: '>=20' },
  keywords: ['scoring', 'rubric', 'assessment', 'webassembly', '政务公开', '考核'],
};
writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
console.log(`${join(dir, 'package.json')}: ${pkg.name} ${version}`);

// bundled.js: the bundled rubrics' texts and the rubric schema, a module
// that api.js imports only when bundledRubrics() or schema() is called. The
// list and its order are scoring-core's (`bundled::ALL`), read from its
// source so that there is one list.
const root = new URL('..', import.meta.url);
const source = readFileSync(new URL('scoring-core/src/bundled.rs', root), 'utf8');
const all = source.match(/pub const ALL: &\[\(&str, &str\)\] = &\[([^\]]*)\];/);
if (!all) throw new Error('scoring-core/src/bundled.rs: no `ALL` list found');
const rubrics = [...all[1].matchAll(/\((\w+)_FILE, (\w+)\)/g)].map(([, fileConst, textConst]) => {
  const file = source.match(new RegExp(`pub const ${fileConst}_FILE: &str = "([^"]+)";`))?.[1];
  const path = source.match(new RegExp(`pub const ${textConst}: &str =\\s*include_str!\\("\\.\\./\\.\\./(rubrics/[^"]+)"\\);`))?.[1];
  if (!file || !path) throw new Error(`scoring-core/src/bundled.rs: cannot read ${fileConst}_FILE or ${textConst}`);
  return { file, yaml: readFileSync(new URL(path, root), 'utf8') };
});
if (rubrics.length === 0) throw new Error('scoring-core/src/bundled.rs: the `ALL` list is empty');
const schema = JSON.parse(readFileSync(new URL('rubrics/rubric.schema.json', root), 'utf8'));
writeFileSync(
  join(dir, 'bundled.js'),
  '// The rubrics bundled with the engine and the rubric JSON Schema, made by\n' +
    '// scripts/js-package.mjs from rubrics/ (their comments cite their sources).\n' +
    `export const rubrics = ${JSON.stringify(rubrics)};\n` +
    `export const schema = ${JSON.stringify(schema)};\n`,
);
console.log(`${join(dir, 'bundled.js')}: ${rubrics.length} rubrics and the schema`);

// The package's own JavaScript without its comment lines: they are for
// whoever works on scoring-js/js/ (where they stay); an embedder reads the
// types (index.d.ts), and every byte here is downloaded by every page
// using the package.
for (const file of ['api.js', 'errors.js', 'xlsx-api.js', 'node.js', 'browser.js', 'xlsx-node.js', 'xlsx-browser.js']) {
  const path = join(dir, file);
  let inBlock = false;
  const kept = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => {
      const t = line.trim();
      if (inBlock) {
        if (t.endsWith('*/')) inBlock = false;
        return false;
      }
      if (t.startsWith('/*')) {
        inBlock = !t.endsWith('*/');
        return false;
      }
      return !t.startsWith('//');
    });
  writeFileSync(path, kept.join('\n'));
}
