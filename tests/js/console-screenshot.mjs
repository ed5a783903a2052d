// The console pictures of the README and docs/, from a running demo (scripts/screenshot.sh): in headless chromium (playwright-core,
// Debian's chromium), the fleet, the busiest device's charts, the anomaly inbox and one anomaly, automation, the model
// registry and the audit trail, each saved as <dir>/console-<page>.png.
//   node console-screenshot.mjs <silo url> <dir>
// The demo has no model: this trains one first (two small generated datasets, then approves and promotes version 1).
// Exits 1 (with the reason) if a page does not show what it should.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const [base, dir] = process.argv.slice(2);
const wait = { timeout: 30000 };

function windows(rows, anomalies) {
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const lines = ["in,out,cpu,label"];
  for (let i = 0; i < rows; i++) {
    const load = random() * 100, bad = i >= rows - anomalies;
    const values = bad ? [load, load * 0.05, 95] : [load + random(), load * 0.8 + random(), 20 + load * 0.3 + random()];
    lines.push(values.map(v => v.toFixed(3)).join(",") + (bad ? ",1" : ",0"));
  }
  return lines.join("\n") + "\n";
}

async function api(request, method, path, body, contentType = "application/json") {
  const response = await request.fetch(`${base}${path}`, { method, data: contentType === "application/json" ? JSON.stringify(body) : body, headers: { "Content-Type": contentType } });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return response.json();
}

async function seedModel(request) {
  const existing = await api(request, "GET", "/api/v1/models");
  if (existing.items.some(m => m.name === "edge-traffic")) return;
  await api(request, "POST", "/api/v1/models", { name: "edge-traffic", type: "anomaly_detection", description: "Traffic and CPU windows of the edge routers" });
  await api(request, "PUT", "/api/v1/datasets/edge-traffic-train", windows(1000, 0), "text/csv");
  await api(request, "PUT", "/api/v1/datasets/edge-traffic-check", windows(400, 40), "text/csv");
  const job = await api(request, "POST", "/api/v1/models/edge-traffic/train", { dataset: "edge-traffic-train", validationDataset: "edge-traffic-check" });
  for (let status = job.status; status !== "succeeded"; status = (await api(request, "GET", `/api/v1/training-jobs/${job.id}`)).status) {
    if (status === "failed") throw new Error("training the demo model failed");
    await new Promise(resolve => setTimeout(resolve, 500)); // the job's own status is the signal polled for
  }
  await api(request, "POST", "/api/v1/models/edge-traffic/versions/1/approve", { stage: "production" });
  await api(request, "POST", "/api/v1/models/edge-traffic/versions/1/promote", { stage: "production", reason: "validated on edge-traffic-check" });
}

async function shoot(page, name, path) {
  await page.goto(base + path);
  await page.locator("body[data-charts-drawn='true']").waitFor(wait);
  await page.screenshot({ path: `${dir}/console-${name}.png`, fullPage: true });
  console.log(`saved ${dir}/console-${name}.png`);
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
  await seedModel(page.request);
  await shoot(page, "fleet", "/ui/fleet");
  const busiest = await page.locator("tr[data-device]:has(td .badge)").first().getAttribute("data-device", wait);
  await shoot(page, "device", `/ui/devices/${busiest}?range=1h`);
  await shoot(page, "anomalies", "/ui/anomalies");
  const anomaly = await page.locator("table.inbox tr[data-anomaly]").first().getAttribute("data-anomaly", wait);
  await shoot(page, "anomaly", `/ui/anomalies/${anomaly}`);
  await shoot(page, "automation", "/ui/automation");
  await shoot(page, "models", "/ui/models");
  await shoot(page, "audit", "/ui/audit");
} catch (error) {
  console.log("failed: " + error.message.split("\n")[0]);
  process.exitCode = 1;
} finally {
  await browser.close();
}
