// Loads the WebAssembly module built by wasm-bindgen and starts the page.
//
// If the module cannot be fetched or compiled, the page says so and why,
// in both languages (these are the only strings outside i18n.rs: the
// WebAssembly that holds the others did not load). docs/deploy.md lists
// the usual causes.
import init from './scoring_web.js';

// XLSX reading and writing are a second module (scoring_web_xlsx), about
// half the page's code: fetched the first time a workbook is read or
// written, not before the page is ready. The page calls this and uses the
// module's exports; a failed fetch may be tried again.
let xlsx = null;
window.__scoringXlsx = () => {
  if (!xlsx) {
    xlsx = import('./scoring_web_xlsx.js').then(async (module) => {
      await module.default();
      return module;
    });
    xlsx.catch(() => {
      xlsx = null;
    });
  }
  return xlsx;
};

const started = performance.now();
init().then(() => {
  // Read by the end-to-end benchmark: time to the first frame with data.
  window.__scoringStarted = performance.now() - started;
  // After the first frame is painted: the worker's fetches (every file,
  // the XLSX module's 1 MB included) must not compete with it.
  requestAnimationFrame(() => setTimeout(registerWorker, 0));
}).catch((error) => {
  const box = document.createElement('div');
  box.id = 'boot-failed';
  box.setAttribute('role', 'alert');
  const lines = [
    '页面无法启动。常见原因：服务器上缺少 scoring_web_bg.wasm 或无法读取（请与其他文件放在同一目录），或浏览器版本过旧。请将下面的错误信息告知部署人员。',
    'The page could not start. Usual causes: scoring_web_bg.wasm is missing or cannot be read on the server (it belongs beside the other files), or the browser is too old. Please pass the error below to whoever set the page up.',
    String(error && error.message ? error.message : error),
  ];
  for (const text of lines) {
    const p = document.createElement('p');
    p.textContent = text;
    box.appendChild(p);
  }
  document.body.prepend(box);
});

// Offline on later visits, where the browser allows a service worker
// (HTTPS or localhost; not a page opened from a file). A new version is
// announced by the page (`scoring-update`), used from the next reload.
// The worker is registered once the page is ready (it fetches every file,
// the XLSX module included, and must not compete with a first visit); an
// installed one may speak at once, so its announcement is listened for
// from the start.
const workers = 'serviceWorker' in navigator && window.isSecureContext && location.protocol !== 'file:';
if (workers) {
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'scoring-updated') {
      // Kept too, for a page still starting (its listener not yet there).
      window.__scoringUpdateReady = true;
      window.dispatchEvent(new CustomEvent('scoring-update'));
    }
  });
}

function registerWorker() {
  if (workers) {
    navigator.serviceWorker.register('sw.js').catch(() => {
      // Without it the page works as before, online.
    });
  }
}
