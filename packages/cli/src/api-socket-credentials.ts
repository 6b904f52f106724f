import { allCredentials, type RegistryAuth } from "@stackform/engine";
import type { DesiredStack, InjectedFile } from "@stackform/schema";

/** Where a docker CLI inside the container looks for credentials (as root, Compose's choice too). */
const CONFIG_TARGET = "/root/.docker/config.json";

/**
 * The stack with `use_api_socket` services given the registry credentials of the machine
 * Stackform runs on, as a docker CLI config copied into the container (a secret: never printed,
 * compared only as a salted digest). Read when planning, so a changed login replaces the container
 * as any changed secret does. A stack without such services is returned as it is.
 */
export async function withApiSocketCredentials(
  desired: DesiredStack,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DesiredStack> {
  const users = Object.values(desired.services).filter((s) => s.useApiSocket);
  if (users.length === 0) return desired;
  const credentials = await allCredentials(env);
  if (Object.keys(credentials).length === 0) return desired;
  const file: InjectedFile = {
    kind: "secret",
    key: "use_api_socket",
    target: CONFIG_TARGET,
    content: `${JSON.stringify({ auths: Object.fromEntries(Object.entries(credentials).map(([server, auth]) => [server, cliEntry(auth)])) }, null, 2)}\n`,
    sensitive: true,
    uid: 0,
    gid: 0,
    mode: 0o600,
  };
  const services = { ...desired.services };
  for (const service of users)
    services[service.name] = { ...service, injectedFiles: [...(service.injectedFiles ?? []), file] };
  return { ...desired, services };
}

/** An `auths` entry as the docker CLI writes it. */
const cliEntry = (auth: RegistryAuth): Record<string, string> =>
  auth.identitytoken
    ? { identitytoken: auth.identitytoken }
    : { auth: Buffer.from(`${auth.username ?? ""}:${auth.password ?? ""}`).toString("base64") };
