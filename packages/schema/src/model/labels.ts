/**
 * Labels that mark what Stackform owns on an engine. Ownership lives here, not in a state file.
 * Compose's own labels are set too, so `docker compose ls` and Docker Desktop group the stack.
 */
export const Labels = {
  stack: "dev.stackform.stack",
  service: "dev.stackform.service",
  number: "dev.stackform.number",
  configHash: "dev.stackform.config-hash",
  version: "dev.stackform.version",
  /** The stack-file key of a network or volume (its engine name may differ). */
  key: "dev.stackform.key",
  /** Set on the new container of a replace until it is renamed to its final name. */
  replaces: "dev.stackform.replaces",
  /**
   * On a container with secrets or configs copied in: JSON `[{kind, key, target}]`, never values,
   * so observe reads back (and digests) only the files of containers that have some.
   */
  files: "dev.stackform.files",
  /** Expiry of an ephemeral stack, ISO 8601. */
  expires: "dev.stackform.expires",
  owner: "dev.stackform.owner",
  /** On the meta container of a stack (`stack apply --ttl`, owner); its value is the stack. */
  meta: "dev.stackform.meta",
  lock: "dev.stackform.lock",
  lockHolder: "dev.stackform.lock.holder",
  lockHost: "dev.stackform.lock.host",
  lockSince: "dev.stackform.lock.since",
  /** On a Swarm service whose image Stackform built: the digest of the build context it came from. */
  buildContext: "dev.stackform.build-context",
  /** On a Swarm service whose image Stackform built: the repository digest the push reported. */
  buildDigest: "dev.stackform.build-digest",
  composeProject: "com.docker.compose.project",
  composeService: "com.docker.compose.service",
  composeNumber: "com.docker.compose.container-number",
  composeOneoff: "com.docker.compose.oneoff",
  composeNetwork: "com.docker.compose.network",
  composeVolume: "com.docker.compose.volume",
} as const;

/** Names of temporary replace containers carry this infix: `<stack>-<service>-<n>--stackform-new`. */
export const TEMPORARY_NAME_SUFFIX = "--stackform-new";

export const lockContainerName = (stack: string): string => `stackform-lock-${stack}`;

/** The engine's API socket on its host, as `use_api_socket` binds it in. */
export const API_SOCKET = "/var/run/docker.sock";

/** Holds a stack's expiry and owner labels: never started, outside `observe()` (no stack label). */
export const metaContainerName = (stack: string): string => `stackform-meta-${stack}`;
