// Signing in from Node, outside any browser: the demo accounts `cargo xtask test` saved, the
// authenticator app's codes (RFC 6238) and a JSON API client that keeps the cookies the portal
// sets. The Playwright tests (`e2e/tests/support.ts`, which adds the types) and the Lighthouse
// run (`e2e/lighthouse/results.mjs`) share it: CommonJS, which both TypeScript under Playwright
// and a plain Node ES module can load. Run from the repository's root.
'use strict';

const { createHmac } = require('node:crypto');
const { closeSync, mkdirSync, openSync, readFileSync } = require('node:fs');
const path = require('node:path');

const artifacts = path.resolve('e2e/artifacts');

/** The demo account whose email starts with `name` (`ana`, `walter`, `priya`…). */
function demoAccount(name) {
  const all = JSON.parse(readFileSync(path.join(artifacts, 'demo-sign-ins.json'), 'utf8'));
  const found = all.find((a) => a.email.startsWith(`${name}.`));
  if (!found) throw new Error(`no demo account ${name} in e2e/artifacts/demo-sign-ins.json`);
  return found;
}

/** RFC 4648 base32 (no padding needed). */
function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/=+$/, '').toUpperCase()) {
    const index = alphabet.indexOf(c);
    if (index < 0) throw new Error(`not base32: ${c}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238 TOTP (HMAC-SHA-1, 30-second steps), `digits` long, for a given 30-second step. */
function totpAt(secret, step, digits = 6) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return number.toString().padStart(digits, '0');
}

/**
 * A code for `account` that no other user of it has used: the server accepts each 30-second
 * step once per account, so every user (any Playwright worker, the Lighthouse run) claims a step
 * with a file made exclusively; a step already claimed means waiting for the next one.
 */
async function freshCode(account) {
  if (!account.totp) throw new Error(`${account.email} has no authenticator`);
  const dir = path.join(artifacts, 'totp-steps');
  mkdirSync(dir, { recursive: true });
  for (;;) {
    const now = Date.now() / 1000;
    const step = Math.floor(now / 30);
    // Too close to the end of a step, the server may already be in the next one.
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

/**
 * The portal's address (`PORTAL_URL`) for requests from Node: Node may try `localhost` as ::1
 * first, where the portal does not listen.
 */
function apiUrl(pathname) {
  const base = process.env.PORTAL_URL;
  if (!base) throw new Error('PORTAL_URL is not set: run it with `cargo xtask test --only e2e`');
  return new URL(pathname, base.replace('//localhost:', '//127.0.0.1:')).toString();
}

/**
 * A JSON API client that keeps every cookie the server sets, as a browser would: `call` throws
 * on a non-2xx answer with its status and body; `cookie()` is the `Cookie` header it sends and
 * `cookies()` the cookies themselves (name → value).
 */
function apiClient() {
  const jar = new Map();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const call = async (method, pathname, body) => {
    const url = apiUrl(pathname);
    const response = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json', cookie: cookie() },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch((err) => {
      throw new Error(`${method} ${url}: ${err.cause?.message ?? err.message} (is the portal running?)`);
    });
    for (const line of response.headers.getSetCookie()) {
      const [name, value] = line.split(';')[0].split(/=(.*)/s);
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { call, cookie, cookies: () => new Map(jar) };
}

/** Signs `account` in through the API, its code included. */
async function signInByApi(account) {
  const client = apiClient();
  const answer = await client.call('POST', '/api/session', { email: account.email, password: account.password });
  if (answer.status === 'second_factor_required') {
    await client.call('POST', '/api/session/second-factor', { code: await freshCode(account) });
  }
  return client;
}

module.exports = { artifacts, demoAccount, base32Decode, totpAt, freshCode, apiUrl, apiClient, signInByApi };
