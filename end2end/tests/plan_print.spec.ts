import { expect, expectNoAxeViolations, test } from "./helpers";
import type { Page } from "@playwright/test";

/**
 * The pages that read the Sector-Specific Plan, against the demo data: the published plan
 * of the US partnership (its table of contents, its print stylesheet and a PDF of it), the
 * list of versions and the comparison of two versions. Every test runs with JavaScript on
 * and off.
 *
 * Other specs may publish a new version of the plan while these run, so the titles checked
 * are read from the page itself rather than written here.
 */

const PLAN = "/p/us-hph/plan";
const demoPassword = process.env.CONCORDAT_DEMO_PASSWORD ?? "";

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/account/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

test.describe("the published plan", () => {
  test("is reached from the partnership page and has no accessibility violations", async ({
    page,
  }) => {
    await page.goto("/p/us-hph");
    await page.getByRole("link", { name: "Sector-Specific Plan" }).click();
    await expect(page).toHaveURL(/\/p\/us-hph\/plan$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    await expect(page.locator("#public-notice")).toContainText("only TLP:CLEAR content is shown");
    const toc = page.getByRole("navigation", { name: "Contents" });
    await expect(toc).toBeVisible();
    await expect(page.locator(".plan-goal").first()).toBeVisible();
    await expect(page.locator("table.measures").first()).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("prints cleanly: table of contents, no site header, one goal per page, a PDF", async ({
    page,
  }) => {
    await page.goto(PLAN);
    const sectionTitles = (await page.locator(".plan-section h2").allTextContents()).map((t) =>
      t.trim(),
    );
    const goalTitles = (await page.locator(".plan-goal h3").allTextContents()).map((t) =>
      t.trim(),
    );
    expect(sectionTitles.length, "the demo plan has public sections").toBeGreaterThan(0);
    expect(goalTitles.length, "the demo plan has public goals").toBeGreaterThan(1);

    await page.emulateMedia({ media: "print" });

    // The table of contents prints with an entry for every section and goal.
    const toc = page.getByRole("navigation", { name: "Contents" });
    await expect(toc).toBeVisible();
    await expect(toc.getByRole("heading", { name: "Contents" })).toBeVisible();
    for (const title of [...sectionTitles, ...goalTitles]) {
      await expect(toc.getByRole("link", { name: title, exact: true })).toBeVisible();
    }

    // No site chrome, navigation or forms; the plan itself is there.
    await expect(page.locator(".site-header")).toBeHidden();
    await expect(page.locator(".site-footer")).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Versions of the plan" })).toBeHidden();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator("table.measures").first()).toBeVisible();

    // Black on white, and a page break before every goal but the first.
    const ink = await page.locator("#plan-title").evaluate((el) => getComputedStyle(el).color);
    expect(ink).toBe("rgb(0, 0, 0)");
    const breaks = await page
      .locator(".plan-goal")
      .evaluateAll((goals) => goals.map((goal) => getComputedStyle(goal).breakBefore));
    expect(breaks[0]).toBe("avoid");
    expect(breaks.slice(1).every((b) => b === "page"), breaks.join(", ")).toBe(true);
    const tableBreak = await page
      .locator("table.measures")
      .first()
      .evaluate((table) => getComputedStyle(table).breakInside);
    expect(tableBreak).toBe("avoid");

    // The PDF Chromium prints.
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });
});

test.describe("the versions of the plan", () => {
  test("are listed and have no accessibility violations", async ({ page }) => {
    await page.goto(`${PLAN}/versions`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Versions of the Sector-Specific Plan",
    );
    const table = page.locator("#plan-versions");
    await expect(table.getByRole("link", { name: "Version 1" })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test("are compared side by side and unified, with no accessibility violations", async ({
    page,
  }) => {
    test.skip(!demoPassword, "CONCORDAT_DEMO_PASSWORD is not set (scripts/test sets it)");
    await signIn(page, "secretariat@aspr.example", demoPassword);
    await page.goto(`${PLAN}/versions`);
    const form = page.locator("#compare-form");
    await form.getByLabel("Older version").selectOption("1");
    await form.getByLabel("Newer version").selectOption("2");
    await form.getByRole("button", { name: "Compare" }).click();
    await expect(page).toHaveURL(/\/plan\/compare\?from=1&to=2/);
    // Version 2 of the demo data renames objective 1.7 and adds objective 4.6.
    const comparison = page.locator("#comparison");
    await expect(comparison).toContainText("Grow the health-sector cybersecurity workforce");
    await expect(comparison).toContainText("exercises");
    await expectNoAxeViolations(page);

    await page.locator("#toggle-view").click();
    await expect(page).toHaveURL(/view=unified/);
    await expect(page.locator("#comparison")).toContainText(
      "Grow the health-sector cybersecurity workforce",
    );
    await expectNoAxeViolations(page);
  });
});
