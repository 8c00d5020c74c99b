import { FORUM, authFile, expect, main, test } from './support';
import * as fs from 'node:fs';

/**
 * A viewer downloads the strategy as CSV from the strategy page; a coordinator downloads it as
 * an Excel workbook and imports that file back into the same strategy through the import page,
 * and the report says nothing was added or changed. With JavaScript on and off: the download
 * form is a plain GET form.
 */
const NOTHING = '0 themes, 0 actions, 0 targets, 0 partners, 0 resources';

test('a viewer downloads the plan as CSV', async ({ page }) => {
  await page.goto(FORUM.strategyPath);
  await main(page).getByText('Download as a spreadsheet').click();
  await main(page).getByLabel('Format').selectOption('csv');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    main(page).getByRole('button', { name: 'Download' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('wolverhampton-dv-strategy-2005-2007-plan.csv');
  const text = fs.readFileSync(await download.path(), 'utf8');
  expect(text.startsWith('\ufeffStrategy,Theme,Ref,Action,Activity,Lead,Partners,Resources,Due')).toBe(true);
  expect(text).toContain('Protection and Justice');
  // Still on the strategy page: a download does not navigate.
  await expect(page.getByRole('heading', { level: 1, name: FORUM.strategyTitle })).toBeVisible();
});

test.describe('as a coordinator', () => {
  test.use({ storageState: authFile('coordinator') });

  test('a downloaded workbook imports back into the same plan with nothing changed', async ({ page }, testInfo) => {
    await page.goto(FORUM.strategyPath);
    await main(page).getByText('Download as a spreadsheet').click();
    await main(page).getByLabel('Format').selectOption('xlsx');
    await main(page).getByLabel('Sheets (Excel only)').selectOption('flat');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      main(page).getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('wolverhampton-dv-strategy-2005-2007-plan.xlsx');
    const file = testInfo.outputPath('plan.xlsx');
    await download.saveAs(file);

    await page.goto(`${FORUM.path}/import`);
    await main(page).getByLabel('Choose the spreadsheet').setInputFiles(file);
    await main(page).getByRole('button', { name: 'Upload and preview' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Preview: plan.xlsx' })).toBeVisible();
    await expect(main(page).getByText(/6 themes, 20 actions, \d+ targets/)).toBeVisible();
    const into = main(page).getByLabel('Import into');
    const option = into.locator('option', { hasText: FORUM.strategyTitle });
    await into.selectOption((await option.getAttribute('value')) as string);
    await main(page).getByRole('button', { name: 'Import 20 actions' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Imported: plan.xlsx' })).toBeVisible();
    const report = main(page).getByRole('definition');
    await expect(report.nth(0)).toHaveText(NOTHING);
    await expect(report.nth(1)).toHaveText(NOTHING);
    await expect(report.nth(2)).toContainText('6 themes, 20 actions');
  });
});
