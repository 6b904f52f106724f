import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// Tests run against the TypeScript sources; only the end-to-end tests use the built CLI.
const alias = {
  "@stackform/schema": src("schema"),
  "@stackform/engine": src("engine"),
  "@stackform/planner": src("planner"),
  "@stackform/applier": src("applier"),
  stackform: src("cli"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts"],
          exclude: ["**/*.engine.test.ts", "**/node_modules/**", "**/dist/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          // Everything that talks to a real Docker engine. The global setup fails the run,
          // with the reason, when no engine answers: these tests never skip.
          name: "engine",
          include: [
            "packages/*/src/**/*.engine.test.ts",
            "packages/*/test/**/*.engine.test.ts",
            "test/e2e/**/*.test.ts",
          ],
          globalSetup: ["test/setup/engine-global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
