import { homedir, userInfo } from "node:os";

/** `$HOME`, so tests (and users) can point Stackform at another ~/.docker and ~/.ssh. */
export const homeDir = (env: NodeJS.ProcessEnv): string => env.HOME || homedir();

/** The local user name, ssh's default remote user. */
export function localUser(env: NodeJS.ProcessEnv): string {
  if (env.USER) return env.USER;
  try {
    return userInfo().username;
  } catch {
    return "root";
  }
}

/** `~/x` → `$HOME/x`, as ssh and docker do in their config files. */
export function expandHome(path: string, env: NodeJS.ProcessEnv): string {
  if (path === "~") return homeDir(env);
  return path.startsWith("~/") ? `${homeDir(env)}${path.slice(1)}` : path;
}
