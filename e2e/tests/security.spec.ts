// The security officer's screens, as Morgan Tate (two-step sign-in): her home, the audit trail
// searched by keyboard alone (paging with "Show more", a refusal provoked by a patient found by
// account and outcome, the empty state, dates in the wrong order), the matching rows downloaded
// as CSV, the chain check, and an emergency access by Dr. Shah reviewed in the dialog; axe on
// every screen in both languages at the project's size, reflow at 320 px; and a patient who opens
// the screens is refused and never sees a row.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { demoAccount, navFolds, openMainNav, expectNoAxeViolations, signIn, signInByApi, tabTo, useLanguage } from './support';

const t = {
  en: {
    nav: 'Main', audit: 'Audit trail', emergency: 'Emergency access', switchTo: 'Español',
    waiting: 'Waiting for review', reviewed: 'Reviewed', auditCaption: 'Audit rows, oldest first',
    waitingCaption: 'Emergency access waiting for review, newest first',
    reviewedCaption: 'Emergency access already reviewed, newest first',
  },
  es: {
    nav: 'Principal', audit: 'Registro de auditoría', emergency: 'Acceso de emergencia', switchTo: 'English',
    waiting: 'Por revisar', reviewed: 'Revisados', auditCaption: 'Filas del registro, de la más vieja a la más nueva',
    waitingCaption: 'Acceso de emergencia por revisar, del más nuevo al más viejo',
    reviewedCaption: 'Acceso de emergencia ya revisado, del más nuevo al más viejo',
  },
} as const;

const CSV_HEADER =
  'seq,at,actor_account_id,actor_name,actor_role,on_behalf_of,on_behalf_of_name,patient_id,patient_name,action,resource_type,resource_id,outcome,ip,user_agent,request_id,detail';

// One signed-in page per project, used by the tests in order: every sign-in of Morgan needs a
// fresh 30-second authenticator step, so she signs in once.
test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;
/** Walter, the demo patient whose refused audit search and emergency access Morgan looks into. */
let walter: { accountId: string; name: string; patientId: string; patientName: string };
/** The reason Dr. Shah gave for this project's emergency access. */
let reason: string;

test.beforeAll(async ({ browser }, info) => {
  test.setTimeout(120_000);
  // Walter tries the audit search by hand: the refusal is written to the trail.
  const patient = await signInByApi(demoAccount('walter'));
  const session = await patient.call('GET', '/api/session');
  const own = session.patients.find((p: { is_self: boolean }) => p.is_self);
  walter = {
    accountId: session.account_id,
    name: session.display_name,
    patientId: own.patient_id,
    patientName: own.display_name,
  };
  // More rows than one page of the trail holds: each look at his summary is written down.
  for (let i = 0; i < 55; i++) await patient.call('GET', `/api/patients/${walter.patientId}/summary`);
  for (let i = 0; i < 3; i++) {
    await expect(patient.call('GET', '/api/security/audit')).rejects.toThrow(/: 403 /);
  }

  // Dr. Shah opens his record in an emergency, with a reason this project can find again.
  reason = `Seen in the emergency room after a fall (${info.project.name} ${Date.now()})`;
  const clinician = await signInByApi(demoAccount('priya'));
  await clinician.call('POST', `/api/patients/${walter.patientId}/break-glass`, { reason });

  const use = info.project.use;
  context = await browser.newContext({
    viewport: use.viewport,
    isMobile: use.isMobile,
    hasTouch: use.hasTouch,
    deviceScaleFactor: use.deviceScaleFactor,
    userAgent: use.userAgent,
  });
  page = await context.newPage();
  await useLanguage(page, 'en');
  await signIn(page, demoAccount('morgan'));
});

test.afterAll(async () => {
  await context?.close();
});

test('the security officer lands on a home that leads to her screens', async () => {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Morgan Tate');
  await expect(page.getByText(/uses? of emergency access needs? review\./)).toBeVisible();
  await openMainNav(page);
  const nav = page.getByRole('navigation', { name: t.en.nav });
  await expect(nav.getByRole('link', { name: t.en.audit })).toHaveAttribute('href', '/security/audit');
  await expect(nav.getByRole('link', { name: t.en.emergency })).toHaveAttribute('href', '/security/emergency-access');
  await expect(page.getByRole('main').getByRole('link', { name: 'Review emergency access' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('she searches the trail, pages and downloads the rows with the keyboard alone', async () => {
  test.setTimeout(90_000);
  await openMainNav(page, 'Tab');
  await tabTo(page, '.site-nav a[href="/security/audit"]');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.en.audit);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  // The whole trail at first, 50 rows at a time.
  const count = page.locator('.audit-count');
  await expect(count).toHaveText('Showing 50 rows. There are more.');
  await expect(count).toHaveAttribute('role', 'status');
  const table = page.getByRole('table', { name: t.en.auditCaption });
  await expect(table.getByRole('columnheader')).toHaveText([
    'Time', 'Who (account and role)', 'On behalf of', 'Patient', 'Action', 'Item (type and ID)', 'Outcome',
    'Address', 'Request ID',
  ]);
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(50);
  await tabTo(page, '.audit-more', 'Tab', 60);
  await page.keyboard.press('Enter');
  await expect(page.locator('#audit-row-50')).toBeFocused();
  const shown = await rows.count();
  expect(shown).toBeGreaterThan(50);
  expect(shown).toBeLessThanOrEqual(100);
  await expect(count).toHaveText(new RegExp(`^Showing ${shown} rows\\.`));

  // Dates in the wrong order: the summary takes focus and nothing is searched. (A date input's
  // keyboard is the browser's own; its parts are typed in here directly.)
  await page.locator('#audit-from').fill('2030-12-31');
  await page.locator('#audit-to').fill('2030-01-01');
  await tabTo(page, '.audit-filters button[type=submit]');
  await page.keyboard.press('Enter');
  await expect(page.locator('#audit-errors')).toBeFocused();
  await expect(page.locator('#audit-errors')).toContainText('The "To" date must be on or after the "From" date.');
  await expect(page.locator('#audit-to')).toHaveAttribute('aria-invalid', 'true');
  await expect(rows).toHaveCount(shown);
  await expectNoAxeViolations(page);
  await page.locator('#audit-from').fill('');
  await page.locator('#audit-to').fill('');

  // Walter's refused search, by his name (not his account's ID) and the outcome.
  await tabTo(page, '#audit-account', 'Shift+Tab');
  await page.keyboard.type(walter.name.toLowerCase());
  await tabTo(page, '#audit-outcome');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#audit-outcome')).toHaveValue('denied');
  await tabTo(page, '.audit-filters button[type=submit]');
  await page.keyboard.press('Enter');
  await expect(count).toHaveText(/^Showing \d+ rows\. That is all of them\.$/);
  const found = await rows.count();
  expect(found).toBeGreaterThanOrEqual(3);
  await expect(rows.filter({ hasText: 'audit_search' }).first()).toContainText(walter.accountId);
  await expect(rows.filter({ hasText: 'audit_search' }).first()).toContainText(walter.name);
  await expect(rows.filter({ hasText: 'audit_search' }).first()).toContainText('Patient');
  for (const outcome of await rows.locator('td:nth-of-type(6)').allTextContents()) {
    expect(outcome).toBe('Turned away');
  }

  // The same rows as a file.
  const download = page.waitForEvent('download');
  await tabTo(page, page.getByRole('link', { name: 'Download these rows (CSV)' }));
  await page.keyboard.press('Enter');
  const file = await (await download).path();
  const lines = readFileSync(file, 'utf8').trim().split('\r\n');
  expect(lines[0]).toBe(CSV_HEADER);
  // The other size's run may add Walter's three refusals between the table and the file.
  expect(lines.length - 1).toBeGreaterThanOrEqual(found);
  for (const line of lines.slice(1)) {
    expect(line).toContain(`"${walter.accountId}","${walter.name}"`);
    expect(line).toContain('"denied"');
  }

  // The outcome is kept in the address, not the name: a reload runs that search again.
  await expect(page).toHaveURL(/\/security\/audit\?outcome=denied$/);
  await page.reload();
  await expect(page.locator('#audit-outcome')).toHaveValue('denied');
  await expect(page.locator('#audit-account')).toHaveValue('');
  await expect(count).toHaveText(/^Showing \d+ rows?\./);
  await expect(rows.first()).toBeVisible();
  for (const outcome of await rows.locator('td:nth-of-type(6)').allTextContents()) {
    expect(outcome).toBe('Turned away');
  }

  // Who opened his record in an emergency: by the patient's family name and the action.
  await page.locator('#audit-outcome').selectOption('');
  await page.locator('#audit-patient').focus();
  await page.keyboard.type(walter.patientName.split(' ').at(-1)!.toUpperCase());
  await tabTo(page, '#audit-action');
  await page.keyboard.type('break_glass');
  await tabTo(page, '.audit-filters button[type=submit]');
  await page.keyboard.press('Enter');
  await expect(rows.filter({ hasText: 'break_glass' }).first()).toBeVisible();
  for (const row of await rows.all()) {
    await expect(row).toContainText('break_glass');
    await expect(row).toContainText(walter.patientName);
  }
  await expect(rows.filter({ hasText: 'Priya' }).first()).toContainText('Doctor or other provider');

  // A search that matches nothing says so.
  await page.locator('#audit-action').fill('');
  await page.locator('#audit-patient').fill('');
  await page.keyboard.type('no-such-patient');
  await tabTo(page, '.audit-filters button[type=submit]');
  await page.keyboard.press('Enter');
  await expect(count).toHaveText('No rows found.');
  await expect(page.getByText('No rows match this search. Try fewer filters or other dates.')).toBeVisible();
  await expect(table).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Download these rows (CSV)' })).toHaveCount(0);
});

test('she checks that the audit chain is intact', async () => {
  await tabTo(page, '.audit-verify');
  await page.keyboard.press('Enter');
  const status = page.locator('.audit-verified');
  await expect(status).toHaveAttribute('role', 'status');
  await expect(status).toHaveText(/^The audit trail is intact: [\d,]+ rows checked\.$/);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('she reviews an emergency access, which moves to the reviewed list', async () => {
  test.setTimeout(60_000);
  await openMainNav(page, 'Shift+Tab');
  await tabTo(page, '.site-nav a[href="/security/emergency-access"]', navFolds(page) ? 'Tab' : 'Shift+Tab', 200);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.en.emergency);
  const waiting = page.getByRole('table', { name: t.en.waitingCaption });
  const row = waiting.getByRole('row').filter({ hasText: reason });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('rowheader')).toHaveText('Dr. Priya Shah');
  await expect(row).toContainText(walter.patientId);
  await expectNoAxeViolations(page);

  const review = row.getByRole('button', { name: 'Review (Dr. Priya Shah)' });
  await tabTo(page, review, 'Tab', 80);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Review emergency access by Dr. Priya Shah' });
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog).toContainText(reason);
  await expect(page.locator('#review-note')).toBeFocused();
  // Escape closes it and gives focus back to the button.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(review).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(page.locator('#review-note')).toBeFocused();
  await tabTo(page, dialog.getByRole('button', { name: 'Mark as reviewed' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#review-errors')).toBeFocused();
  await expect(page.locator('#review-note')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);

  const note = 'Called the emergency room: he came in after a fall. The reason is true.';
  await tabTo(page, '#review-note');
  await page.keyboard.type(note);
  await tabTo(page, dialog.getByRole('button', { name: 'Mark as reviewed' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({
    hasText: 'Done: the emergency access by Dr. Priya Shah is marked as reviewed.',
  })).toBeVisible();
  await expect(page.getByRole('heading', { name: t.en.reviewed })).toBeFocused();
  await expect(waiting.getByRole('row').filter({ hasText: reason })).toHaveCount(0);
  const done = page.getByRole('table', { name: t.en.reviewedCaption }).getByRole('row').filter({ hasText: reason });
  await expect(done).toHaveCount(1);
  await expect(done).toContainText(note);
});

test('every screen passes axe in both languages', async ({}, info) => {
  test.setTimeout(90_000);
  const snap = (lang: string, name: string) =>
    page.screenshot({ path: path.resolve('e2e/artifacts/screenshots', `${info.project.name}-${lang}-${name}.png`), fullPage: true });
  for (const lang of ['en', 'es'] as const) {
    const w = t[lang];
    if (lang === 'es') {
      await page.getByRole('banner').getByRole('button', { name: t.en.switchTo }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    }
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang === 'en' ? 'Hello, Morgan Tate' : 'Hola, Morgan Tate');
    await expect(page.locator('.loading')).toHaveCount(0);
    await expectNoAxeViolations(page);

    await openMainNav(page);
    await page.getByRole('navigation', { name: w.nav }).getByRole('link', { name: w.audit }).click();
    await expect(page.getByRole('table', { name: w.auditCaption })).toBeVisible();
    await expectNoAxeViolations(page);
    await snap(lang, 'security-audit');
    await page.locator('.audit-verify').click();
    await expect(page.locator('.audit-verified')).not.toBeEmpty();
    await expect(page.locator('.audit-verified')).not.toHaveText(/…/);
    await expectNoAxeViolations(page);

    await openMainNav(page);
    await page.getByRole('navigation', { name: w.nav }).getByRole('link', { name: w.emergency }).click();
    await expect(page.getByRole('heading', { name: w.reviewed })).toBeVisible();
    await expect(page.getByRole('table', { name: w.reviewedCaption })).toBeVisible();
    await expectNoAxeViolations(page);
    await snap(lang, 'security-emergency-access');
  }
  await page.getByRole('banner').getByRole('button', { name: t.es.switchTo }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('the screens reflow at 320 px', async ({}, info) => {
  test.skip(info.project.name !== 'phone', 'one narrow size');
  await page.setViewportSize({ width: 320, height: 640 });
  for (const { target, tables } of [
    { target: '/', tables: 0 },
    { target: '/security/audit', tables: 1 },
    { target: '/security/emergency-access', tables: 1 },
  ]) {
    await page.goto(target);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('.loading')).toHaveCount(0);
    if (tables) await expect(page.locator('main table').first()).toBeVisible();
    // No sideways scrolling of the page itself (tables scroll inside their own region).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${target} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
  }
});

test('a patient who opens the screens is refused and never sees a row', async ({ page: patientPage }) => {
  const asked: string[] = [];
  patientPage.on('request', (request) => {
    if (request.url().includes('/api/security/')) asked.push(request.url());
  });
  // Signed out, the screens ask for a sign-in first.
  await patientPage.goto('/security/audit');
  await expect(patientPage.getByRole('heading', { level: 1 })).toHaveText('Sign in');

  await signIn(patientPage, demoAccount('walter'));
  await openMainNav(patientPage);
  const nav = patientPage.getByRole('navigation', { name: t.en.nav });
  // His own links are there (the navigation is open), the security officer's are not.
  await expect(nav.getByRole('link', { name: 'Test results' })).toBeVisible();
  await expect(nav.getByRole('link', { name: t.en.audit })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: t.en.emergency })).toHaveCount(0);
  for (const target of ['/security/audit', '/security/emergency-access']) {
    await patientPage.goto(target);
    await expect(patientPage.getByRole('heading', { level: 1 })).toHaveText('Not available');
    await expect(patientPage.getByText('This page is not part of your work in the portal.')).toBeVisible();
    await expect(patientPage.getByRole('table')).toHaveCount(0);
    await expectNoAxeViolations(patientPage);
  }
  expect(asked).toEqual([]);
});
