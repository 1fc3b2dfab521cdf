import { expect, expectNoAxeViolations, test } from "./helpers";
import type { Browser, Page } from "@playwright/test";

/**
 * Issue 4's walk through governance: the secretariat builds a council, a joint working group
 * with a public and a private convener and voting members from both councils, and appoints a
 * focal point; a representative from another organisation, a term that ends before it
 * starts and a second active national focal point are refused with clear messages; the
 * public directory shows the result with JavaScript off. Every form is a plain HTML form,
 * so the walk runs with JavaScript on and off.
 */

const demoPassword = process.env.CONCORDAT_DEMO_PASSWORD ?? "";

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/account/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

async function saved(page: Page): Promise<void> {
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
}

/** A signed-out browser without JavaScript. */
async function publicPageWithoutJavaScript(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
  return context.newPage();
}

test("the secretariat builds a council, a joint working group and focal points; the public sees them", async ({
  page,
  browser,
}, testInfo) => {
  test.skip(!demoPassword, "CONCORDAT_DEMO_PASSWORD is not set (scripts/test sets it)");
  test.setTimeout(120_000);
  const run = `${testInfo.project.name}-${Date.now()}`;
  const councilName = `Regional Council ${run}`;
  const groupName = `Supply Chain Working Group ${run}`;

  await signIn(page, "secretariat@aspr.example", demoPassword);

  // A council.
  await page.goto("/p/us-hph");
  await page.getByRole("link", { name: "Create a council" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create a council" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("URL key").fill(`council-${run}`);
  await page.getByLabel("Name", { exact: true }).fill(councilName);
  await page.getByLabel("Kind").selectOption({ label: "Council" });
  await page.getByRole("button", { name: "Create the council" }).click();
  await saved(page);
  await expect(page.getByRole("heading", { level: 1, name: councilName })).toBeVisible();

  // A representative who is not of the member organisation, and a term that ends before
  // it starts: refused, each with its message, and nothing is seated.
  const seat = page.locator("#add-member");
  await seat.getByLabel("Organisation").selectOption({ label: "Apex Medical Devices (demo) (private)" });
  await seat
    .getByLabel("Principal")
    .selectOption({ label: "Sandra Kowalski (Chief Information Security Officer)" });
  await seat.getByLabel("Last day of the term (optional)").fill("2020-01-01");
  await seat.getByRole("button", { name: "Seat the organisation" }).click();
  const problem = page.locator("#error-summary");
  await expect(problem).toContainText(
    "Sandra Kowalski is not a person of Apex Medical Devices (demo)",
  );
  await expect(problem).toContainText("The term cannot end");
  await expect(page.locator("#roster-table tbody tr")).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The right representative.
  await seat.getByLabel("Organisation").selectOption({ label: "Lakeview Health System (demo) (private)" });
  await seat
    .getByLabel("Principal")
    .selectOption({ label: "Sandra Kowalski (Chief Information Security Officer)" });
  await seat.getByRole("button", { name: "Seat the organisation" }).click();
  await saved(page);
  await expect(page.locator("#roster-table")).toContainText("Lakeview Health System (demo)");
  await expect(page.locator("#roster-table")).toContainText("Sandra Kowalski");

  // A joint working group; a charter with a script tag is refused first.
  await page.goto("/p/us-hph/groups/new");
  await page.getByLabel("URL key").fill(`group-${run}`);
  await page.getByLabel("Name", { exact: true }).fill(groupName);
  await page.getByLabel("Members come from").selectOption({ label: "Joint: members from both councils" });
  await page.getByLabel("Summary (one paragraph)").fill("Buyers and suppliers secure the supply chain.");
  await page.getByLabel("Charter (Markdown)").fill("## Purpose\n\n<script>alert(1)</script>");
  await page.getByRole("button", { name: "Create the working group" }).click();
  await expect(page.locator("#error-summary")).toContainText("The charter contains a script tag");
  await page.getByLabel("URL key").fill(`group-${run}`);
  await page.getByLabel("Name", { exact: true }).fill(groupName);
  await page.getByLabel("Charter (Markdown)").fill("## Purpose\n\nWe **meet** monthly.");
  await page.getByRole("button", { name: "Create the working group" }).click();
  await saved(page);
  await expect(page.getByRole("heading", { level: 1, name: groupName })).toBeVisible();
  await expect(page.getByText("This joint group has no public or private convener in office.")).toBeVisible();

  // Conveners, one per side.
  const convener = page.locator("#appoint-convener");
  for (const person of [
    "Elena Ruiz (Director, HPH Cybersecurity Programme)",
    "Stefan Novak (Vice President, Global Cybersecurity)",
  ]) {
    await convener.getByLabel("Convener").selectOption({ label: person });
    await convener.getByRole("button", { name: "Appoint the convener" }).click();
    await saved(page);
  }
  await expect(page.locator("table.conveners").first()).toContainText("Elena Ruiz");
  await expect(page.locator("table.conveners").first()).toContainText("Stefan Novak");

  // Voting members from both councils.
  const member = page.locator("#add-group-member");
  for (const [organisation, principal] of [
    [
      "HHS Administration for Strategic Preparedness and Response (public)",
      "Priya Natarajan (Senior Policy Advisor)",
    ],
    ["Lakeview Health System (demo) (private)", "Sandra Kowalski (Chief Information Security Officer)"],
  ]) {
    await member.getByLabel("Organisation").selectOption({ label: organisation });
    await member.getByLabel("Principal").selectOption({ label: principal });
    await member.getByRole("button", { name: "Seat the organisation" }).click();
    await saved(page);
  }
  await expect(page.locator("#roster-table tbody tr")).toHaveCount(2);
  await expect(page.locator("#roster-table")).toContainText("Voting");
  await expectNoAxeViolations(page);

  // Focal points: a liaison for the new group, then a second national focal point.
  await page.goto("/p/us-hph/focal-points");
  await expectNoAxeViolations(page);
  const appoint = page.locator("#appoint-focal-point");
  await appoint.locator("#fp-kind").selectOption({ label: "Sector risk management agency liaison" });
  await appoint.locator("#fp-person").selectOption({ label: "Jordan Park (Healthcare Sector Liaison)" });
  await appoint.locator("#fp-scope").selectOption({ label: `Working group: ${groupName}` });
  await appoint.locator("#fp-title").fill(`Liaison to the supply chain group ${run}`);
  await appoint.locator("#fp-channel").fill("supply-chain@cisa.example");
  await appoint.getByRole("button", { name: "Appoint" }).click();
  await saved(page);
  await expect(page.locator("main")).toContainText(`Liaison to the supply chain group ${run}`);

  await appoint.locator("#fp-kind").selectOption({ label: "National focal point" });
  await appoint.locator("#fp-person").selectOption({ label: "Priya Natarajan (Senior Policy Advisor)" });
  await appoint.locator("#fp-scope").selectOption({ label: "The whole partnership" });
  await appoint.locator("#fp-title").fill("A second national focal point");
  await appoint.getByRole("button", { name: "Appoint" }).click();
  await expect(page.locator("#error-summary")).toContainText("Thomas Greaves");
  await expect(page.locator("#error-summary")).toContainText("national focal point");

  // The public directory, signed out and without JavaScript.
  const visitor = await publicPageWithoutJavaScript(browser);
  await visitor.goto("/p/us-hph");
  await expect(visitor.getByRole("link", { name: councilName })).toBeVisible();
  await visitor.getByRole("link", { name: groupName }).click();
  await expect(visitor.getByRole("heading", { level: 1, name: groupName })).toBeVisible();
  await expect(visitor.locator("table.conveners").first()).toContainText("Elena Ruiz");
  await expect(visitor.locator("table.conveners").first()).toContainText("Stefan Novak");
  await expect(visitor.locator("#roster-table")).toContainText("Lakeview Health System (demo)");
  await expect(visitor.locator("#roster-table")).not.toContainText("Sandra Kowalski");
  await expect(visitor.locator(".charter strong")).toHaveText("meet");
  await expect(visitor.getByRole("button", { name: "Seat the organisation" })).toHaveCount(0);
  await visitor.goto("/p/us-hph/focal-points");
  await expect(visitor.locator("main")).toContainText(`Liaison to the supply chain group ${run}`);
  await expect(visitor.locator("main")).toContainText("Thomas Greaves");
  await visitor.context().close();
});
