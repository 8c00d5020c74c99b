import { authFile, expect, test } from './support';

test('an unknown address answers 404 with a "Not found" page', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(page).toHaveTitle(/· ForumPlan$/);
  await expect(page.getByRole('main')).toHaveCount(1);
});

test.describe('as an administrator', () => {
  test.use({ storageState: authFile('admin') });

  test('an unknown forum answers 404 (others get "No access", which tells nothing)', async ({ page }) => {
    const response = await page.goto('/forums/nope');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  });
});
