// Validates an OpenAPI document against the OpenAPI 3 schema and resolves its references:
// node validate-openapi.mjs openapi.json   (prints "ok <paths>" or the problem; exits 1 on a problem)
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const SwaggerParser = require("@apidevtools/swagger-parser");

try {
  const api = await SwaggerParser.validate(process.argv[2]);
  console.log(`ok ${Object.keys(api.paths ?? {}).length} ${api.openapi}`);
} catch (error) {
  console.log("INVALID " + error.message);
  process.exitCode = 1;
}
