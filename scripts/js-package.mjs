// Writes the JavaScript package's package.json (scripts/lib.sh,
// build_js_package): its name, the workspace's version, and the entries
// for Node and for browsers and bundlers, with their TypeScript types.
import { writeFileSync } from 'node:fs';
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
    'README.md', 'LICENSE-MIT', 'LICENSE-APACHE',
    'index.d.ts', 'api.js', 'errors.js', 'node.js', 'browser.js', 'scoring_js.js', 'scoring_js_bg.wasm',
    'xlsx.d.ts', 'xlsx-api.js', 'xlsx-node.js', 'xlsx-browser.js', 'scoring_xlsx.js', 'scoring_xlsx_bg.wasm',
  ],
  sideEffects: ['./node.js', './browser.js', './xlsx-node.js', './xlsx-browser.js'],
  engines: { node: '>=20' },
  keywords: ['scoring', 'rubric', 'assessment', 'webassembly', '政务公开', '考核'],
};
writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
console.log(`${join(dir, 'package.json')}: ${pkg.name} ${version}`);
