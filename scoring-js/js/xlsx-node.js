import { readFileSync } from 'node:fs';
import { initSync } from './scoring_xlsx.js';

initSync({ module: readFileSync(new URL('./scoring_xlsx_bg.wasm', import.meta.url)) });

export * from './xlsx-api.js';
