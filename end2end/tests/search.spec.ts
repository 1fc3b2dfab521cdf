import { expect, expectNoAxeViolations, test } from "./helpers";

/**
 * Full-text search (/search), signed out, against the demo data. Like every spec it runs with
 * JavaScript and without (projects "js" and "nojs"): the search form is a plain GET form.
 */

const GOAL_TITLE = /Essential cybersecurity performance goals/;
const GOAL_HREF = "/p/us-hph/plan/v/1/goals/1";
const US_PARTNERSHIP = "US Healthcare and Public Health Sector Partnership";

test.describe("search", () => {
  test("is linked from the header and finds a public goal, highlighted", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/search$/);
    await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();

    const form = page.getByRole("search", { name: "Plans, commitments and motions" });
    await form.getByLabel("Search for").fill("essential performance goals");
    await form.getByLabel("Partnership").selectOption({ label: US_PARTNERSHIP });
    await form.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/search\?q=essential\+performance\+goals&partnership=us-hph$/);
    await expect(form.getByLabel("Partnership")).toHaveValue("us-hph");

    const results = page.getByRole("region", { name: "Results" });
    await expect(results.getByRole("status")).toContainText("for “essential performance goals”");
    const goal = results.getByRole("link", { name: GOAL_TITLE }).first();
    await expect(goal).toHaveAttribute("href", GOAL_HREF);
    await expect(results.locator("mark").first()).toBeVisible();
    await expect(results.getByText("TLP:CLEAR").first()).toBeVisible();

    await goal.click();
    await expect(page).toHaveURL(new RegExp(`${GOAL_HREF}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(GOAL_TITLE);
  });

  test("keeps the query in the form and says when nothing is found", async ({ page }) => {
    // "voice cloning" is only in the draft of the next plan version (TLP:GREEN).
    await page.goto("/search?q=voice+cloning");
    await expect(page.getByLabel("Search for")).toHaveValue("voice cloning");
    await expect(page.getByRole("region", { name: "Results" }).getByRole("status")).toHaveText(
      "No results for “voice cloning”.",
    );
  });

  test("names the problem with a query that is too short", async ({ page, consoleErrors }) => {
    // The page answers 422 Unprocessable Content, which Chromium logs.
    consoleErrors.allow(/status of 422/);
    await page.goto("/search?q=x");
    await expect(page.getByRole("alert")).toContainText("Enter at least 2 characters");
    await expect(page.getByLabel("Search for")).toHaveAccessibleDescription(/at least 2 characters/);
  });

  test("has no accessibility violations, empty or with results", async ({ page }) => {
    await page.goto("/search");
    await expect(page.getByText("Type a word or two")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto("/search?q=ransomware");
    await expect(page.locator(".search-hit").first()).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
