import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, test } from "vitest";
import { KEY_DESCRIPTIONS } from "./key-descriptions.js";
import { renderStackDefinitionDocs } from "./stack-definition-docs.js";

const generated = fileURLToPath(new URL("./stack-definition-docs.generated.ts", import.meta.url));
const defineStackSource = fileURLToPath(new URL("./define-stack.ts", import.meta.url));
const typeRoots = fileURLToPath(new URL("../../../node_modules/@types", import.meta.url));
// Beside the sources, so that zod resolves from this package as it does for define-stack.ts.
const stackFile = fileURLToPath(new URL("./virtual-stack.ts", import.meta.url));

const stack = `
import { defineStack } from "stackform";
export default defineStack({
  services: {
    web: {
      image: "nginx:1.27",
      restart: "unless-stopped",
      build: { context: "." },
      healthcheck: { test: ["CMD", "true"], interval: "10s" },
      ports: ["80", { target: 80, published: 8080 }],
      volumes: [{ type: "bind", source: ".", target: "/srv", bind: { create_host_path: true } }],
      networks: { front: { aliases: ["www"] } },
      deploy: { resources: { limits: { memory: "512m" } } },
    },
  },
  networks: { front: { driver: "bridge" } },
  volumes: { data: { external: true } },
  secrets: { token: { file: "./token" } },
});
export const wrong = defineStack({ services: { web: { image: "nginx", restart: "sometimes" } } });
`;

/** A language service over one in-memory stack.ts, with `stackform` mapped to these sources. */
function languageService(source: string): ts.LanguageService {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    types: ["node"],
    typeRoots: [typeRoots],
    paths: { stackform: [defineStackSource] },
  };
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [stackFile],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => {
      const text = file === stackFile ? source : ts.sys.readFile(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => fileURLToPath(new URL(".", import.meta.url)),
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => file === stackFile || ts.sys.fileExists(file),
    readFile: (file) => (file === stackFile ? source : ts.sys.readFile(file)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host, ts.createDocumentRegistry());
}

const service = languageService(stack);

/** The hover on the `occurrence`th `key:` of the stack: its signature and its documentation. */
function hover(key: string, occurrence = 1): { signature: string; documentation: string } {
  let at = -1;
  for (let i = 0; i < occurrence; i++) at = stack.indexOf(`${key}:`, at + 1);
  expect(at, `${key}: is in the stack`).toBeGreaterThan(0);
  const info = service.getQuickInfoAtPosition(stackFile, at + 1);
  return {
    signature: ts.displayPartsToString(info?.displayParts),
    documentation: ts.displayPartsToString(info?.documentation),
  };
}

describe("stack-definition-docs.generated.ts", () => {
  test("is up to date with the key descriptions", () => {
    const onDisk = readFileSync(generated, "utf8");
    expect(
      onDisk === renderStackDefinitionDocs(),
      "stack-definition-docs.generated.ts is stale: run `pnpm docs:write`",
    ).toBe(true);
  });

  test("holds every key's description", () => {
    const onDisk = readFileSync(generated, "utf8");
    for (const text of Object.values(KEY_DESCRIPTIONS)) expect(onDisk).toContain(`/** ${text}`);
  });
});

describe("hovers in a defineStack stack.ts", () => {
  // The first query loads and checks the program (zod's types included): seconds on a busy machine.
  let errors: string[] = [];
  beforeAll(() => {
    errors = service
      .getSemanticDiagnostics(stackFile)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  }, 120_000);

  test.each([
    ["image", 1, "services.*.image"],
    ["restart", 1, "services.*.restart"],
    ["build", 1, "services.*.build"],
    ["context", 1, "services.*.build.context"],
    ["healthcheck", 1, "services.*.healthcheck"],
    ["interval", 1, "services.*.healthcheck.interval"],
    ["ports", 1, "services.*.ports"],
    ["target", 1, "services.*.ports[].target"],
    ["published", 1, "services.*.ports[].published"],
    ["type", 1, "services.*.volumes[].type"],
    ["target", 2, "services.*.volumes[].target"],
    ["create_host_path", 1, "services.*.volumes[].bind.create_host_path"],
    ["aliases", 1, "services.*.networks.*.aliases"],
    ["memory", 1, "services.*.deploy.resources.limits.memory"],
    ["services", 1, "services"],
    ["driver", 1, "networks.*.driver"],
    ["external", 1, "volumes.*.external"],
    ["file", 1, "secrets.*.file"],
  ])("%s (#%i) shows the description of %s", (key, occurrence, path) => {
    expect(hover(key, occurrence).documentation).toContain(KEY_DESCRIPTIONS[path]);
  });

  test("show the types as they were: literal unions, required keys", () => {
    expect(hover("restart").signature).toBe("(property) restart?: RestartPolicyInput | undefined");
    expect(hover("target").signature).toBe("(property) target: string | number");
    expect(hover("type").signature).toBe('(property) type: "volume" | "bind" | "tmpfs"');
  });

  test("still reject a wrong value, naming it", () => {
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(
      `Type '"sometimes"' is not assignable to type 'RestartPolicyInput | undefined'`,
    );
  });
});
