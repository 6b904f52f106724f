import { expect, test } from "vitest";
import { plan } from "../src/plan.js";
import { human, observedFromDesired } from "./builders.js";
import { desiredLoader } from "./desired-loader.js";

const desired = desiredLoader("develop-plan");
const stackWith = (develop: string) => desired(`name: app\nservices:\n  web:\n    image: web:1\n${develop}`);

test("develop.watch is not container configuration: adding or changing it plans nothing", async () => {
  const before = await stackWith("");
  const observed = observedFromDesired(before);
  for (const develop of [
    "    develop:\n      watch:\n        - {path: src, action: sync, target: /app}\n",
    "    develop:\n      watch:\n        - {path: other, action: sync+restart, target: /srv, ignore: ['*.tmp']}\n",
  ]) {
    const after = await stackWith(develop);
    expect(after.services.web!.watch).toHaveLength(1);
    expect(human(plan(after, observed, { trustConfigHash: false }))).toBe(
      "No changes. The stack matches the engine.\n",
    );
  }
});
