import { defineConfig } from '@playwright/test';

/**
 * Playwright drives Debian's Chromium (`apt-get install chromium`): browser downloads are not
 * possible on our machines, so never run `playwright install`. The server is started by
 * `scripts/e2e.sh`, which passes its address in BASE_URL.
 *
 * Every test runs twice: hydrated ("js") and with JavaScript off ("nojs"), because every page
 * must work as plain server-rendered HTML too. Both start signed in as the demo viewer (the
 * "setup" project signs in as each demo account first); a test can pick another account with
 * `test.use({ storageState: authFile('coordinator') })`, or start signed out.
 */
const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3100';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  outputDir: './test-results',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    // Signs in once as each demo account and keeps the cookies in .auth/<role>.json.
    { name: 'setup', testMatch: /sign-in\.setup\.ts/, use: { browserName: 'chromium' } },
    {
      name: 'js',
      dependencies: ['setup'],
      use: { browserName: 'chromium', javaScriptEnabled: true, storageState: '.auth/viewer.json' },
    },
    {
      name: 'nojs',
      dependencies: ['setup'],
      use: { browserName: 'chromium', javaScriptEnabled: false, storageState: '.auth/viewer.json' },
    },
  ],
});
