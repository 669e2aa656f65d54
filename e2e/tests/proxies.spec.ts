// Who can see the record and who viewed it, as Walter (the demo patient without an
// authenticator): giving someone access and taking it back with the keyboard alone, the
// confirmation dialog, a clinician's look at the chart showing up in "who viewed my record",
// and axe on both screens in both languages at each project's size.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoAccount, openMainNav, expectNoAxeViolations, signIn, tabTo, useLanguage, type Lang } from './support';

const t = {
  en: {
    nav: 'Main', account: 'Account security', proxies: 'People who can see my record',
    log: 'Who viewed my record', listTitle: 'People with access', problem: 'There is a problem',
    noAccount: 'We could not add anyone with this email. They need their own portal account first.',
    added: (name: string) => `${name} can now see your record.`,
    removed: (name: string) => `${name} can no longer see your record.`,
    removeTitle: (name: string) => `Take away access for ${name}?`,
    remove: 'Take away access', confirmRemove: 'Yes, take away access', caption: 'Times someone opened your record',
    doctor: 'Doctor or other provider', summary: 'Your health summary', records: 'See your health record',
    messages: 'Send and read messages with your care team', none: 'They cannot see your private health items.',
  },
  es: {
    nav: 'Principal', account: 'Seguridad de la cuenta', proxies: 'Personas que pueden ver mi historial',
    log: 'Quién vio mi historial', listTitle: 'Personas con acceso', problem: 'Hay un problema',
    noAccount: 'No pudimos agregar a nadie con este correo. Primero necesita su propia cuenta en el portal.',
    added: (name: string) => `${name} ya puede ver su historial.`,
    removed: (name: string) => `${name} ya no puede ver su historial.`,
    removeTitle: (name: string) => `¿Quitar el acceso a ${name}?`,
    remove: 'Quitar el acceso', confirmRemove: 'Sí, quitar el acceso', caption: 'Veces que alguien abrió su historial',
    doctor: 'Médico u otro proveedor', summary: 'Su resumen de salud', records: 'Ver su historial de salud',
    messages: 'Enviar y leer mensajes con su equipo de atención', none: 'No puede ver sus datos de salud privados.',
  },
} as const;

// One worker per project runs these in order: the clinician's look at the chart comes first.
test.describe.configure({ mode: 'serial' });

/** Walter's own patient id, as his session lists it. */
async function ownPatientId(page: Page): Promise<string> {
  const session = await page.evaluate(async () => (await fetch('/api/session')).json());
  return session.patients.find((p: { is_self: boolean }) => p.is_self).patient_id;
}

/** Dr. Shah (Walter's primary care doctor) opens his health summary, in a browser of her own. */
async function clinicianOpensChart(browser: Browser) {
  const walterContext = await browser.newContext();
  const walterPage = await walterContext.newPage();
  await signIn(walterPage, demoAccount('walter'));
  const patientId = await ownPatientId(walterPage);
  await walterContext.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, demoAccount('priya'));
  // More than the 20 rows the page shows at first, so "show more" has something to show.
  const statuses = await page.evaluate(async (id) => {
    const answers = [];
    for (let i = 0; i < 21; i++) {
      answers.push((await fetch(`/api/patients/${id}/summary`, { headers: { Accept: 'application/json' } })).status);
    }
    return answers;
  }, patientId);
  expect(new Set(statuses)).toEqual(new Set([200]));
  await context.close();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  await clinicianOpensChart(browser);
});

test('a patient gives someone access and takes it back with the keyboard alone', async ({ page }, info) => {
  test.setTimeout(90_000);
  // The two projects run at once: each adds a different person, in a different language.
  const { lang, proxy } = info.project.name === 'phone'
    ? { lang: 'es' as Lang, proxy: demoAccount('chris') }
    : { lang: 'en' as Lang, proxy: demoAccount('ana') };
  const name = proxy.email.startsWith('chris') ? 'Chris Lee' : 'Ana García';
  const w = t[lang];
  await useLanguage(page, lang);
  await signIn(page, demoAccount('walter'), lang);

  await openMainNav(page, 'Tab');
  await tabTo(page, `.site-nav a[href="/account/proxies"]`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.proxies);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.locator('.loading')).toHaveCount(0);

  // Sent empty: the summary takes focus and names both mistakes.
  await tabTo(page, '#proxy-email');
  await tabTo(page, 'form button[type=submit]');
  await page.keyboard.press('Enter');
  const summary = page.locator('#proxy-errors');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('heading')).toHaveText(w.problem);
  await expect(summary.getByRole('link')).toHaveCount(2);
  await expect(page.locator('#proxy-email')).toHaveAttribute('aria-invalid', 'true');

  // An email with no account behind it: the server says so on the field.
  await tabTo(page, '#proxy-email');
  await page.keyboard.type('nobody-here@example.com');
  await tabTo(page, '#proxy-scope-records');
  await page.keyboard.press('Space');
  await expect(page.locator('#proxy-scope-records')).toBeChecked();
  await tabTo(page, 'form button[type=submit]');
  await page.keyboard.press('Enter');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(w.noAccount);
  await expect(page.locator('#proxy-email-error')).toHaveText(w.noAccount);

  await tabTo(page, '#proxy-email');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(proxy.email);
  await tabTo(page, '#proxy-scope-messages');
  await page.keyboard.press('Space');
  await tabTo(page, 'form button[type=submit]');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: w.added(name) })).toBeVisible();
  await expect(page.locator('#proxy-errors')).toHaveCount(0);
  await expect(page.locator('#proxy-email')).toHaveValue('');
  const row = page.locator('li.proxy').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('listitem')).toHaveText([w.records, w.messages]);
  await expect(row).toContainText(w.none);

  // Escape closes the dialog and gives focus back to the button that opened it.
  const removeButton = row.getByRole('button', { name: `${w.remove} (${name})` });
  await tabTo(page, removeButton, 'Shift+Tab');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: w.removeTitle(name) });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog.getByRole('button', { name: w.confirmRemove })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(removeButton).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('button', { name: w.confirmRemove })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: w.removed(name) })).toBeVisible();
  await expect(row).toHaveCount(0);
  await expect(page.getByRole('heading', { name: w.listTitle })).toBeFocused();
});

for (const lang of ['en', 'es'] as const) {
  test(`both screens pass axe in ${lang}, and who viewed the record lists the clinician`, async ({ page }) => {
    test.setTimeout(60_000);
    const w = t[lang];
    await useLanguage(page, lang);
    await signIn(page, demoAccount('walter'), lang);

    // From the account page's links.
    await openMainNav(page);
    await page.getByRole('navigation', { name: w.nav }).getByRole('link', { name: w.account }).click();
    await page.getByRole('main').getByRole('link', { name: w.proxies }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.proxies);
    await expect(page.locator('.loading')).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.locator('form button[type=submit]').click();
    await expect(page.locator('#proxy-errors')).toBeFocused();
    await expectNoAxeViolations(page);

    await openMainNav(page);
    await page.getByRole('navigation', { name: w.nav }).getByRole('link', { name: w.log }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.log);
    const table = page.getByRole('table', { name: w.caption });
    await expect(table).toBeVisible();
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Dr. Priya Shah' }) }).first();
    await expect(row).toContainText(w.doctor);
    await expect(row).toContainText(w.summary);
    await expectNoAxeViolations(page);

    // The next rows, by keyboard: focus moves to the first new one.
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(20);
    await tabTo(page, '.access-log-more');
    await page.keyboard.press('Enter');
    await expect(page.locator('#access-log-row-20')).toBeFocused();
    expect(await rows.count()).toBeGreaterThan(20);
  });
}
