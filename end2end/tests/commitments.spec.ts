import { demoPassword, expect, expectNoAxeViolations, signedInPage, test } from "./helpers";
import type { Page } from "@playwright/test";

/**
 * Issue 7's commitment walk: a representative proposes a commitment of its organisation
 * towards an objective of the published plan, the secretariat accepts it, progress reports
 * move the goal's bar, and the public goal page shows it without JavaScript; axe-core finds
 * nothing on the portal pages. Each project works on its own goal (1 with JavaScript, 2
 * without), so that the two runs cannot move each other's bar.
 */

/** The goal's progress in percent, or -1 when nothing is shown yet. */
async function goalProgress(page: Page): Promise<number> {
  const bar = page.locator("#goal-progress-bar");
  if ((await bar.count()) === 0) return -1;
  return Number(await bar.getAttribute("value"));
}

test("a representative's commitment, accepted and reported on, moves its goal on the public page", async ({
  browser,
}, testInfo) => {
  test.skip(!demoPassword, "CONCORDAT_DEMO_PASSWORD is not set (scripts/test sets it)");
  test.setTimeout(120_000);
  const javaScript = testInfo.project.name !== "nojs";
  const goal = javaScript ? 1 : 2;
  const title = `Downtime drills in every hospital (${testInfo.project.name}-${Date.now()})`;

  const visitorContext = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
  const visitor = await visitorContext.newPage();
  const goalUrl = `/p/us-hph/plan/v/1/goals/${goal}`;
  await visitor.goto(goalUrl);
  const before = await goalProgress(visitor);

  // The representative proposes it.
  const representative = await signedInPage(browser, "representative@lakeview.example", javaScript);
  await representative.goto("/p/us-hph/commitments");
  await representative.getByRole("link", { name: "Propose a commitment" }).click();
  await expect(representative.getByRole("heading", { level: 1, name: "Propose a commitment" })).toBeVisible();
  await expectNoAxeViolations(representative);
  const objective = representative.getByLabel("Objective", { exact: true });
  const option = objective.locator("option", { hasText: new RegExp(`^${goal}\\.1 `) });
  await objective.selectOption((await option.getAttribute("value")) ?? "");
  await representative.getByLabel("Title", { exact: true }).fill(title);
  await representative.getByLabel("Deliverable").fill("A drill report per hospital");
  await representative.getByLabel("Due date").fill("2030-06-30");
  await representative.getByLabel("TLP label").selectOption("clear");
  await representative.getByRole("button", { name: "Propose the commitment" }).click();
  await expect(representative.getByRole("status")).toContainText("The commitment is proposed");
  const commitmentUrl = new URL(representative.url()).pathname;

  // The secretariat accepts it.
  const secretariat = await signedInPage(browser, "secretariat@aspr.example", javaScript);
  await secretariat.goto(commitmentUrl);
  await secretariat.getByRole("button", { name: "Accept the commitment" }).click();
  await expect(secretariat.getByRole("status")).toContainText("The commitment is accepted");
  await expectNoAxeViolations(secretariat);

  // Two progress reports.
  for (const percent of ["40", "100"]) {
    await representative.goto(commitmentUrl);
    await representative.getByLabel("Done (%)").fill(percent);
    await representative.getByLabel("What happened (Markdown)").fill(`Reached **${percent} %**.`);
    await representative.getByRole("button", { name: "Save the report" }).click();
    await expect(representative.getByRole("status")).toContainText("The progress report is saved");
  }
  await expect(representative.locator(".progress-updates li")).toHaveCount(2);
  await expectNoAxeViolations(representative);

  // The public goal page, without JavaScript: the commitment and a higher bar.
  await visitor.goto(goalUrl);
  const row = visitor.getByRole("row").filter({ hasText: title });
  await expect(row).toContainText("100 %");
  await expect(row).toContainText("Lakeview Health System (demo)");
  const after = await goalProgress(visitor);
  expect(after).toBeGreaterThan(0);
  if (before < 100) expect(after).toBeGreaterThan(before);
  await expect(visitor.locator("svg#objective-progress")).toBeVisible();
  await expectNoAxeViolations(visitor, false);
  await visitor.goto("/p/us-hph/commitments");
  await expect(visitor.getByRole("row").filter({ hasText: title })).toContainText("In progress");
  await expectNoAxeViolations(visitor, false);
  await row.page().goto(commitmentUrl);
  await expect(visitor.locator(".progress-updates")).toContainText("Reached 100 %");
  await expectNoAxeViolations(visitor, false);
});
