// Bundles the `stack` CLI into a few ESM files (packages/cli/dist/bin), which is also what the
// `stackform` npm package ships. Node spends most of a short command's time resolving and
// compiling ~200 small modules; one bundle with a chunk per lazily loaded command halves the
// start-up of `stack plan` (see test/bench/RESULTS.md).
//
// The workspace packages (@stackform/*) are bundled: they are not published. Third-party
// packages stay external and are declared in packages/cli/package.json, so npm installs them
// and a user's `npm i -D stackform` gets zod's types for `defineStack`. The exceptions:
// docker-modem, bundled with its small dependencies so that its eager ssh2 load can be stubbed,
// and zod and yaml, which every command loads: from the bundle they cost ~100 ms less start-up
// than from node_modules (a no-op plan is measured against Compose's). They stay declared, for
// the types; the installed copy is then only read by the type checker.
//
// Entries: `main` (the CLI), `index` (the package's `import "stackform"`), `define-stack`
// (what a stack.ts's `import "stackform"` resolves to when the stack's folder has no install).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative } from "node:path";
import { build } from "esbuild";

const manifest = JSON.parse(readFileSync("packages/cli/package.json", "utf8"));
const BUNDLED =
  /^(@stackform\/|stackform$|zod$|yaml$|docker-modem$|debug$|ms$|readable-stream$|split-ca$|string_decoder$|inherits$|util-deprecate$|safe-buffer$|supports-color$|has-flag$)/;
const declared = new Set(Object.keys(manifest.dependencies ?? {}));
const builtins = new Set(builtinModules);

/** The package name of a bare import: `zod/v4` → `zod`, `@scope/a/b` → `@scope/a`. */
const packageName = (spec) =>
  spec
    .split("/")
    .slice(0, spec.startsWith("@") ? 2 : 1)
    .join("/");

// Chunks are content-hashed: without a clean folder the tarball would carry every old build.
rmSync("packages/cli/dist/bin", { recursive: true, force: true });

await build({
  entryPoints: {
    main: "packages/cli/src/main.ts",
    index: "packages/cli/src/index.ts",
    "define-stack": "packages/schema/src/define-stack.ts",
  },
  outdir: "packages/cli/dist/bin",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  define: { __STACKFORM_VERSION__: JSON.stringify(manifest.version) },
  banner: {
    // CommonJS dependencies (docker-modem) call require(); give each chunk one.
    js: 'import { createRequire as __stackformRequire } from "node:module"; const require = __stackformRequire(import.meta.url);',
  },
  plugins: [
    {
      name: "third-party-external",
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          if (args.path.startsWith("node:") || builtins.has(args.path)) return { external: true };
          if (BUNDLED.test(packageName(args.path))) return undefined;
          const name = packageName(args.path);
          // A package the tarball would need but does not declare breaks only after install.
          if (!declared.has(name))
            throw new Error(`${name} is imported but not in packages/cli/package.json`);
          return { external: true };
        });
      },
    },
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
  ],
  logLevel: "warning",
});

/**
 * The package's types: packages/cli/dist/index.d.ts and every declaration it reaches, with
 * `@stackform/<pkg>` imports rewritten to copies under dist/types/<pkg>, so a user's
 * `import { defineStack } from "stackform"` type-checks with only the declared dependencies.
 */
function writeDeclarations() {
  const out = "packages/cli/dist/types";
  rmSync(out, { recursive: true, force: true });
  const workspaceDeclaration = (pkg) => ({
    from: `packages/${pkg}/dist/index.d.ts`,
    to: join(out, pkg, "index.d.ts"),
  });
  const queue = [{ from: "packages/cli/dist/index.d.ts", to: join(out, "index.d.ts") }];
  const done = new Set();
  while (queue.length > 0) {
    const { from, to } = queue.pop();
    if (done.has(from)) continue;
    done.add(from);
    const text = readFileSync(from, "utf8")
      .replace(/^\/\/# sourceMappingURL=.*$/m, "")
      .replace(/(from\s+|import\()"([^"]+)"/g, (whole, lead, spec) => {
        let target;
        if (spec.startsWith(".")) {
          const base = join(dirname(from), spec.replace(/\.js$/, ".d.ts"));
          target = { from: base, to: join(dirname(to), spec.replace(/\.js$/, ".d.ts")) };
        } else if (spec.startsWith("@stackform/")) {
          target = workspaceDeclaration(spec.slice("@stackform/".length));
        } else {
          return whole;
        }
        queue.push(target);
        let rel = relative(dirname(to), target.to).replace(/\.d\.ts$/, ".js");
        if (!rel.startsWith(".")) rel = `./${rel}`;
        return `${lead}"${rel}"`;
      });
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, text);
  }
}

writeDeclarations();
