import type { Page } from '@playwright/test';
import {
  FORUM,
  OTHER_FORUM,
  SIGNED_OUT,
  authFile,
  type DemoRole,
  actionPath,
  expect,
  expectNoSeriousA11yViolations,
  firstIndicatorPath,
  leadPartnerPath,
  main,
  pathOf,
  stripAppScripts,
  test,
} from './support';

// axe-core is injected as a script, so the page keeps JavaScript on; in the "nojs" project the
// app's own scripts are stripped from each document instead (see stripAppScripts).
test.use({ javaScriptEnabled: true });

/** One page of each kind; ids are found by following the app's own links. */
const PAGES: {
  kind: string;
  path: (page: Page) => Promise<string> | string;
  status?: number;
  as?: DemoRole | 'signed out';
}[] = [
  { kind: 'home', path: () => '/' },
  { kind: 'forum', path: () => FORUM.path },
  { kind: 'strategy', path: () => FORUM.strategyPath },
  { kind: 'action', path: (page) => actionPath(page) },
  { kind: 'partners', path: () => FORUM.partnersPath },
  { kind: 'partner', path: (page) => leadPartnerPath(page) },
  { kind: 'indicators', path: () => FORUM.indicatorsPath },
  { kind: 'indicator', path: (page) => firstIndicatorPath(page) },
  { kind: 'not found', path: () => '/forums/nope', status: 404, as: 'admin' },
  { kind: 'no access', path: () => OTHER_FORUM.path, status: 403 },
  { kind: 'sign-in', path: () => '/sign-in', as: 'signed out' },
  { kind: 'change password', path: () => '/account/password' },
  { kind: 'API tokens', path: () => '/account/api-tokens', as: 'coordinator' },
  { kind: 'action history', path: async (page) => `${await actionPath(page)}/history`, as: 'coordinator' },
  { kind: 'accounts', path: () => '/admin/users', as: 'admin' },
  // What a coordinator edits the plan with.
  { kind: 'strategy editor', path: () => `${FORUM.strategyPath}/edit`, as: 'coordinator' },
  { kind: 'action editor', path: async (page) => `${await actionPath(page)}/edit`, as: 'coordinator' },
  {
    kind: 'target editor',
    path: async (page) => {
      await page.goto(`${await actionPath(page)}/edit`);
      return pathOf(main(page).locator('a[href*="/targets/"]').first());
    },
    as: 'coordinator',
  },
  { kind: 'resources', path: () => '/forums/wolverhampton/resources', as: 'coordinator' },
  { kind: 'partner (coordinator)', path: (page) => leadPartnerPath(page), as: 'coordinator' },
  { kind: 'indicators (coordinator)', path: () => FORUM.indicatorsPath, as: 'coordinator' },
  { kind: 'indicator (coordinator)', path: (page) => firstIndicatorPath(page), as: 'coordinator' },
  { kind: 'forum (coordinator)', path: () => FORUM.path, as: 'coordinator' },
  { kind: 'audit log', path: () => '/admin/audit', as: 'admin' },
  // The quarterly cycle.
  { kind: 'my updates', path: () => `${FORUM.path}/my-updates`, as: 'member' },
  {
    kind: 'update (member)',
    path: async (page) => {
      await page.goto(`${FORUM.path}/my-updates`);
      return pathOf(main(page).locator('a[href*="/update"]').first());
    },
    as: 'member',
  },
  { kind: 'returns', path: () => `${FORUM.path}/returns`, as: 'coordinator' },
  { kind: 'reporting settings', path: () => `${FORUM.path}/settings`, as: 'coordinator' },
  { kind: 'dashboard', path: () => `${FORUM.path}/dashboard` },
  // Review meetings: the list with its form, a review (opened for the check) and its pack.
  { kind: 'reviews', path: () => `${FORUM.path}/reviews`, as: 'coordinator' },
  { kind: 'review', path: (page) => openedReview(page), as: 'coordinator' },
  { kind: 'meeting pack', path: async (page) => `${await openedReview(page)}/pack`, as: 'coordinator' },
  // Share links for funders: the coordinators' page, and what a link that opens nothing shows
  // (an open link's report is checked in share-links.spec.ts).
  { kind: 'share links', path: () => `${FORUM.path}/share-links`, as: 'coordinator' },
  { kind: 'report no longer available', path: () => `/report/${'A'.repeat(43)}`, status: 404, as: 'signed out' },
  // Importing a plan: the upload page, and a preview (of a small sheet uploaded for it).
  { kind: 'import', path: () => `${FORUM.path}/import`, as: 'coordinator' },
  {
    kind: 'import preview',
    path: async (page) => {
      await page.goto(`${FORUM.path}/import`);
      await main(page).getByLabel('Choose the spreadsheet').setInputFiles({
        name: 'tracker.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('Ref,Theme,Action,Lead,Target,Baseline,Target value,RAG\nA1,Safety,Sanctuary scheme,The Haven Wolverhampton,Homes made safe,12,40,Green\nA2,Safety,<b>Markup</b> stays text,Nobody Yet,Some target,,,\n'),
      });
      await main(page).getByRole('button', { name: 'Upload and preview' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Preview: tracker.csv' })).toBeVisible();
      await expect(main(page).getByText('<b>Markup</b> stays text')).toBeVisible();
      // The newest upload heads the import page's list.
      await page.goto(`${FORUM.path}/import`);
      return pathOf(main(page).getByRole('table').getByRole('link', { name: 'tracker.csv' }).first());
    },
    as: 'coordinator',
  },
];

/** Opens a review of the demo forum through its form and gives its page's path. */
async function openedReview(page: Page): Promise<string> {
  await page.goto(`${FORUM.path}/reviews`);
  await main(page).getByLabel('Title').fill('Accessibility check');
  await main(page).getByRole('button', { name: 'Open the review' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accessibility check' })).toBeVisible();
  // The newest review heads the list (the address bar may still show the form's post).
  await page.goto(`${FORUM.path}/reviews`);
  return pathOf(main(page).locator('.review-list a').first());
}

for (const { kind, path, status = 200, as } of PAGES) {
  test(`the ${kind} page has no serious or critical axe violations`, async ({ browser }, testInfo) => {
    const context = await browser.newContext({
      storageState: as === 'signed out' ? SIGNED_OUT : authFile(as ?? 'viewer'),
    });
    const page = await context.newPage();
    if (testInfo.project.use.javaScriptEnabled === false) await stripAppScripts(page);
    const target = await path(page);
    const response = await page.goto(target);
    expect(response?.status(), target).toBe(status);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await context.close();
  });
}
