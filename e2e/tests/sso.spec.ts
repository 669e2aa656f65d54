// Single sign-on in a real browser: the portal sends Chromium to the clinic's OpenID Connect
// provider (`e2e/support/oidc-provider.mjs` on 127.0.0.2, another site, started by
// `cargo xtask test`), the person signs in there, and the portal takes them back at its own
// second-factor step: the provider's single factor is not enough for staff.
import { expect, test } from '@playwright/test';

test('a staff member signs in at the clinic provider and comes back to the second step', async ({ page }) => {
  const info = await (await page.request.get('/api/auth/sso')).json();
  expect(info).toMatchObject({ enabled: true, label: 'Riverbend staff sign-in', start_path: '/auth/oidc/start' });

  await page.goto(`${info.start_path}?return_to=/`);
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.2:\d+\/interaction\//);
  await page.getByLabel('Who are you?').selectOption('priya');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');

  expect(new URL(page.url()).searchParams.get('sso_step')).toBe('second_factor');
  // The half-done session rides in the portal's own SameSite=Strict cookie, which the app's
  // same-origin requests carry: the API knows who this is and wants the second factor.
  const session = await page.evaluate(async () => {
    const response = await fetch('/api/session');
    return { status: response.status, body: await response.json() };
  });
  expect(session.status).toBe(401);
  expect(session.body.error.message).toBe('Finish signing in first.');
  const cookies = await page.context().cookies(page.url());
  expect(cookies.map((c) => c.name)).toContain('__Host-portal-session');
  expect(cookies.map((c) => c.name)).not.toContain('__Host-portal-oidc');
});

test('an unknown person at the provider comes back to the sign-in page with the reason', async ({ page }) => {
  await page.goto('/auth/oidc/start');
  await page.getByLabel('Who are you?').selectOption('stranger');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');

  expect(new URL(page.url()).searchParams.get('sso_error')).toBe('no_account');
  const session = await page.evaluate(async () => (await fetch('/api/session')).status);
  expect(session).toBe(401);
});
