import { FORUM, actionPath, authFile, expect, main, test } from './support';

/**
 * The quarterly meeting: a coordinator opens a review of the quarter just ended, records a
 * decision and an action arising (a missing owner is refused with the reason), prints the
 * meeting pack (Chromium's PDF: its pages and its headings, from the PDF's outline), then
 * corrects an approved figure: the live plan shows the new figure, the frozen pack does not
 * change. With JavaScript on and off; each project corrects a target of its own.
 */
test.use({ storageState: authFile('coordinator') });

/** The target each project corrects, and the quarter of its latest approved figure. */
const CORRECTED = {
  js: { target: 'Provision of a minimum of 1 refuge place per 10,000 population', quarter: '2006/07 Q1' },
  nojs: { target: '14/15 bed spaces', quarter: '2005/06 Q4' },
} as const;
const ACTION = 'Provision of emergency accommodation and support for women and children with experiences of domestic violence';

/** A PDF string (literal or hex), decoded: UTF-16 with its byte order mark, else Latin-1. */
function pdfString(raw: string): string {
  let bytes: number[] = [];
  if (raw.startsWith('<')) {
    const hex = raw.slice(1, -1).replace(/\s+/g, '');
    for (let i = 0; i + 1 < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  } else {
    const body = raw.slice(1, -1);
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (c !== '\\') { bytes.push(body.charCodeAt(i)); continue; }
      const next = body[++i];
      const octal = /^[0-7]{1,3}/.exec(body.slice(i));
      if (octal) { bytes.push(parseInt(octal[0], 8)); i += octal[0].length - 1; continue; }
      const map: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
      bytes.push(map[next] ?? next.charCodeAt(0));
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let out = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
    return out;
  }
  return String.fromCharCode(...bytes);
}

/** The number of pages of a PDF and the titles of its outline (the page's headings). */
function pdfFacts(pdf: Buffer): { pages: number; titles: string[] } {
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  const titles = [...text.matchAll(/\/Title\s*(\((?:\\[\s\S]|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/g)].map((m) => pdfString(m[1]));
  return { pages, titles };
}

test('a coordinator holds the quarterly review, prints its pack, and a later correction leaves the pack as it was', async ({ page }, testInfo) => {
  const project = testInfo.project.name as keyof typeof CORRECTED;
  const title = `Strategy group ${project}`;
  let reviewPath = '';

  await test.step('open a review of the quarter just ended', async () => {
    await page.goto(FORUM.path);
    await main(page).getByRole('link', { name: 'Reviews and meeting packs' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible();
    await expect(main(page).getByLabel('Quarter reviewed')).toHaveValue('2006-07-01');
    // One project reviews every strategy, the other the demo's one strategy: two separate
    // series of reviews, so that neither is the other's "previous review".
    if (project === 'nojs') await main(page).getByLabel('Strategy').selectOption({ index: 1 });
    await main(page).getByLabel('Title').fill(title);
    await main(page).getByLabel('Meeting date').fill('2006-10-25');
    await main(page).getByRole('button', { name: 'Open the review' }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole('status')).toContainText(`Opened “${title}”`);
    await expect(main(page).locator('p.lead')).toContainText('Quarter reviewed: 2006/07 Q2');
    reviewPath = new URL(page.url()).pathname;
    expect(reviewPath).toMatch(/\/forums\/wolverhampton\/reviews\/\d+$/);
  });

  await test.step('record a decision and an action arising', async () => {
    await main(page).getByLabel('What was decided, or what is to be done').fill('Ask the police for the Q3 figures before the next meeting.');
    await main(page).getByRole('button', { name: 'Record it' }).click();
    await expect(page.getByRole('status')).toContainText('Recorded the decision.');
    await main(page).getByLabel('Kind').selectOption('action_arising');
    await main(page).getByLabel('What was decided, or what is to be done').fill('Draft a workplace domestic violence policy for partners.');
    await main(page).getByRole('button', { name: 'Record it' }).click();
    await expect(main(page).getByText('An action arising needs an owner (a person or an agency) and a due date.')).toBeVisible();
    await expect(main(page).getByLabel('What was decided, or what is to be done')).toHaveValue('Draft a workplace domestic violence policy for partners.');
    await main(page).getByLabel('Kind').selectOption('action_arising');
    await main(page).getByLabel('Owner (actions arising)').fill('Wolverhampton City Council');
    await main(page).getByLabel('Due (actions arising)').fill('2006-12-01');
    await main(page).getByRole('button', { name: 'Record it' }).click();
    await expect(page.getByRole('status')).toContainText('Recorded the action arising.');
    const minutes = main(page).getByRole('heading', { level: 2, name: 'Decisions and actions arising (2)' });
    await expect(minutes).toBeVisible();
    await expect(main(page)).toContainText('Owner: Wolverhampton City Council · Due: 1 December 2006');
  });

  let frozen = '';
  let printed = { pages: 0, titles: [] as string[] };
  await test.step('print the meeting pack', async () => {
    await main(page).getByRole('link', { name: /^Meeting pack/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Meeting pack: ${title}` })).toBeVisible();
    const pack = main(page).locator('article.pack');
    for (const h of ['Summary', 'Since the previous review']) {
      await expect(pack.getByRole('heading', { level: 2, name: h })).toBeVisible();
    }
    await expect(pack.getByRole('img', { name: 'Targets by status in each theme, as frozen for the review' })).toBeVisible();
    await expect(pack.getByRole('heading', { level: 2, name: 'Decisions and actions arising (2)' })).toBeVisible();
    const exceptions = Number(/\((\d+)\)/.exec((await pack.getByRole('heading', { level: 2, name: /^Exceptions/ }).textContent()) ?? '')?.[1]);
    expect(exceptions).toBeGreaterThan(0);
    await expect(pack.locator('table.pack-targets').first().locator('tbody tr')).toHaveCount(exceptions);
    // What the snapshot gives: the summary, the exceptions, the changes since the previous review.
    frozen = (await pack.locator('section.pack-section').allInnerTexts()).slice(0, 3).join('\n');
    expect(frozen).toContain('Exceptions');

    const pdf = await page.pdf({ preferCSSPageSize: true, outline: true, tagged: true, printBackground: true });
    await testInfo.attach('meeting-pack.pdf', { body: pdf, contentType: 'application/pdf' });
    printed = pdfFacts(pdf);
    // Four parts, each starting a page (summary, exceptions, changes, minutes); the exceptions
    // table runs over more pages as it grows (the demo's 37 print on four).
    expect(printed.pages).toBeGreaterThanOrEqual(4);
    expect(printed.pages).toBeLessThanOrEqual(4 + Math.ceil(exceptions / 4));
    expect(printed.titles).toEqual(expect.arrayContaining([
      `Meeting pack: ${title}`,
      'Summary',
      `Exceptions (${exceptions})`,
      'Since the previous review',
      'Decisions and actions arising (2)',
    ]));
  });

  await test.step('a later correction shows on the plan, not in the frozen pack', async () => {
    await page.goto(await actionPath(page, ACTION));
    const { target, quarter } = CORRECTED[project];
    await main(page).getByRole('link', { name: `This period’s return for “${target}”` }).click();
    await main(page).locator('.periods').getByRole('link', { name: quarter }).click();
    const updatePath = new URL(page.url()).pathname + new URL(page.url()).search;
    await main(page).getByLabel('Reason for reopening').fill('The figure was for the wrong quarter.');
    await main(page).getByRole('button', { name: 'Reopen for correction' }).click();
    await expect(page.getByRole('status')).toContainText(`Reopened the ${quarter} update of “${target}”`);
    await expect(main(page).getByRole('heading', { level: 2, name: 'This period’s update: returned' })).toBeVisible();
    await expect(main(page).getByRole('region', { name: 'History of this update' })).toContainText(`reopened the approved ${quarter} update for correction`);
    await main(page).getByLabel(/^Figure this period/).fill('11');
    await main(page).getByLabel('What happened, what is next').fill('Corrected: 11 this quarter.');
    await main(page).getByRole('button', { name: 'Submit for approval' }).click();
    await expect(page.getByRole('status')).toContainText('Submitted');
    await page.goto(updatePath);
    await main(page).getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByRole('status')).toContainText(`Approved the ${quarter} update of “${target}”`);
    const approved = main(page).getByRole('region', { name: 'This period’s update: approved' });
    await expect(approved).toBeVisible();
    await expect(approved).toContainText('11');

    await page.goto(`${reviewPath}/pack`);
    await expect(page.getByRole('heading', { level: 1, name: `Meeting pack: ${title}` })).toBeVisible();
    const now = (await main(page).locator('article.pack section.pack-section').allInnerTexts()).slice(0, 3).join('\n');
    expect(now).toBe(frozen);
    // Printed again: the same headings (minutes of the previous review may have been added since).
    const again = pdfFacts(await page.pdf({ preferCSSPageSize: true, outline: true, tagged: true }));
    const frozenTitles = (t: string[]) => t.filter((x) => !x.startsWith('Actions arising from'));
    expect(frozenTitles(again.titles)).toEqual(frozenTitles(printed.titles));
  });
});
