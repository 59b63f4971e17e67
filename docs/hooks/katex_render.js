// KaTeX renderer for docs/hooks/katex.py: one Node process per build.
//
// Protocol: each line on stdin is a JSON array of [tex, displayMode] pairs; for
// each line one JSON line is written back to stdout, an array of results in the
// same order, each {"html": "..."} or {"error": "..."}. A batch per page keeps
// the two pipes from filling up at the same time (no deadlock), and the process
// starts once, so the cost of loading KaTeX is paid once per build.
"use strict";
const katex = require("katex");
const readline = require("readline");

function renderOne([tex, displayMode]) {
  const warnings = [];
  try {
    const html = katex.renderToString(tex, {
      displayMode,
      throwOnError: true,
      // A construct KaTeX only tolerates (e.g. Hangul outside \text{}) is
      // reported back, so the build can fail on it like on an error.
      strict: (code, message) => {
        warnings.push(`${code}: ${message}`);
        return "ignore";
      },
    });
    return warnings.length ? { error: warnings.join("; ") } : { html };
  } catch (err) {
    return { error: String(err && err.message ? err.message : err) };
  }
}

const input = readline.createInterface({ input: process.stdin, terminal: false });
input.on("line", (line) => {
  const batch = JSON.parse(line);
  process.stdout.write(JSON.stringify(batch.map(renderOne)) + "\n");
});
