// The health record's pages, as a patient uses them: every page reached by keyboard alone from
// the main navigation or the page before, each checked by axe (WCAG 2.2 A/AA) in English and
// Spanish at the project's size (phone and tablet), with a screenshot of each saved under
// e2e/artifacts/screenshots/. Then, one thing each: the result filters and "new" marks, the
// trend chart and its table, downloading the record, the printable summary, switching to a
// child's record, reflow at 320 px, dark mode and forced colours, and how fast a long results
// list draws (the figures land in e2e/artifacts/figures/).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { demoAccount, navFolds, openMainNav, expectNoAxeViolations, signIn, tabTo, useLanguage, type Lang } from './support';

const t = {
  en: {
    main: 'Main', results: 'Test results', health: 'Health summary', visits: 'Visits', meds: 'Medicines',
    vaccines: 'Vaccines', allergies: 'Allergies', issues: 'Health issues', documents: 'Documents',
    download: 'Download my record', summary: 'Printable summary', attention: 'What needs your attention',
    pastResults: 'Past results for this test', chart: 'Chart', table: 'Table', upcoming: /^Upcoming/, past: /^Past/,
    allResults: 'All test results', onlyAbnormal: 'Only results outside the normal range', onlyNew: 'Only new results',
    markAll: 'Mark all as read', newTag: 'New', from: 'From', to: 'To', downloadButton: 'Download my record',
    orderError: 'The "To" date must be on or after the "From" date.', print: 'Print', hello: /^Hello, /,
    viewing: /You are looking at the record of Mateo/, showMore: 'Show more results',
  },
  es: {
    main: 'Principal', results: 'Resultados', health: 'Resumen de salud', visits: 'Citas', meds: 'Medicinas',
    vaccines: 'Vacunas', allergies: 'Alergias', issues: 'Problemas de salud', documents: 'Documentos',
    download: 'Descargar mi historial', summary: 'Resumen para imprimir', attention: 'Lo que necesita su atención',
    pastResults: 'Resultados anteriores de esta prueba', chart: 'Gráfica', table: 'Tabla', upcoming: /^Próximas/,
    past: /^Pasadas/, allResults: 'Todos los resultados', onlyAbnormal: 'Solo los que están fuera del rango normal',
    onlyNew: 'Solo los nuevos', markAll: 'Marcar todo como leído', newTag: 'Nuevo', from: 'Desde', to: 'Hasta',
    downloadButton: 'Descargar mi historial', orderError: 'La fecha "Hasta" debe ser igual o después de la fecha "Desde".',
    print: 'Imprimir', hello: /^Hola, /, viewing: /Está viendo el historial de Mateo/, showMore: 'Ver más resultados',
  },
} as const;

const screenshots = path.resolve('e2e/artifacts/screenshots');
const figures = path.resolve('e2e/artifacts/figures');

/** Saves a full-page screenshot of the page as it is now, named by project, language and page. */
async function snap(page: Page, project: string, lang: Lang, name: string) {
  mkdirSync(screenshots, { recursive: true });
  // Taking a screenshot can move focus away for a moment; the keyboard
  // walk goes on from where it was.
  await page.evaluate(() => { (window as unknown as { focusedBefore?: Element | null }).focusedBefore = document.activeElement; });
  await page.screenshot({ path: path.join(screenshots, `${project}-${lang}-${name}.png`) });
  await page.evaluate(() => {
    const before = (window as unknown as { focusedBefore?: HTMLElement | null }).focusedBefore;
    if (before && before !== document.activeElement) before.focus();
  });
}

/** The page's h1 has `text` and holds focus, as after every move to a new page. */
async function arrived(page: Page, text: string | RegExp) {
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toHaveText(text);
  await expect(h1).toBeFocused();
}

/** Tabs to the link named `name` inside `scope` and follows it with Enter. */
async function follow(page: Page, scope: 'main' | 'nav', name: string | RegExp, lang: Lang) {
  const container = scope === 'main'
    ? page.getByRole('main')
    : page.getByRole('navigation', { name: t[lang].main });
  const link = container.getByRole('link', { name, exact: typeof name === 'string' }).first();
  // Back up the page to the navigation (on a phone, to "Menu", then into it), as a keyboard
  // user on a long page would.
  if (scope === 'nav') await openMainNav(page, 'Shift+Tab');
  await tabTo(page, link, scope === 'nav' && !navFolds(page) ? 'Shift+Tab' : 'Tab', 200);
  await page.keyboard.press('Enter');
}

for (const lang of ['en', 'es'] as const) {
  test(`results by keyboard alone in ${lang}: home, the list and its filters, a panel, its guide and trend`, async ({ page }, info) => {
    test.setTimeout(150_000);
    const w = t[lang];
    const project = info.project.name;
    await useLanguage(page, lang);
    await signIn(page, demoAccount('walter'), lang);

    // Home: what needs attention, and the ways in.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.hello);
    await expect(page.getByRole('heading', { level: 2, name: w.attention })).toBeVisible();
    await expectNoAxeViolations(page);
    await snap(page, project, lang, 'home');

    // Test results, from the main navigation.
    await follow(page, 'nav', w.results, lang);
    await arrived(page, w.results);
    await expect(page.locator('.result-line').first()).toBeVisible();
    await expectNoAxeViolations(page);
    await snap(page, project, lang, 'results');

    // "Only results outside the normal range", by Space on the checkbox; the count is announced.
    // Each change asks for a new list; once it has come, no "Loading" means the new one is drawn.
    await tabTo(page, page.getByLabel(w.onlyAbnormal), 'Tab', 60);
    const abnormalList = page.waitForResponse((r) => r.url().includes('/results?') && r.url().includes('abnormal=true'));
    await page.keyboard.press('Space');
    await expect(page.getByLabel(w.onlyAbnormal)).toBeChecked();
    await abnormalList;
    await expect(page.locator('.loading')).toHaveCount(0);
    await expect(page.locator('.live-region-polite')).toContainText(/\d/);
    await expect(page.locator('.result-line').first()).toBeVisible();
    const fullList = page.waitForResponse((r) => r.url().includes('/results?') && !r.url().includes('abnormal=true'));
    await page.keyboard.press('Space');
    await expect(page.getByLabel(w.onlyAbnormal)).not.toBeChecked();
    await fullList;
    await expect(page.locator('.loading')).toHaveCount(0);

    // A lab panel done before: its values and ranges, the guide, and the trend.
    const panel = page.locator('.result-line:not(.is-new)').filter({ hasText: lang === 'en' ? /\d+ tests/ : /\d+ pruebas/ }).first();
    await expect(panel).toBeVisible();
    await tabTo(page, panel.getByRole('link'), 'Tab', 200);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await expect(page.locator('.value-card').first()).toBeVisible();
    const guide = page.getByRole('button', { name: lang === 'en' ? /^About this test/ : /^Sobre esta prueba/ }).first();
    await tabTo(page, guide, 'Tab', 40);
    await page.keyboard.press('Enter');
    await expect(guide).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('link', { name: lang === 'en' ? /MedlinePlus/ : /MedlinePlus/ }).first()).toBeVisible();
    const history = page.getByRole('button', { name: w.pastResults }).first();
    await tabTo(page, history, 'Tab', 40);
    await expect(history).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('Enter');
    await expect(history).toHaveAttribute('aria-expanded', 'true');
    const chart = page.getByRole('img').filter({ has: page.locator('desc') }).first();
    await expect(chart).toBeVisible();
    await expect(chart.locator('desc')).toContainText(/\d/);
    await expectNoAxeViolations(page);
    await snap(page, project, lang, 'result-trend');
    // The tabs: Tab into the selected one, then ArrowRight to the table.
    const chartTab = page.getByRole('tab', { name: w.chart }).first();
    await tabTo(page, chartTab, 'Tab', 40);
    await expect(chartTab).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowRight');
    const tableTab = page.getByRole('tab', { name: w.table }).first();
    await expect(tableTab).toBeFocused();
    await expect(tableTab).toHaveAttribute('aria-selected', 'true');
    const table = page.getByRole('tabpanel').getByRole('table').first();
    await expect(table).toBeVisible();
    expect(await table.getByRole('row').count()).toBeGreaterThan(2);
    await expectNoAxeViolations(page);

    // Back to the list by its link.
    await follow(page, 'main', w.allResults, lang);
    await arrived(page, w.results);
  });

  test(`the health summary and each list by keyboard alone in ${lang}`, async ({ page }, info) => {
    test.setTimeout(300_000);
    const w = t[lang];
    const project = info.project.name;
    await useLanguage(page, lang);
    await signIn(page, demoAccount('walter'), lang);
    await follow(page, 'nav', w.health, lang);
    await arrived(page, w.health);
    await expect(page.locator('.summary')).toBeVisible();
    await expectNoAxeViolations(page);
    await snap(page, project, lang, 'health');
    const fromSummary = lang === 'en'
      ? [['All medicines', w.meds, 'medicines'], ['All vaccines', w.vaccines, 'vaccines'], ['All allergies', w.allergies, 'allergies'],
        ['All health issues', w.issues, 'issues'], ['Documents', w.documents, 'documents'], ['Download my record', w.download, 'download']]
      : [['Todas las medicinas', w.meds, 'medicines'], ['Todas las vacunas', w.vaccines, 'vaccines'], ['Todas las alergias', w.allergies, 'allergies'],
        ['Todos los problemas de salud', w.issues, 'issues'], ['Documentos', w.documents, 'documents'], ['Descargar mi historial', w.download, 'download']];
    for (const [link, heading, key] of fromSummary) {
      await follow(page, 'main', link, lang);
      await arrived(page, heading);
      await expect(page.locator('.loading')).toHaveCount(0);
      await expectNoAxeViolations(page);
      await snap(page, project, lang, key);
      // Back to the summary by the main navigation, as a keyboard user would.
      await follow(page, 'nav', w.health, lang);
      await arrived(page, w.health);
      await expect(page.locator('.summary')).toBeVisible();
    }
    // A sortable table by keyboard: the vaccines, by date.
    await page.goto('/vaccines');
    const sortDate = page.getByRole('columnheader', { name: lang === 'en' ? /Date/ : /Fecha/ }).getByRole('button');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.vaccines);
    await expect(sortDate).toBeVisible();
    await tabTo(page, sortDate, 'Tab', 80);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('columnheader', { name: lang === 'en' ? /Date/ : /Fecha/ })).toHaveAttribute('aria-sort', /ascending|descending/);
  });

  test(`visits, one visit and the printable summary by keyboard alone in ${lang}`, async ({ page }, info) => {
    test.setTimeout(150_000);
    const w = t[lang];
    const project = info.project.name;
    await useLanguage(page, lang);
    await signIn(page, demoAccount('walter'), lang);
    // Visits: two tabs; the past tab by keyboard, then one visit.
    await follow(page, 'nav', w.visits, lang);
    await arrived(page, w.visits);
    const upcoming = page.getByRole('tab', { name: w.upcoming });
    await expect(upcoming).toHaveAttribute('aria-selected', 'true');
    await expectNoAxeViolations(page);
    await tabTo(page, upcoming, 'Tab', 40);
    await page.keyboard.press('ArrowRight');
    const pastTab = page.getByRole('tab', { name: w.past });
    await expect(pastTab).toBeFocused();
    await expect(pastTab).toHaveAttribute('aria-selected', 'true');
    await expectNoAxeViolations(page);
    await snap(page, project, lang, 'visits');
    const visit = page.getByRole('tabpanel').getByRole('link').first();
    await tabTo(page, visit, 'Tab', 40);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await expect(page.locator('.loading')).toHaveCount(0);
    await expectNoAxeViolations(page);
    await snap(page, project, lang, 'visit');

    // The printable summary, from "Download my record".
    await follow(page, 'nav', w.health, lang);
    await arrived(page, w.health);
    await follow(page, 'main', lang === 'en' ? 'See the summary to print' : 'Ver el resumen para imprimir', lang);
    await arrived(page, w.summary);
    await expect(page.getByRole('button', { name: w.print })).toBeVisible();
    await expectNoAxeViolations(page);
    await snap(page, project, lang, 'summary');
    // On paper: no navigation, no buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: w.main })).toBeHidden();
    await expect(page.getByRole('button', { name: w.print })).toBeHidden();
    if (project === 'tablet') {
      mkdirSync(screenshots, { recursive: true });
      await page.pdf({ path: path.join(screenshots, `summary-${lang}.pdf`), format: 'Letter' });
    }
  });
}

test('the results list filters by kind and marks new results until they are opened', async ({ page }, info) => {
  // One run: reading a result changes what is new for the account.
  test.skip(info.project.name !== 'tablet', 'one run: it changes what is new for Walter');
  test.setTimeout(90_000);
  const w = t.en;
  await useLanguage(page, 'en');
  await signIn(page, demoAccount('walter'));
  await expect(page.getByRole('heading', { level: 2, name: w.attention })).toBeVisible();
  const newLink = page.getByRole('link', { name: /new test result/ });
  await expect(newLink).toBeVisible();
  await newLink.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.results);
  await expect(page.getByLabel(w.onlyNew)).toBeChecked();
  const lines = page.locator('.result-line');
  await expect(lines.first()).toBeVisible();
  const newCount = await lines.count();
  expect(newCount).toBeGreaterThan(0);
  await expect(lines.filter({ hasText: w.newTag })).toHaveCount(newCount);

  // Opening one marks it read: back in the list, one fewer is new.
  await lines.first().getByRole('link').click();
  await expect(page.locator('.value-card').first()).toBeVisible();
  await page.goBack();
  await expect(page.getByLabel(w.onlyNew)).toBeChecked();
  if (newCount > 1) {
    await expect(lines).toHaveCount(newCount - 1);
    await page.getByRole('button', { name: w.markAll }).click();
    await expect(page.locator('.live-region-polite')).toContainText('All results are marked as read.');
  }
  await expect(lines).toHaveCount(0);

  // Vital signs only: every line is a vital sign.
  await page.getByLabel(w.onlyNew).uncheck();
  await page.getByLabel('Vital signs').check();
  // The lab list stays on screen until the vital signs arrive: wait for them.
  const vital = /blood pressure|heart rate|breathing|temperature|weight|height|body mass|oxygen|pulse|head size/i;
  await expect(async () => {
    const names = await lines.locator('.result-name').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(name).toMatch(vital);
    }
  }).toPass({ timeout: 15_000 });

  // The filters are kept in the address: a reload opens the same list.
  await expect(page).toHaveURL(/\/results\?kind=vitals$/);
  await page.reload();
  await expect(page.getByLabel('Vital signs')).toBeChecked();
  await expect(page.getByLabel(w.onlyNew)).not.toBeChecked();
  await expect(lines.first().locator('.result-name')).toHaveText(vital);
  // "Test results" in the navigation starts again from the lab tests.
  await openMainNav(page);
  await page.getByRole('navigation', { name: w.main }).getByRole('link', { name: w.results }).click();
  await expect(page.getByLabel('Lab tests')).toBeChecked();
  await expect(page).toHaveURL(/\/results$/);
  await expect(page.locator('.loading')).toHaveCount(0);
  await expect(lines.first().locator('.result-name')).not.toHaveText(vital);
});

test('the record downloads as one FHIR file, and dates in the wrong order are refused', async ({ page }, info) => {
  test.skip(info.project.name !== 'phone', 'one run is enough');
  const w = t.en;
  await useLanguage(page, 'en');
  await signIn(page, demoAccount('walter'));
  await page.goto('/my-record');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.download);
  await page.getByLabel(w.from).fill('2025-01-01');
  await page.getByLabel(w.to).fill('2024-01-01');
  await page.getByRole('link', { name: w.downloadButton }).click();
  await expect(page.locator('.error-summary')).toContainText(w.orderError);
  await expect(page.locator('.error-summary')).toBeFocused();

  await page.getByLabel(w.to).fill('2026-12-31');
  await expect(page.getByRole('link', { name: w.downloadButton })).toHaveAttribute('href', /\/export\?start=2025-01-01&end=2026-12-31$/);
  const href = await page.getByRole('link', { name: w.downloadButton }).getAttribute('href');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: w.downloadButton }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^health-record-\d{4}-\d{2}-\d{2}\.json$/);
  const body = JSON.parse(await (await page.request.get(href!)).text());
  expect(body.resourceType).toBe('Bundle');
  expect(body.type).toBe('collection');
  expect(body.entry.some((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Patient')).toBe(true);
});

test('a parent switches to her child\'s record with the record menu, by keyboard', async ({ page }) => {
  test.setTimeout(90_000);
  const w = t.en;
  await useLanguage(page, 'en');
  await signIn(page, demoAccount('rosa'));
  const menuButton = page.getByRole('button', { name: /^Record of / });
  await tabTo(page, menuButton, 'Tab', 20);
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitemradio').first()).toBeFocused();
  await expectNoAxeViolations(page);
  const mateo = menu.getByRole('menuitemradio', { name: /Mateo/ });
  await tabTo(page, mateo, 'ArrowDown', 5);
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();
  await expect(menuButton).toHaveText(/Mateo/);
  await expect(page.locator('.acting-for')).toHaveText(w.viewing);
  await openMainNav(page);
  await page.getByRole('navigation', { name: w.main }).getByRole('link', { name: w.results }).click();
  await expect(page.locator('.acting-for')).toHaveText(w.viewing);
  await expect(page.locator('.result-line').first()).toBeVisible();
});

test('the pages reflow at 320 px and stay readable in dark mode and forced colours', async ({ page }, info) => {
  test.skip(info.project.name !== 'phone', 'sizes and colour schemes are set here');
  test.setTimeout(120_000);
  await useLanguage(page, 'es');
  await signIn(page, demoAccount('walter'), 'es');
  await page.setViewportSize({ width: 320, height: 640 });
  for (const target of ['/', '/results', '/health', '/medicines', '/vaccines', '/visits', '/documents', '/my-record']) {
    await page.goto(target);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('.loading')).toHaveCount(0);
    // No sideways scrolling of the page itself (tables scroll inside their own region).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${target} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  for (const target of ['/', '/results', '/vaccines']) {
    await page.goto(target);
    await expect(page.locator('.loading')).toHaveCount(0);
    await expectNoAxeViolations(page);
  }
  await snap(page, 'phone', 'es', 'vaccines-dark');
  await page.emulateMedia({ colorScheme: 'light', forcedColors: 'active' });
  await page.goto('/results');
  await expect(page.locator('.result-line').first()).toBeVisible();
  await snap(page, 'phone', 'es', 'results-forced-colours');
});

test('how fast the results list of a patient with 1,500 observations draws', async ({ page }, info) => {
  test.skip(info.project.name !== 'tablet', 'one measurement');
  test.setTimeout(180_000);
  await useLanguage(page, 'en');
  await signIn(page, demoAccount('ana'));
  const lines = page.locator('.result-line');
  // First page: from following the link to the list on screen.
  await openMainNav(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Test results' }).click();
  await expect(lines.first()).toBeVisible();
  // Every kind of result (vital signs too): from the choice to the first page on screen.
  await expect(lines.filter({ hasText: /^Weight|^Heart rate/ })).toHaveCount(0);
  const started = Date.now();
  await page.getByLabel('All results').check();
  await expect(lines.filter({ hasText: /Weight|Heart rate|Blood pressure/ }).first()).toBeVisible();
  const firstPage = Date.now() - started;
  // Then "show more" until the whole list is on the page, timing each.
  const more: number[] = [];
  const button = page.getByRole('button', { name: t.en.showMore });
  while (await button.isVisible()) {
    const before = await lines.count();
    const t0 = Date.now();
    await button.click();
    await expect(lines).not.toHaveCount(before);
    more.push(Date.now() - t0);
  }
  const total = await lines.count();
  expect(total).toBeGreaterThan(500);
  // With everything on the page, toggling a filter redraws it: how long until the list is back.
  const t1 = Date.now();
  const abnormalList = page.waitForResponse((r) => r.url().includes('/results?') && r.url().includes('abnormal=true'));
  await page.getByLabel(t.en.onlyAbnormal).check();
  await expect(page.getByLabel(t.en.onlyAbnormal)).toBeChecked();
  // Once the answer has come, no "Loading" means the new list is drawn.
  await abnormalList;
  await expect(page.locator('.loading')).toHaveCount(0);
  await expect(lines.first()).toBeVisible();
  const refilter = Date.now() - t1;
  const sorted = [...more].sort((a, b) => a - b);
  const figure = {
    lines: total,
    first_page_ms: firstPage,
    show_more_median_ms: sorted[Math.floor(sorted.length / 2)] ?? 0,
    show_more_max_ms: sorted.at(-1) ?? 0,
    refilter_ms: refilter,
  };
  mkdirSync(figures, { recursive: true });
  writeFileSync(path.join(figures, 'results-render.json'), JSON.stringify(figure, null, 2));
  console.log(`results list render: ${JSON.stringify(figure)}`);
});
