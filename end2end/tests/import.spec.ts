import { DEMO_PASSWORD, SIGNED_OUT, expect, main, signIn, test } from './support';
import * as path from 'node:path';

/**
 * A coordinator brings the forum's existing plan in from its spreadsheet (the Wolverhampton
 * action plan): a file that is not a spreadsheet is refused with the reason; the real one is
 * previewed; the coordinator changes a column's role (the resources column is ignored, and the
 * roles saved for the next file); imports it into a new strategy; reads the report; and sees the
 * plan. Runs with JavaScript on and off, each project in its own empty forum (scripts/e2e.sh).
 */
test.use({ storageState: SIGNED_OUT });

const FIXTURE = path.resolve(__dirname, '../../app/tests/fixtures/wolverhampton-dv-action-plan.xlsx');

test('a coordinator uploads the plan, changes a column mapping, imports it and sees the plan', async ({ page }, testInfo) => {
  const project = testInfo.project.name;
  const forumPath = `/forums/dudley-plan-importers-${project}`;
  await signIn(page, { email: `importer.${project}@forumplan.example`, password: DEMO_PASSWORD });

  await test.step('the forum page leads to the import page', async () => {
    await page.goto(forumPath);
    await main(page).getByRole('link', { name: 'Import from a spreadsheet' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Import a plan from a spreadsheet' })).toBeVisible();
  });

  if (project === 'js') {
    await test.step('a file dropped on the drop zone becomes the chosen file', async () => {
      const dropped = await page.evaluateHandle(() => {
        const data = new DataTransfer();
        data.items.add(new File(['Theme,Action\n'], 'dropped.csv', { type: 'text/csv' }));
        return data;
      });
      await main(page).locator('.drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
      await expect
        .poll(() => main(page).getByLabel('Choose the spreadsheet').evaluate((i: HTMLInputElement) => i.files?.[0]?.name))
        .toBe('dropped.csv');
    });
  }

  await test.step('a file that is not a spreadsheet is refused, saying why', async () => {
    await main(page).getByLabel('Choose the spreadsheet').setInputFiles({
      name: 'minutes.docx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('PK\u0003\u0004 this is not really a workbook at all'),
    });
    await main(page).getByRole('button', { name: 'Upload and preview' }).click();
    await expect(page).toHaveURL(new RegExp(`${forumPath}/import$`));
    await expect(main(page).getByText('Nothing was imported')).toBeVisible();
  });

  await test.step('the real plan is previewed: themes, actions, targets, partners', async () => {
    await main(page).getByLabel('Choose the spreadsheet').setInputFiles(FIXTURE);
    await main(page).getByRole('button', { name: 'Upload and preview' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Preview: wolverhampton-dv-action-plan.xlsx' })).toBeVisible();
    await expect(main(page).getByText(/6 themes, 20 actions, \d+ targets/)).toBeVisible();
    await expect(main(page).getByText('Nothing has been saved yet.', { exact: false })).toBeVisible();
    await expect(main(page).getByRole('heading', { level: 2, name: 'Partners' })).toBeVisible();
    await expect(main(page).getByRole('heading', { level: 3, name: 'Resources' })).toBeVisible();
  });

  await test.step('the coordinator ignores the resources column and saves the roles', async () => {
    const resources = main(page).getByRole('combobox', { name: /^Column [A-Z]+ \(Resources/ });
    await expect(resources).toHaveValue('resources');
    await resources.selectOption('ignore');
    await main(page).getByLabel('Use these roles for the next file with the same headings').check();
    await main(page).getByRole('button', { name: 'Update the preview' }).click();
    await expect(page.getByRole('status')).toContainText('Saved for the next file with the same headings.');
    await expect(main(page).getByRole('combobox', { name: /^Column [A-Z]+ \(Resources/ })).toHaveValue('ignore');
    await expect(main(page).getByRole('heading', { level: 3, name: 'Resources' })).toHaveCount(0);
  });

  await test.step('imported into a new strategy: the report says what was added', async () => {
    await main(page).getByLabel('Import into').selectOption('new');
    await main(page).getByLabel('Title').fill('Dudley DV Action Plan 2006-2008');
    await main(page).getByLabel('Starts').fill('2006-04-01');
    await main(page).getByLabel('Ends').fill('2008-03-31');
    await main(page).getByRole('button', { name: 'Import 20 actions' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Imported: wolverhampton-dv-action-plan.xlsx' })).toBeVisible();
    await expect(main(page).getByRole('definition').first()).toHaveText(/^6 themes, 20 actions, \d+ targets, \d+ partners, 0 resources$/);
    await expect(main(page).getByRole('heading', { name: 'New partners' })).toBeVisible();
  });

  await test.step('the plan is there, theme by theme', async () => {
    await main(page).getByRole('link', { name: 'Open “Dudley DV Action Plan 2006-2008”' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Dudley DV Action Plan 2006-2008' })).toBeVisible();
    await expect(main(page).getByRole('heading', { level: 2 }).first()).toBeVisible();
    await expect(main(page).getByRole('link', { name: /Information Sharing Protocol/i }).first()).toBeVisible();
  });

  await test.step('the import page lists the upload and the saved roles', async () => {
    await page.goto(`${forumPath}/import`);
    await expect(main(page).getByRole('table')).toContainText('Imported into “Dudley DV Action Plan 2006-2008”');
    await expect(main(page).getByRole('heading', { name: 'Saved column roles' })).toBeVisible();
    await expect(main(page).getByText(/→ Ignore/)).toBeVisible();
  });
});
