import type { GlobalOptions } from "../global-options.js";
import { loadDesired } from "../load-desired.js";

export async function validate(globals: GlobalOptions): Promise<void> {
  const { desired } = await loadDesired(globals);
  const services = Object.keys(desired.services).length;
  process.stderr.write(`Stack ${desired.name} is valid: ${services} service${services === 1 ? "" : "s"}.\n`);
}
