import { stackJsonSchema } from "@stackform/schema";

export async function schema(): Promise<void> {
  process.stdout.write(`${JSON.stringify(stackJsonSchema(), null, 2)}\n`);
}
