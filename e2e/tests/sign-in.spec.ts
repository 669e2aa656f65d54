// Signing in and out with the keyboard alone, in both languages, for a patient and for staff;
// the focused error summary for a wrong password and a wrong code; axe on the public screens.
import { expect, test } from '@playwright/test';
import { demoAccount, expectNoAxeViolations, freshCode, tabTo, useLanguage, type Lang } from './support';

const words = {
  en: {
    signIn: 'Sign in', email: 'Email', password: 'Password', code: 'Code', codeTitle: 'Enter your code',
    signOut: 'Sign out', signedOut: 'You are signed out.', problem: 'There is a problem',
    wrongPassword: 'The email or password is not right', wrongCode: 'That code is not right',
    welcome: 'Welcome', hello: /^Hello, /,
  },
  es: {
    signIn: 'Iniciar sesión', email: 'Correo electrónico', password: 'Contraseña', code: 'Código',
    codeTitle: 'Escriba su código', signOut: 'Cerrar sesión', signedOut: 'Cerró su sesión.',
    problem: 'Hay un problema', wrongPassword: 'El correo o la contraseña no son correctos',
    wrongCode: 'Ese código no es correcto', welcome: 'Bienvenido', hello: /^Hola, /,
  },
} as const;

const people = [
  { who: 'a patient', name: 'rosa', lang: 'en' },
  { who: 'a patient', name: 'ana', lang: 'es' },
  { who: 'a staff member', name: 'priya', lang: 'en' },
  { who: 'a staff member', name: 'tom', lang: 'es' },
] as const;

for (const { who, name, lang } of people) {
  test(`${who} signs in and out with the keyboard alone in ${lang}`, async ({ page }) => {
    test.setTimeout(120_000);
    const account = demoAccount(name);
    const w = words[lang];
    await useLanguage(page, lang);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.welcome);

    await tabTo(page, '.site-nav a[href="/sign-in"]');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.signIn);
    await tabTo(page, '#email');
    await page.keyboard.type(account.email);
    await page.keyboard.press('Tab');
    await expect(page.locator('#password')).toBeFocused();
    await page.keyboard.type(account.password);
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.codeTitle);
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.locator('#code')).toBeFocused();
    await expect(page.locator('#code')).toHaveAttribute('autocomplete', 'one-time-code');
    await page.keyboard.type(await freshCode(account));
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(who === 'a patient' ? w.hello : w.welcome);
    const signOut = page.getByRole('banner').getByRole('button', { name: w.signOut });
    await expect(signOut).toBeVisible();
    // Focus is on the new page's heading; the header is behind it.
    await tabTo(page, '.site-header .sign-out', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.signIn);
    await expect(page.getByRole('status').filter({ hasText: w.signedOut })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('button', { name: w.signOut })).toHaveCount(0);
  });
}

for (const lang of ['en', 'es'] as const) {
  test(`a wrong password shows the focused error summary in ${lang}`, async ({ page }) => {
    const w = words[lang];
    await useLanguage(page, lang);
    await page.goto('/sign-in');
    await page.locator('#email').fill(`nobody-${lang}@demo.riverbend.example`);
    await page.locator('#password').fill('not the password');
    await page.locator('#password').press('Enter');
    const summary = page.locator('.error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('heading')).toHaveText(w.problem);
    await expect(summary).toContainText(w.wrongPassword);
    await expectNoAxeViolations(page);
  });

  test(`an empty form marks each field and links to it in ${lang}`, async ({ page }) => {
    await useLanguage(page, lang);
    await page.goto('/sign-in');
    await expect(page.locator('#email')).toBeVisible();
    await page.locator('form button[type=submit]').press('Enter');
    const summary = page.locator('.error-summary');
    await expect(summary).toBeFocused();
    await expect(page.locator('#email')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#password')).toHaveAttribute('aria-invalid', 'true');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.locator('#email')).toBeFocused();
  });
}

test('a wrong code shows the focused error summary, and the second step passes axe', async ({ page }, info) => {
  const lang: Lang = info.project.name === 'phone' ? 'es' : 'en';
  const w = words[lang];
  const account = demoAccount('luz');
  await useLanguage(page, lang);
  await page.goto('/sign-in');
  await page.locator('#email').fill(account.email);
  await page.locator('#password').fill(account.password);
  await page.locator('#password').press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.codeTitle);
  await expectNoAxeViolations(page);

  await page.locator('#code').fill('000000');
  await page.locator('#code').press('Enter');

  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(w.wrongCode);
  await expect(page.locator('#code')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
});

const publicScreens = [
  { path: '/sign-in', heading: { en: 'Sign in', es: 'Iniciar sesión' } },
  { path: '/create-account', heading: { en: 'Create your account', es: 'Crear su cuenta' } },
  { path: '/password/forgot', heading: { en: 'Forgot your password?', es: '¿Olvidó su contraseña?' } },
  { path: '/password/reset#token=abc', heading: { en: 'Choose a new password', es: 'Elija una contraseña nueva' } },
  { path: '/email/verify#token=abc', heading: { en: 'Confirm your email', es: 'Confirmar su correo' } },
  { path: '/sign-in?sso_error=cancelled', heading: { en: 'Sign in', es: 'Iniciar sesión' } },
];

for (const lang of ['en', 'es'] as const) {
  for (const { path, heading } of publicScreens) {
    test(`${path} in ${lang} has no axe violations`, async ({ page }) => {
      await useLanguage(page, lang);
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading[lang]);
      await expect(page.locator('.loading')).toHaveCount(0);
      await expectNoAxeViolations(page);
    });
  }
}

test('the account page sends a signed-out visitor to sign in, and back after', async ({ page }) => {
  const account = demoAccount('walter');
  await useLanguage(page, 'en');
  await page.goto('/account/security');
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.locator('#email').fill(account.email);
  await page.locator('#password').fill(account.password);
  await page.locator('#password').press('Enter');
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Account security');
});
