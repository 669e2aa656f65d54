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
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';

const PAGE = '/results';
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const artifacts = path.resolve('e2e/artifacts');
const out = path.join(artifacts, 'lighthouse');

/** Ends the run as a failure, saying why. */
class Refusal extends Error {}
function fail(message) {
  throw new Refusal(message);
}

const base = process.env.PORTAL_URL ?? fail('PORTAL_URL is not set: run it with `cargo xtask test --only e2e`.');
const chromePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const origin = new URL(base).origin;
const target = new URL(PAGE, origin).toString();

// ---- Signing in from Node, as e2e/tests/support.ts does ----

/** Node may try `localhost` as ::1 first, where the portal does not listen. */
const apiUrl = (pathname) => new URL(pathname, origin.replace('//localhost:', '//127.0.0.1:')).toString();

function demoAccount(name) {
  const all = JSON.parse(readFileSync(path.join(artifacts, 'demo-sign-ins.json'), 'utf8'));
  return all.find((a) => a.email.startsWith(`${name}.`)) ?? fail(`no demo account ${name} in e2e/artifacts/demo-sign-ins.json`);
}

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const bytes = [];
  for (const c of text.replace(/=+$/, '').toUpperCase()) {
    const index = alphabet.indexOf(c);
    if (index < 0) fail(`not base32: ${c}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** RFC 6238 (HMAC-SHA-1, 30-second steps, 6 digits). */
function totpAt(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return ((mac.readUInt32BE(offset) & 0x7fffffff) % 1e6).toString().padStart(6, '0');
}

/**
 * A code no Playwright test has used: the server takes each 30-second step once per account,
 * and every user of the account claims its step by creating a file (as `freshCode` does).
 */
async function freshCode(account) {
  const dir = path.join(artifacts, 'totp-steps');
  mkdirSync(dir, { recursive: true });
  for (;;) {
    const now = Date.now() / 1000;
    const step = Math.floor(now / 30);
    if (now - step * 30 < 27) {
      try {
        closeSync(openSync(path.join(dir, `${account.email}-${step}`), 'wx'));
        return totpAt(base32Decode(account.totp), step);
      } catch (err) {
        if (err.code !== 'EEXIST') throw err;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Signs `account` in by the JSON API; the cookies the server set (name → value) and the session. */
async function signIn(account) {
  const jar = new Map();
  const call = async (method, pathname, body) => {
    const response = await fetch(apiUrl(pathname), {
      method,
      headers: {
        'content-type': 'application/json',
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch((err) => fail(`${method} ${apiUrl(pathname)}: ${err.cause?.message ?? err.message} (is the portal running?)`));
    for (const line of response.headers.getSetCookie()) {
      const [name, value] = line.split(';')[0].split(/=(.*)/s);
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    const text = await response.text();
    if (!response.ok) fail(`${method} ${pathname}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const first = await call('POST', '/api/session', { email: account.email, password: account.password });
  if (first.status !== 'second_factor_required') fail(`signing in ${account.email} answered ${JSON.stringify(first)}`);
  const second = await call('POST', '/api/session/second-factor', { code: await freshCode(account) });
  if (second.status !== 'signed_in') fail(`the second step for ${account.email} answered ${JSON.stringify(second)}`);
  if (!jar.has('__Host-portal-session')) fail('signing in set no __Host-portal-session cookie');
  const session = await call('GET', '/api/session');
  if (session.email !== account.email) fail(`GET /api/session names ${session.email}, not ${account.email}`);
  return { cookies: jar, session };
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

    const result = await lighthouse(target, { logLevel: 'error' }, config, page);
    if (!result) fail('Lighthouse returned nothing');
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
