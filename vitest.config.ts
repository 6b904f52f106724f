import { defineConfig } from "vitest/config";

// Tests run against the TypeScript sources: each workspace package exports them under the
// "@stackform/source" condition (tsconfig.json's customConditions says the same to tsc). Only the
// end-to-end tests use the built CLI.
const conditions = ["@stackform/source", "module", "node", "development|production"];
const resolve = { conditions };
const ssr = { resolve: { conditions, externalConditions: ["@stackform/source"] } };

export default defineConfig({
  resolve,
  ssr,
  test: {
    projects: [
      {
        resolve,
        ssr,
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts"],
          exclude: ["**/*.engine.test.ts", "**/node_modules/**", "**/dist/**"],
        },
      },
      {
        resolve,
        ssr,
        test: {
          // Everything that talks to a real Docker engine. The global setup fails the run,
          // with the reason, when no engine answers: these tests never skip.
          name: "engine",
          include: [
            "packages/*/src/**/*.engine.test.ts",
            "packages/*/test/**/*.engine.test.ts",
            "test/e2e/**/*.test.ts",
          ],
          globalSetup: ["test/setup/engine-global-setup.ts", "test/setup/swarm-rig-global.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
