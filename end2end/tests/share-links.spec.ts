import { FORUM, SIGNED_OUT, authFile, expect, expectNoSeriousA11yViolations, main, test } from './support';

/**
 * A coordinator makes a share link for a funder; the funder opens it in a fresh browser with no
 * session, on a phone-sized screen, and reads a clean report that leads nowhere else; the
 * coordinator revokes it and the link then says the report is no longer available. A guessed
 * token opens nothing. With JavaScript on and off.
 */
test.use({ storageState: authFile('coordinator') });

test('a funder opens a share link without an account, and a revoked link opens nothing', async ({ page, browser }, testInfo) => {
  const label = `Supporting People monitoring (${testInfo.project.name} ${Date.now()})`;
  const js = testInfo.project.use.javaScriptEnabled !== false;

  await page.goto(FORUM.path);
  await main(page).getByRole('link', { name: 'Share links for funders' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Share links for funders' })).toBeVisible();

  let link = '';
  await test.step('the coordinator makes a link to the strategy', async () => {
    await main(page).getByLabel('Who it is for').fill(label);
    const scope = main(page).getByLabel('What it covers');
    const option = scope.locator('option', { hasText: /^Strategy: / }).first();
    await scope.selectOption((await option.getAttribute('value')) as string);
    await expect(main(page).getByLabel('Narratives marked public')).not.toBeChecked();
    await main(page).getByLabel('Narratives marked public').check();
    await main(page).getByRole('button', { name: 'Make the link' }).click();
    await expect(main(page).getByText(/Copy it now/)).toBeVisible();
    link = await main(page).getByLabel(/The new link/).inputValue();
    expect(link).toMatch(/\/report\/[A-Za-z0-9_-]{43}$/);
    await expect(main(page).getByRole('row', { name: new RegExp(label.replace(/[()]/g, '\\$&')) })).toContainText('Open');
  });

  const funder = await browser.newContext({
    storageState: SIGNED_OUT,
    javaScriptEnabled: js,
    viewport: { width: 375, height: 740 },
  });
  const report = await funder.newPage();
  await test.step('the funder reads the report on a phone, with no session', async () => {
    const response = await report.goto(link);
    expect(response?.status()).toBe(200);
    await expect(report.getByRole('heading', { level: 1, name: FORUM.strategyTitle })).toBeVisible();
    await expect(main(report)).toContainText(FORUM.name);
    await expect(main(report)).toContainText(`Prepared for: ${label}`);
    await expect(main(report)).toContainText('Plan period');
    await expect(main(report)).toContainText('fewer than 5');
    await expect(main(report).getByRole('img', { name: 'Targets by status and theme' })).toBeVisible();
    await expect(main(report).getByRole('heading', { level: 2 })).toHaveCount(6);
    // Nothing editable, and no way into the rest of the site.
    await expect(report.locator('form, input, textarea, select, button')).toHaveCount(0);
    const hrefs = await report.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.filter((h) => !h?.startsWith('#'))).toEqual([]);
    await expect(report.getByText('Sign in')).toHaveCount(0);
    // It fits the phone's width.
    const overflow = await report.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    if (js) await expectNoSeriousA11yViolations(report);
  });

  await test.step('a guessed token opens nothing', async () => {
    const guess = await report.goto(link.replace(/.{4}$/, 'AAAA'));
    expect(guess?.status()).toBe(404);
    await expect(report.getByRole('heading', { level: 1, name: 'This report is no longer available' })).toBeVisible();
  });

  await test.step('the coordinator revokes the link, and it no longer opens', async () => {
    await main(page).getByRole('button', { name: `Revoke “${label}”` }).click();
    await expect(main(page).getByText(`Revoked “${label}”`)).toBeVisible();
    await expect(main(page).getByRole('button', { name: `Revoke “${label}”` })).toHaveCount(0);
    const after = await report.goto(link);
    expect(after?.status()).toBe(404);
    await expect(report.getByRole('heading', { level: 1, name: 'This report is no longer available' })).toBeVisible();
    await expect(main(report)).not.toContainText(label);
  });
  await funder.close();
});
