import { expect, test } from './support';

test('an unknown forum answers 404 with a "Not found" page', async ({ page }) => {
  const response = await page.goto('/forums/nope');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(page).toHaveTitle(/· ForumPlan$/);
  await expect(page.getByRole('main')).toHaveCount(1);
});
