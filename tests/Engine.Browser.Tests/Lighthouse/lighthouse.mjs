// Lighthouse (the version the repository's package.json pins) on each address given, one after another in ONE headless
// chromium, with its default (mobile) settings and only the four categories the engine is held to:
//   CHROME_PATH=/usr/bin/chromium node lighthouse.mjs <out.json> <url>...
// Writes, per address, each category's score (0 to 100) and the audits that cost points, so a failing test can say what to fix.
// chrome-launcher is Lighthouse's own dependency (its version comes with Lighthouse's, through package-lock.json).
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { writeFileSync } from 'node:fs';

const [out, ...urls] = process.argv.slice(2);
if (!out || urls.length === 0) {
  console.error('usage: node lighthouse.mjs <out.json> <url>...');
  process.exit(2);
}
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    // Offline, as in the other browser tests: nothing but the engine's *.localhost hosts resolves.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE *.localhost',
  ],
});
// What an audit found (a console error's text, a blocking file's address), so the failure says where to look.
const Items = audit => (audit.details?.items ?? []).slice(0, 5)
  .map(item => [item.description, item.url, item.source].filter(Boolean).join(' ')).filter(Boolean).join(' | ');
const results = [];
try {
  for (const url of urls) {
    // On a busy machine Lighthouse now and then fails to record its trace (NO_NAVSTART, "Please run Lighthouse
    // again"): an audit that did not happen, not a score, so it is run again, at most twice.
    let lhr;
    for (let attempt = 1; attempt <= 3 && (!lhr || lhr.runtimeError); attempt++)
      ({ lhr } = await lighthouse(url, { port: chrome.port, onlyCategories: categories, logLevel: 'error', output: 'json' }));
    const scores = Object.fromEntries(categories.map(c => [c, Math.round((lhr.categories[c].score ?? 0) * 100)]));
    const lost = categories.flatMap(c => lhr.categories[c].auditRefs
      .filter(ref => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
      .map(ref => `${c}: ${ref.id} ${lhr.audits[ref.id].displayValue ?? ''} (${lhr.audits[ref.id].title}) ${Items(lhr.audits[ref.id])}`.replace(/\s+/g, ' ')));
    results.push({ url, scores, lost, runtimeError: lhr.runtimeError?.message ?? null });
  }
} finally {
  await chrome.kill();
}
writeFileSync(out, JSON.stringify(results, null, 2));
