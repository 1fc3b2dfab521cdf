import { expect, expectNoAxeViolations, test, waitForHydration } from "./helpers";

/**
 * Accounts in the browser, with JavaScript on and off: every account form is a plain HTML
 * form posting to its server function, so both must behave the same. The demo accounts
 * have the password in CONCORDAT_DEMO_PASSWORD (scripts/test seeds with it).
 */

const demoPassword = process.env.CONCORDAT_DEMO_PASSWORD ?? "";
const SECRETARIAT = "secretariat@aspr.example";

test.describe("signing in", () => {
  test("the demo secretariat signs in, sees their name in the header, and signs out", async ({
    page,
  }) => {
    test.skip(!demoPassword, "CONCORDAT_DEMO_PASSWORD is not set (scripts/test sets it)");
    await page.goto("/account/sign-in");
    const header = page.getByRole("banner");
    await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();

    await page.getByLabel("E-mail address").fill(SECRETARIAT);
    await page.getByLabel("Password", { exact: true }).fill(demoPassword);
    await page.getByRole("main").getByRole("button", { name: "Sign in" }).click();

    await expect(page).toHaveURL(/\/$/);
    const account = header.getByRole("link", { name: /Your account/ });
    await expect(account).toBeVisible();
    const name = ((await account.textContent()) ?? "").replace("Your account:", "").trim();
    expect(name.length, "the header names the person").toBeGreaterThan(0);
    await expect(header.getByRole("link", { name: "Sign in" })).toHaveCount(0);

    // The account page says who you are.
    await account.click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("main")).toContainText(SECRETARIAT);
    await expect(page.getByRole("main")).toContainText(name);
    await expectNoAxeViolations(page);

    // Pages keep working signed in, hydration included.
    await page.goto("/p/us-hph");
    await waitForHydration(page);

    await header.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/account\/sign-in\?done=signed_out$/);
    await expect(page.getByRole("status")).toContainText("You are signed out.");
    await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(header.getByRole("button", { name: "Sign out" })).toHaveCount(0);

    // Signed out, the account page has nothing to show.
    await page.goto("/account");
    await expect(page.getByRole("main")).toContainText("You are not signed in.");
  });

  test("a wrong password gets the one generic message, in a focusable summary", async ({
    page,
  }) => {
    await page.goto("/account/sign-in");
    await page.getByLabel("E-mail address").fill(SECRETARIAT);
    await page.getByLabel("Password", { exact: true }).fill("certainly not the password");
    await page.getByRole("main").getByRole("button", { name: "Sign in" }).click();

    await expect(page).toHaveURL(/\/account\/sign-in\?error=credentials$/);
    const summary = page.getByRole("alert");
    await expect(summary).toContainText("There is a problem");
    await expect(summary).toContainText("The e-mail address or password is not right.");
    await expect(summary).toHaveAttribute("tabindex", "-1");
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
    await expectNoAxeViolations(page);

    // An address without an account gets exactly the same answer.
    await page.getByLabel("E-mail address").fill("nobody@nowhere.example");
    await page.getByLabel("Password", { exact: true }).fill("certainly not the password");
    await page.getByRole("main").getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/account\/sign-in\?error=credentials$/);
    await expect(page.getByRole("alert")).toContainText(
      "The e-mail address or password is not right.",
    );
  });

  test("the sign-in page has no accessibility violations", async ({ page }) => {
    await page.goto("/account/sign-in");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expect(page.getByLabel("E-mail address")).toHaveAttribute("autocomplete", "username");
    await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute(
      "autocomplete",
      "current-password",
    );
    await expectNoAxeViolations(page);
  });
});

test.describe("a forgotten password", () => {
  test("the request answers the same whether or not the address has an account", async ({
    page,
  }) => {
    await page.goto("/account/sign-in");
    await page.getByRole("link", { name: "Forgotten your password?" }).click();
    await expect(page).toHaveURL(/\/account\/forgot$/);
    await expectNoAxeViolations(page);

    await page.getByLabel("E-mail address").fill("nobody@nowhere.example");
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page).toHaveURL(/\/account\/forgot\?done=sent$/);
    await expect(page.getByRole("status")).toContainText(
      "If an account uses that address, we have sent it a link",
    );
  });

  test("the reset page without a link says where to get one", async ({ page }) => {
    await page.goto("/account/reset");
    await expect(page.getByRole("main").getByRole("link", { name: "Ask for a link" })).toBeVisible();
    await page.goto("/account/reset?token=not-a-real-token&error=bad_link");
    await expect(page.getByRole("alert")).toContainText("This password reset link does not work");
    await expectNoAxeViolations(page);
  });
});
