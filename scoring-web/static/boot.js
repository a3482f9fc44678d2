// Loads the WebAssembly module built by wasm-bindgen and starts the page.
import init from './scoring_web.js';

const started = performance.now();
init().then(() => {
  // Read by the end-to-end benchmark: time to the first frame with data.
  window.__scoringStarted = performance.now() - started;
});
