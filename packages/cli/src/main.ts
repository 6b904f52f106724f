import { VERSION } from "./version.js";

// `stack --version` is what scripts call to probe for the tool: answer before loading commander.
const [flag, ...rest] = process.argv.slice(2);
if ((flag === "--version" || flag === "-v") && rest.length === 0) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const { runCli } = await import("./run-cli.js");
  process.exitCode = await runCli(process.argv);
}
