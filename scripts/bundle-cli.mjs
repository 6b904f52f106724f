// Bundles the `stack` CLI into a few ESM files (packages/cli/dist/bin). Node spends most of a
// short command's time resolving and compiling ~200 small modules; one bundle with a chunk per
// lazily loaded command halves the start-up of `stack plan` (see test/bench/RESULTS.md).
// Kept outside the bundle: ssh2 (loaded by docker-modem at run time, with optional native code)
// and the stack.ts reader (jiti resolves user files relative to its own location).
import { build } from "esbuild";

await build({
  entryPoints: ["packages/cli/src/main.ts"],
  outdir: "packages/cli/dist/bin",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  external: ["ssh2"],
  banner: {
    // CommonJS dependencies (docker-modem) call require(); give each chunk one.
    js: 'import { createRequire as __stackformRequire } from "node:module"; const require = __stackformRequire(import.meta.url);',
  },
  plugins: [
    {
      // docker-modem loads ssh2 eagerly for its own ssh transport, which Stackform does not use
      // (packages/engine/src/connection keeps one ssh session per command instead): ~50 ms saved.
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
    {
      name: "stack-ts-reader-outside",
      setup(b) {
        b.onResolve({ filter: /\/read-stack-ts\.js$/ }, () => ({
          path: "@stackform/schema/read-stack-ts",
          external: true,
        }));
      },
    },
  ],
  logLevel: "warning",
});
