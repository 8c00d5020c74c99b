import { DEMO_PASSWORD, FORUM, SIGNED_OUT, authFile, expect, main, signIn, test } from './support';
import type { Page } from '@playwright/test';

/**
 * A quarter in the demo forum (its calendar stands at 20 October 2006, so 2006/07 Q2 returns are
 * due by 30 October): a member completes two returns one after the other from "My updates", a
 * coordinator approves one and returns the other with a comment, and the member sees why. Runs
 * with JavaScript on and off; each project has its own member (scripts/e2e.sh), for an agency
 * the other's actions do not touch.
 */
test.use({ storageState: SIGNED_OUT });

/** Fills the value for whatever kind of target the page asks about. */
async function fillValue(page: Page, answer: 'yes' | 'no'): Promise<void> {
  const m = main(page);
  if (await m.getByRole('radio', { name: 'Yes' }).count()) {
    await m.getByRole('radio', { name: answer === 'yes' ? 'Yes' : 'Not yet' }).check();
  } else if (await m.getByLabel('Date reached').count()) {
    if (answer === 'yes') await m.getByLabel('Date reached').fill('2006-09-14');
  } else if (await m.getByLabel('Percentage', { exact: true }).count()) {
    await m.getByLabel('How many').fill('12');
    await m.getByLabel('Out of how many').fill('40');
  } else if (await m.getByLabel('In words').count()) {
    await m.getByLabel('In words').fill('Reported at the September forum meeting.');
  } else {
    await m.getByLabel(/^(Figure|Amount) this period/).fill('3');
  }
}

test('a member completes two returns; the coordinator approves one and returns the other', async ({ page, browser }, testInfo) => {
  const project = testInfo.project.name;
  await signIn(page, { email: `returns.${project}@forumplan.example`, password: DEMO_PASSWORD });
  const titles: string[] = [];

  await test.step('the forum shows the period and its deadline; My updates lists what is owed', async () => {
    await page.goto(FORUM.path);
    await expect(main(page).getByText('Returns for 2006/07 Q2')).toContainText('are due by 30 October 2006');
    await main(page).getByRole('link', { name: 'My updates' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'My updates' })).toBeVisible();
    const todo = main(page).getByRole('table', { name: 'Still to do' });
    expect(await todo.getByRole('row').count()).toBeGreaterThanOrEqual(3); // header + two returns
    await main(page).getByRole('link', { name: 'Start with the first' }).click();
  });

  await test.step('the first return: refused without a narrative, then submitted', async () => {
    await expect(page).toHaveURL(/\/targets\/\d+\/update\?period=2006-07-01$/);
    titles.push((await page.getByRole('heading', { level: 1 }).textContent())!.trim());
    await fillValue(page, 'yes');
    await main(page).getByRole('button', { name: 'Submit for approval' }).click();
    await expect(main(page).getByText('Say what happened this period and what is next before submitting.')).toBeVisible();
    await expect(main(page).getByLabel('What happened, what is next')).toHaveAttribute('aria-invalid', 'true');
    await main(page).getByLabel('What happened, what is next').fill('Agreed at the September meeting; next: roll out to all housing offices.');
    await main(page).getByRole('button', { name: 'Submit for approval' }).click();
    // Straight on to the next return owed.
    await expect(page.getByRole('status')).toContainText(`Submitted the 2006/07 Q2 update of “${titles[0]}” for approval.`);
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(titles[0]);
  });

  await test.step('the second return, saved as a draft first, then submitted', async () => {
    titles.push((await page.getByRole('heading', { level: 1 }).textContent())!.trim());
    await fillValue(page, 'no');
    await main(page).getByLabel('What happened, what is next').fill('Delayed: the steering group meets in November.');
    await main(page).getByRole('button', { name: 'Save as draft' }).click();
    await expect(page.getByRole('status')).toContainText('as a draft');
    await expect(main(page).getByRole('heading', { name: 'This period’s update: draft' })).toBeVisible();
    await main(page).getByRole('button', { name: 'Submit for approval' }).click();
    await expect(page.getByRole('status')).toContainText(`Submitted the 2006/07 Q2 update of “${titles[1]}” for approval.`);
  });

  await test.step('the coordinator approves one and returns the other with a comment', async () => {
    const context = await browser.newContext({
      storageState: authFile('coordinator'),
      javaScriptEnabled: project === 'js',
    });
    const coordinator = await context.newPage();
    await coordinator.goto(`${FORUM.path}/returns`);
    const item = (title: string) =>
      main(coordinator).getByRole('listitem').filter({ has: coordinator.getByRole('heading', { name: title, exact: true }) });
    await expect(item(titles[0])).toBeVisible();
    await expect(item(titles[1])).toContainText('Delayed: the steering group meets in November.');
    await item(titles[0]).getByRole('button', { name: 'Approve' }).click();
    await expect(coordinator.getByRole('status')).toContainText(`Approved the 2006/07 Q2 update of “${titles[0]}”.`);
    await expect(item(titles[0])).toHaveCount(0);
    // Returning without a comment is refused next to the comment field.
    await item(titles[1]).getByRole('button', { name: 'Return to author' }).click();
    await expect(item(titles[1]).getByText('Say what needs changing: the author sees this comment.')).toBeVisible();
    await item(titles[1]).getByLabel('Comment for the author').fill('Please give the date the steering group meets.');
    await item(titles[1]).getByRole('button', { name: 'Return to author' }).click();
    await expect(coordinator.getByRole('status')).toContainText(`Returned the 2006/07 Q2 update of “${titles[1]}” to its author`);
    await expect(item(titles[1])).toHaveCount(0);
    await context.close();
  });

  await test.step('the member sees the comment, and the approved return locked', async () => {
    await page.goto(`${FORUM.path}/my-updates`);
    const todo = main(page).getByRole('table', { name: 'Still to do' });
    const returned = todo.getByRole('row').filter({ hasText: titles[1] });
    await expect(returned).toContainText('Returned with a comment');
    await expect(returned).toContainText('Comment: Please give the date the steering group meets.');
    const done = main(page).getByRole('table', { name: /^Submitted or approved/ });
    await expect(done.getByRole('row').filter({ hasText: titles[0] })).toContainText('Approved');
    await returned.getByRole('link', { name: titles[1] }).click();
    await expect(main(page).getByRole('note')).toContainText('Returned for changes: Please give the date the steering group meets.');
    await page.goto(`${FORUM.path}/my-updates`);
    await done.getByRole('link', { name: titles[0] }).click();
    await expect(main(page).getByText('Approved updates are locked.')).toBeVisible();
    await expect(main(page).getByRole('button', { name: 'Submit for approval' })).toHaveCount(0);
  });
});
