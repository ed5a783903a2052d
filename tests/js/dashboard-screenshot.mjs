// Screenshots of the Orleans Dashboard in headless chromium (playwright-core, Debian's chromium):
//   node dashboard-screenshot.mjs <dashboard url> <overview.png> <grains.png>
// Watches the overview for a minute (its charts draw what they see while open), saves it, then the grains page;
// exits 1 (with the reason) if the dashboard does not show the device grains.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const [url, overview, grains] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(url, { waitUntil: "networkidle" });
  await page.getByText(/DeviceGrain/).first().waitFor({ timeout: 30000 });
  await page.waitForTimeout(60000);
  await page.screenshot({ path: overview, fullPage: true });
  await page.getByText("Grains", { exact: true }).first().click();
  await page.getByText(/DeviceGrain/).first().waitFor({ timeout: 30000 });
  await page.waitForTimeout(3000);
  await page.screenshot({ path: grains, fullPage: true });
  console.log(`saved ${overview} and ${grains}`);
} catch (error) {
  console.log("failed: " + error.message.split("\n")[0]);
  process.exitCode = 1;
} finally {
  await browser.close();
}
