// The installable app: Chromium reports no installability errors, the service worker keeps the
// shell so the portal opens offline, and no API answer is ever stored.
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs } from './support';

let profile: string;
let context: BrowserContext;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ baseURL }) => {
  // Installability needs a persistent profile: Chromium reports a plain context as incognito.
  profile = mkdtempSync(join(tmpdir(), 'portal-pwa-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: chromiumArgs,
    baseURL,
    viewport: { width: 390, height: 844 },
    locale: 'en-US',
  });
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome');
  // The first visit installs the worker; it then controls the page after it activates.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
});

test.afterAll(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
});

test('Chromium reports no installability errors', async () => {
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // A second DevTools session left open would override Playwright's offline emulation.
  await cdp.detach();
  expect(installabilityErrors).toEqual([]);
});

test('the manifest names the app, its icons and standalone display', async () => {
  const manifest = await page.evaluate(() => fetch('/manifest.webmanifest').then((r) => r.json()));
  expect(manifest.name).toBe('Patient portal');
  expect(manifest.short_name).toBe('Portal');
  expect(manifest.display).toBe('standalone');
  expect(manifest.start_url).toBe('/');
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  const icons = manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`);
  expect(icons).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
});

test('the shell is stored, and no API answer is', async () => {
  const stored: string[] = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
  expect(stored).toEqual(expect.arrayContaining(['/', '/offline.html', '/manifest.webmanifest']));
  expect(stored.some((p) => p.endsWith('.wasm'))).toBe(true);
  expect(stored.filter((p) => p.startsWith('/api/') || p.startsWith('/fhir/'))).toEqual([]);
});

test('offline, the shell still opens, says it is offline and offers to try again', async () => {
  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome');
    await expect(page.getByRole('status').filter({ hasText: 'You are offline' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('We could not reach the portal');
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();

    await page.goto('/privacy');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy');
  } finally {
    await context.setOffline(false);
  }
});
