// Lets the page open offline on later visits (served over HTTPS or from
// localhost; a page opened from a file has no service worker).
//
// The page's files are kept as one set and served from it at once, so a
// slow link does not hold the page up. On each visit the set is fetched
// again in the background; when anything in it changed, the new set
// replaces the old one whole (never an old glue with a new module) and the
// open pages are told: they keep running the version they loaded, and the
// new one is used from the next reload. Nothing is swapped under an edit.

// The XLSX module is part of the set: a workbook can be read offline too.
const FILES = [
  './',
  'index.html',
  'boot.js',
  'hint.js',
  'scoring_web.js',
  'scoring_web_bg.wasm',
  'scoring_web_xlsx.js',
  'scoring_web_xlsx_bg.wasm',
  'style.css',
];
// Which cache holds the complete set in use: a one-entry cache pointing
// to it, written last when a new set is complete.
const POINTER = 'scoring-pointer';

// Installed only with the whole set: a file missing on the server (or
// the link dropped) fails the install, and the page registers the worker
// again at its next visit, until the set is whole. Installed without it,
// the worker would keep nothing and never try again.
self.addEventListener('install', (event) => {
  event.waitUntil(
    store().then((stored) => {
      if (!stored) throw new Error('scoring: not every file of the page could be fetched');
      return self.skipWaiting();
    }),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (request.method !== 'GET' || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) {
    return;
  }
  const name = url.pathname.slice(scope.pathname.length) || './';
  if (!FILES.includes(name)) {
    return;
  }
  event.respondWith(serve(event, request, name));
});

async function serve(event, request, name) {
  const set = await current();
  const hit = set && (await set.match(name));
  if (!hit) {
    // No set (the browser dropped the caches): this visit goes to the
    // network, and the set is fetched again for the next.
    if (!set && (name === './' || name === 'index.html')) {
      event.waitUntil(store());
    }
    return fetch(request);
  }
  // A visit: look for a new version while the page starts from this one.
  if (name === './' || name === 'index.html') {
    event.waitUntil(refresh(event.resultingClientId));
  }
  return hit;
}

/** The cache holding the set in use, if there is one. */
async function current() {
  const pointer = await caches.open(POINTER);
  const entry = await pointer.match('current');
  return entry ? caches.open(await entry.text()) : null;
}

/** Fetches the whole set; `null` when any file cannot be had (offline). */
async function fetchAll() {
  try {
    const responses = await Promise.all(FILES.map((f) => fetch(f, { cache: 'no-cache' })));
    return responses.every((r) => r.ok) ? responses : null;
  } catch {
    return null;
  }
}

/** Stores a fetched set as the one in use; the previous one is dropped. */
async function store(responses) {
  const got = responses ?? (await fetchAll());
  if (!got) {
    return false;
  }
  const name = `scoring-${Date.now()}`;
  const cache = await caches.open(name);
  await Promise.all(FILES.map((f, i) => cache.put(f, got[i])));
  const pointer = await caches.open(POINTER);
  await pointer.put('current', new Response(name));
  for (const old of await caches.keys()) {
    if (old !== name && old !== POINTER) {
      await caches.delete(old);
    }
  }
  return true;
}

/** Whether two bodies are the same bytes. */
function same(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/**
 * Fetches the set again; if anything changed, stores it whole and tells
 * the pages, the one being opened (`opening`, a client id) among them
 * once it is there.
 */
async function refresh(opening) {
  const fresh = await fetchAll();
  const set = await current();
  if (!fresh || !set) {
    return;
  }
  const bodies = await Promise.all(fresh.map((r) => r.clone().arrayBuffer()));
  const old = await Promise.all(FILES.map(async (f) => {
    const m = await set.match(f);
    return m ? m.arrayBuffer() : null;
  }));
  if (bodies.every((b, i) => old[i] && same(b, old[i]))) {
    return;
  }
  if (await store(fresh)) {
    // The page being opened may not exist yet: a few seconds' grace.
    for (let i = 0; opening && i < 50 && !(await self.clients.get(opening)); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    for (const client of pages) {
      client.postMessage({ type: 'scoring-updated' });
    }
  }
}
