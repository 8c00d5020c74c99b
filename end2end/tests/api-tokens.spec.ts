import { FORUM, authFile, expect, main, test } from './support';

/**
 * A coordinator makes a personal API token from the account links, a reporting tool reads the
 * forum's plan with it from the JSON API, and once revoked the token opens nothing. A viewer
 * cannot make one. With JavaScript on and off.
 */
test.describe('as a coordinator', () => {
  test.use({ storageState: authFile('coordinator') });

  test('a token made on the page reads the API until it is revoked', async ({ page, playwright, baseURL }, testInfo) => {
    const label = `Council Power BI (${testInfo.project.name} ${Date.now()})`;
    await page.goto(FORUM.path);
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'API tokens' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'API tokens' })).toBeVisible();
    await main(page).getByLabel('What it is for').fill(label);
    await main(page).getByRole('button', { name: 'Make the token' }).click();
    await expect(page.getByRole('status')).toContainText(`Made the token “${label}”`);
    const token = await main(page).getByLabel(/The new token/).inputValue();
    expect(token).toMatch(/^fpt_[A-Za-z0-9_-]{43}$/);

    // A reporting tool: no cookies, only the token.
    const tool = await playwright.request.newContext({ baseURL });
    const answer = await tool.get(`/api/v1/forums/wolverhampton/strategies`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(answer.status()).toBe(200);
    const body = await answer.json();
    expect(body.data[0].slug).toBe('dv-strategy-2005-2007');
    expect(body.next).toBeNull();
    const described = await tool.get('/api/v1/openapi.json');
    expect((await described.json()).openapi).toBe('3.1.0');

    await page.reload();
    const row = main(page).getByRole('row', { name: new RegExp(label.replace(/[()]/g, '\\$&')) });
    await expect(row).toContainText('Open');
    await row.getByRole('button', { name: `Revoke “${label}”` }).click();
    await expect(page.getByRole('status')).toContainText(`Revoked the token “${label}”`);
    await expect(main(page).getByRole('row', { name: new RegExp(label.replace(/[()]/g, '\\$&')) })).toContainText('Revoked');
    const refused = await tool.get(`/api/v1/forums/wolverhampton/strategies`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(refused.status()).toBe(401);
    expect((await refused.json()).error.code).toBe('token_invalid');
    await tool.dispose();
  });
});

test('a viewer has no API tokens link and cannot make a token', async ({ page }) => {
  await page.goto(FORUM.path);
  await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'API tokens' })).toHaveCount(0);
  await page.goto('/account/api-tokens');
  await expect(main(page).getByText('Only a forum\'s coordinators can make API tokens.')).toBeVisible();
  await expect(main(page).getByRole('button', { name: 'Make the token' })).toHaveCount(0);
});
