import { expect, expectNoAxeViolations, javaScriptEnabled, test, waitForHydration } from "./helpers";

/**
 * The public pages, against the demo data (`concordat seed-demo`). Every test runs with and
 * without JavaScript (projects "js" and "nojs"), and fails on any console error.
 */

const US_PARTNERSHIP = /Healthcare and Public Health/;
const US_PARTNERSHIP_PATH = "/p/us-hph";
const PARTNERSHIP_HREF = /^\/p\/[^/?#]+\/?$/;

test.describe("the home page", () => {
  test("has one main heading and links to both demo partnerships", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);

    const main = page.getByRole("main");
    await expect(main.getByRole("link", { name: US_PARTNERSHIP }).first()).toHaveAttribute(
      "href",
      /^\/p\/us-hph\/?$/,
    );

    const hrefs = new Set<string>();
    for (const link of await main.locator('a[href^="/p/"]').all()) {
      const href = await link.getAttribute("href");
      if (href && PARTNERSHIP_HREF.test(href)) hrefs.add(href.replace(/\/$/, ""));
    }
    expect([...hrefs], "the US partnership is listed").toContain(US_PARTNERSHIP_PATH);
    expect(
      [...hrefs].filter((href) => href !== US_PARTNERSHIP_PATH),
      "a second partnership (the EU member state) is listed",
    ).not.toEqual([]);
  });

  test("has no accessibility violations", async ({ page }) => {
    await page.goto("/");
    await expectNoAxeViolations(page);
  });

  test("its first Tab focuses a skip link to the main content", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");

    const skipLink = page.getByRole("link", { name: "Skip to main content" });
    await expect(skipLink).toBeFocused();
    await expect(skipLink).toBeVisible();
    await expect(skipLink).toHaveAttribute("href", "#main");
    await expect(page.locator("#main")).toBeAttached();

    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main$/);
  });
});

test.describe("a partnership page", () => {
  test("is reached from the home page and lists councils, working groups and focal points", async ({
    page,
  }) => {
    await page.goto("/");
    await page.getByRole("main").getByRole("link", { name: US_PARTNERSHIP }).first().click();
    await expect(page).toHaveURL(/\/p\/us-hph\/?$/);

    for (const heading of ["Councils", "Working groups", "Focal points"]) {
      await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
    }
    const main = page.getByRole("main");
    await expect(main.getByText(/Government Coordinating Council/).first()).toBeVisible();
    await expect(main.getByText(/Sector Coordinating Council/).first()).toBeVisible();
    await expect(main.getByText(/Joint Cybersecurity Working Group/).first()).toBeVisible();
  });

  test("has no accessibility violations", async ({ page }) => {
    await page.goto(US_PARTNERSHIP_PATH);
    await expectNoAxeViolations(page);
  });
});

test.describe("the organisation filter", () => {
  const NON_MATCHING = /Food and Drug Administration/;
  const MATCHING = /isac/i;

  test("narrows the list as one types, without submitting", async ({ page }) => {
    test.skip(!javaScriptEnabled(), "filtering as one types needs JavaScript");
    await page.goto(US_PARTNERSHIP_PATH);
    const search = page.getByRole("search");
    const items = page.locator("#organisation-list").getByRole("listitem");
    await expect(items.filter({ hasText: NON_MATCHING })).not.toHaveCount(0);

    await waitForHydration(page);
    await search.getByLabel("Filter organisations").fill("isac");

    await expect(items.filter({ hasText: NON_MATCHING })).toHaveCount(0);
    await expect(items.filter({ hasNotText: MATCHING })).toHaveCount(0);
    await expect(items.filter({ hasText: MATCHING })).not.toHaveCount(0);
  });

  test("narrows the list when submitted without JavaScript", async ({ page }) => {
    test.skip(javaScriptEnabled(), "this is the form's behaviour without JavaScript");
    await page.goto(US_PARTNERSHIP_PATH);
    const search = page.getByRole("search");
    const items = page.locator("#organisation-list").getByRole("listitem");
    await expect(items.filter({ hasText: NON_MATCHING })).not.toHaveCount(0);

    await search.getByLabel("Filter organisations").fill("isac");
    await search.getByRole("button", { name: "Filter", exact: true }).click();

    await expect(page).toHaveURL(/[?&]q=isac(&|$)/);
    await expect(items.filter({ hasText: NON_MATCHING })).toHaveCount(0);
    await expect(items.filter({ hasNotText: MATCHING })).toHaveCount(0);
    await expect(items.filter({ hasText: MATCHING })).not.toHaveCount(0);
  });

  test("keeps the filter of a shared address (?q=isac)", async ({ page }) => {
    await page.goto(`${US_PARTNERSHIP_PATH}?q=isac`);
    await waitForHydration(page);

    await expect(page.getByRole("search").getByLabel("Filter organisations")).toHaveValue("isac");
    const items = page.locator("#organisation-list").getByRole("listitem");
    await expect(items.filter({ hasText: NON_MATCHING })).toHaveCount(0);
    await expect(items.filter({ hasNotText: MATCHING })).toHaveCount(0);
    await expect(items.filter({ hasText: MATCHING })).not.toHaveCount(0);
  });
});

test.describe("an unknown address", () => {
  test("answers 404 with a 'Page not found' heading and no accessibility violations", async ({
    page,
    consoleErrors,
  }) => {
    // Chromium logs the document's own 404 as a console error: that one is expected.
    consoleErrors.allow(/status of 404 .*\/no-such-page/);

    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: /Page not found/i })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe("the health check", () => {
  test("answers 200", async ({ request }) => {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
  });
});
