import { demoPassword, expect, expectNoAxeViolations, signedInPage, test } from "./helpers";
import type { Browser, Page } from "@playwright/test";

/**
 * Issue 6's walk through a vote: a convener drafts and opens a dual-majority two-thirds
 * motion in the joint working group; representatives of public and private organisations
 * vote, one changes its ballot, one recuses, one gives its proxy to another, which casts it;
 * the convener closes the motion; the outcome shown matches the rules, and the public record
 * shows it without JavaScript. Plain HTML forms: runs with JavaScript on and off.
 */

async function status(page: Page, text: string): Promise<void> {
  await expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();
}

/** Signs in as a representative, opens the motion and casts its organisation's ballot. */
async function vote(
  browser: Browser,
  javaScript: boolean,
  motionUrl: string,
  email: string,
  choice: "Yes" | "No" | "Abstain",
): Promise<Page> {
  const page = await signedInPage(browser, email, javaScript);
  await page.goto(motionUrl);
  const panel = page.locator("#your-ballot");
  await panel.locator("form[action='/api/cast_ballot']").first().getByLabel(choice, { exact: true }).check();
  await panel.getByRole("button", { name: "Cast the ballot" }).first().click();
  await status(page, "ballot is recorded");
  await expect(page.locator("#your-ballot")).toContainText(`Your organisation has voted: ${choice}`);
  return page;
}

test("a convener opens a dual-majority two-thirds motion; members vote, change, recuse and use a proxy; the public sees the outcome", async ({
  browser,
}, testInfo) => {
  test.skip(!demoPassword, "CONCORDAT_DEMO_PASSWORD is not set (scripts/test sets it)");
  test.setTimeout(180_000);
  const javaScript = testInfo.project.name !== "nojs";
  const run = `${testInfo.project.name}-${Date.now()}`;
  const title = `Endorse the joint exercise calendar ${run}`;

  // The convener drafts the motion from the group's page.
  const convener = await signedInPage(browser, "convener@aspr.example", javaScript);
  await convener.goto("/p/us-hph/groups/joint-cwg");
  await convener.getByRole("link", { name: "Motions and votes of this group" }).click();
  await expect(convener.getByRole("heading", { level: 1 })).toContainText("Motions of");
  await expectNoAxeViolations(convener);
  await convener.getByRole("link", { name: "Draft a motion" }).click();
  await expect(convener.getByRole("heading", { level: 1, name: "Draft a motion" })).toBeVisible();
  await expectNoAxeViolations(convener);
  // A missing title is refused, named.
  await convener.getByLabel("Title", { exact: true }).fill(" ");
  await convener.getByRole("button", { name: "Save the draft" }).click();
  await expect(convener.locator("#error-summary")).toContainText("Enter the motion's title");
  await convener.getByLabel("Title", { exact: true }).fill(title);
  await convener.getByLabel("Text of the motion (Markdown)").fill("The group **endorses** the calendar.");
  await convener.getByLabel("TLP label").selectOption("clear");
  await convener.getByLabel("Threshold", { exact: true }).selectOption({ label: "Two-thirds majority" });
  await convener.getByLabel(/Dual majority/).check();
  await convener.getByLabel(/Quorum/).fill("40");
  await convener.getByRole("button", { name: "Save the draft" }).click();
  await status(convener, "The draft is saved");
  await expect(convener.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expectNoAxeViolations(convener);
  const motionUrl = new URL(convener.url()).pathname;

  await convener.getByRole("button", { name: "Open for voting" }).click();
  await status(convener, "The motion is open");
  await expect(convener.locator(".motion-rules")).toContainText("Two-thirds majority");

  // Public side: the convener votes for HHS/ASPR; CISA votes no, then changes to yes.
  await convener.locator("#your-ballot").getByLabel("Yes", { exact: true }).check();
  await convener.getByRole("button", { name: "Cast the ballot" }).click();
  await status(convener, "ballot is recorded");
  const cisa = await vote(browser, javaScript, motionUrl, "jordan.park@cisa.example", "No");
  await cisa.locator("#your-ballot").getByLabel("Yes", { exact: true }).check();
  await cisa.getByRole("button", { name: "Change the ballot" }).click();
  await status(cisa, "ballot is changed");
  await expect(cisa.locator(".ballot-history li")).toHaveCount(2);
  await expectNoAxeViolations(cisa);

  // Industry side: Lakeview votes yes, Northwind no; Summit recuses.
  await vote(browser, javaScript, motionUrl, "representative@lakeview.example", "Yes");
  await vote(browser, javaScript, motionUrl, "emily.carter@northwind.example", "No");
  const summit = await signedInPage(browser, "grace.liu@summitregional.example", javaScript);
  await summit.goto(motionUrl);
  await summit.getByText("Declare a conflict of interest").click();
  await summit.getByLabel("The conflict of interest").fill("We host the exercise platform.");
  await summit.getByRole("button", { name: "Recuse my organisation" }).click();
  await status(summit, "recusal is recorded");
  await expect(summit.locator("#your-ballot")).toContainText("recused itself");

  // Bluestone gives its proxy to Chartwell, which casts both ballots.
  const bluestone = await signedInPage(browser, "yasmin.farouk@bluestone.example", javaScript);
  await bluestone.goto(motionUrl);
  await bluestone.getByText("Give your organisation's proxy").click();
  await bluestone.getByLabel("Organisation that will cast your ballot").selectOption({ label: "Chartwell Health Records (demo)" });
  await bluestone.getByRole("button", { name: "Give the proxy" }).click();
  await status(bluestone, "The proxy is given");
  const chartwell = await vote(browser, javaScript, motionUrl, "rebecca.stone@chartwell.example", "Yes");
  const proxy = chartwell.locator(".proxy-held");
  await expect(proxy).toContainText("gave your organisation its proxy");
  await proxy.getByLabel("Yes", { exact: true }).check();
  await proxy.getByRole("button", { name: "Cast the ballot" }).click();
  await status(chartwell, "ballot is recorded");
  await expect(chartwell.locator(".proxy-held")).toContainText("Its ballot: Yes");

  // The live roll call, then the convener closes the motion.
  await convener.goto(motionUrl);
  await expect(convener.locator(".roll-call")).toContainText("Recused");
  await expect(convener.locator(".roll-call")).toContainText("Proxy given to Chartwell Health Records (demo)");
  await convener.getByRole("button", { name: "Close voting now" }).click();
  await status(convener, "The motion is closed");
  // Public: 2 yes, no "no"; industry: 3 yes (one by proxy), 1 no (Summit recused):
  // two-thirds holds on both sides; 6 ballots of 15 members meet the 40 % quorum of 6.
  const outcome = convener.locator(".outcome");
  await expect(outcome).toContainText("Outcome: Carried");
  await expect(outcome).toContainText("5 yes, 1 no, 0 abstentions of 15 members, 1 recused (quorum 6 reached)");
  await expect(outcome).toContainText("two-thirds of yes and no needed among public and among industry members");
  await expectNoAxeViolations(convener);

  // The public record, without JavaScript.
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en-GB" });
  const visitor = await context.newPage();
  await visitor.goto("/p/us-hph");
  await visitor.getByRole("link", { name: "What was decided" }).click();
  const row = visitor.getByRole("row").filter({ hasText: title });
  await expect(row).toContainText("Carried: 5 yes, 1 no, 0 abstaining of 15");
  await expectNoAxeViolations(visitor, false);
  await row.getByRole("link", { name: title }).click();
  await expect(visitor.locator(".outcome")).toContainText("Outcome: Carried");
  await expect(visitor.locator(".roll-call")).toContainText("Recused");
  await expect(visitor.locator("#your-ballot")).toHaveCount(0);
  await expectNoAxeViolations(visitor, false);
});
