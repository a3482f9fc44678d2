// Measures the web app in headless Chromium (figures, not assertions):
//   - time from navigation to the page being ready, and to first results
//     (the worked example loaded with one click);
//   - time to recompute and re-render after one edit, with 300 offices.
// Run after building dist/: node tests/e2e/bench.mjs
import { serve, browser, freshPage } from './harness.mjs';

const OFFICES = Number(process.env.OFFICES ?? 300);
const EDITS = 30;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const server = await serve();
const chrome = await browser();
try {
  // 1. Navigation → ready → first results, five fresh loads.
  const ready = [];
  const results = [];
  for (let i = 0; i < 5; i++) {
    const page = await freshPage(chrome.context, server.url);
    await page.waitForSelector('#load-example');
    ready.push(await page.evaluate(() => performance.now()));
    await page.click('#load-example');
    await page.waitForSelector('#ranking tbody tr');
    results.push(await page.evaluate(() => performance.now()));
    await page.close();
  }
  console.log(`navigation → page ready (welcome shown): median ${median(ready).toFixed(0)} ms`);
  console.log(`navigation → first results (example loaded by one click): median ${median(results).toFixed(0)} ms`);

  // 2. One edit with many offices: import a generated CSV, then time edits.
  const page = await freshPage(chrome.context, server.url);
  await page.click('#start-empty');
  const header = 'office,decision_drafts,opinion_reports,stakeholder_meetings,policy_interpretations,press_conferences,concern_responses,interview_on_time,consultations_asked,consultations_answered,consultations_late,applications_asked,applications_answered,applications_late,site_items,site_visits,platform_posts,shared_reports,system_links,sso_systems,shared_databases,stale_databases';
  let seed = 7;
  const rand = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const rows = [header];
  for (let o = 0; o < OFFICES; o++) {
    const asked = rand(50);
    const answered = Math.min(asked, rand(50));
    const v = [
      rand(20), rand(20), rand(10), rand(30), rand(5), rand(20), rand(2),
      asked, answered, Math.min(asked, rand(5)), asked, answered, Math.min(asked, rand(3)),
      rand(1000), rand(100000), rand(500), rand(20), rand(10), rand(5), rand(5), rand(2),
    ];
    rows.push([`处室${o + 1}`, ...v].join(','));
  }
  await page.setInputFiles('#import-file', {
    name: `bench-${OFFICES}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(rows.join('\n')),
  });
  await page.click('#import-confirm');
  await page.waitForSelector(`#cell-${OFFICES - 1}-0`);

  for (const view of ['data', 'results']) {
    await page.click(`button[data-view="${view}"]`);
    if (view === 'results') await page.waitForSelector('#ranking tbody tr');
    const times = await page.evaluate(async ({ edits, view }) => {
      const out = [];
      for (let i = 0; i < edits; i++) {
        const t0 = performance.now();
        if (view === 'data') {
          const cell = document.getElementById('cell-5-1');
          cell.value = String(i % 10);
          cell.dispatchEvent(new InputEvent('input', { bubbles: true }));
        } else {
          // Switching the selected office re-renders the results view.
          const rows = document.querySelectorAll('#ranking tbody tr');
          rows[i % rows.length].click();
        }
        // Until the DOM is updated and the next frame painted.
        await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
        out.push(performance.now() - t0);
      }
      return out;
    }, { edits: EDITS, view });
    console.log(`${view === 'data' ? 'one edit (recompute + re-render the grid)' : 'one click in the results (re-render ranking, chart, detail)'} with ${OFFICES} offices: median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms over ${EDITS}`);
  }
  // The reducer alone, timed in the page: dispatch to DOM update without
  // waiting for a frame.
  await page.click('button[data-view="data"]');
  const sync = await page.evaluate(async (edits) => {
    const out = [];
    for (let i = 0; i < edits; i++) {
      const cell = document.getElementById('cell-7-2');
      const t0 = performance.now();
      cell.value = String((i % 9) + 1);
      cell.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await Promise.resolve();
      await new Promise((ok) => setTimeout(ok, 0));
      out.push(performance.now() - t0);
    }
    return out;
  }, EDITS);
  console.log(`one edit with ${OFFICES} offices, to DOM updated (no frame wait): median ${median(sync).toFixed(1)} ms`);
  await page.close();
} finally {
  await chrome.close();
  await server.close();
}
