import { DEMO_PASSWORD, SIGNED_OUT, expect, main, signIn, test } from './support';
import type { Page } from '@playwright/test';

/**
 * A coordinator builds a small plan in an empty forum (scripts/e2e.sh makes one per project, with
 * its own coordinator), reshapes it, and a second browser session hits the edit conflict. Runs
 * with JavaScript on and off: every form posts and redirects.
 */
test.use({ storageState: SIGNED_OUT });

const themeSection = (page: Page, title: string) =>
  main(page).getByRole('region', { name: new RegExp(`^${title}`) });

test('a coordinator builds a plan from nothing, reorders it, and a stale save is refused', async ({ page, browser }, testInfo) => {
  // Some forty page loads (each form posts and redirects without JavaScript): on a busy CI
  // machine that can take longer than the default 30 s.
  test.slow();
  const project = testInfo.project.name;
  const forumPath = `/forums/sandwell-plan-builders-${project}`;
  await signIn(page, { email: `builder.${project}@forumplan.example`, password: DEMO_PASSWORD });

  await test.step('a strategy is refused with a message next to the field, then created', async () => {
    await page.goto(forumPath);
    await expect(main(page).getByText('This forum has no strategy yet.')).toBeVisible();
    const form = main(page).getByRole('region', { name: 'Start a new strategy' });
    await form.getByText('New strategy', { exact: true }).click();
    await form.getByLabel('Title').fill('Sandwell DV Strategy 2027-2030');
    await form.getByLabel('Period starts').fill('2027-04-01');
    await form.getByLabel('Period ends').fill('2026-03-31');
    await form.getByRole('button', { name: 'Create the strategy' }).click();
    await expect(page.getByRole('alert')).toContainText('Some answers need changing');
    const end = main(page).getByLabel('Period ends');
    await expect(end).toHaveAttribute('aria-invalid', 'true');
    await expect(main(page).getByText('The period must end after it starts.')).toBeVisible();
    // What was typed is kept.
    await expect(main(page).getByLabel('Title')).toHaveValue('Sandwell DV Strategy 2027-2030');
    await end.fill('2030-03-31');
    await main(page).getByRole('button', { name: 'Create the strategy' }).click();
    await expect(page).toHaveURL(/\/strategies\/sandwell-dv-strategy-2027-2030\/edit$/);
    await expect(page.getByRole('status')).toContainText('Strategy “Sandwell DV Strategy 2027-2030” created');
  });

  const editPath = `${forumPath}/strategies/sandwell-dv-strategy-2027-2030/edit`;

  await test.step('two themes and three actions with partners', async () => {
    for (const theme of ['Protection and Justice', 'Prevention and Awareness Raising']) {
      await main(page).getByLabel('Theme title').last().fill(theme);
      await main(page).getByRole('button', { name: 'Add the theme' }).click();
      await expect(page.getByRole('status')).toContainText(`Theme “${theme}” added`);
    }
    const addAction = async (theme: string, title: string, newLead: string) => {
      const section = themeSection(page, theme);
      await section.getByText(`Add an action to “${theme}”`).click();
      await section.getByLabel('What will be done').fill(title);
      await section.getByLabel('…or a lead partner not in the directory yet').fill(newLead);
      await section.getByRole('button', { name: 'Add the action' }).click();
      await expect(page.getByRole('status').first()).toContainText(`Action “${title}” added`);
    };
    await addAction('Protection and Justice', 'Specialist DV court', 'West Midlands Police');
    await addAction('Protection and Justice', 'MARAC for high-risk cases', 'Sandwell Women’s Aid');
    await addAction('Prevention and Awareness Raising', 'Schools awareness programme', 'Children’s Services');
  });

  await test.step('a target with the wrong kind of value is refused, then added', async () => {
    await themeSection(page, 'Protection and Justice').getByRole('link', { name: 'Specialist DV court' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Edit: Specialist DV court' })).toBeVisible();
    // A supporting partner, ticked from the directory the actions built.
    await main(page).getByRole('checkbox', { name: 'Sandwell Women’s Aid' }).check();
    await main(page).getByRole('button', { name: 'Save the action' }).click();
    await expect(page.getByRole('status')).toContainText('Saved the action “Specialist DV court”');
    await expect(main(page).getByRole('checkbox', { name: 'Sandwell Women’s Aid' })).toBeChecked();

    await main(page).getByLabel('What the target is').fill('Cases reaching court');
    await main(page).getByLabel('Kind of value').selectOption('percentage');
    await main(page).getByLabel('Target value (for at least / at most)').fill('120');
    await main(page).getByRole('button', { name: 'Add the target' }).click();
    await expect(main(page).getByText('A percentage is between 0 and 100.')).toBeVisible();
    await expect(main(page).getByLabel('What the target is')).toHaveValue('Cases reaching court');
    await main(page).getByLabel('Target value (for at least / at most)').fill('70');
    await main(page).getByRole('button', { name: 'Add the target' }).click();
    await expect(page.getByRole('status')).toContainText('Target “Cases reaching court” added');
    await expect(main(page).getByRole('link', { name: 'Cases reaching court' })).toBeVisible();
  });

  await test.step('reorder by keyboard: the second action moves up, the second theme moves up', async () => {
    await page.goto(editPath);
    const protection = themeSection(page, 'Protection and Justice');
    const moveUp = protection.getByRole('button', { name: 'Move “MARAC for high-risk cases” up' });
    await moveUp.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').first()).toContainText('Moved “MARAC for high-risk cases” up');
    await expect(themeSection(page, 'Protection and Justice').getByRole('listitem').first()).toContainText('MARAC for high-risk cases');
    if (project === 'js') {
      // With JavaScript an action can also be dragged, and nothing reloads the page.
      await page.evaluate(() => { (window as unknown as { stayed: boolean }).stayed = true; });
      const items = themeSection(page, 'Protection and Justice').getByRole('listitem');
      await items.filter({ hasText: 'Specialist DV court' }).dragTo(items.filter({ hasText: 'MARAC for high-risk cases' }));
      await expect(themeSection(page, 'Protection and Justice').getByRole('listitem').first()).toContainText('Specialist DV court');
      await expect(page.getByRole('status').first()).toContainText('Moved “Specialist DV court” to place 1');
      expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    }
    await main(page).getByRole('button', { name: 'Move “Prevention and Awareness Raising” up' }).click();
    await expect(page.getByRole('status').first()).toContainText('Moved “Prevention and Awareness Raising” up');
    await page.goto(`${forumPath}/strategies/sandwell-dv-strategy-2027-2030`);
    const themes = main(page).getByRole('navigation', { name: 'Themes' }).getByRole('listitem');
    await expect(themes).toHaveText(['Prevention and Awareness Raising', 'Protection and Justice']);
  });

  await test.step('a second session saves first; the stale save is refused and shows what changed', async () => {
    await page.goto(editPath);
    await themeSection(page, 'Protection and Justice').getByRole('link', { name: 'Specialist DV court' }).click();
    const actionEdit = page.url();

    const other = await browser.newContext({ storageState: SIGNED_OUT, javaScriptEnabled: project === 'js' });
    const second = await other.newPage();
    await signIn(second, { email: `builder.${project}@forumplan.example`, password: DEMO_PASSWORD });
    await second.goto(actionEdit);
    await main(second).getByLabel('What will be done').fill('Specialist domestic violence court');
    await main(second).getByRole('button', { name: 'Save the action' }).click();
    await expect(second.getByRole('status')).toContainText('Saved the action “Specialist domestic violence court”');
    await other.close();

    // The first session still has the page it opened before that save.
    await main(page).getByLabel('Due, in the plan\'s words').fill('by March 2028');
    await main(page).getByRole('button', { name: 'Save the action' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('was changed by someone else since you opened this page');
    await expect(alert).toContainText('changed title from “Specialist DV court” to “Specialist domestic violence court”');
    // Their edit is kept in the form; saving again applies it on top of the other change.
    await expect(main(page).getByLabel('Due, in the plan\'s words')).toHaveValue('by March 2028');
    await main(page).getByLabel('What will be done').fill('Specialist domestic violence court');
    await main(page).getByRole('button', { name: 'Save the action' }).click();
    await expect(page.getByRole('status')).toContainText('Saved the action “Specialist domestic violence court”');
    await expect(main(page).getByLabel('Due, in the plan\'s words')).toHaveValue('by March 2028');
  });
});

test('a coordinator keeps the directories: a resource, a partner merged into another, an adopted indicator', async ({ page }, testInfo) => {
  const project = testInfo.project.name;
  const forumPath = `/forums/sandwell-plan-builders-${project}`;
  await signIn(page, { email: `builder.${project}@forumplan.example`, password: DEMO_PASSWORD });

  await test.step('a funding source at risk', async () => {
    await page.goto(`${forumPath}/resources`);
    const form = main(page).getByRole('region', { name: 'Add a resource' });
    await form.getByLabel('Name').fill('Home Office DA fund');
    await form.getByLabel('Amount (£)').fill('twelve thousand');
    await form.getByRole('button', { name: 'Add the resource' }).click();
    await expect(main(page).getByText('“twelve thousand” is not a number')).toBeVisible();
    await main(page).getByLabel('Amount (£)').last().fill('12,500');
    await main(page).getByRole('checkbox', { name: 'The funding is at risk' }).last().check();
    await main(page).getByRole('button', { name: 'Add the resource' }).click();
    await expect(page.getByRole('status')).toContainText('Added the resource “Home Office DA fund”');
    const row = main(page).getByRole('row', { name: /Home Office DA fund/ });
    await expect(row).toContainText('£12,500');
    await expect(row).toContainText('At risk');
  });

  await test.step('the same agency entered twice is merged, its name kept as an alias', async () => {
    await page.goto(`${forumPath}/partners`);
    for (const [name, short] of [['Sandwell Council', 'SMBC'], ['Sandwell Metropolitan Borough Council', '']]) {
      const form = main(page).getByRole('region', { name: 'Add a partner agency' });
      await form.getByLabel('Name', { exact: true }).fill(name);
      await form.getByLabel('Short name', { exact: true }).fill(short);
      await form.getByRole('button', { name: 'Add the partner' }).click();
      await expect(page.getByRole('status')).toContainText(`Added “${name}” to the partner directory`);
    }
    await main(page).getByRole('link', { name: 'Sandwell Metropolitan Borough Council' }).click();
    await main(page).getByLabel('Merge into').selectOption({ label: 'Sandwell Council (SMBC)' });
    await main(page).getByRole('button', { name: 'Merge into the chosen partner' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sandwell Council' })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('Merged “Sandwell Metropolitan Borough Council” into “Sandwell Council”');
    await expect(main(page).locator('dd', { hasText: 'Sandwell Metropolitan Borough Council' })).toBeVisible();
  });

  await test.step('NI32 is adopted from the starter set with its sourced definition', async () => {
    await page.goto(`${forumPath}/indicators`);
    await main(page).getByLabel('Indicator', { exact: true }).selectOption({ label: 'NI32 Repeat incidents of domestic violence' });
    await main(page).getByRole('button', { name: 'Adopt' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'NI32 Repeat incidents of domestic violence' })).toBeVisible();
    await expect(main(page).getByText('Lower is better', { exact: true }).first()).toBeVisible();
    await expect(main(page).locator('dd', { hasText: 'Sources: National Indicator Set' })).toBeVisible();
  });
});
