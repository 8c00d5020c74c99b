import { test as base, expect, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** The demo forum that `forumplan serve` loads into an empty database. */
export const FORUM = {
  name: 'Wolverhampton Domestic Violence Forum',
  path: '/forums/wolverhampton',
  partnersPath: '/forums/wolverhampton/partners',
  indicatorsPath: '/forums/wolverhampton/indicators',
  // The source documents spell it both ways; the title is matched loosely for that reason only.
  strategyTitle: /Wolverhampton Domestic Violence Strategy: Everyone['’]s Business/,
  strategyPath: '/forums/wolverhampton/strategies/dv-strategy-2005-2007',
} as const;

/** The demo accounts `forumplan demo` creates (password from FORUMPLAN_DEMO_PASSWORD, or the default). */
export const ROLES = ['admin', 'coordinator', 'member', 'viewer'] as const;
export type DemoRole = (typeof ROLES)[number];
export const DEMO_PASSWORD = process.env.FORUMPLAN_DEMO_PASSWORD || 'forumplan-demo';
export const emailOf = (role: DemoRole) => `${role}@forumplan.example`;

/** Where the signed-in browser state of a demo account is kept (written by sign-in.setup.ts). */
export const authFile = (role: DemoRole) => `.auth/${role}.json`;

/** A browser state with no cookies: signed out. */
export const SIGNED_OUT = { cookies: [], origins: [] };

/** The second forum scripts/e2e.sh adds: the demo accounts have no role in it. */
export const OTHER_FORUM = {
  name: 'Kent and Medway DV Strategy Group',
  path: '/forums/kent-and-medway-dv-strategy-group',
} as const;

/** Signs in through the sign-in page, as a person would (works with and without JavaScript). */
export async function signIn(page: Page, role: DemoRole | { email: string; password: string }): Promise<void> {
  const { email, password } = typeof role === 'string' ? { email: emailOf(role), password: DEMO_PASSWORD } : role;
  await page.goto('/sign-in');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in', exact: true })).toHaveCount(0);
}

/** Theme headings of the demo strategy, in order (typographic apostrophe as in the spreadsheet). */
export const THEMES = [
  'Everyone’s Business',
  'Prevention and Awareness Raising',
  'Protection and Justice',
  'Support Services',
  'Health Care Needs',
  'Children Support and Services',
] as const;

export const ACTION_COUNT = 20;

/** Every status is shown as text, never by colour alone. */
export const STATUSES = ['Met', 'On track', 'At risk', 'Off track', 'Overdue', 'No data', 'Not due', 'Reported'] as const;

/** Paths (and, unanchored at the start, whole URLs) of pages addressed by a database id or slug. */
export const actionHref = /\/forums\/wolverhampton\/actions\/[^/?#]+$/;
export const partnerHref = /\/forums\/wolverhampton\/partners\/[^/?#]+$/;
export const indicatorHref = /\/forums\/wolverhampton\/indicators\/[^/?#]+$/;

/**
 * `test` with one automatic check: an uncaught exception in the page (a hydration panic, a
 * wasm `unreachable`) fails the test that caused it, even when the DOM happens to look right.
 */
export const test = base.extend<{ failOnPageError: void }>({
  failOnPageError: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
      // A Content-Security-Policy that blocks the app's own scripts or wasm would stop hydration quietly.
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
          errors.push(`CSP: ${message.text()}`);
        }
      });
      await use();
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** The path of a link (the app renders root-relative hrefs; absolute ones are reduced to the path). */
export async function pathOf(link: Locator): Promise<string> {
  await expect(link).toBeVisible();
  const href = await link.getAttribute('href');
  expect(href, 'link has an href').toBeTruthy();
  return new URL(href!, 'http://base.invalid').pathname;
}

/** The page's current path. */
export function currentPath(page: Page): string {
  return new URL(page.url()).pathname;
}

export function main(page: Page): Locator {
  return page.getByRole('main');
}

/**
 * The lead partner's link: the first partner link inside, or after, the element whose own text
 * contains "Lead:" (works for `<p>Lead: <a>…</a></p>` and `<dt>Lead:</dt><dd><a>…</a></dd>`).
 */
export function leadPartnerLink(page: Page): Locator {
  const label = "//main//*[text()[contains(., 'Lead:')]]";
  const partnerLink = "a[contains(@href, '/forums/wolverhampton/partners/')]";
  return page.locator(`xpath=${label}//${partnerLink} | ${label}/following::${partnerLink}`).first();
}

/** Links to `href` whose nearest preceding `<h2>` starts with `heading` (the list under that heading). */
export function linksUnderHeading(page: Page, heading: string, href: string): Locator {
  return page.locator(
    `xpath=//main//a[@href='${href}' or substring(@href, string-length(@href) - ${href.length - 1}) = '${href}']` +
      `[preceding::h2[1][starts-with(normalize-space(), '${heading}')]]`,
  );
}

/** What every page shares: the title suffix, one `<main>`, a skip link that points at something. */
export async function expectPageChrome(page: Page, opts: { breadcrumb: boolean | 'optional' }): Promise<void> {
  await expect(page).toHaveTitle(/· ForumPlan$/);
  await expect(page.getByRole('main')).toHaveCount(1);

  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toHaveCount(1);
  const target = await skip.getAttribute('href');
  expect(target, 'skip link points at an element on the page').toMatch(/^#.+/);
  await expect(page.locator(`[id="${target!.slice(1)}"]`)).toHaveCount(1);

  const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb', exact: true });
  if (opts.breadcrumb === true) {
    await expect(breadcrumb).toHaveCount(1);
    await expect(breadcrumb.getByRole('link', { name: FORUM.name })).toHaveAttribute('href', FORUM.path);
  } else if (opts.breadcrumb === false) {
    await expect(breadcrumb).toHaveCount(0);
  } else {
    expect(await breadcrumb.count()).toBeLessThanOrEqual(1);
  }
}

/**
 * Runs axe-core on the current page and fails on any violation of impact "serious" or
 * "critical", listing each rule, its help text and the offending elements.
 */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length > 0) {
    await test.info().attach('axe-violations.json', {
      body: JSON.stringify(bad, null, 2),
      contentType: 'application/json',
    });
  }
  const report = bad
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 10)
        .map((n) => `    - ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      const more = v.nodes.length > 10 ? `\n    … and ${v.nodes.length - 10} more` : '';
      return `[${v.impact}] ${v.id}: ${v.help}\n  ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n\n');
  expect(bad.length, `serious/critical accessibility violations on ${currentPath(page)}:\n\n${report}`).toBe(0);
}

/**
 * Makes `page` see the server-rendered HTML without the app's scripts (what a reader without
 * JavaScript gets) while JavaScript stays on, so that axe-core, which needs timers in the page,
 * can still run: with `javaScriptEnabled: false` it hangs.
 */
export async function stripAppScripts(page: Page): Promise<void> {
  await page.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    const body = (await response.text()).replace(/<script\b[\s\S]*?<\/script\s*>/gi, '');
    await route.fulfill({ response, body });
  });
}

/** Paths of the pages whose address depends on database ids, found by following the app's links. */
export async function actionPath(page: Page, title = 'Information Sharing Protocol'): Promise<string> {
  await page.goto(FORUM.strategyPath);
  return pathOf(page.getByRole('heading', { level: 3, name: title }).getByRole('link'));
}

export async function leadPartnerPath(page: Page): Promise<string> {
  await page.goto(await actionPath(page));
  return pathOf(leadPartnerLink(page));
}

export async function firstIndicatorPath(page: Page): Promise<string> {
  await page.goto(FORUM.indicatorsPath);
  return pathOf(main(page).locator('a[href*="/forums/wolverhampton/indicators/"]').first());
}
