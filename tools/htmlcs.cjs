// HTML_CodeSniffer (WCAG2AA) on pages of the built site, through pa11y, in Debian's
// Chromium (never a downloaded browser). Usage:
//   node tools/htmlcs.cjs http://127.0.0.1:PORT/ path/ ja/path/ ...
// Prints one JSON object: {"<url>": [{code, type, message, selector}, ...], ...} with the
// errors of each page (warnings and notices are left out, as pa11y does by default).
"use strict";

const path = require("path");
const modules = path.join(__dirname, "..", ".cache", "pa11y", "node_modules");
const pa11y = require(path.join(modules, "pa11y"));
const puppeteer = require(path.join(modules, "puppeteer"));

async function main() {
  const [base, ...paths] = process.argv.slice(2);
  const launch = { executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] };
  const browser = await puppeteer.launch(launch);
  const found = {};
  try {
    for (const page of paths) {
      const url = base + page;
      const result = await pa11y(url, {
        browser,
        chromeLaunchConfig: launch,
        runners: ["htmlcs"],
        standard: "WCAG2AA",
        timeout: 60000,
      });
      found[url] = result.issues
        .filter((issue) => issue.type === "error")
        .map(({ code, type, message, selector }) => ({ code, type, message, selector }));
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(found));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});
