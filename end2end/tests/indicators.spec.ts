import { FORUM, actionHref, expect, expectPageChrome, indicatorHref, main, pathOf, test } from './support';

test('a reader goes from the indicators list to an indicator and on to an action measured by it', async ({ page }) => {
  await page.goto(FORUM.path);
  await page.getByRole('link', { name: 'Indicators', exact: true }).first().click();

  await expect(page).toHaveURL(new RegExp(`${FORUM.indicatorsPath}$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectPageChrome(page, { breadcrumb: true });

  const links = main(page).locator('a[href*="/forums/wolverhampton/indicators/"]');
  expect(await links.count(), 'indicators in the demo forum').toBeGreaterThan(0);
  const indicators: { path: string; label: string }[] = [];
  for (const link of await links.all()) {
    indicators.push({ path: await pathOf(link), label: (await link.innerText()).trim() });
  }

  // Indicators in list order, until one that measures targets of the demo plan.
  let measured: { indicator: string; action: string; title: string } | undefined;
  for (const { path, label } of indicators) {
    expect(path).toMatch(indicatorHref);
    await page.goto(path);
    const heading = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
    // The heading is the indicator's code and title; the list names it by its code first.
    expect(heading, `the page of indicator "${label}"`).toContain(label.split(/\s+/)[0]);
    await expectPageChrome(page, { breadcrumb: true });
    const actionLinks = main(page).locator('a[href*="/forums/wolverhampton/actions/"]');
    if ((await actionLinks.count()) > 0) {
      const first = actionLinks.first();
      measured = { indicator: path, action: await pathOf(first), title: (await first.innerText()).trim() };
      break;
    }
  }
  expect(measured, 'an indicator with targets linked to it').toBeDefined();

  await main(page).locator(`a[href$="${measured!.action}"]`).first().click();
  await expect(page).toHaveURL(actionHref);
  await expect(page).toHaveURL(new RegExp(`${measured!.action}$`));
  await expect(page.getByRole('heading', { level: 1, name: measured!.title })).toBeVisible();
});
