// A person's walk through the operator console in headless chromium (playwright-core, Debian's chromium):
//   node console-walk.mjs <silo url> <api key> <anomaly to acknowledge> <waiting run> <model> <device for a live anomaly> <screenshot dir>
// Signs in with the key, then on each page checks what it shows, that axe-core finds no serious or critical
// violation and that Tab reaches every control, and acts: opens the device's chart, acknowledges the anomaly,
// watches a new anomaly arrive live (it posts the telemetry that opens it), approves the run, sees the registry's gate
// refuse a promotion to production, approves the version (REST) and promotes it. Prints one line per step
// ("fleet", "device", ...); "failed: <reason>" and exit 1 at the first thing that is not as expected.
import { createRequire } from "node:module";
import { axeViolations, unreachableByKeyboard } from "./console-checks.mjs";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const [base, key, anomalyId, runId, model, liveDevice, shots] = process.argv.slice(2);
const wait = { timeout: 30000 };

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

async function check(page, name) {
  const violations = await axeViolations(page);
  if (violations.length > 0) throw new Error(`${name}: axe-core found ${violations.join("; ")}`);
  const unreachable = await unreachableByKeyboard(page);
  if (unreachable.length > 0) throw new Error(`${name}: Tab never reaches ${unreachable.join(", ")}`);
  await page.screenshot({ path: `${shots}/console-walk-${name}.png`, fullPage: true });
  console.log(name);
}

function expect(condition, what) {
  if (!condition) throw new Error(what);
}

try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });

  await page.goto(`${base}/ui`);
  await page.waitForURL(/\/ui\/sign-in\?returnUrl=/, wait);
  await check(page, "sign-in");
  await page.getByLabel("API key or token", { exact: true }).fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/ui`, wait);
  console.log("signed-in");

  const row = page.locator("tr[data-device='edge-1']");
  await row.waitFor(wait);
  expect(await row.locator("td .badge").count() === 1, `the fleet row of edge-1 shows no open anomaly: ${await row.textContent()}`);
  await check(page, "fleet");

  await row.getByRole("link", { name: "edge-1" }).click();
  await page.waitForURL(/\/ui\/devices\/edge-1$/, wait);
  await page.locator("body[data-charts-drawn='true']").waitFor(wait);
  await page.getByLabel("Range", { exact: true }).selectOption("7d"); // the spike is a day old: the week's 1-minute rollups hold it
  await page.getByRole("button", { name: "Show" }).click();
  await page.waitForURL(/range=7d/, wait);
  await page.locator("body[data-charts-drawn='true']").waitFor(wait);
  const cpu = page.locator("figure.chart", { hasText: "cpu:" });
  await cpu.locator(".main-svg").first().waitFor(wait);
  expect(/1 verdicts?, 1 anomal/.test(await cpu.locator("figcaption").textContent()), `the cpu chart marks no verdict and anomaly: ${await cpu.locator("figcaption").textContent()}`);
  await check(page, "device");

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Anomalies" }).click();
  await page.waitForURL(/\/ui\/anomalies$/, wait);
  const anomaly = page.locator(`table.inbox tr[data-anomaly='${anomalyId}']`);
  await anomaly.getByRole("button", { name: `Acknowledge ${anomalyId}` }).click();
  await page.waitForURL(/\/ui\/anomalies/, wait);
  await anomaly.locator(".status-investigating").waitFor(wait);
  expect(await anomaly.getByRole("button").count() === 0, "an acknowledged anomaly still offers Acknowledge");
  console.log("acknowledged");

  await page.locator("section[data-state='following']").waitFor(wait);
  const spike = await page.request.post(`${base}/api/v1/devices/${liveDevice}/telemetry`, {
    headers: { Authorization: `Bearer ${key}` },
    data: Array.from({ length: 1600 }, (_, i) => ({ metric: "cpu", timestamp: new Date(Date.now() - 2 * 86400000 + i * 60000).toISOString(), value: i === 1500 ? 400 : 20 + (i % 3) })),
  });
  expect(spike.ok(), `posting the spike answered ${spike.status()}`);
  await page.locator("[data-live-rows] tr", { hasText: liveDevice }).waitFor({ timeout: 60000 });
  await check(page, "anomalies");
  console.log("live");

  await page.goto(`${base}/ui/anomalies/${anomalyId}`);
  await page.locator("[data-status] .status-investigating").waitFor(wait);
  expect(await page.getByText(/acknowledged in the console/).count() === 1, "the anomaly's timeline does not say it was acknowledged in the console");
  await page.locator("body[data-charts-drawn='true']").waitFor(wait);
  await check(page, "anomaly");

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Automation" }).click();
  const run = page.locator(`[data-run='${runId}']`);
  await run.locator(".status-waiting-for-approval").waitFor(wait);
  await check(page, "automation");
  await run.getByLabel("Comment", { exact: true }).fill("go ahead, checked the interface");
  await run.getByRole("button", { name: /^Approve/ }).click();
  await page.waitForURL(/\/ui\/automation$/, wait);
  expect(await run.locator(".status-waiting-for-approval").count() === 0, "the run still waits for approval");
  await run.locator("summary").click();
  await run.getByText(/approve #1 done by key:/).waitFor(wait);
  console.log("approved");

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Models" }).click();
  const card = page.locator(`[data-model='${model}']`);
  await card.waitFor(wait);
  await check(page, "models");
  const version = card.locator("tr[data-version='1']");
  await version.getByLabel("Stage", { exact: true }).selectOption("production");
  await version.getByRole("button", { name: `Promote ${model} version 1` }).click();
  await page.getByText(/production needs an approval by one of the roles/).waitFor(wait);
  expect((await page.title()).startsWith("Not done"), "a refused promotion is not shown as not done");
  console.log("gate-refused");
  const approved = await page.request.post(`${base}/api/v1/models/${model}/versions/1/approve`, { headers: { Authorization: `Bearer ${key}` }, data: { stage: "production" } });
  expect(approved.ok(), `approving answered ${approved.status()}`);
  await page.getByRole("link", { name: "Back" }).click();
  await version.getByLabel("Stage", { exact: true }).selectOption("production");
  await version.getByRole("button", { name: `Promote ${model} version 1` }).click();
  await page.waitForURL(/\/ui\/models$/, wait);
  await card.locator("[data-production]", { hasText: "version 1" }).waitFor(wait);
  console.log("promoted");

  await page.goto(`${base}/ui/audit?source=console`);
  const trail = page.locator("table.audit tbody");
  for (const action of ["POST /ui/actions/models/{id}/promote", "POST /ui/actions/workflow-runs/{runId}/approve", "POST /ui/actions/anomalies/{id}/investigate", "sign-in"])
    await trail.locator("tr", { hasText: action }).first().waitFor(wait);
  await check(page, "audit");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/ui\/sign-in$/, wait);
  await page.goto(`${base}/ui/fleet`);
  await page.waitForURL(/\/ui\/sign-in\?returnUrl=/, wait);
  console.log("signed-out");
} catch (error) {
  console.log("failed: " + error.message.split("\n")[0]);
  process.exitCode = 1;
} finally {
  await browser.close();
}
