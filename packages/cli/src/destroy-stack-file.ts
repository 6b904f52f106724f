import type { DesiredStack } from "@stackform/schema";
import type { GlobalOptions } from "./global-options.js";
import { stackFileFor } from "./hook-services.js";
import { isTypeScript, stackFileTexts } from "./stack-file-texts.js";

/**
 * Of a stack file, destroy uses only its `pre_stop` hooks and the volumes it declares `external`;
 * `include` and `extends` can bring either in from another file. A YAML file that spells none of
 * these keys (they cannot come from interpolation, which fills in values only) is not loaded: that
 * spares destroy the loader, which costs more start-up than the rest of the command.
 */
const USED_BY_DESTROY = /\b(?:pre_stop|external|include|extends)\b/;

/** The stack file for `stack`, when one is at hand and may change what destroy does. */
export function destroyStackFile(options: GlobalOptions, stack: string): Promise<DesiredStack | undefined> {
  const files = stackFileTexts(options);
  const matters = files.some(({ path, text }) =>
    text === undefined ? isTypeScript(path) : USED_BY_DESTROY.test(text),
  );
  return matters ? stackFileFor(options, stack) : Promise.resolve(undefined);
}
