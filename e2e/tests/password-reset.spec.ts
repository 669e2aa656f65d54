// A forgotten password, against the real server and a real SMTP server: "forgot your password"
// mails a link, the link sets a new password and signs out every browser, and signing in with
// the new password still asks for the second step: a mailbox alone never gets past two-step
// sign-in. By keyboard alone, in Spanish on the phone and English on the tablet, each run with a
// patient of its own (enrolled through the API first).
import { expect, test } from '@playwright/test';
import { demoActivation, enrolByApi, freshCode, mailedLink, sessionWorks, tabTo, useLanguage } from './support';

const words = {
  en: {
    signIn: 'Sign in', forgotTitle: 'Forgot your password?', sent: 'If we have an account with this email',
    resetTitle: 'Choose a new password', done: 'Your password is changed. You can sign in now.',
    codeTitle: 'Enter your code', welcome: /^Hello, /, signOut: 'Sign out',
  },
  es: {
    signIn: 'Iniciar sesión', forgotTitle: '¿Olvidó su contraseña?', sent: 'Si tenemos una cuenta con este correo',
    resetTitle: 'Elija una contraseña nueva', done: 'Su contraseña cambió. Ya puede iniciar sesión.',
    codeTitle: 'Escriba su código', welcome: /^Hola, /, signOut: 'Cerrar sesión',
  },
} as const;

test('a mailed link resets the password, and signing in still asks for the second step', async ({ page }, info) => {
  test.setTimeout(150_000);
  const lang = info.project.name === 'phone' ? 'es' : 'en';
  const w = words[lang];
  const email = `reset.${info.project.name}@example.org`;
  const { account, cookie } = await enrolByApi(
    demoActivation('reset', info.project.name),
    email,
    `copper-lantern-${info.project.name}-orchard`,
  );
  const newPassword = `violet-harbor-${info.project.name}-thistle`;
  await useLanguage(page, lang);

  await page.goto('/sign-in');
  await tabTo(page, 'main a[href="/password/forgot"]');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.forgotTitle);
  await tabTo(page, '#forgot-email');
  await page.keyboard.type(email);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: w.sent })).toBeVisible();

  // The mail reaches the SMTP server; its link is opened as from a mail reader.
  await page.goto(await mailedLink(email, '/password/reset'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.resetTitle);
  await tabTo(page, '#reset-password');
  await page.keyboard.type(newPassword);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: w.done })).toBeVisible();
  // Every browser of the account is signed out, the one that enrolled too.
  expect(await sessionWorks(cookie)).toBe(false);

  await tabTo(page, 'main a[href="/sign-in"]');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.signIn);
  await tabTo(page, '#email');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(newPassword);
  await page.keyboard.press('Enter');

  // The new password is only the first step.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.codeTitle);
  await expect(page.getByRole('banner').getByRole('button', { name: w.signOut })).toHaveCount(0);
  const session = await page.evaluate(async () => (await fetch('/api/session')).status);
  expect(session).toBe(401);
  await page.keyboard.press('Tab');
  await expect(page.locator('#code')).toBeFocused();
  await page.keyboard.type(await freshCode(account));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.welcome);
  await expect(page.getByRole('banner').getByRole('button', { name: w.signOut })).toBeVisible();
});
