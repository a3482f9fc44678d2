// Loads the WebAssembly module built by wasm-bindgen and starts the page.
//
// If the module cannot be fetched or compiled, the page says so and why,
// in both languages (these are the only strings outside i18n.rs: the
// WebAssembly that holds the others did not load). docs/deploy.md lists
// the usual causes.
import init from './scoring_web.js';

// This script runs: the page's scripts were found and allowed. What is
// left to wait for is the module (a slow link may take a while), and what
// goes wrong with it is said below, so index.html's hint for a page that
// never started goes. Its "loading" stays until the page is there.
window.__scoringBooted = true;
document.getElementById('boot-hint')?.remove();

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

// A copy of the saved state that survives the browser being killed.
//
// The page keeps its state in local storage (scoring-web/src/persist/),
// which is synchronous, but Chromium writes local storage to disk only
// every few seconds: a browser killed, a crash of the computer or a power
// cut lost the last seconds of work. Every write the page makes to local
// storage is therefore copied here into IndexedDB, a save's writes in one
// transaction with `durability: 'strict'` (on disk when it completes).
//
// Each such transaction also counts: the count is kept in the copy and,
// at the same moment, in local storage (SEQ). Before the page starts, the
// two counts are compared: a copy that counts further (local storage lost
// its last writes) is put back into local storage; local storage that
// counts further (a copy that could not be written) is copied here whole.
// A head local storage cannot read, or of a later format, is left alone,
// for the page to keep aside. docs/reliability.md says what this covers.
const HEAD = 'scoring-web.v2';
const SEQ = 'scoring-web.copy-seq';
const DURABLE_DB = 'scoring-web-durable';
const DURABLE_STORE = 'kv';
// The count's key in the copy: not a key of local storage's.
const COPY_SEQ = '#seq';

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

let durable = null;
let pending = [];

function openDurable() {
  return new Promise((resolve) => {
    let r;
    try {
      r = indexedDB.open(DURABLE_DB, 1);
    } catch {
      resolve(null);
      return;
    }
    r.onupgradeneeded = () => r.result.createObjectStore(DURABLE_STORE);
    r.onsuccess = () => {
      const db = r.result;
      // Deleted or upgraded elsewhere (site data cleared): let it go.
      db.onversionchange = () => {
        db.close();
        if (durable === db) durable = null;
      };
      resolve(db);
    };
    r.onerror = () => resolve(null);
    r.onblocked = () => resolve(null);
  });
}

// Whether local storage holds a head the page cannot read, or one of a
// later format: never written over from here.
function headLeftAlone() {
  const text = localStorage.getItem(HEAD);
  if (text === null) return false;
  try {
    return JSON.parse(text).version !== 2;
  } catch {
    return true;
  }
}

function pageKeys() {
  const keys = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key !== null && key.startsWith('scoring-web.') && key !== SEQ) keys.push(key);
  }
  return keys;
}

function localSeq() {
  const n = Number(localStorage.getItem(SEQ));
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

function flushDurable() {
  const ops = pending;
  pending = [];
  if (ops.length === 0) return;
  // Counted in local storage even when the copy cannot be written: the
  // next start then knows the copy is behind.
  const seq = localSeq() + 1;
  try {
    localStorage.setItem(SEQ, String(seq));
  } catch {
    // Storage full: the copy, a count ahead, holds what local storage does.
  }
  if (!durable) return;
  try {
    const tx = durable.transaction(DURABLE_STORE, 'readwrite', { durability: 'strict' });
    const store = tx.objectStore(DURABLE_STORE);
    for (const [key, value] of ops) {
      if (value === null) store.delete(key);
      else store.put(value, key);
    }
    store.put(seq, COPY_SEQ);
  } catch {
    // Local storage still holds everything; only the copy is behind, and
    // it is made whole again at the next start.
  }
}

// Called by the page (browser.rs) after each write to local storage that
// succeeded; the writes of one save (one task) go into one transaction.
window.__scoringDurable = {
  set(key, value) {
    if (pending.length === 0) queueMicrotask(flushDurable);
    pending.push([key, value]);
  },
  remove(key) {
    if (pending.length === 0) queueMicrotask(flushDurable);
    pending.push([key, null]);
  },
};

async function restoreDurable() {
  const db = await openDurable();
  if (!db || late) return;
  // The count first: the copy itself is read only when it is put back.
  const read = db.transaction(DURABLE_STORE, 'readonly').objectStore(DURABLE_STORE);
  const copySeq = await request(read.get(COPY_SEQ));
  if (late) return;
  const ours = localSeq();
  if (headLeftAlone()) {
    // Kept aside by the page, as it would be without the copy.
  } else if (Number.isSafeInteger(copySeq) && copySeq > ours) {
    const store = db.transaction(DURABLE_STORE, 'readonly').objectStore(DURABLE_STORE);
    const [keys, texts] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
    if (late) return;
    const copy = new Map(keys.map((k, i) => [k, texts[i]]));
    copy.delete(COPY_SEQ);
    // Killed before local storage reached the disk: the copy is newer.
    // The head last, as a save writes it; parts the copy no longer holds
    // were removed after what local storage last kept. What the page kept
    // aside stays.
    for (const [key, value] of copy) if (key !== HEAD) localStorage.setItem(key, value);
    if (copy.has(HEAD)) localStorage.setItem(HEAD, copy.get(HEAD));
    for (const key of pageKeys()) {
      if (!copy.has(key) && !key.includes('.unreadable-')) localStorage.removeItem(key);
    }
    localStorage.setItem(SEQ, String(copySeq));
    window.__scoringRestored = copySeq;
  } else if (copySeq === undefined || ours > copySeq) {
    // The copy is new, or behind: made whole from local storage.
    const seed = db.transaction(DURABLE_STORE, 'readwrite', { durability: 'strict' });
    const into = seed.objectStore(DURABLE_STORE);
    into.clear();
    for (const key of pageKeys()) into.put(localStorage.getItem(key), key);
    into.put(ours, COPY_SEQ);
  }
  durable = db;
}

// The page starts after the copy has been compared, whatever came of it:
// a copy that cannot be opened (storage off, a browser without IndexedDB)
// or is slow to (more than 2 s) leaves the page as it was without it.
let late = false;
const restored = Promise.race([
  restoreDurable().catch(() => {}),
  new Promise((resolve) =>
    setTimeout(() => {
      // Started without the copy: it is neither put back nor written to
      // until the next start.
      late = true;
      resolve();
    }, 2000),
  ),
]);

// The module's size as built (build_web writes it in; 0 if unknown), for
// the loading line: on a slow link the first visit takes a while, and a
// count that moves says that it is not stuck.
const MODULE_BYTES = Number('__SCORING_WASM_BYTES__') || 0;
const MODULE_URL = new URL('scoring_web_bg.wasm', import.meta.url);

/**
 * The module's response, its bytes counted on the loading line as they
 * come; a download that stops moving for 15 s says so.
 */
function counted(pending) {
  const line = document.querySelector('#boot-wait .boot-progress');
  return pending.then((response) => {
    if (!line || !response.ok || !response.body || typeof TransformStream !== 'function') return response;
    let got = 0;
    let moved = Date.now();
    const mb = (n) => (n / 1e6).toFixed(1);
    const stalled = setInterval(() => {
      if (!line.isConnected) clearInterval(stalled);
      else if (Date.now() - moved > 15000) {
        line.textContent = `${mb(got)} MB：下载停住了，请检查网络后刷新本页（F5）。The download has stopped: check the network, then reload (F5).`;
      }
    }, 5000);
    const counter = new TransformStream({
      transform(chunk, controller) {
        got += chunk.byteLength;
        moved = Date.now();
        line.textContent = MODULE_BYTES ? `${mb(got)} / ${mb(MODULE_BYTES)} MB` : `${mb(got)} MB`;
        controller.enqueue(chunk);
      },
      flush() {
        clearInterval(stalled);
      },
    });
    return new Response(response.body.pipeThrough(counter), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  });
}

// The page's module is fetched and compiled meanwhile (it is preloaded
// by index.html); where that fails (a server sending .wasm with another
// type, a browser without streaming compilation) init() fetches it again
// its own way, and says why if it cannot.
const compiled = WebAssembly.compileStreaming
  ? WebAssembly.compileStreaming(counted(fetch(MODULE_URL))).catch(() => undefined)
  : Promise.resolve(undefined);

/**
 * Why the module could not be had, asked of the server again: `network`
 * (no answer: the link is down), `status` (it answered with an error, as
 * IIS does without the MIME type) or `other` (it answered; the browser
 * could not use the module).
 */
async function whyNoModule() {
  if (location.protocol === 'file:') return { kind: 'other' };
  try {
    const r = await fetch(MODULE_URL, { method: 'HEAD', cache: 'no-store' });
    return r.ok ? { kind: 'other' } : { kind: 'status', status: r.status };
  } catch {
    return { kind: 'network' };
  }
}

const started = performance.now();
Promise.all([compiled, restored])
  // Not compiled while fetched (a server sending .wasm with another type):
  // fetched again, counted as well.
  .then(([module]) => init({ module_or_path: module ?? counted(fetch(MODULE_URL)) }))
  .then(() => {
  // Read by the end-to-end benchmark: time to the first frame with data.
  window.__scoringStarted = performance.now() - started;
  document.getElementById('boot-wait')?.remove();
  // After the first frame is painted: the worker's fetches (every file,
  // the XLSX module's 1 MB included) must not compete with it.
  requestAnimationFrame(() => setTimeout(registerWorker, 0));
}).catch(async (error) => {
  const why = await whyNoModule();
  document.getElementById('boot-wait')?.remove();
  const box = document.createElement('div');
  box.id = 'boot-failed';
  box.setAttribute('role', 'alert');
  // From a disk, this is the one-file page (index.html from a disk never
  // gets here: its scripts are refused): its module is inside it.
  const lines = why.kind === 'network'
    ? [
        '页面无法启动：连不上服务器，网络可能中断或过慢。请检查网络，然后点“重新载入”。',
        'The page could not start: the server cannot be reached; the network may be down or too slow. Check it, then press Reload.',
      ]
    : location.protocol === 'file:'
    ? [
        '页面无法启动。常见原因：浏览器版本过旧（需要 Chrome 或 Edge 80、Firefox 113、Safari 16.4 或更高版本），或本文件复制不完整（请重新复制 scoring-single.html）。请将下面的错误信息告知部署人员。',
        'The page could not start. Usual causes: a browser too old (Chrome or Edge 80, Firefox 113, Safari 16.4 or later are needed), or this file copied incompletely (copy scoring-single.html again). Please pass the error below to whoever set the page up.',
      ]
    : why.kind === 'status'
    ? [
        '页面无法启动：服务器上缺少 scoring_web_bg.wasm，或服务器拒绝提供它（IIS 须先为 .wasm 设置 MIME 类型 application/wasm，否则答复 404）。请将下面的错误信息告知部署人员（见 docs/deploy.md）。',
        'The page could not start: scoring_web_bg.wasm is missing on the server, or the server refuses it (IIS answers 404 until .wasm has the MIME type application/wasm). Please pass the error below to whoever set the page up (see docs/deploy.md).',
      ]
    : [
        '页面无法启动：程序文件没有完整下载，或浏览器无法使用它。请先点“重新载入”再试（网络不稳时常见）；若仍不行，可能是浏览器版本过旧，请将下面的错误信息告知部署人员。',
        'The page could not start: the program was not downloaded whole, or the browser cannot use it. Press Reload first (a flaky network often does this); if it happens again, the browser may be too old: pass the error below to whoever set the page up.',
      ];
  const detail = String(error && error.message ? error.message : error);
  lines.push(why.kind === 'status' ? `${detail} (HTTP ${why.status})` : detail);
  for (const text of lines) {
    const p = document.createElement('p');
    p.textContent = text;
    box.appendChild(p);
  }
  const again = document.createElement('button');
  again.type = 'button';
  again.id = 'boot-reload';
  again.textContent = '重新载入 Reload';
  again.addEventListener('click', () => location.reload());
  box.appendChild(again);
  document.body.prepend(box);
  again.focus();
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
