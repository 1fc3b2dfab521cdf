import { demoPassword, expect, expectNoAxeViolations, signedInPage, test } from "./helpers";

/**
 * Notifications in the browser, with JavaScript on and off (plain HTML forms): a convener
 * opens a motion in the joint working group; a representative of a member organisation sees
 * the unread count in the header, finds the notification on /notifications and marks it
 * read; a person saves their notification settings. axe-core finds no violations on either
 * page.
 */

test("a member is told when a motion opens in their group, and marks it read", async ({ browser }, testInfo) => {
  test.skip(!demoPassword, "CONCORDAT_DEMO_PASSWORD is not set (scripts/test sets it)");
  test.setTimeout(90_000);
  const javaScript = testInfo.project.name !== "nojs";
  const title = `Endorse the notification drill ${testInfo.project.name}-${Date.now()}`;

  // The convener drafts a motion in the joint working group and opens it.
  const convener = await signedInPage(browser, "convener@aspr.example", javaScript);
  await convener.goto("/p/us-hph/groups/joint-cwg/motions/new");
  await convener.getByLabel("Title", { exact: true }).fill(title);
  await convener.getByRole("button", { name: "Save the draft" }).click();
  await expect(convener.getByRole("status").filter({ hasText: "The draft is saved" })).toBeVisible();
  await convener.getByRole("button", { name: "Open for voting" }).click();
  await expect(convener.getByRole("status").filter({ hasText: "The motion is open" })).toBeVisible();
  const motionPath = new URL(convener.url()).pathname;

  // CISA's principal sees the unread count in the header and the notification in the list.
  const member = await signedInPage(browser, "jordan.park@cisa.example", javaScript);
  const header = member.getByRole("banner");
  const link = header.getByRole("link", { name: /^Notifications, \d+ unread$/ });
  await expect(link).toBeVisible();
  await link.click();
  await expect(member).toHaveURL(/\/notifications$/);
  await expect(member.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const item = member.getByRole("listitem").filter({ hasText: title });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("Unread");
  await expect(item).toContainText("Motion opened");
  await expect(item.getByRole("link", { name: title })).toHaveAttribute("href", motionPath);
  await expectNoAxeViolations(member);

  // Marked read: no longer flagged, and the motion is one click away.
  await item.getByRole("button", { name: `Mark as read: ${title}` }).click();
  await expect(member.getByRole("status")).toContainText("The notification is marked as read.");
  const read = member.getByRole("listitem").filter({ hasText: title });
  await expect(read).not.toContainText("Unread");
  await expect(read.getByRole("button", { name: /Mark as read/ })).toHaveCount(0);
  await read.getByRole("link", { name: title }).click();
  await expect(member.getByRole("heading", { level: 1, name: title })).toBeVisible();
});

test("a person saves their notification settings", async ({ browser }, testInfo) => {
  test.skip(!demoPassword, "CONCORDAT_DEMO_PASSWORD is not set (scripts/test sets it)");
  const javaScript = testInfo.project.name !== "nojs";
  // One account per project, so that the two projects running at once do not overwrite
  // each other's settings.
  const email = javaScript ? "member@apexmed.example" : "emily.carter@northwind.example";
  const page = await signedInPage(browser, email, javaScript);

  await page.goto("/account");
  await page.getByRole("link", { name: "Choose which notifications you get" }).click();
  await expect(page).toHaveURL(/\/account\/notifications$/);
  await expect(page.getByRole("heading", { level: 1, name: "Notification settings" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Which notifications you get, and how" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "By e-mail" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: /Commitment overdue/ })).toBeVisible();
  await expectNoAxeViolations(page);

  const byMail = page.getByLabel("Commitment overdue: by e-mail");
  const inApp = page.getByLabel("Vote closing soon: in Concordat");
  const mailBefore = await byMail.isChecked();
  const inAppBefore = await inApp.isChecked();
  await byMail.setChecked(!mailBefore);
  await inApp.setChecked(!inAppBefore);
  await page.getByRole("button", { name: "Save the settings" }).click();
  await expect(page).toHaveURL(/\/account\/notifications\?done=saved$/);
  await expect(page.getByRole("status")).toContainText("Your notification settings are saved.");
  await expect(byMail).toBeChecked({ checked: !mailBefore });
  await expect(inApp).toBeChecked({ checked: !inAppBefore });
  await expectNoAxeViolations(page);

  // Back as they were.
  await byMail.setChecked(mailBefore);
  await inApp.setChecked(inAppBefore);
  await page.getByRole("button", { name: "Save the settings" }).click();
  await expect(page.getByRole("status")).toContainText("Your notification settings are saved.");
  await expect(byMail).toBeChecked({ checked: mailBefore });
  await expect(inApp).toBeChecked({ checked: inAppBefore });
});
