import { SENSITIVE_MASK } from "@stackform/schema/contract";

/**
 * Replaces every secret value in text that comes from outside Stackform (engine errors,
 * healthcheck output, build logs): plans mask secrets by key, but such text can quote a value.
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  if (secrets.length === 0) return (text) => text;
  return (text) => secrets.reduce((out, secret) => out.split(secret).join(SENSITIVE_MASK), text);
}
