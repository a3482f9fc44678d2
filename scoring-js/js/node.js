// Node: the module is read from the package's directory and started at
// once, so that every function can be called synchronously.
import { readFileSync } from 'node:fs';
import { initSync } from './scoring_js.js';

initSync({ module: readFileSync(new URL('./scoring_js_bg.wasm', import.meta.url)) });

export * from './api.js';
