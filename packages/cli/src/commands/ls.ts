import { withEngine } from "../connect-engine.js";
import type { GlobalOptions } from "../global-options.js";
import { printJson } from "../json-output.js";
import { expiryText, isExpired, shortSpan } from "../relative-time.js";
import { table } from "../table.js";

/** Every stack on the engine, from its labels: what runs, who deployed it, when it expires. */
export async function lsCommand(options: GlobalOptions): Promise<void> {
  await withEngine(options, async (engine) => {
    const stacks = await engine.listStacks();
    const now = Date.now();
    if (options.json) {
      const rows = stacks.map((s) => ({
        name: s.name,
        containers: s.containers,
        running: s.running,
        owner: s.owner ?? null,
        created_at: s.createdAt ?? null,
        expires_at: s.expiresAt ?? null,
        expired: isExpired(s.expiresAt, now),
      }));
      printJson({ engine: engine.endpoint, stacks: rows });
      return;
    }
    if (stacks.length === 0) {
      process.stderr.write(`No stacks on ${engine.endpoint}.\n`);
      return;
    }
    process.stdout.write(
      table([
        ["NAME", "RUNNING", "OWNER", "AGE", "EXPIRES"],
        ...stacks.map((s) => [
          s.name,
          `${s.running}/${s.containers}`,
          s.owner ?? "-",
          s.createdAt ? shortSpan(now - Date.parse(s.createdAt)) : "-",
          expiryText(s.expiresAt, now),
        ]),
      ]),
    );
  });
}
