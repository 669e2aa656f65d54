// Shared by the browser tests: Chromium's flags, the axe scan, language set-up, the demo's
// accounts and activation codes, and the mailbox the portal's mail arrives in.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
// Shared with the Lighthouse run, which is plain Node: the types are given here.
import * as fromNode from '../support/api-client.cjs';

// Without the networking flags Chromium keeps calling out to a network this machine cannot reach.
export const chromiumArgs = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export type Lang = 'en' | 'es';

/** Starts every page of this test in `lang`, as a returning patient who chose it would. */
export async function useLanguage(page: Page, lang: Lang) {
  await page.addInitScript((l) => {
    if (!window.localStorage.getItem('portal.lang')) window.localStorage.setItem('portal.lang', l);
  }, lang);
}

/** Fails with a readable list when axe finds any WCAG 2.2 A/AA violation on the page. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Collects console errors and uncaught exceptions (CSP violations among them). */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    // Asking who is signed in answers 401 to a visitor, which Chromium logs as a failed load.
    const signedOutCheck = msg.location().url.endsWith('/api/session') && msg.text().includes('401');
    if (msg.type() === 'error' && !signedOutCheck) errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

// ---- Demo accounts and their authenticator codes ----

/** One `demo sign-in:` line the server printed, as `cargo xtask test` saved it. */
export interface DemoAccount {
  role: string;
  email: string;
  password: string;
  /** The authenticator secret in base32, or null for the account without two-step sign-in. */
  totp: string | null;
}

// `cargo xtask test` runs Playwright from the repository's root.
const { artifacts, apiUrl } = fromNode as { artifacts: string; apiUrl: (pathname: string) => string };

/** The demo account whose email starts with `name` (`ana`, `walter`, `priya`…). */
export const demoAccount: (name: string) => DemoAccount = fromNode.demoAccount;
/** RFC 4648 base32 (no padding needed). */
export const base32Decode: (text: string) => Buffer = fromNode.base32Decode;
/** RFC 6238 TOTP (HMAC-SHA-1, 30-second steps), `digits` long, for a given 30-second step. */
export const totpAt: (secret: Buffer, step: number, digits?: number) => string = fromNode.totpAt;
/** A code for `account` that nothing else has used (each 30-second step is claimed once). */
export const freshCode: (account: DemoAccount) => Promise<string> = fromNode.freshCode;

/** Signs in through the form (not by keyboard: the keyboard tests do that), code included. */
export async function signIn(page: Page, account: DemoAccount, lang: Lang = 'en') {
  const words = lang === 'en'
    ? { email: 'Email', password: 'Password', signIn: 'Sign in', code: 'Code', go: 'Continue' }
    : { email: 'Correo electrónico', password: 'Contraseña', signIn: 'Iniciar sesión', code: 'Código', go: 'Continuar' };
  await page.goto('/sign-in');
  await page.getByLabel(words.email, { exact: true }).fill(account.email);
  await page.getByLabel(words.password, { exact: true }).fill(account.password);
  await page.getByRole('main').getByRole('button', { name: words.signIn }).click();
  if (account.totp) {
    await page.getByLabel(words.code, { exact: true }).fill(await freshCode(account));
    await page.getByRole('main').getByRole('button', { name: words.go }).click();
  }
  await expect(page.getByRole('button', { name: lang === 'en' ? 'Sign out' : 'Cerrar sesión' }).first()).toBeVisible();
}

/** Presses Tab (or Shift+Tab) until `target` has focus, failing after `limit` presses. */
export async function tabTo(page: Page, target: string | Locator, key = 'Tab', limit = 40) {
  const element = typeof target === 'string' ? page.locator(target) : target;
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    if (await element.evaluateAll((found) => found.some((e) => e === document.activeElement))) return;
  }
  throw new Error(`${key} never reached ${element}`);
}

/** Below this width (48rem) a signed-in person's main navigation folds behind "Menu". */
const FOLDED_BELOW = 768;

/** Whether a signed-in person's main navigation folds behind "Menu" at this page's size. */
export function navFolds(page: Page): boolean {
  return (page.viewportSize()?.width ?? FOLDED_BELOW) < FOLDED_BELOW;
}

/**
 * Opens the main navigation where it is folded (a phone, signed in), as a person would: with
 * the keyboard (Tab or Shift+Tab to "Menu", then Enter) or a tap. Elsewhere it does nothing.
 */
export async function openMainNav(page: Page, how: 'Tab' | 'Shift+Tab' | 'tap' = 'tap') {
  if (!navFolds(page)) return;
  const toggle = page.locator('.nav-toggle');
  await expect(toggle).toBeVisible();
  if ((await toggle.getAttribute('aria-expanded')) === 'true') return;
  if (how === 'tap') {
    await toggle.click();
  } else {
    await tabTo(page, toggle, how, 200);
    await page.keyboard.press('Enter');
  }
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
}

// ---- Patients without an account yet, enrolled by the tests ----

/** One `demo activation:` line the server printed: a patient who may enrol with this code. */
export interface DemoActivation {
  name: string;
  code: string;
  /** YYYY-MM-DD */
  birth_date: string;
}

/**
 * Which demo activation code each test enrols with, per project: a code works once, and the
 * phone and tablet runs go in parallel, so no two runs share a patient.
 */
const ACTIVATIONS = {
  enrolment: { phone: 0, tablet: 1 },
  reset: { phone: 2, tablet: 3 },
  passkey: { phone: 4, tablet: 5 },
} as const;

export function demoActivation(use: keyof typeof ACTIVATIONS, project: string): DemoActivation {
  const index = ACTIVATIONS[use][project as 'phone' | 'tablet'];
  if (index === undefined) throw new Error(`no activation code set aside for ${use} on ${project}`);
  const all: DemoActivation[] = JSON.parse(readFileSync(path.join(artifacts, 'demo-activations.json'), 'utf8'));
  const found = all[index];
  if (!found) throw new Error(`e2e/artifacts/demo-activations.json has no code number ${index}`);
  return found;
}

/** A JSON API client from the test itself that keeps the cookies the server sets. */
export interface ApiClient {
  /** Calls the API; a non-2xx answer throws with its status and body. */
  call: (method: string, pathname: string, body?: unknown) => Promise<any>;
  /** The `Cookie` header it sends (the session cookie, once the server set one). */
  cookie: () => string;
  /** The cookies it keeps, name → value. */
  cookies: () => Map<string, string>;
}

export const apiClient: () => ApiClient = fromNode.apiClient;
/** Signs `account` in through the API (code included), as the set-up for a test about something else. */
export const signInByApi: (account: DemoAccount) => Promise<ApiClient> = fromNode.signInByApi;

/**
 * Enrols the activation's patient through the API, as the set-up for a test about something
 * else, with an authenticator app: the account, ready to sign in with, its recovery codes, and
 * its session cookie (to check later whether that session still works).
 */
export async function enrolByApi(
  activation: DemoActivation,
  email: string,
  password: string,
): Promise<{ account: DemoAccount; cookie: string; recoveryCodes: string[] }> {
  const { call, cookie } = apiClient();
  await call('POST', '/api/enrolment', {
    activation_code: activation.code,
    birth_date: activation.birth_date,
    email,
    password,
    language: 'en',
  });
  const setup = await call('POST', '/api/account/totp');
  const account: DemoAccount = { role: 'patient', email, password, totp: setup.manual_key.replace(/\s+/g, '') };
  const confirmed = await call('POST', '/api/account/totp/confirm', { code: await freshCode(account) });
  return { account, cookie: cookie(), recoveryCodes: confirmed.codes };
}

/** Whether the session behind `cookie` (from `enrolByApi`) is still signed in. */
export async function sessionWorks(cookie: string): Promise<boolean> {
  const response = await fetch(apiUrl('/api/session'), { headers: { cookie } });
  return response.ok;
}

// ---- The mailbox: what the portal sent, as the SMTP server received it ----

/** One message, as `e2e/support/mailbox.py` wrote it. */
export interface Mail {
  from: string;
  to: string[];
  subject: string;
  /** The plain-text body, decoded. */
  text: string;
}

/** Every message to `address` so far, oldest first. */
export function mailTo(address: string): Mail[] {
  const dir = process.env.PORTAL_MAILBOX;
  if (!dir) throw new Error('PORTAL_MAILBOX is not set: run the browser tests with `cargo xtask test --only e2e`.');
  // The files are named by arrival time; half-written ones start with a dot.
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Mail)
    .filter((mail) => mail.to.some((to) => to.toLowerCase() === address.toLowerCase()));
}

/** The single-use links (`…PAGE#token=…`) to `page` in the messages to `address`, oldest first. */
function mailedLinks(address: string, page: string): string[] {
  const pattern = new RegExp(`https?://[^\\s/]+${page}#token=[A-Za-z0-9_-]+`, 'g');
  return mailTo(address).flatMap((mail) => mail.text.match(pattern) ?? []);
}

/** Waits for a message to `address` with a link to `page` (`/email/verify`…); the newest such link. */
export async function mailedLink(address: string, page: string): Promise<string> {
  await expect
    .poll(() => mailedLinks(address, page).length, { message: `a mail to ${address} with a link to ${page}`, timeout: 30_000 })
    .toBeGreaterThan(0);
  return mailedLinks(address, page).at(-1)!;
}
