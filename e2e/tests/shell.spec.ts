// The app shell with the keyboard alone: skip link, Tab order, visible focus, route changes
// that move focus and rename the tab, the language switch; plus landmarks, the API chain, and
// a clean console (no CSP violation) on the real server.
import { expect, test, type Page } from '@playwright/test';
import { demoAccount, expectNoAxeViolations, signIn, useLanguage, watchConsole } from './support';

/** The focused element's accessible text and whether its focus ring is visible. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { text: '', tag: '', ring: false };
    const style = getComputedStyle(el);
    const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return { text: (el.textContent ?? '').trim(), tag: el.tagName, ring };
  });
}

test.beforeEach(async ({ page }) => {
  await useLanguage(page, 'en');
});

test('the page has one banner, main and footer and two named navigations', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('banner')).toHaveCount(1);
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('contentinfo')).toHaveCount(1);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'About this portal' })).toBeVisible();
});

test('signed in on a phone, the navigation folds behind "Menu": it opens, passes axe, closes with Escape and after a link', async ({ page }, info) => {
  await signIn(page, demoAccount('walter'));
  const toggle = page.getByRole('button', { name: 'Menu' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  const results = nav.getByRole('link', { name: 'Test results' });
  if (info.project.name !== 'phone') {
    // Wider screens show every link, and no button.
    await expect(results).toBeVisible();
    await expect(toggle).toBeHidden();
    return;
  }
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toHaveAttribute('aria-controls', 'site-nav-list');
  await expect(results).toBeHidden();
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(results).toBeVisible();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Home' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(results).toBeHidden();
  await page.keyboard.press('Enter');
  await results.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Test results');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(results).toBeHidden();
});

test('the home page shows the clinic read from the API', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText('Your portal is run by Riverbend Health.')).toBeVisible();
  await expect(page.getByText('Need help? Call (555) 010-2000.')).toBeVisible();
});

test('the first Tab reaches the skip link, which moves focus to the main content', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.keyboard.press('Tab');
  const skip = await focused(page);
  expect(skip.text).toBe('Skip to main content');
  expect(skip.ring).toBe(true);
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeInViewport();

  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('Tab visits the controls in reading order, each with a visible focus ring', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText('Riverbend Health', { exact: false })).toBeVisible();
  const expected = ['Skip to main content', 'Español', 'Home', 'Sign in', 'Accessibility', 'Privacy'];
  const seen = [];
  for (let i = 0; i < expected.length; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    expect(now.ring, `focus ring on ${now.text}`).toBe(true);
    seen.push(now.text);
  }
  expect(seen).toEqual(expected);
});

test('following a link by keyboard focuses the new heading and renames the tab', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Welcome · Patient portal');
  await page.getByRole('link', { name: 'Accessibility' }).focus();

  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/accessibility$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Accessibility' })).toBeFocused();
  await expect(page).toHaveTitle('Accessibility · Patient portal');
  await expect(page.getByRole('link', { name: 'Accessibility' })).toHaveAttribute('aria-current', 'page');
});

test('the language switch works by keyboard and is remembered', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Español' }).focus();

  await page.keyboard.press('Enter');

  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenido');
  await expect(page).toHaveTitle('Bienvenido · Portal del paciente');
  await expect(page.getByRole('navigation', { name: 'Principal' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
});

test('a client route opened directly is served the app', async ({ page }) => {
  const response = await page.goto('/privacy');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy');
});

test('the app loads with no console errors and the strict security headers', async ({ page }) => {
  const errors = watchConsole(page);
  const response = await page.goto('/');
  await expect(page.getByText('Riverbend Health', { exact: false })).toBeVisible();
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(headers['content-security-policy']).not.toContain('unsafe-inline');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(errors).toEqual([]);
});

test('the app is served compressed, with hashed files cached for good', async ({ page }) => {
  const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
  await page.goto('/');
  const response = await wasm;
  const headers = await response.allHeaders();
  expect(headers['content-type']).toBe('application/wasm');
  expect(headers['content-encoding']).toBe('br');
  expect(headers['cache-control']).toContain('immutable');
});
