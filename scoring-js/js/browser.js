// Browsers and bundlers: the module is fetched beside this file (a
// bundler that understands `new URL(…, import.meta.url)` copies it) and
// started before the module's importers run.
import init from './scoring_js.js';

await init();

export * from './api.js';
