import { expect, expectNoAxeViolations, test } from "./helpers";
import type { Browser, Page } from "@playwright/test";

/**
 * Issue 5's life cycle, end to end: the Irish secretariat starts a new version of the plan
 * (a copy of the published one) and submits it; the joint working group adopts it by a
 * carried dual-majority motion (the version becomes adopted when the motion closes); the
 * secretariat publishes it, and the public plan page shows it without JavaScript while the
 * former version is superseded.
 *
 * It changes the partnership's plan for good, so it runs once (in the "js" project); the
 * public check uses its own context without JavaScript.
 */

const demoPassword = process.env.CONCORDAT_DEMO_PASSWORD ?? "";

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await page.goto("/account/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(demoPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  return page;
}

test("a version goes draft → review → adopted by a motion → published, and the public sees it", async ({
  browser,
}, testInfo) => {
  test.skip(!demoPassword, "CONCORDAT_DEMO_PASSWORD is not set (scripts/test sets it)");
  test.skip(testInfo.project.name === "nojs", "changes the demo plan for good: runs once");
  test.setTimeout(180_000);
  const title = `Health Sector Cybersecurity Plan 2027–2029 (${Date.now()})`;

  // Draft: a copy of the published version.
  const secretariat = await signedInPage(browser, "secretariat@health-ie.example");
  await secretariat.goto("/p/ie-health/plan/new");
  await secretariat.getByLabel("Title of the new version").fill(title);
  await secretariat.getByRole("button", { name: "Start the draft" }).click();
  await expect(secretariat).toHaveURL(/\/plan\/v\/\d+\/workspace/);
  const number = /\/plan\/v\/(\d+)\/workspace/.exec(secretariat.url())?.[1] ?? "";
  const workspace = `/p/ie-health/plan/v/${number}/workspace`;

  // Review.
  await secretariat.getByRole("button", { name: "Submit for review" }).click();
  await expect(secretariat.locator("#awaiting-motion")).toContainText("only when the working group carries a motion");

  // The motion to adopt it, drafted and opened by the public convener.
  const convener = await signedInPage(browser, "conor.byrne@health-ie.example");
  await convener.goto("/p/ie-health/groups/joint-wg/motions/new");
  await convener.getByLabel("What the motion decides").selectOption({ label: `Adopt plan version ${number}: ${title}` });
  await convener.getByLabel("Title", { exact: true }).fill(`Adopt version ${number} of the plan`);
  await convener.getByLabel("TLP label").selectOption("clear");
  await convener.getByLabel("Threshold", { exact: true }).selectOption({ label: "Two-thirds majority" });
  await convener.getByLabel(/Dual majority/).check();
  await convener.getByLabel(/Quorum/).fill("25");
  await convener.getByRole("button", { name: "Save the draft" }).click();
  await expect(convener.getByRole("status")).toContainText("The draft is saved");
  const motionUrl = new URL(convener.url()).pathname;
  await convener.getByRole("button", { name: "Open for voting" }).click();
  await expect(convener.getByRole("status")).toContainText("The motion is open");

  // Four of the thirteen voting members (the quorum of 25 %) vote yes, two on each side.
  for (const email of [
    "conor.byrne@health-ie.example",
    "aoife.murphy@ncsc-ie.example",
    "emma.fitzgerald@liffeyhospitals.example",
    "orla.keane@shannonmed.example",
  ]) {
    const voter = email === "conor.byrne@health-ie.example" ? convener : await signedInPage(browser, email);
    await voter.goto(motionUrl);
    await voter.locator("#your-ballot").getByLabel("Yes", { exact: true }).check();
    await voter.getByRole("button", { name: "Cast the ballot" }).click();
    await expect(voter.getByRole("status")).toContainText("ballot is recorded");
  }
  await convener.goto(motionUrl);
  await convener.getByRole("button", { name: "Close voting now" }).click();
  await expect(convener.locator(".outcome")).toContainText("Outcome: Carried");
  await expect(convener.locator(".outcome")).toContainText(`Plan version ${number} was adopted by this motion`);

  // Adopted, then published by the secretariat.
  await secretariat.goto(workspace);
  await secretariat.getByRole("button", { name: "Publish this version" }).click();
  await expect(secretariat).toHaveURL(/\/p\/ie-health\/plan/);

  // The public plan page, without JavaScript.
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
  const visitor = await context.newPage();
  await visitor.goto("/p/ie-health/plan");
  await expect(visitor.getByRole("heading", { level: 1 })).toContainText(title);
  await expectNoAxeViolations(visitor, false);
  await visitor.goto("/p/ie-health/plan/versions");
  await expect(visitor.getByRole("main")).toContainText("Superseded");
  await visitor.goto("/p/ie-health/decisions");
  await expect(visitor.getByRole("row").filter({ hasText: `Adopt version ${number} of the plan` })).toContainText("Carried");
});
