// The idle timeout (WCAG 2.2.1), driven by Playwright's clock instead of fifteen real minutes.
// The clock belongs to the browser context: installing it fakes time in every page of the
// context, and each fast-forward moves them all together, as real time moves every tab. So two
// pages of one context are two tabs of one person: activity in one must keep the other from
// warning or signing out (they share the session's cookie, and the server's idle clock).
import { expect, test, type Page } from '@playwright/test';
import { demoAccount, openMainNav, expectNoAxeViolations, signIn, useLanguage, type Lang } from './support';

const words = {
  en: {
    away: 'We signed you out because you were away', stillThere: 'Are you still there?', stay: 'Stay signed in',
    signIn: 'Sign in', signOut: 'Sign out', main: 'Main', security: 'Account security', ended: 'You are signed out. Please sign in again.',
  },
  es: {
    away: 'Cerramos su sesión porque', stillThere: '¿Sigue ahí?', stay: 'Seguir con la sesión abierta',
    signIn: 'Iniciar sesión', signOut: 'Cerrar sesión', main: 'Principal', security: 'Seguridad de la cuenta',
    ended: 'Su sesión se cerró. Inicie sesión otra vez.',
  },
} as const;

const langFor = (project: string): Lang => (project === 'phone' ? 'es' : 'en');

test('the idle warning lets the user stay signed in, and signs out at zero', async ({ page }, info) => {
  test.setTimeout(60_000);
  const lang = langFor(info.project.name);
  const w = words[lang];
  await page.clock.install();
  await useLanguage(page, lang);
  await signIn(page, demoAccount('walter'), lang);

  await page.clock.fastForward('13:00');
  const warning = page.getByRole('alertdialog');
  await expect(warning).toBeVisible();
  await expect(warning).toHaveAttribute('aria-modal', 'true');
  await expect(warning).toContainText(w.stillThere);
  const stay = warning.getByRole('button', { name: w.stay });
  await expect(stay).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Enter');
  await expect(warning).toHaveCount(0);

  await page.clock.fastForward('10:00');
  await expect(warning).toHaveCount(0);
  await page.clock.fastForward('06:00');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.signIn);
  await expect(page.getByText(w.away)).toBeVisible();
});

/** A second tab of the same browser, on the same session, showing `path`. */
async function secondTab(page: Page, lang: Lang, path: string): Promise<Page> {
  const other = await page.context().newPage();
  await useLanguage(other, lang);
  await other.goto(path);
  await expect(other.getByRole('banner').getByRole('button', { name: words[lang].signOut })).toBeVisible();
  return other;
}

test('activity in one tab keeps the others signed in, and "stay signed in" in one tab reaches all', async ({ page }, info) => {
  test.setTimeout(90_000);
  const lang = langFor(info.project.name);
  const w = words[lang];
  const signOuts: string[] = [];
  page.context().on('request', (request) => {
    if (request.method() === 'DELETE' && new URL(request.url()).pathname === '/api/session') signOuts.push(request.url());
  });
  await page.clock.install();
  await useLanguage(page, lang);
  await signIn(page, demoAccount('walter'), lang);
  const other = await secondTab(page, lang, '/');

  // Eight minutes on, the person works in the other tab: its requests restart the server's clock.
  await page.clock.fastForward('08:00');
  // The first tab hears of it by a BroadcastChannel message: listen before the other tab acts.
  await page.evaluate(() => {
    const heard = new Promise<void>((resolve) => {
      const channel = new BroadcastChannel('portal.session-activity');
      channel.onmessage = () => {
        channel.close();
        resolve();
      };
    });
    (window as unknown as { heardActivity: Promise<void> }).heardActivity = heard;
  });
  await openMainNav(other);
  await other.getByRole('navigation', { name: w.main }).getByRole('link', { name: w.security }).click();
  await expect(other.locator('.session').first()).toBeVisible();
  // The app's own channel was opened first, so it has the message by now.
  await page.evaluate(() => (window as unknown as { heardActivity: Promise<void> }).heardActivity);

  // Sixteen minutes after the first tab's own last request, eight after the other's: neither
  // warns, and nobody ends the session.
  await page.clock.fastForward('08:00');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(other.getByRole('alertdialog')).toHaveCount(0);
  await expect(page.getByRole('banner').getByRole('button', { name: w.signOut })).toBeVisible();

  // Thirteen minutes after the other tab's activity both warn; staying in one closes both.
  await page.clock.fastForward('05:00');
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await expect(other.getByRole('alertdialog')).toBeVisible();
  await expect(page.getByRole('alertdialog').getByRole('button', { name: w.stay })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(other.getByRole('alertdialog')).toHaveCount(0);
  expect(signOuts, 'no tab signed the session out while it was in use').toEqual([]);

  // Left alone everywhere, every tab signs out, and says why.
  await page.clock.fastForward('16:00');
  for (const tab of [page, other]) {
    await expect(tab.getByRole('heading', { level: 1 })).toHaveText(w.signIn);
    await expect(tab.getByText(w.away)).toBeVisible();
  }
  expect(signOuts.length).toBeGreaterThan(0);
});

test('signing out in one tab signs every tab out at once', async ({ page }, info) => {
  const lang = langFor(info.project.name);
  const w = words[lang];
  await useLanguage(page, lang);
  await signIn(page, demoAccount('walter'), lang);
  const other = await secondTab(page, lang, '/account/security');

  await page.getByRole('banner').getByRole('button', { name: w.signOut }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.signIn);
  await expect(other).toHaveURL(/\/sign-in$/);
  await expect(other.getByRole('heading', { level: 1 })).toHaveText(w.signIn);
  await expect(other.getByText(w.ended)).toBeVisible();
});
