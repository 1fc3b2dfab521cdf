import { demoPassword, expect, expectNoAxeViolations, signedInPage, test } from "./helpers";

/**
 * Issue 7's open data, as a person uses it: a member creates a personal API token, reads the
 * API with it, and revokes it; the secretariat opens the progress weights; the public finds
 * the Atom feed and the CSV download from the pages, and the OpenAPI document.
 */

test("a member creates an API token, reads the API with it and revokes it", async ({ browser, playwright }, testInfo) => {
  test.skip(!demoPassword, "CONCORDAT_DEMO_PASSWORD is not set (scripts/test sets it)");
  const javaScript = testInfo.project.name !== "nojs";
  const page = await signedInPage(browser, "emily.carter@northwind.example", javaScript);

  await page.goto("/account");
  await page.getByRole("link", { name: "Manage your API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await expectNoAxeViolations(page, javaScript);

  // A name that is too long is refused with a message at the field, and nothing is created.
  await page.getByLabel("Name", { exact: true }).fill("x".repeat(101));
  await page.getByRole("button", { name: "Create the token" }).click();
  await expect(page.locator(".field-error").first()).toContainText("100");

  const name = `Quarterly report (${testInfo.project.name}-${Date.now()})`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Expires in").selectOption("30");
  await page.getByRole("button", { name: "Create the token" }).click();
  const fresh = page.locator("#fresh-token");
  await expect(fresh).toBeVisible();
  const token = (await fresh.textContent())?.trim() ?? "";
  expect(token.length).toBeGreaterThan(20);
  await expectNoAxeViolations(page, javaScript);

  // The token reads the API as the member.
  const baseURL = testInfo.project.use.baseURL;
  const api = await playwright.request.newContext({ baseURL });
  const withToken = await api.get("/api/v1/partnerships", {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(withToken.status()).toBe(200);
  expect((await withToken.json()).data.length).toBeGreaterThan(0);
  const forged = await api.get("/api/v1/partnerships", {
    headers: { Authorization: `Bearer ${token}x` },
  });
  expect(forged.status()).toBe(401);

  // Revoked, it no longer does.
  await page.getByRole("button", { name: `Revoke the token “${name}”` }).click();
  await expect(page.getByRole("row", { name: new RegExp(name.replace(/[()]/g, "\\$&")) })).toContainText("Revoked");
  const revoked = await api.get("/api/v1/partnerships", {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(revoked.status()).toBe(401);
  await api.dispose();
  await page.context().close();
});

test("the secretariat sees the progress weights and a wrong weight is refused at its field", async ({ browser }, testInfo) => {
  test.skip(!demoPassword, "CONCORDAT_DEMO_PASSWORD is not set (scripts/test sets it)");
  const javaScript = testInfo.project.name !== "nojs";
  const page = await signedInPage(browser, "secretariat@aspr.example", javaScript);
  await page.goto("/p/us-hph/dashboard");
  await page.getByRole("link", { name: "Set the progress weights" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Progress weights" })).toBeVisible();
  await expectNoAxeViolations(page, javaScript);

  const goalWeight = page.getByLabel("Weight of goal 1 in the plan", { exact: true });
  await expect(goalWeight).toHaveValue(/^\d/);
  const saved = await goalWeight.inputValue();
  await goalWeight.fill("-3");
  await page.getByRole("button", { name: "Save the weights" }).click();
  await expect(page.getByLabel("Weight of goal 1 in the plan", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(".field-error").first()).toBeVisible();
  await expectNoAxeViolations(page, javaScript);

  // Saving the weights as they were changes nothing and says so.
  await page.getByLabel("Weight of goal 1 in the plan", { exact: true }).fill(saved);
  await page.getByRole("button", { name: "Save the weights" }).click();
  await expect(page.getByRole("status")).toContainText(/Nothing changed|The weights are saved/);
  await page.context().close();
});

test("the public finds the Atom feed, the CSV of commitments and the OpenAPI document", async ({ page, request }) => {
  await page.goto("/p/us-hph");
  const feedLink = page.getByRole("link", { name: "News feed (Atom)" });
  const feedHref = await feedLink.getAttribute("href");
  expect(feedHref).toBe("/p/us-hph/feed.atom");
  const feed = await request.get(feedHref ?? "");
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("application/atom+xml");
  const xml = await feed.text();
  expect(xml).toContain("<feed");
  expect(xml).not.toMatch(/TLP:(AMBER|GREEN|RED)/);

  await page.goto("/p/us-hph/commitments");
  const csvHref = await page.getByRole("link", { name: "Download as CSV" }).getAttribute("href");
  const csv = await request.get(csvHref ?? "");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["content-disposition"]).toContain("attachment");
  const header = (await csv.text()).split(/\r?\n/)[0];
  expect(header).toContain("title");

  const openapi = await request.get("/api/v1/openapi.json");
  expect(openapi.status()).toBe(200);
  const document = await openapi.json();
  expect(document.openapi).toMatch(/^3\./);
  expect(Object.keys(document.paths)).toContain("/api/v1/partnerships");
});
