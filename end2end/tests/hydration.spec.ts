import { FORUM, expect, test } from './support';

test('with JavaScript the page hydrates and links navigate without a full reload', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'nojs', 'hydration needs JavaScript');
  await page.goto(FORUM.path);
  // Wait until the wasm bundle has loaded and hydrated the page.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('.wasm')));
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => ((window as unknown as { __fpMarker: number }).__fpMarker = 42));
  await page.getByRole('main').getByRole('link', { name: FORUM.strategyTitle }).click();
  await expect(page).toHaveURL(new RegExp(`${FORUM.strategyPath}$`));
  await expect(page.getByRole('heading', { level: 1, name: FORUM.strategyTitle })).toBeVisible();
  const marker = await page.evaluate(() => (window as unknown as { __fpMarker?: number }).__fpMarker);
  expect(marker, 'the same document: the router navigated on the client').toBe(42);
});
