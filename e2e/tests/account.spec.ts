// The account screens once signed in: axe on the security page, the re-authentication dialog
// and the set-up page in both languages; signed-in devices and signing out everywhere; a new
// password through "confirm it is you" with the strength hint; and new recovery codes. The
// idle-timeout warning has its own file, idle.spec.ts.
import { expect, test } from '@playwright/test';
import { demoAccount, openMainNav, expectNoAxeViolations, freshCode, signIn, useLanguage } from './support';

const t = {
  en: {
    title: 'Account security', confirm: 'Confirm it is you', change: 'Change password',
    newPassword: 'New password', password: 'Password', confirmButton: 'Confirm', cancel: 'Cancel',
    turnOn: 'Turn on two-step sign-in', setUp: 'Set up two-step sign-in',
  },
  es: {
    title: 'Seguridad de la cuenta', confirm: 'Confirme que es usted', change: 'Cambiar la contraseña',
    newPassword: 'Contraseña nueva', password: 'Contraseña', confirmButton: 'Confirmar', cancel: 'Cancelar',
    turnOn: 'Activar el inicio de sesión en dos pasos', setUp: 'Activar el inicio de sesión en dos pasos',
  },
} as const;

for (const lang of ['en', 'es'] as const) {
  test(`the security page, the confirm dialog and the set-up page pass axe in ${lang}`, async ({ page }) => {
    test.setTimeout(60_000);
    const w = t[lang];
    // Walter has no authenticator: this test changes nothing, so it may run alongside others.
    const account = demoAccount('walter');
    await useLanguage(page, lang);
    await signIn(page, account, lang);
    await openMainNav(page);
    await page.getByRole('navigation', { name: lang === 'en' ? 'Main' : 'Principal' }).getByRole('link', { name: w.title }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.title);
    await expect(page.locator('.session').first()).toBeVisible();
    await expect(page.locator('.email')).toHaveText(account.email);
    await expectNoAxeViolations(page);

    // A new password needs a fresh "confirm it is you": the dialog opens, focus inside.
    await page.getByLabel(w.newPassword, { exact: true }).fill('correct horse battery staple walter');
    await page.getByRole('button', { name: w.change }).click();
    const dialog = page.getByRole('dialog', { name: w.confirm });
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveAttribute('aria-modal', 'true');
    await expect(page.locator('#reauth-password')).toBeFocused();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('button', { name: w.change })).toBeFocused();

    // Turning two-step sign-in on: confirm, then the QR code with its key in text.
    await page.getByRole('link', { name: w.turnOn }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.setUp);
    const again = page.getByRole('dialog', { name: w.confirm });
    await expect(again).toBeVisible();
    await page.locator('#reauth-password').fill(account.password);
    await page.locator('#reauth-password').press('Enter');
    await expect(page.locator('img.qr')).toBeVisible();
    await expect(page.locator('.manual-key')).toHaveText(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    await expect(page.locator('#setup-code')).toHaveAttribute('inputmode', 'numeric');
    await expectNoAxeViolations(page);
  });
}

test('the devices list signs one device out, then everywhere', async ({ browser }, info) => {
  test.skip(info.project.name !== 'tablet', 'one run: it signs the account out everywhere');
  test.setTimeout(150_000);
  const account = demoAccount('jordan');
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await useLanguage(otherPage, 'en');
  await signIn(otherPage, account);
  const context = await browser.newContext();
  const page = await context.newPage();
  await useLanguage(page, 'en');
  await signIn(page, account);

  await page.goto('/account/security');
  const devices = page.locator('.session');
  await expect(devices).toHaveCount(2);
  await expect(devices.filter({ hasText: 'This device' })).toHaveCount(1);
  await devices.filter({ hasNotText: 'This device' }).getByRole('button', { name: /^Sign out/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'That device is signed out.' })).toBeVisible();
  await expect(devices).toHaveCount(1);

  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign out everywhere?' });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await page.goto('/account/security');
  await expect(page).toHaveURL(/\/sign-in$/);
  await other.close();
  await context.close();
});

test('a new password goes through "confirm it is you", with the strength hint', async ({ page }, info) => {
  test.skip(info.project.name !== 'tablet', 'one run: it changes the password');
  test.setTimeout(150_000);
  const account = demoAccount('sam');
  await useLanguage(page, 'en');
  await signIn(page, account);
  await page.goto('/account/security');
  const field = page.getByLabel('New password', { exact: true });
  await field.pressSequentially('password1');
  const hint = page.locator('#new-password-strength');
  await expect(hint).toHaveAttribute('aria-live', 'polite');
  await expect(hint).toHaveText('This password is too easy to guess. Try a few words that do not go together.');
  await field.fill('');
  await field.pressSequentially('plum-tractor-seven-lantern');
  await expect(hint).toHaveText('This password is strong enough.');
  await expect(field).toHaveAttribute('aria-describedby', /new-password-strength/);

  await field.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
  await expect(dialog).toBeVisible();
  await page.keyboard.type(account.password);
  await page.keyboard.press('Tab'); // the show/hide button
  await page.keyboard.press('Tab');
  await expect(page.locator('#reauth-code')).toBeFocused();
  await page.keyboard.type(await freshCode(account));
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Your password is changed.' })).toBeVisible();
});

for (const { project, name, lang } of [
  { project: 'tablet', name: 'alex', lang: 'en' },
  { project: 'phone', name: 'morgan', lang: 'es' },
] as const) {
  test(`new recovery codes are shown once, to keep, in ${lang}`, async ({ page }, info) => {
    test.skip(info.project.name !== project, 'one account per project');
    test.setTimeout(150_000);
    const account = demoAccount(name);
    await useLanguage(page, lang);
    await signIn(page, account, lang);
    await page.goto('/account/security');
    await page.getByRole('button', { name: lang === 'en' ? 'Get new recovery codes' : 'Obtener códigos nuevos' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.locator('#reauth-password').fill(account.password);
    await page.locator('#reauth-code').fill(await freshCode(account));
    await page.locator('#reauth-code').press('Enter');
    const heading = page.getByRole('heading', {
      name: lang === 'en' ? 'Save your recovery codes' : 'Guarde sus códigos de recuperación',
    });
    await expect(heading).toBeFocused();
    await expect(page.locator('.codes li')).toHaveCount(10);
    await expectNoAxeViolations(page);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: lang === 'en' ? 'Download as a file' : 'Descargar como archivo' }).click();
    expect((await download).suggestedFilename()).toBe('recovery-codes.txt');

    await page.getByRole('button', { name: lang === 'en' ? 'Continue' : 'Continuar' }).click();
    await expect(page.locator('.error-summary')).toBeFocused();
    await expectNoAxeViolations(page);
    await page.getByLabel(lang === 'en' ? 'I saved these codes' : 'Guardé estos códigos').check();
    await page.getByRole('button', { name: lang === 'en' ? 'Continue' : 'Continuar' }).click();
    await expect(page.locator('.codes')).toHaveCount(0);
    await expect(page.getByText(lang === 'en' ? 'You have 10 recovery codes left.' : 'Le quedan 10 códigos de recuperación.')).toBeVisible();
  });
}
