import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import type { GlobalOptions } from "../global-options.js";
import { buildProgram } from "../program.js";
import { completionScript, listServices } from "./completion.js";

const run = promisify(execFile);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "stackform-completion-"));
  dirs.push(dir);
  return dir;
}

/** Completes the words as bash would after TAB; `stack` is a stub answering --list-services. */
async function complete(script: string, ...words: string[]): Promise<string[]> {
  const dir = tempDir();
  writeFileSync(join(dir, "stack.bash"), script);
  const line = words.map((w) => `'${w}'`).join(" ");
  const { stdout } = await run("bash", [
    "-c",
    `stack() { printf 'web\\nworker\\n'; }
source ${join(dir, "stack.bash")}
COMP_WORDS=(stack ${line}); COMP_CWORD=${words.length}; _stack; printf '%s\\n' "\${COMPREPLY[@]}"`,
  ]);
  return stdout.split("\n").filter(Boolean).sort();
}

describe("stack completion", () => {
  const program = buildProgram();
  const bash = completionScript("bash", program);

  it("completes commands, their flags and the global flags in bash", async () => {
    expect(await complete(bash, "pl")).toEqual(["plan"]);
    expect(await complete(bash, "plan", "--o")).toEqual(["--out"]);
    expect(await complete(bash, "apply", "--wait-")).toEqual(["--wait-timeout"]);
    expect(await complete(bash, "ps", "--js")).toEqual(["--json"]);
  });

  it("offers the stack's services where a command takes one", async () => {
    expect(await complete(bash, "logs", "w")).toEqual(["web", "worker"]);
    expect(await complete(bash, "plan", "w")).toEqual([]);
  });

  it("knows every command in zsh and fish too", () => {
    for (const shell of ["zsh", "fish"] as const) {
      const script = completionScript(shell, program);
      for (const command of program.commands) expect(script).toContain(command.name());
    }
    expect(completionScript("fish", program)).toContain(
      "__fish_seen_subcommand_from logs' -a '(stack completion --list-services",
    );
  });

  it("lists the services of the stack in the folder, and nothing when there is none", async () => {
    const dir = tempDir();
    const globals: GlobalOptions = { file: [], profile: [], json: false, color: false, yes: true };
    expect(await listServices(globals, dir)).toEqual([]);
    writeFileSync(join(dir, "stack.yaml"), "services:\n  web:\n    image: a\n  db:\n    image: b\n");
    expect((await listServices(globals, dir)).sort()).toEqual(["db", "web"]);
  });
});
