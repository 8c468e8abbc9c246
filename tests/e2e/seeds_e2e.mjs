// End-to-end test of `chancery serve` and the web page on the seed articles.
//
// Usage: node tests/e2e/seeds_e2e.mjs CHANCERY SEEDS.jsonl OUTDIR
//
// Contract: ingests SEEDS into a fresh temporary database, serves it on a free port with the
// repository's web/ folder, drives the page in headless Debian chromium (playwright-core from
// web/node_modules, never a downloaded browser) and checks what a reader of the seeds must see:
// Afghanistan's map and relations table show China, Pakistan, Russia and Turkmenistan as having
// accredited Taliban diplomats, and Russia's accreditation leads to the sentence with "Russia"
// and "accredited" highlighted at the event's byte offsets. Saves OUTDIR/seeds-afghanistan.png
// (OUTDIR/seeds-failure.png when a check fails). Exit 0 on success, 1 with a message otherwise;
// the whole run is bounded by 60 s. CHROMIUM in the environment overrides /usr/bin/chromium.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const webDir = path.join(repo, 'web');
const OVERALL_MS = 60_000;
const ACCREDITING = { CHN: 'China', PAK: 'Pakistan', RUS: 'Russia', TKM: 'Turkmenistan' };

const log = (msg) => process.stdout.write(`seeds_e2e: ${msg}\n`);

let server = null;
let browser = null;
let page = null;
let tmpDir = null;
let serverLog = '';
let outDir = null;
let finished = false;

class Failure extends Error {}
const check = (ok, message) => { if (!ok) throw new Failure(message); };

async function cleanup() {
  if (browser) { await browser.close().catch(() => {}); browser = null; }
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
}

async function fail(message) {
  if (finished) return;
  finished = true;
  process.stderr.write(`seeds_e2e: FAIL: ${message}\n`);
  if (page && outDir) {
    const shot = path.join(outDir, 'seeds-failure.png');
    await page.screenshot({ path: shot, fullPage: true, timeout: 5000 }).then(
      () => process.stderr.write(`seeds_e2e: page at the failure: ${shot}\n`), () => {});
  }
  if (serverLog.trim()) process.stderr.write(`seeds_e2e: server stderr (last lines):\n${serverLog.split('\n').slice(-15).join('\n')}\n`);
  await cleanup();
  process.exit(1);
}

// Starts `chancery serve` and resolves with its URL once it prints "listening on URL".
function startServer(chancery, db) {
  return new Promise((resolve, reject) => {
    server = spawn(chancery, ['serve', '--db', db, '--port', '0', '--web', webDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout.on('data', (d) => { serverLog += d; });
    server.stderr.on('data', (d) => {
      serverLog += d;
      // Only a whole line: stderr may arrive split mid-URL ("http://127.0.0.1" then ":40119\n").
      const m = serverLog.match(/listening on (http:\/\/\S+)\r?\n/);
      if (m) resolve(m[1].replace(/\/$/, ''));
    });
    server.on('error', (e) => reject(new Failure(`cannot start ${chancery} serve: ${e.message}`)));
    server.on('exit', (code, signal) => reject(new Failure(`${chancery} serve exited (${signal || code}) before printing "listening on"`)));
    setTimeout(() => reject(new Failure('chancery serve did not print "listening on http://..." within 15 s')), 15_000);
  });
}

async function main() {
  const [chancery, seeds, out] = process.argv.slice(2);
  check(chancery && seeds && out, 'usage: node tests/e2e/seeds_e2e.mjs CHANCERY SEEDS.jsonl OUTDIR');
  check(fs.existsSync(chancery), `no chancery binary at ${chancery}`);
  check(fs.existsSync(seeds), `no seeds file at ${seeds}`);
  fs.mkdirSync(out, { recursive: true });
  outDir = out;

  const require = createRequire(path.join(webDir, 'package.json'));
  let chromium;
  try {
    ({ chromium } = require('playwright-core'));
  } catch (e) {
    throw new Failure(`playwright-core is not installed in ${webDir}/node_modules (run npm ci there): ${e.message}`);
  }
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  check(fs.existsSync(executablePath), `no chromium at ${executablePath} (apt-get install chromium, or set CHROMIUM)`);

  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chancery-e2e-'));
  const db = path.join(tmpDir, 'seeds.db');
  log(`ingest ${seeds} into ${db}`);
  const ingest = spawnSync(chancery, ['ingest', seeds, '--db', db], { encoding: 'utf8', timeout: 30_000 });
  check(ingest.status === 0,
    `chancery ingest failed (${ingest.error ? ingest.error.message : `exit ${ingest.status}`}): ${(ingest.stderr || '').trim().slice(-800)}`);

  const base = await startServer(chancery, db);
  log(`server at ${base}`);

  browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.setDefaultTimeout(20_000);
  const pageProblems = [];
  page.on('pageerror', (e) => pageProblems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') pageProblems.push(`console: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400) pageProblems.push(`HTTP ${r.status()} for ${r.url()}`); });
  const problems = () => (pageProblems.length ? ` (page problems: ${pageProblems.slice(0, 5).join('; ')})` : '');

  await page.goto(base + '/');
  await page.waitForSelector('body[data-ready="true"]').catch(() => { throw new Failure(`the page did not start${problems()}`); });
  await page.waitForSelector('#country-list option[value="Afghanistan"]', { state: 'attached' })
    .catch(() => { throw new Failure(`"Afghanistan" is not offered by the actor picker (GET /api/countries)${problems()}`); });

  log('choose Afghanistan');
  await page.fill('#actor-input', 'Afghanistan');
  await page.press('#actor-input', 'Enter');
  await page.waitForSelector('#layout[data-actor="AFG"]')
    .catch(() => { throw new Failure('typing "Afghanistan" in the picker did not select AFG'); });
  await page.waitForSelector('#relations-panel[data-state="ready"], #relations-panel[data-state="error"]');
  check(await page.getAttribute('#relations-panel', 'data-state') === 'ready',
    `the relations of AFG did not load: ${await page.textContent('#relations-table tbody')}${problems()}`);
  await page.waitForSelector('#map path.country[data-code="AFG"][data-relation="self"]')
    .catch(() => { throw new Failure(`the map does not show Afghanistan as the chosen country${problems()}`); });

  for (const [code, name] of Object.entries(ACCREDITING)) {
    const rel = await page.getAttribute(`#map path.country[data-code="${code}"]`, 'data-relation', { timeout: 2000 })
      .catch(() => { throw new Failure(`the map has no country with data-code="${code}" (${name})`); });
    check((rel || '').split(/\s+/).includes('accredited'),
      `map: ${name} (${code}) should be marked as having accredited Taliban diplomats, data-relation is "${rel}"`);
    const rows = await page.$$(`#relations-table tbody tr[data-code="${code}"][data-kind="accreditation"][data-value="accredited"]`);
    const seen = await page.$$eval(`#relations-table tbody tr[data-code="${code}"]`, (trs) => trs.map((t) => `${t.dataset.kind}=${t.dataset.value}`));
    check(rows.length > 0, `relations table: no "accreditation: accredited" row for ${name} (${code}); its rows: ${seen.join(', ') || 'none'}`);
  }
  log('map and relations table: CHN, PAK, RUS, TKM accredited');

  log("open Russia's accreditation");
  await page.click('#relations-table tbody tr[data-code="RUS"][data-kind="accreditation"]');
  await page.waitForFunction(() => document.querySelector('#events-panel').dataset.state !== 'loading' &&
    document.querySelector('#events-title').textContent.includes('accreditation'));
  const candidates = await page.$$eval('#events-table tbody tr.event', (trs) =>
    trs.map((t) => ({ id: t.dataset.id, source: t.dataset.sourceCountry, verb: t.dataset.verb })));
  check(candidates.length > 0, `clicking Russia's accreditation row listed no events${problems()}`);
  // Russia's own accreditation events first; the first whose sentence names Russia as the source wins.
  candidates.sort((x, y) => (y.source === 'RUS') - (x.source === 'RUS'));
  const tried = [];
  let found = null;
  for (const c of candidates) {
    await page.click(`#events-table tbody tr.event[data-id="${c.id}"]`);
    await page.waitForSelector(`#sentence-detail[data-event-id="${c.id}"] blockquote.sentence`);
    const d = await page.$eval('#sentence-detail', (box) => ({
      sentence: box.querySelector('blockquote.sentence').textContent,
      source: [...box.querySelectorAll('blockquote.sentence mark.source')].map((m) => m.textContent),
      verb: [...box.querySelectorAll('blockquote.sentence mark.verb')].map((m) => m.textContent),
      target: [...box.querySelectorAll('blockquote.sentence mark.target')].map((m) => m.textContent),
      offsetsOk: box.dataset.offsetsOk,
    }));
    tried.push(`event ${c.id}: source=${JSON.stringify(d.source)} verb=${JSON.stringify(d.verb)} target=${JSON.stringify(d.target)} in "${d.sentence.slice(0, 90)}…"`);
    if (d.sentence.includes('Russia') && d.source.includes('Russia') && d.verb.includes('accredited')) { found = { id: c.id, ...d }; break; }
  }
  check(found, `no event of Russia's accreditation shows mark.source "Russia" and mark.verb "accredited" in #sentence-detail:\n  ${tried.join('\n  ')}`);
  check(found.offsetsOk === 'true', `event ${found.id}: the byte offsets do not match the event's words (see the page's highlight problem note)`);
  log(`event ${found.id}: "${found.sentence}" with source "Russia", verb "accredited", target ${JSON.stringify(found.target)}`);

  const banner = await page.$eval('#error-banner', (b) => (b.hidden ? '' : b.querySelector('#error-text').textContent.trim()));
  check(!banner, `the page shows an error banner: ${banner}`);

  const shot = path.join(out, 'seeds-afghanistan.png');
  await page.screenshot({ path: shot, fullPage: true });
  log(`screenshot ${shot}`);
  if (pageProblems.length) log(`note: ${pageProblems.join('; ')}`);
}

const timer = setTimeout(() => fail(`timed out after ${OVERALL_MS / 1000} s`), OVERALL_MS);
main().then(async () => {
  clearTimeout(timer);
  if (finished) return;
  finished = true;
  await cleanup();
  log('PASS');
  process.exit(0);
}, (e) => { clearTimeout(timer); return fail(e instanceof Failure ? e.message : (e && e.stack) || String(e)); });
