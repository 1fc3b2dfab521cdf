import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type Locator, type Page } from "@playwright/test";

export { expect };

/** Console errors that a test expects, e.g. the 404 of a page that is meant to be missing. */
export interface ConsoleErrors {
  /** Do not fail the test for logged errors matching `pattern` (matched against the text
   * reported on failure, which ends with the source URL). */
  allow(pattern: RegExp): void;
}

/**
 * `test` with an automatic guard: a test fails when its page logs a console error, throws an
 * uncaught exception (a wasm panic shows as one of these) or violates the
 * Content-Security-Policy (Chromium logs "Refused to ..." as a console error).
 * Import `test` from here, not from @playwright/test.
 */
export const test = base.extend<{ consoleErrors: ConsoleErrors }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      const allowed: RegExp[] = [];

      page.on("console", (message) => {
        const text = message.text();
        const isError = message.type() === "error";
        const isCspReport = /Content[- ]Security[- ]Policy/i.test(text);
        if (!isError && !isCspReport) return;
        const { url, lineNumber } = message.location();
        errors.push(`console ${message.type()}: ${text}${url ? ` (at ${url}:${lineNumber})` : ""}`);
      });
      page.on("pageerror", (error) => {
        errors.push(`uncaught exception: ${error.message}`);
      });

      await use({ allow: (pattern) => void allowed.push(pattern) });

      // Let late work finish (wasm download and hydration) so its errors are seen too.
      if (!page.isClosed() && page.url() !== "about:blank") {
        await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
      }
      const unexpected = errors.filter((error) => !allowed.some((pattern) => pattern.test(error)));
      expect(
        unexpected,
        "the page logged errors (console errors, uncaught exceptions or CSP violations)",
      ).toEqual([]);
    },
    { auto: true },
  ],
});

/** The WCAG 2.0 and 2.1 levels A and AA rules of axe-core. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Run axe-core on the page; fail listing every violation (rule, help, elements).
 *
 * With JavaScript on, axe runs on the page as it is now. axe-core cannot run in a page whose
 * JavaScript is off (its evaluation never settles), so without JavaScript axe runs on a
 * JavaScript-enabled copy of the same address in which the server's HTML is served with
 * every script removed and no script is loaded: the same markup and styles a browser without
 * JavaScript shows. That copy is a fresh GET of page.url(). `javaScript` says whether the
 * page's own context runs JavaScript (by default, whether the project does).
 */
export async function expectNoAxeViolations(
  page: Page,
  javaScript: boolean = javaScriptEnabled(),
): Promise<void> {
  if (javaScript) {
    await expectNoViolationsIn(page);
    return;
  }
  const browser = page.context().browser();
  if (!browser) throw new Error("expectNoAxeViolations: the page has no browser");
  const context = await browser.newContext({
    javaScriptEnabled: true,
    viewport: page.viewportSize(),
    locale: "en-GB",
  });
  try {
    const copy = await context.newPage();
    const address = page.url();
    await copy.route("**/*", async (route) => {
      const request = route.request();
      if (request.resourceType() === "script") return route.abort();
      if (request.isNavigationRequest() && request.url() === address) {
        const response = await route.fetch();
        const body = (await response.text())
          .replace(/<script\b[\s\S]*?<\/script\s*>/gi, "")
          .replace(/<link\b[^>]*\brel=["']?modulepreload\b[^>]*>/gi, "");
        return route.fulfill({ response, body });
      }
      return route.continue();
    });
    await copy.goto(address);
    await expectNoViolationsIn(copy);
  } finally {
    await context.close();
  }
}

async function expectNoViolationsIn(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const violations = results.violations.map((violation) => {
    const targets = violation.nodes.map((node) =>
      node.target.map((part) => (Array.isArray(part) ? part.join(" >>> ") : part)).join(" | "),
    );
    return `${violation.id} (${violation.impact ?? "unknown impact"}): ${violation.help} [${targets.join(", ")}] ${violation.helpUrl}`;
  });
  expect(violations, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Whether the current test runs with JavaScript (project "js") or without ("nojs"). */
export function javaScriptEnabled(): boolean {
  return test.info().project.use.javaScriptEnabled !== false;
}

/**
 * With JavaScript on, wait until the islands have hydrated: each island sets `data-hydrated`
 * on its root element once hydrated, and clicks or typing before that are lost. Pass `scope`
 * to wait for the island in (or at) that element rather than for any island. Without
 * JavaScript this returns at once.
 */
export async function waitForHydration(page: Page, scope?: Locator): Promise<void> {
  if (!javaScriptEnabled()) return;
  const hydrated = scope
    ? scope.locator("xpath=descendant-or-self::*[@data-hydrated]")
    : page.locator("[data-hydrated]");
  await expect(
    hydrated.first(),
    "the page did not hydrate: no element got the data-hydrated attribute",
  ).toBeAttached({ timeout: 15_000 });
}

/** The demo accounts' password (`seed-demo --password`). */
export const demoPassword = process.env.CONCORDAT_DEMO_PASSWORD ?? "";

/** A new browser context (JavaScript on or off) signed in as a demo account. */
export async function signedInPage(browser: Browser, email: string, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, locale: "en-GB" });
  const page = await context.newPage();
  await page.goto("/account/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(demoPassword);
  await page.getByRole("main").getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  return page;
}
