// Shared by the browser tests: Chromium's flags, the axe scan, and language set-up.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

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
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}
