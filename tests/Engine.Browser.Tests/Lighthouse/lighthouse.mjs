// Lighthouse (the version the repository's package.json pins) on each address given, one after another in ONE headless
// chromium, with its default (mobile) settings and only the four categories the engine is held to:
//   CHROME_PATH=/usr/bin/chromium node lighthouse.mjs <out.json> <performance target> <url>...
// Writes, per address, each category's score (0 to 100) and the audits that cost points, so a failing test can say what to fix.
// Performance varies from run to run (Lighthouse's own advice is the median of several runs), and more so on a machine
// busy with other work: a page whose first run falls short of the target is run twice more and its median run counts.
// chrome-launcher is Lighthouse's own dependency (its version comes with Lighthouse's, through package-lock.json).
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { writeFileSync } from 'node:fs';

const [out, target, ...urls] = process.argv.slice(2);
if (!out || !(Number(target) > 0) || urls.length === 0) {
  console.error('usage: node lighthouse.mjs <out.json> <performance target> <url>...');
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
const Items = found => (found.details?.items ?? []).slice(0, 5)
  .map(item => [item.description, item.url, item.source].filter(Boolean).join(' ')).filter(Boolean).join(' | ');
const Performance = lhr => Math.round((lhr.categories.performance?.score ?? 0) * 100);

// On a busy machine Lighthouse now and then fails to record its trace (NO_NAVSTART, "Please run Lighthouse again"):
// an audit that did not happen, not a score, so it is run again, at most twice.
async function audit(url) {
  let lhr;
  for (let attempt = 1; attempt <= 3 && (!lhr || lhr.runtimeError); attempt++)
    ({ lhr } = await lighthouse(url, { port: chrome.port, onlyCategories: categories, logLevel: 'error', output: 'json' }));
  return lhr;
}

const results = [];
try {
  for (const url of urls) {
    let lhr = await audit(url);
    if (Performance(lhr) < Number(target)) {
      const runs = [lhr, await audit(url), await audit(url)].sort((a, b) => Performance(a) - Performance(b));
      lhr = runs[1];
    }
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
