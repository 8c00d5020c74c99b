import {
  ACTION_COUNT,
  FORUM,
  STATUSES,
  THEMES,
  actionHref,
  currentPath,
  expect,
  expectPageChrome,
  leadPartnerLink,
  linksUnderHeading,
  main,
  partnerHref,
  test,
} from './support';

test('a reader follows the plan from the home page to the lead partner of an action', async ({ page }) => {
  await test.step('home lists the forum', async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Forums', exact: true })).toBeVisible();
    await expectPageChrome(page, { breadcrumb: 'optional' });
    await main(page).getByRole('link', { name: FORUM.name }).click();
  });

  await test.step('the forum page lists its strategy and links to partners and indicators', async () => {
    await expect(page).toHaveURL(new RegExp(`${FORUM.path}$`));
    await expect(page.getByRole('heading', { level: 1, name: FORUM.name })).toBeVisible();
    await expectPageChrome(page, { breadcrumb: 'optional' });
    await expect(page.getByRole('link', { name: 'Partners', exact: true }).first()).toHaveAttribute(
      'href',
      FORUM.partnersPath,
    );
    await expect(page.getByRole('link', { name: 'Indicators', exact: true }).first()).toHaveAttribute(
      'href',
      FORUM.indicatorsPath,
    );
    const strategy = main(page).getByRole('link', { name: FORUM.strategyTitle });
    await expect(strategy).toHaveAttribute('href', FORUM.strategyPath);
    await strategy.click();
  });

  await test.step('the strategy page shows 6 themes and 20 actions, each target with a status in words', async () => {
    await expect(page).toHaveURL(new RegExp(`${FORUM.strategyPath}$`));
    await expect(page.getByRole('heading', { level: 1, name: FORUM.strategyTitle })).toBeVisible();
    await expectPageChrome(page, { breadcrumb: true });

    for (const theme of THEMES) {
      await expect(page.getByRole('heading', { level: 2, name: theme, exact: true })).toHaveCount(1);
    }
    const h2s = (await page.getByRole('heading', { level: 2 }).allInnerTexts()).map((t) => t.trim());
    expect(h2s.filter((t) => (THEMES as readonly string[]).includes(t)), 'themes in plan order').toEqual([...THEMES]);

    const actions = page
      .getByRole('heading', { level: 3 })
      .filter({ has: page.locator('a[href*="/forums/wolverhampton/actions/"]') });
    await expect(actions).toHaveCount(ACTION_COUNT);
    await expect(page.getByRole('heading', { level: 3, name: 'Specialist Domestic Violence Court' })).toBeVisible();

    const statusRows = await main(page).evaluate((root, statuses) => {
      const norm = (s: string) => s.replace(/\s+/g, ' ').replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, '');
      const rows = Array.from(root.querySelectorAll('table tbody tr'));
      return {
        rows: rows.length,
        withoutStatus: rows
          .filter((row) => !Array.from(row.querySelectorAll('td, th')).some((cell) =>
            statuses.includes(norm((cell as HTMLElement).innerText)),
          ))
          .map((row) => (row as HTMLElement).innerText.replace(/\s+/g, ' ').slice(0, 120)),
      };
    }, STATUSES as readonly string[]);
    expect(statusRows.rows, 'target rows on the strategy page').toBeGreaterThan(0);
    expect(statusRows.withoutStatus, `target rows whose status is not one of: ${STATUSES.join(', ')}`).toEqual([]);

    await page.getByRole('heading', { level: 3, name: 'Information Sharing Protocol' }).getByRole('link').click();
  });

  let actionPath = '';
  await test.step('the action page shows its activity, partners, resources and target histories', async () => {
    await expect(page).toHaveURL(actionHref);
    actionPath = currentPath(page);
    expect(actionPath).toMatch(actionHref);
    await expect(page.getByRole('heading', { level: 1, name: 'Information Sharing Protocol' })).toBeVisible();
    await expectPageChrome(page, { breadcrumb: true });
    for (const section of ['Activity', 'Partners', 'Resources', 'Targets']) {
      await expect(page.getByRole('heading', { level: 2, name: section, exact: true })).toHaveCount(1);
    }

    const histories = main(page).locator('table:has(caption)');
    expect(await histories.count(), 'one history table per target').toBeGreaterThan(0);
    for (const table of await histories.all()) {
      await expect(table.locator('caption')).not.toBeEmpty();
      for (const column of ['Period', 'Value', 'State', 'Narrative']) {
        await expect(table.getByRole('columnheader', { name: column, exact: true })).toHaveCount(1);
      }
    }
  });

  await test.step('the lead partner link leads to a partner page listing the action under "Leads"', async () => {
    const lead = leadPartnerLink(page);
    await expect(lead).toHaveAttribute('href', partnerHref);
    await lead.click();
    await expect(page).toHaveURL(partnerHref);
    await expect(page.getByRole('heading', { level: 1 })).not.toBeEmpty();
    await expectPageChrome(page, { breadcrumb: true });
    await expect(page.getByRole('heading', { level: 2, name: 'Leads' })).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 2, name: 'Supports' })).toHaveCount(1);
    const led = linksUnderHeading(page, 'Leads', actionPath);
    await expect(led, 'the action is listed under "Leads" on its lead partner\'s page').toHaveCount(1);
    await expect(led).toHaveText(/Information Sharing Protocol/);
  });
});

test('the partners list links to every partner page', async ({ page }) => {
  await page.goto(FORUM.partnersPath);
  await expect(page.getByRole('heading', { level: 1, name: 'Partners', exact: true })).toBeVisible();
  await expectPageChrome(page, { breadcrumb: true });
  const partners = main(page).locator('a[href*="/forums/wolverhampton/partners/"]');
  expect(await partners.count(), 'partners in the demo forum').toBeGreaterThan(1);
  const first = partners.first();
  const name = (await first.innerText()).trim();
  await first.click();
  await expect(page).toHaveURL(partnerHref);
  const heading = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
  expect(heading.length).toBeGreaterThan(0);
  // The list may add a short name ("… (WDVF)"); the page heading is the partner's name.
  expect(name.includes(heading) || heading.includes(name), `"${name}" in the list, "${heading}" on the page`).toBe(true);
});
