import { test as setup, expect } from '@playwright/test';
import { ROLES, authFile, signIn } from './support';

// One signed-in browser state per demo account, reused by the tests (sessions are server-side;
// the tests that sign out use sessions of their own).
for (const role of ROLES) {
  setup(`sign in as the demo ${role}`, async ({ page }) => {
    await signIn(page, role);
    await expect(page.getByRole('navigation', { name: 'Account' })).toContainText('Signed in as');
    await page.context().storageState({ path: authFile(role) });
  });
}
