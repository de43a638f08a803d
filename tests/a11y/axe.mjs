// Run axe-core's WCAG 2.1 A and AA rules on local HTML files in Debian's headless chromium.
// Usage: node axe.mjs FILE.html [...]  → prints one JSON object: {file: [violations]}.
// Nothing is fetched from the network: the pages are self-contained and axe is injected.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const results = {};
try {
  for (const file of process.argv.slice(2)) {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.addScriptTag({ content: axeSource });
    results[file] = await page.evaluate(async () => {
      const found = await window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        resultTypes: ["violations", "passes"],
      });
      return {
        violations: found.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map((n) => n.target.join(" ")),
        })),
        passes: found.passes.length,
      };
    });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(results));
