// What every console page must pass, for console-walk.mjs: no serious or critical axe-core violation, and every
// visible control reachable with the Tab key.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");

/** The serious and critical violations axe-core finds on the page, as "rule: target" lines. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations);
  return violations.filter(v => v.impact === "serious" || v.impact === "critical")
    .flatMap(v => v.nodes.map(n => `${v.id} (${v.impact}): ${n.target.join(" ")}`));
}

/** The visible controls that Tab never reaches from the top of the page (empty when all are reachable). */
export async function unreachableByKeyboard(page) {
  const total = await page.evaluate(() => {
    const controls = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])")]
      .filter(e => !e.disabled && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden");
    controls.forEach((e, i) => { e.dataset.kbd = String(i); });
    document.activeElement?.blur();
    window.scrollTo(0, 0);
    return controls.length;
  });
  const reached = new Set();
  for (let presses = 0; presses < total * 2 + 10 && reached.size < total; presses++) {
    await page.keyboard.press("Tab");
    const key = await page.evaluate(() => document.activeElement?.dataset?.kbd);
    if (key !== undefined) reached.add(key);
  }
  return page.evaluate(seen => [...document.querySelectorAll("[data-kbd]")].filter(e => !seen.includes(e.dataset.kbd))
    .map(e => `${e.tagName.toLowerCase()} "${(e.textContent || e.getAttribute("name") || "").trim().slice(0, 40)}"`), [...reached]);
}
