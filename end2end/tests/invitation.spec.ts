import { expect, expectNoAxeViolations, test } from "./helpers";
import type { Page } from "@playwright/test";

/**
 * Issue 3's walk through accounts and TLP: the secretariat invites a person, the person
 * accepts through the mailed link, signs in and sees the partnership's TLP:GREEN content but
 * not another organisation's TLP:AMBER+STRICT; signed out, only TLP:CLEAR remains.
 * Runs with JavaScript on and off: every form here is a plain HTML form.
 */

const demoPassword = process.env.CONCORDAT_DEMO_PASSWORD ?? "";

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/account/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

/** The label badges of the commitments table, with each row's organisation. */
async function commitmentRows(page: Page): Promise<{ organisation: string; label: string }[]> {
  return page.locator("#commitment-list tbody tr").evaluateAll((rows) =>
    rows.map((row) => {
      const cells = row.querySelectorAll("td");
      return { organisation: cells[1]?.textContent ?? "", label: cells[5]?.textContent ?? "" };
    }),
  );
}

test("an invited person accepts, sees TLP:GREEN but not another organisation's AMBER+STRICT", async ({
  page,
}, testInfo) => {
  test.skip(!demoPassword, "CONCORDAT_DEMO_PASSWORD is not set (scripts/test sets it)");
  const email = `e2e-${testInfo.project.name}-${Date.now()}@apexmed.example`;
  const organisation = "Apex Medical Devices (demo)";

  // The secretariat invites.
  await signIn(page, "secretariat@aspr.example", demoPassword);
  await page.goto("/p/us-hph");
  await page.getByRole("link", { name: "Invite a person" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Invite a person" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("Organisation").selectOption({ label: organisation });
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Name").fill("Eve Example");
  await page.getByRole("button", { name: "Send the invitation" }).click();
  await expect(page.getByText("The invitation is on its way")).toBeVisible();
  await signOut(page);

  // The operator reads the link in the outbox.
  await signIn(page, "admin@concordat.example", demoPassword);
  await page.goto("/admin/outbox");
  const mail = page.locator(".outbox li", { hasText: email }).first();
  await expect(mail).toBeVisible();
  const body = (await mail.locator(".mail-body").textContent()) ?? "";
  const link = body.match(/https?:\/\/\S+\/invitations\/accept\?token=[0-9a-f]+/)?.[0];
  expect(link, body).toBeTruthy();
  await signOut(page);

  // The person accepts and chooses a password.
  await page.goto(new URL(link as string).pathname + new URL(link as string).search);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Eve Example");
  await expectNoAxeViolations(page);
  await page.getByLabel("Choose a password").fill("a fine long passphrase");
  await page.getByLabel("The same password again").fill("a fine long passphrase");
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/account\/sign-in/);

  // Signed in, the member sees GREEN, and AMBER+STRICT only of their own organisation.
  await signIn(page, email, "a fine long passphrase");
  await page.goto("/p/us-hph");
  const signedIn = await commitmentRows(page);
  expect(signedIn.some((row) => row.label.includes("TLP:GREEN"))).toBe(true);
  for (const row of signedIn.filter((r) => r.label.includes("TLP:AMBER+STRICT"))) {
    expect(row.organisation).toBe(organisation);
  }
  expect(signedIn.some((row) => row.label.includes("TLP:RED"))).toBe(false);

  // Signed out, the same page shows TLP:CLEAR only.
  await signOut(page);
  await page.goto("/p/us-hph");
  const signedOut = await commitmentRows(page);
  expect(signedOut.length).toBeGreaterThan(0);
  expect(signedOut.every((row) => row.label.trim() === "TLP:CLEAR")).toBe(true);
  expect(signedOut.length).toBeLessThan(signedIn.length);
});

test("a used or unknown invitation link explains itself", async ({ page, consoleErrors }) => {
  consoleErrors.allow(/status of 404/);
  const response = await page.goto("/invitations/accept?token=not-a-token");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This invitation link does not work" })).toBeVisible();
  await expectNoAxeViolations(page);
});
