import type { DesiredStack } from "@stackform/schema";
// The schema's own test helper, not a copy: the planner's tests load stack texts the same way.
import { textLoader } from "../../schema/test/text-loader.js";

/**
 * `desired(yaml, env)` for a planner test: the DesiredStack the loader makes of a stack text
 * (written next to `files`, name → content), or a throw that names the errors, so a fixture
 * the loader refuses fails where it is written rather than as a missing stack in the plan.
 */
export function desiredLoader(
  prefix: string,
  files: Record<string, string> = {},
): (text: string, env?: Record<string, string>) => Promise<DesiredStack> {
  const load = textLoader(prefix, files);
  return async (text, env) => {
    const { stack, diagnostics } = await load(text, env);
    if (!stack) {
      const errors = diagnostics.filter((d) => d.severity === "error");
      throw new Error(`the stack does not load: ${errors.map((d) => `${d.code}: ${d.message}`).join("; ")}`);
    }
    return stack;
  };
}
