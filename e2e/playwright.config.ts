// The browser tests. `cargo xtask test` starts the portal on a temporary data folder and sets
// PORTAL_URL; Debian's Chromium is driven directly (Playwright's own browser download cannot
// work here). Projects: every page at phone and tablet sizes, and the PWA checks, which need
// a persistent browser profile of their own.
import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs } from './tests/support';

const baseURL = process.env.PORTAL_URL;
if (!baseURL) {
  throw new Error('PORTAL_URL is not set: run the browser tests with `cargo xtask test --only e2e`.');
}

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL,
    launchOptions: { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'phone',
      testIgnore: /pwa\.spec\.ts/,
      use: { ...devices['Pixel 7'], viewport: { width: 390, height: 844 }, defaultBrowserType: 'chromium' },
    },
    {
      name: 'tablet',
      testIgnore: /pwa\.spec\.ts/,
      use: { ...devices['iPad Mini'], viewport: { width: 820, height: 1180 }, defaultBrowserType: 'chromium' },
    },
    { name: 'pwa', testMatch: /pwa\.spec\.ts/, use: { viewport: { width: 390, height: 844 } } },
  ],
});
