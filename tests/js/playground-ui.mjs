// Drives the Agents Playground's web UI in headless chromium as a person would (playwright-core, Debian's chromium):
//   node playground-ui.mjs <playground url> <screenshot.png>
// In the personal chat it types "/subscribe anomalies --severity medium", prints "subscribed", then waits for an
// anomaly card (the test makes one), clicks its Acknowledge button, waits for the refreshed card, saves the screenshot
// and prints "acknowledged". Exits 1 (with the reason) if any step does not happen within its time.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const [url, screenshot] = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(url, { waitUntil: "networkidle" });
  const compose = page.getByRole("textbox").first();
  await compose.fill("/subscribe anomalies --severity medium");
  await compose.press("Enter");
  await page.getByText("This conversation gets medium and worse anomalies.").first().waitFor({ timeout: 20000 });
  console.log("subscribed");

  await page.getByText(/Anomaly on /).first().waitFor({ timeout: 60000 });
  await page.getByRole("button", { name: "Acknowledge" }).first().click();
  await page.getByText(/Acknowledged by /).first().waitFor({ timeout: 20000 });
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log("acknowledged");
} catch (error) {
  console.log("failed: " + error.message.split("\n")[0]);
  process.exitCode = 1;
} finally {
  await browser.close();
}
