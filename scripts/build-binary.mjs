#!/usr/bin/env node
// Builds `stack` as one executable file with Node's single-executable-application support
// (packages/cli/dist/sea/stack): the CLI and every dependency in one CommonJS bundle (Node 20's
// SEA runs CommonJS only and can require built-in modules only), injected into a copy of the
// running `node` with postject. It needs no Node and no node_modules where it runs.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = join(root, "packages/cli/dist/sea");
const manifest = JSON.parse(readFileSync(join(root, "packages/cli/package.json"), "utf8"));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// main.ts awaits at top level, which CommonJS cannot: this entry does the same without it.
const entry = `
import { VERSION } from "./packages/cli/src/version.ts";
const [flag, ...rest] = process.argv.slice(2);
if ((flag === "--version" || flag === "-v") && rest.length === 0) {
  process.stdout.write(VERSION + "\\n");
} else {
  import("./packages/cli/src/run-cli.ts").then(async ({ runCli }) => {
    process.exitCode = await runCli(process.argv);
  });
}
`;

await build({
  stdin: { contents: entry, resolveDir: root, loader: "ts", sourcefile: "sea-main.ts" },
  outfile: join(out, "stack.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20.19",
  // The workspace packages from their sources (the export condition each of them has for it).
  conditions: ["@stackform/source"],
  // ESM code (jiti, the stack.ts reader) asks for import.meta.url: the executable's own path.
  define: {
    __STACKFORM_VERSION__: JSON.stringify(manifest.version),
    "import.meta.url": "__stackformModuleUrl",
  },
  banner: { js: 'var __stackformModuleUrl = require("node:url").pathToFileURL(process.execPath).href;' },
  // ssh2's optional native crypto: it falls back to JavaScript when the addon cannot load.
  external: ["*.node", "cpu-features"],
  logLevel: "error",
  plugins: [
    {
      // jiti loads its TypeScript transform with a require made at run time, which a bundle
      // cannot follow: make it a plain require so that babel.cjs is bundled too.
      name: "jiti-transform-inside",
      setup(b) {
        b.onLoad({ filter: /jiti[\\/]lib[\\/]jiti\.mjs$/ }, (args) => ({
          contents: readFileSync(args.path, "utf8").replace(
            'createRequire(import.meta.url)("../dist/babel.cjs")',
            'require("../dist/babel.cjs")',
          ),
          loader: "js",
          resolveDir: dirname(args.path),
        }));
      },
    },
    {
      name: "no-docker-modem-ssh",
      setup(b) {
        b.onResolve({ filter: /^\.\/ssh$/ }, (args) =>
          /docker-modem/.test(args.importer) ? { path: "docker-modem-ssh", namespace: "stub" } : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: "stub" }, () => ({
          contents:
            'module.exports = () => { throw new Error("docker-modem ssh transport is not bundled"); };',
          loader: "js",
        }));
      },
    },
  ],
});

const config = join(out, "sea-config.json");
writeFileSync(
  config,
  JSON.stringify({
    main: join(out, "stack.cjs"),
    output: join(out, "stack.blob"),
    disableExperimentalSEAWarning: true,
    useCodeCache: true,
  }),
);
execFileSync(process.execPath, ["--experimental-sea-config", config], { stdio: "inherit" });

const binary = join(out, "stack");
copyFileSync(process.execPath, binary);
const postject = createRequire(import.meta.url).resolve("postject/dist/cli.js");
execFileSync(
  process.execPath,
  [
    postject,
    binary,
    "NODE_SEA_BLOB",
    join(out, "stack.blob"),
    "--sentinel-fuse",
    "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2",
  ],
  { stdio: "inherit" },
);
rmSync(join(out, "stack.blob"));
console.log(`wrote ${binary} (${(statSync(binary).size / 1e6).toFixed(1)} MB)`);
