// Creating an account and confirming the email against the real server and a real SMTP server
// (`e2e/support/mailbox.py`, started by `cargo xtask test`): a demo patient without an account
// enrols with the clinic's activation code and their date of birth, sets up two-step sign-in,
// then opens the link the portal mailed. By keyboard alone, in Spanish on the phone and English
// on the tablet; each run enrols its own patient (a code works once).
import { expect, test } from '@playwright/test';
import { demoActivation, freshCode, mailedLink, tabTo, useLanguage, type DemoAccount } from './support';

const words = {
  en: {
    enrolTitle: 'Create your account', setUpTitle: 'Set up two-step sign-in', codesTitle: 'Save your recovery codes',
    welcome: /^Hello, /, signOut: 'Sign out', confirmed: (email: string) => `Thank you. ${email} is confirmed.`,
    accountTitle: 'Account security', emailConfirmed: 'Your email is confirmed.',
  },
  es: {
    enrolTitle: 'Crear su cuenta', setUpTitle: 'Activar el inicio de sesión en dos pasos',
    codesTitle: 'Guarde sus códigos de recuperación', welcome: /^Hola, /, signOut: 'Cerrar sesión',
    confirmed: (email: string) => `Gracias. ${email} está confirmado.`,
    accountTitle: 'Seguridad de la cuenta', emailConfirmed: 'Su correo está confirmado.',
  },
} as const;

test('a patient enrols with the clinic code and birth date, then confirms the email from the mail', async ({ page }, info) => {
  test.setTimeout(120_000);
  const lang = info.project.name === 'phone' ? 'es' : 'en';
  const w = words[lang];
  const activation = demoActivation('enrolment', info.project.name);
  const email = `enrol.${info.project.name}@example.org`;
  const password = `amber-kettle-${info.project.name}-meadow`;
  await useLanguage(page, lang);

  await page.goto('/sign-in');
  await tabTo(page, 'main a[href="/create-account"]');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.enrolTitle);
  await tabTo(page, '#activation-code');
  await page.keyboard.type(activation.code);
  await page.keyboard.press('Tab');
  await expect(page.locator('#birth-date')).toBeFocused();
  // A date field takes the digits in the browser's order (month, day, year here).
  const [year, month, day] = activation.birth_date.split('-');
  await page.keyboard.type(`${month}${day}${year}`);
  await expect(page.locator('#birth-date')).toHaveValue(activation.birth_date);
  await tabTo(page, '#enrol-email');
  await page.keyboard.type(email);
  await tabTo(page, '#enrol-password');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');

  // Straight on to the second factor: the QR code, with its key in text for typing.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.setUpTitle);
  const key = (await page.locator('.manual-key').textContent())?.replace(/\s+/g, '') ?? '';
  expect(key).toMatch(/^[A-Z2-7]+$/);
  const account: DemoAccount = { role: 'patient', email, password, totp: key };
  await tabTo(page, '#setup-code');
  await page.keyboard.type(await freshCode(account));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: w.codesTitle })).toBeFocused();
  await tabTo(page, '#recovery-saved');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.welcome);
  await expect(page.getByRole('banner').getByRole('button', { name: w.signOut })).toBeVisible();

  // The confirmation mail went out through SMTP; its link confirms the address.
  const link = await mailedLink(email, '/email/verify');
  expect(new URL(link).origin).toBe(new URL(page.url()).origin);
  await page.goto(link);
  await expect(page.getByRole('status').filter({ hasText: w.confirmed(email) })).toBeVisible();
  await page.goto('/account/security');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.accountTitle);
  await expect(page.getByText(w.emailConfirmed)).toBeVisible();
});
