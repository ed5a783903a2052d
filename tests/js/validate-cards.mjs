// Validates Adaptive Cards with the reference library (adaptivecards 3.0.6) as a 1.5 host would:
// node validate-cards.mjs cards.json   (a JSON array of cards; prints one line per card, exits 1 on any problem)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const AC = require("adaptivecards/dist/adaptivecards.js");

const cards = JSON.parse(readFileSync(process.argv[2], "utf8"));
let failed = 0;
cards.forEach((json, index) => {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  const problems = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  const results = card.validateProperties();
  for (const event of results.validationEvents) problems.push(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  if (json.version !== "1.5") problems.push(`version ${json.version}, not 1.5`);
  if (problems.length > 0) failed++;
  console.log(`${index} ${problems.length === 0 ? "ok" : "INVALID " + problems.join("; ")}`);
});
process.exit(failed > 0 ? 1 : 0);
