import { defineConfig, type LaunchOptions } from "@playwright/test";

/**
 * Playwright end-to-end tests for Concordat.
 *
 * scripts/test starts the release binary with the demo data on a free port and sets
 * CONCORDAT_E2E_URL; by hand: `scripts/run` in one shell, `npx playwright test` in end2end/.
 *
 * Every spec runs twice: with JavaScript (project "js", the islands hydrate) and without
 * (project "nojs", the server-rendered HTML and plain forms must work on their own).
 */
const baseURL = process.env.CONCORDAT_E2E_URL ?? "http://127.0.0.1:3000";

// Playwright's own browser download does not work on these machines: use Debian's Chromium.
const launchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox", // CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
  ],
};

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI
    ? [["list"], ["junit", { outputFile: "playwright-report/junit.xml" }]]
    : [["list"]],
  use: {
    baseURL,
    browserName: "chromium",
    headless: true,
    launchOptions,
    viewport: { width: 1280, height: 800 },
    locale: "en-GB",
    screenshot: "only-on-failure",
    trace: "off",
    video: "off",
  },
  projects: [
    { name: "js", use: { javaScriptEnabled: true } },
    { name: "nojs", use: { javaScriptEnabled: false } },
  ],
});
