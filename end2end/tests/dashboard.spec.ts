import { FORUM, authFile, expect, main, test } from './support';

/**
 * A viewer opens the forum's dashboard: the totals add up to the targets shown, the chart is an
 * image (an SVG file of its own, with its title and a description, which the viewer can save),
 * its figures are also a table, a theme filter narrows the page, and a status total lists the
 * targets behind it. With JavaScript on and off.
 */
test.use({ storageState: authFile('viewer') });

test('the dashboard shows where the plan stands, with filters and the items behind each figure', async ({ page }) => {
  await page.goto(FORUM.path);
  await main(page).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  const lead = await main(page).locator('p.lead').textContent();
  const total = Number(/: (\d+) targets\./.exec(lead ?? '')?.[1]);
  expect(total).toBeGreaterThan(0);
  const shown = await main(page).locator('.status-totals strong').allTextContents();
  expect(shown.map(Number).reduce((a, b) => a + b, 0)).toBe(total);

  await test.step('the chart is an image with a title and a description, and its figures are a table', async () => {
    const chart = main(page).getByRole('img', { name: 'Targets by status in each theme' });
    await expect(chart).toBeVisible();
    await expect(chart).toHaveAttribute('alt', /Prevention and Awareness Raising: \d+ /);
    // Drawn: the image loaded, and the file is the SVG with its own title and description.
    await expect.poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    const file = await page.request.get(await chart.getAttribute('src') as string);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('image/svg+xml');
    const svg = await file.text();
    expect(svg).toContain('<title id="themes-chart-title">Targets by status in each theme</title>');
    expect(svg).toMatch(/<desc id="themes-chart-desc">[^<]*Prevention/);
    await expect(main(page).getByRole('link', { name: 'Save the chart (SVG)' })).toHaveAttribute('href', await chart.getAttribute('src') as string);
    const table = main(page).getByRole('table', { name: 'Targets by theme and status' });
    await expect(table.getByRole('row')).toHaveCount(1 + 6);
  });

  await test.step('a theme filter narrows the page to that theme', async () => {
    const theme = main(page).getByRole('combobox', { name: 'Theme', exact: true });
    const option = theme.locator('option', { hasText: 'Protection and Justice' });
    await theme.selectOption(await option.getAttribute('value') as string);
    await main(page).getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(/theme=\d+/);
    const table = main(page).getByRole('table', { name: 'Targets by theme and status' });
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table).toContainText('Protection and Justice');
  });

  await test.step('a status total lists the targets behind it', async () => {
    await main(page).locator('.status-totals a', { hasText: 'No data' }).click();
    await expect(page).toHaveURL(/status=no_data/);
    await expect(main(page).getByRole('heading', { level: 2, name: 'Targets: no data' })).toBeVisible();
  });
});
