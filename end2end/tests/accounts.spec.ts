import {
  FORUM,
  OTHER_FORUM,
  SIGNED_OUT,
  authFile,
  currentPath,
  emailOf,
  expect,
  main,
  signIn,
  test,
} from './support';

test.describe('signed out', () => {
  test.use({ storageState: SIGNED_OUT });

  test('a member signs in, sees only their forum, is refused another forum, and signs out', async ({ page }) => {
    await test.step('a forum page sends the reader to sign in first, then back', async () => {
      await page.goto(FORUM.path);
      await expect(page).toHaveURL(/\/sign-in\?next=/);
      await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
      await page.getByLabel('E-mail address').fill(emailOf('member'));
      await page.getByLabel('Password', { exact: true }).fill(process.env.FORUMPLAN_DEMO_PASSWORD || 'forumplan-demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL(new RegExp(`${FORUM.path}$`));
      await expect(page.getByRole('heading', { level: 1, name: FORUM.name })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Account' })).toContainText('Morgan Member');
    });

    await test.step('the list of forums holds only theirs', async () => {
      await page.goto('/');
      await expect(main(page).getByRole('link', { name: FORUM.name })).toBeVisible();
      await expect(page.getByText(OTHER_FORUM.name)).toHaveCount(0);
    });

    await test.step('another forum\'s address shows a clear "no access" page', async () => {
      const response = await page.goto(OTHER_FORUM.path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole('heading', { level: 1, name: 'No access' })).toBeVisible();
      await expect(page.getByRole('alert')).toContainText('You do not have access to this forum');
      await expect(page.getByText(OTHER_FORUM.name)).toHaveCount(0);
      // A forum that does not exist looks the same: nobody learns which forums exist.
      const missing = await page.goto('/forums/no-such-forum');
      expect(missing?.status()).toBe(403);
      await expect(page.getByRole('heading', { level: 1, name: 'No access' })).toBeVisible();
    });

    await test.step('signing out ends the session', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page).toHaveURL(/\/sign-in$/);
      await expect(page.getByRole('status')).toContainText('You have signed out');
      await page.goto(FORUM.path);
      await expect(page).toHaveURL(/\/sign-in\?next=/);
    });
  });

  test('a wrong password is refused with the same message as an unknown address, and the address is kept', async ({ page }) => {
    for (const email of [emailOf('viewer'), 'nobody@forumplan.example']) {
      await page.goto('/sign-in');
      await page.getByLabel('E-mail address').fill(email);
      await page.getByLabel('Password', { exact: true }).fill('not the right password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toHaveText(
        'The e-mail address or the password is not right. Check both and try again.',
      );
      await expect(page.getByLabel('E-mail address')).toHaveValue(email);
      await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    }
  });
});

test.describe('administration', () => {
  test.use({ storageState: authFile('admin') });

  test('an administrator invites someone, who must choose a new password at first sign-in', async ({ page, browser }, testInfo) => {
    const email = `invited.${testInfo.project.name}@forumplan.example`;
    const oneTime = 'one-time-password-for-the-test';
    await page.goto('/admin/users');
    await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
    const invite = page.getByRole('region', { name: 'Invite someone' });
    await invite.getByLabel('Name').fill('Ivy Invited');
    await invite.getByLabel('E-mail address').fill(email);
    await invite.getByLabel('Forum', { exact: true }).selectOption({ label: FORUM.name });
    await invite.getByLabel('Role in that forum').selectOption('viewer');
    await invite.getByLabel('One-time password').fill(oneTime);
    await invite.getByRole('button', { name: 'Create the account' }).click();
    await expect(page.getByRole('status')).toContainText(`Account created for Ivy Invited <${email}>`);
    await expect(page.getByRole('row').filter({ hasText: email })).toContainText('Viewer of ' + FORUM.name);

    const context = await browser.newContext({ storageState: SIGNED_OUT, javaScriptEnabled: testInfo.project.use.javaScriptEnabled });
    const invited = await context.newPage();
    await signIn(invited, { email, password: oneTime });
    await expect(invited).toHaveURL(/\/account\/password$/);
    await expect(invited.getByRole('status')).toContainText('one-time password');
    // Until the password is changed, the forum is out of reach.
    await invited.goto(FORUM.path);
    await expect(invited).toHaveURL(/\/account\/password$/);
    await invited.getByLabel('Current password').fill(oneTime);
    await invited.getByLabel('New password', { exact: true }).fill('my own long password');
    await invited.getByLabel('New password again').fill('my own long password');
    await invited.getByRole('button', { name: 'Change password' }).click();
    await expect(invited.getByRole('status')).toContainText('Your password has been changed');
    expect(currentPath(invited)).toBe('/');
    await expect(main(invited).getByRole('link', { name: FORUM.name })).toBeVisible();
    await context.close();

    await test.step('the audit log records it and exports it as CSV', async () => {
      await page.goto('/admin/audit?entity=app_user');
      await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
      await expect(main(page).getByRole('table')).toContainText(email);
      const csv = await page.request.get('/admin/audit.csv?entity=app_user');
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toContain('text/csv');
      const text = await csv.text();
      expect(text).toContain('change_password');
      expect(text).toContain(email);
    });
  });

  test('a viewer cannot open the administration pages', async ({ browser }, testInfo) => {
    const context = await browser.newContext({
      storageState: authFile('viewer'),
      javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
    });
    const page = await context.newPage();
    for (const path of ['/admin/users', '/admin/audit']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();
    }
    expect((await page.request.get('/admin/audit.csv')).status()).toBe(403);
    await context.close();
  });
});
