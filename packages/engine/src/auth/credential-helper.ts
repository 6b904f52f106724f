import { spawn } from "node:child_process";
import { EngineError } from "../errors.js";

/** What `docker-credential-<helper> get` answers. */
export interface HelperCredentials {
  username: string;
  secret: string;
}

const TIMEOUT_MS = 10_000;

/**
 * Asks a docker credential helper (`docker-credential-<name>` on PATH) for a server's
 * credentials: `get` with the server on stdin. `undefined` when the helper has none.
 */
export async function helperGet(
  name: string,
  server: string,
  env: NodeJS.ProcessEnv,
): Promise<HelperCredentials | undefined> {
  const { code, stdout, stderr } = await runHelper(name, "get", server, env);
  if (code !== 0) {
    // The helpers' protocol: this exact text means "no credentials stored".
    if (/credentials not found/i.test(stdout + stderr)) return undefined;
    throw helperFailed(name, `get ${server}`, (stderr || stdout).trim());
  }
  const answer = JSON.parse(stdout) as { Username?: unknown; Secret?: unknown };
  if (typeof answer.Secret !== "string" || !answer.Secret) return undefined;
  return { username: typeof answer.Username === "string" ? answer.Username : "", secret: answer.Secret };
}

/** `list`: every server the helper holds credentials for. */
export async function helperList(name: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  const { code, stdout, stderr } = await runHelper(name, "list", "", env);
  if (code !== 0) throw helperFailed(name, "list", (stderr || stdout).trim());
  return Object.keys(JSON.parse(stdout || "{}") as Record<string, unknown>);
}

/** A helper that fails (or is missing) stops the command: guessing anonymous would hide why. */
const helperFailed = (name: string, action: string, detail: string): EngineError =>
  new EngineError(
    "bad-request",
    `docker-credential-${name} ${action} failed${detail ? `: ${detail}` : ""}`,
    `it is named in ~/.docker/config.json (credsStore or credHelpers); check it with \`docker-credential-${name} list\`, or log in again with \`docker login\``,
  );

function runHelper(
  name: string,
  action: "get" | "list",
  input: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(`docker-credential-${name}`, [action], { env, stdio: "pipe", timeout: TIMEOUT_MS });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        helperFailed(
          name,
          action,
          error.code === "ENOENT" ? `docker-credential-${name} is not on PATH` : error.message,
        ),
      ),
    );
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    // A helper may answer without reading its input (e.g. `list`): its answer decides, not EPIPE.
    child.stdin.on("error", () => {});
    child.stdin.end(input);
  });
}
