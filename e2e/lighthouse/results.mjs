// Lighthouse, mobile, on the signed-in results page (`/results`) of the demo patient with 1,500+
// observations (Ana García): a report, not a gate. Low scores never fail; a run that cannot
// happen, or that measured another page than her results list, does.
//
// `cargo xtask test` (the e2e step) runs it after Playwright, while the portal still runs:
//   PORTAL_URL=http://localhost:PORT CHROMIUM=/usr/bin/chromium node e2e/lighthouse/results.mjs
// from the repository's root, with `e2e/artifacts/demo-sign-ins.json` written by that step.
// Reports go to `e2e/artifacts/lighthouse/` (JSON, HTML and the final screenshot).
//
// chrome-launcher and puppeteer-core come with npm `lighthouse`; nothing here downloads anything.
// Lighthouse 13 declares node >= 22.19 (npm warns EBADENGINE), yet runs on this machine's node 20.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';
// The demo accounts, their codes and the API client the Playwright tests sign in with too.
import fromNode from '../support/api-client.cjs';

const PAGE = '/results';
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const out = path.join(fromNode.artifacts, 'lighthouse');

/** Ends the run as a failure, saying why. */
class Refusal extends Error {}
function fail(message) {
  throw new Refusal(message);
}

const base = process.env.PORTAL_URL ?? fail('PORTAL_URL is not set: run it with `cargo xtask test --only e2e`.');
const chromePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const origin = new URL(base).origin;
const target = new URL(PAGE, origin).toString();

// ---- Signing in from Node, as the Playwright tests do ----

const { demoAccount, signInByApi } = fromNode;

/** Signs `account` in by the JSON API: the cookies the server set (name → value) and the session. */
async function signIn(account) {
  const client = await signInByApi(account);
  const cookies = client.cookies();
  if (!cookies.has('__Host-portal-session')) fail(`signing in ${account.email} set no __Host-portal-session cookie`);
  const session = await client.call('GET', '/api/session');
  if (session.email !== account.email) fail(`GET /api/session names ${session.email}, not ${account.email}`);
  return { cookies, session };
}

// ---- Lighthouse ----

/** Mobile form factor with Lighthouse's default mobile throttling (simulated slow 4G, 4× CPU). */
const config = {
  extends: 'lighthouse:default',
  settings: {
    onlyCategories: CATEGORIES,
    formFactor: 'mobile',
    output: ['json', 'html'],
    locale: 'en-US',
  },
};

const chromeFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const metric = (lhr, id) => lhr.audits[id]?.displayValue?.replace(/\u00a0/g, ' ') ?? 'n/a';

/** Lighthouse's runtime errors for a trace that was not recorded, which it asks to run again. */
const UNRECORDED_TRACE = new Set(['NO_NAVSTART', 'NO_FCP', 'NO_LCP', 'NO_DCL', 'NO_TRACING_STARTED', 'NO_RESOURCE_REQUEST']);

async function main() {
  const account = demoAccount('ana');
  const { cookies, session } = await signIn(account);

  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-lighthouse-'));
  let chrome;
  let browser;
  try {
    chrome = await chromeLauncher.launch({ chromePath, chromeFlags, userDataDir, logLevel: 'error' });
    browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });
    const page = await browser.newPage();
    // Into the browser's own cookie jar, as signing in there would: the app's fetches to
    // /api/session and the record APIs carry it, and renewed cookies replace it. Lighthouse
    // clears the origin's service workers and caches before loading, never its cookies.
    const cdp = await page.createCDPSession();
    for (const [name, value] of cookies) {
      const { success } = await cdp.send('Network.setCookie', {
        name, value, url: origin, path: '/', secure: true, httpOnly: true, sameSite: 'Strict',
      });
      if (!success) fail(`Chromium refused the cookie ${name} for ${origin}`);
    }
    await cdp.detach();

    // A trace Chromium failed to record (Lighthouse says "run Lighthouse again") is run again,
    // up to three times, and said; any other failure, or a third one, fails the report.
    let result;
    for (let run = 1; ; run++) {
      result = await lighthouse(target, { logLevel: 'error' }, config, page);
      if (!result) fail('Lighthouse returned nothing');
      const code = result.lhr.runtimeError?.code;
      if (!code || !UNRECORDED_TRACE.has(code) || run === 3) break;
      console.log(`lighthouse: run ${run} could not record the page load (${code}); running again`);
    }
    const { lhr } = result;

    mkdirSync(out, { recursive: true });
    const [json, html] = result.report;
    writeFileSync(path.join(out, 'results.report.json'), json);
    writeFileSync(path.join(out, 'results.report.html'), html);
    const shot = lhr.audits['final-screenshot']?.details?.data;
    if (shot) writeFileSync(path.join(out, 'results.final.jpg'), Buffer.from(shot.split(',')[1], 'base64'));

    // Did it measure her results list? The page as Lighthouse left it, and the report itself.
    const seen = await page.evaluate(() => ({
      path: location.pathname,
      heading: document.querySelector('main h1')?.textContent?.trim() ?? null,
      lines: document.querySelectorAll('.result-line').length,
    }));
    const requests = lhr.audits['network-requests']?.details?.items ?? [];
    const apiCalls = requests.filter((r) => new URL(r.url).pathname.startsWith('/api/'));
    const called = (pattern) => apiCalls.some((r) => pattern.test(new URL(r.url).pathname));

    const problems = [];
    if (lhr.runtimeError) problems.push(`Lighthouse failed: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const finalPath = new URL(lhr.finalDisplayedUrl).pathname;
    if (finalPath !== PAGE) problems.push(`the report ends on ${lhr.finalDisplayedUrl}, not ${PAGE} (signed out?)`);
    if (seen.path !== PAGE) problems.push(`the page ended on ${seen.path}, not ${PAGE}`);
    if (seen.lines === 0) problems.push('the page shows no .result-line');
    for (const r of apiCalls) {
      if (!(r.statusCode >= 200 && r.statusCode < 300)) problems.push(`${new URL(r.url).pathname} answered ${r.statusCode}`);
    }
    if (!called(/^\/api\/session$/)) problems.push('the page never asked GET /api/session');
    if (!called(/^\/api\/patients\/[^/]+\/results$/)) problems.push('the page never asked for the results list');
    for (const id of CATEGORIES) {
      if (typeof lhr.categories[id]?.score !== 'number') problems.push(`no ${id} score`);
    }

    console.log(
      `lighthouse: ${lhr.finalDisplayedUrl} for ${session.display_name}: ${seen.lines} result lines ` +
        `under "${seen.heading}", ${apiCalls.length} API calls; mobile, ` +
        `simulated throttling (${lhr.configSettings.throttling.rttMs} ms RTT, ` +
        `${(lhr.configSettings.throttling.throughputKbps / 1024).toFixed(1)} Mbit/s, ` +
        `${lhr.configSettings.throttling.cpuSlowdownMultiplier}× CPU), ` +
        `${lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}, Lighthouse ${lhr.lighthouseVersion}, ` +
        `host benchmark index ${Math.round(lhr.environment.benchmarkIndex)}`,
    );
    for (const id of CATEGORIES) {
      const score = lhr.categories[id]?.score;
      const shown = typeof score === 'number' ? String(Math.round(score * 100)).padStart(3) : 'n/a';
      const metrics = id === 'performance'
        ? `   FCP ${metric(lhr, 'first-contentful-paint')}, LCP ${metric(lhr, 'largest-contentful-paint')}, ` +
          `TBT ${metric(lhr, 'total-blocking-time')}, CLS ${metric(lhr, 'cumulative-layout-shift')}, ` +
          `Speed Index ${metric(lhr, 'speed-index')}`
        : '';
      console.log(`  ${id.padEnd(15)} ${shown}${metrics}`);
    }
    for (const warning of lhr.runWarnings) console.log(`  warning: ${warning}`);
    console.log(`  reports: ${path.relative(process.cwd(), out)}/results.{report.html,report.json,final.jpg}; took ${seconds(process.uptime() * 1000)}`);
    if (problems.length) fail(problems.join('; '));
  } finally {
    await browser?.disconnect();
    await chrome?.kill();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

// Lighthouse gives up on a page after 45 s by itself; this is for anything else that hangs.
const watchdog = setTimeout(() => {
  console.error(`lighthouse: FAILED: no result after ${seconds(process.uptime() * 1000)}`);
  process.exit(1);
}, 5 * 60_000);
watchdog.unref();

try {
  await main();
} catch (err) {
  console.error(`lighthouse: FAILED: ${err instanceof Refusal ? err.message : err.stack ?? err}`);
  process.exitCode = 1;
}
