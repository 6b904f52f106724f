/** The key the docker CLI files Docker Hub's credentials under. */
export const DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

/**
 * The registry an image reference pulls from, spelt as the docker CLI keys its credentials:
 * `127.0.0.1:5000/app:1` → `127.0.0.1:5000`; `nginx`, `library/nginx`, `docker.io/x/y` → Docker Hub.
 * The first path component names a registry only when it has a dot or a colon or is `localhost`.
 */
export function registryOf(ref: string): string {
  const slash = ref.indexOf("/");
  if (slash < 0) return DOCKER_HUB_SERVER;
  const first = ref.slice(0, slash);
  const isHost = first.includes(".") || first.includes(":") || first === "localhost";
  if (!isHost || first === "docker.io" || first === "index.docker.io") return DOCKER_HUB_SERVER;
  return first;
}

/** `https://registry.example.com/v1/` → `registry.example.com`, as the CLI compares `auths` keys. */
export function hostnameOf(server: string): string {
  const bare = server.replace(/^https?:\/\//, "");
  return bare.split("/")[0] ?? bare;
}
