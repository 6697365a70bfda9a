import { defineConfig, devices } from '@playwright/test';
import { mailSinkOf } from './tests/e2e/mail';

// The browser tests start their own server on a throwaway database (scripts/start.ts --throwaway)
// and drive the system Chromium; browsers are never downloaded.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
// The app sends its mail to a real SMTP server started beside it (tests/e2e/mail-sink-server.ts); the tests read
// what arrived from its mailbox.
const { smtpPort, mailboxPort, mailboxUrl } = mailSinkOf(port);

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  outputDir: 'test-results/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 900 } } }],
  webServer: [
    {
      command: `npx tsx tests/e2e/mail-sink-server.ts ${smtpPort} ${mailboxPort}`,
      url: `${mailboxUrl}/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      command: `npx tsx scripts/start.ts --throwaway --port ${port}`,
      url: `${baseURL}/api/health`,
      env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` },
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    },
  ],
});
