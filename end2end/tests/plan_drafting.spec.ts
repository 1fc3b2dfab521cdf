import { demoPassword, expect, expectNoAxeViolations, signedInPage, test } from "./helpers";

/**
 * Issue 5's co-authoring walk: the secretariat and an invited industry co-author edit the
 * same section of the draft; the second save is refused, the page shows both texts and the
 * refused text is still in the editor (nothing typed is lost); the secretariat then compares
 * the two revisions. Plain HTML forms: runs with JavaScript on and off.
 */

test("two co-authors save the same section: the second is refused and keeps its text", async ({
  browser,
}, testInfo) => {
  test.skip(!demoPassword, "CONCORDAT_DEMO_PASSWORD is not set (scripts/test sets it)");
  test.setTimeout(90_000);
  const javaScript = testInfo.project.name !== "nojs";
  const run = `${testInfo.project.name}-${Date.now()}`;
  const key = `exercises-${run}`;
  const secretariat = await signedInPage(browser, "secretariat@aspr.example", javaScript);
  const coauthor = await signedInPage(browser, "representative@lakeview.example", javaScript);

  // The secretariat adds a section to the draft (version 2 of the demo plan).
  await secretariat.goto("/p/us-hph/plan/v/2/workspace");
  await expect(secretariat.getByRole("heading", { level: 1 })).toContainText("Version 2");
  await expectNoAxeViolations(secretariat);
  await secretariat.getByText("Add a section").click();
  await secretariat.getByLabel("Key (e.g. supply-chain)").fill(key);
  await secretariat.locator("#add-section").getByLabel("Title", { exact: true }).fill(`Exercises ${run}`);
  await secretariat.getByRole("button", { name: "Add the section" }).click();
  await expect(secretariat.getByRole("heading", { level: 1 })).toContainText(`Exercises ${run}`);
  await expectNoAxeViolations(secretariat);

  // Both open the editor at the same revision.
  const editorUrl = `/p/us-hph/plan/v/2/sections/${key}/edit`;
  await coauthor.goto(editorUrl);
  await expect(coauthor.getByLabel("Text (Markdown)")).toBeVisible();

  // The secretariat saves first.
  await secretariat.getByLabel("Text (Markdown)").fill("Government: run a **national** exercise each spring.");
  await secretariat.getByRole("button", { name: "Save", exact: true }).click();
  await expect(secretariat.getByRole("status")).toContainText(`Section ${key} was saved.`);

  // The co-author's save, from the old revision, is refused; both texts are shown.
  const industryText = "Industry: hospitals join with their downtime procedures.";
  await coauthor.getByLabel("Text (Markdown)").fill(industryText);
  await coauthor.getByRole("button", { name: "Save", exact: true }).click();
  await expect(coauthor.locator("#error-summary")).toContainText("after you opened it");
  await expect(coauthor.locator("#conflict-theirs")).toContainText("Government: run a **national** exercise");
  await expect(coauthor.locator("#conflict-yours")).toContainText(industryText);
  await expect(coauthor.getByLabel("Text (Markdown)")).toHaveValue(industryText);
  await expectNoAxeViolations(coauthor);

  // Merged and saved again, against the new revision.
  await coauthor
    .getByLabel("Text (Markdown)")
    .fill(`Government: run a **national** exercise each spring.\n\n${industryText}`);
  await coauthor.getByRole("button", { name: "Save", exact: true }).click();
  await expect(coauthor.getByRole("status")).toContainText(`Section ${key} was saved.`);

  // The secretariat compares revision 2 (its own) with revision 3 (the merge).
  await secretariat.goto(`/p/us-hph/plan/v/2/sections/${key}/history`);
  await expect(secretariat.locator("#revisions tbody tr")).toHaveCount(3);
  await secretariat.getByLabel("Compare revision", { exact: true }).selectOption("2");
  await secretariat.getByLabel("with revision", { exact: true }).selectOption("3");
  await secretariat.getByRole("button", { name: "Compare" }).click();
  await expect(secretariat.locator("#revision-diff")).toContainText("Revision 2 compared with revision 3");
  await expect(secretariat.locator("#revision-diff ins").first()).toBeVisible();
  await expectNoAxeViolations(secretariat);

  await secretariat.context().close();
  await coauthor.context().close();
});
