// Passkeys in a real browser: Chromium's virtual authenticator (CDP `WebAuthn`) stands in for
// the phone's, at http://localhost (a secure context, and a host name WebAuthn accepts as the
// relying party: `cargo xtask test` serves the portal there). A patient adds a passkey on the
// account security page after "confirm it is you", signs out, uses it for the second step of
// signing in, and removes it — by keyboard alone. Each run has a patient of its own.
import { expect, test, type Page } from '@playwright/test';
import { demoActivation, enrolByApi, expectNoAxeViolations, signIn, tabTo, useLanguage } from './support';

/** An authenticator built into the device, with user verification, as a phone's is. */
async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
}

/** Answers "confirm it is you" with the password and a recovery code, by keyboard. */
async function confirmItIsYou(page: Page, password: string, recoveryCode: string) {
  const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
  await expect(dialog).toBeVisible();
  await expect(page.locator('#reauth-password')).toBeFocused();
  await page.keyboard.type(password);
  await tabTo(page, '#reauth-code');
  await page.keyboard.type(recoveryCode);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
}

test('a patient adds a passkey, signs in with it as the second step, and removes it', async ({ page }, info) => {
  test.setTimeout(150_000);
  const { account, recoveryCodes } = await enrolByApi(
    demoActivation('passkey', info.project.name),
    `passkey.${info.project.name}@example.org`,
    `saffron-bicycle-${info.project.name}-glacier`,
  );
  const credentials = await addVirtualAuthenticator(page);
  await useLanguage(page, 'en');
  await signIn(page, account);
  expect(new URL(page.url()).hostname).toBe('localhost');

  // Adding one: a name, then "confirm it is you" (signing in is not a fresh confirmation), then
  // the browser's own passkey prompt, which the virtual authenticator answers.
  await page.goto('/account/security');
  await expect(page.getByRole('heading', { name: 'Passkeys' })).toBeVisible();
  await expect(page.getByText('You have no passkeys yet.')).toBeVisible();
  await tabTo(page, '#passkey-name');
  await page.keyboard.type('My phone');
  await page.keyboard.press('Enter');
  await confirmItIsYou(page, account.password, recoveryCodes[0]);
  await expect(page.getByRole('status').filter({ hasText: 'The passkey is added.' })).toBeVisible();
  const listed = page.locator('ul.passkeys li');
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText('My phone');
  expect(await credentials()).toHaveLength(1);
  await expectNoAxeViolations(page);

  // Signing in again: the second step offers the passkey beside the code.
  await tabTo(page, '.site-header .sign-out', 'Shift+Tab', 60);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await tabTo(page, '#email');
  await page.keyboard.type(account.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(account.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enter your code');
  await tabTo(page, page.getByRole('button', { name: 'Use a passkey instead' }));
  await page.keyboard.press('Enter');
  // Signed in, and back on the page signing out left.
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Account security');
  expect((await credentials())[0].signCount).toBeGreaterThan(0);

  // Removing it asks "confirm it is you" again (this session has not), then says it is done.
  const remove = page.getByRole('button', { name: 'Remove (My phone)' });
  await expect(remove).toBeVisible();
  await tabTo(page, remove);
  await page.keyboard.press('Enter');
  await confirmItIsYou(page, account.password, recoveryCodes[1]);
  await expect(page.getByRole('status').filter({ hasText: 'The passkey is removed.' })).toBeVisible();
  await expect(listed).toHaveCount(0);
  await expect(page.getByText('You have no passkeys yet.')).toBeVisible();
});
