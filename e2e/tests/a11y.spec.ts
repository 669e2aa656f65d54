// Zero axe violations (WCAG 2.2 A/AA) on every page, in both languages, at the project's size.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, useLanguage, type Lang } from './support';

const pages: { path: string; heading: Record<Lang, string> }[] = [
  { path: '/', heading: { en: 'Welcome', es: 'Bienvenido' } },
  { path: '/accessibility', heading: { en: 'Accessibility', es: 'Accesibilidad' } },
  { path: '/privacy', heading: { en: 'Privacy', es: 'Privacidad' } },
  { path: '/no-such-page', heading: { en: 'Page not found', es: 'Página no encontrada' } },
];

for (const lang of ['en', 'es'] as const) {
  for (const { path, heading } of pages) {
    test(`${path} in ${lang} has no axe violations`, async ({ page }) => {
      await useLanguage(page, lang);
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading[lang]);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      if (path === '/') {
        await expect(page.getByText('Riverbend Health')).toBeVisible();
      }
      await expectNoAxeViolations(page);
    });
  }
}

test('the offline page has no axe violations', async ({ page }) => {
  await page.goto('/offline.html');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are offline');
  await expectNoAxeViolations(page);
});
