import { EngineError } from "../errors.js";

/**
 * dockerd refuses `EnableIPv6` without an IPv6 subnet when its `default-address-pools` hold no
 * IPv6 pool, and says so with a 404, which would otherwise read as "removed outside Stackform".
 * Returns the refusal in stack-file terms, naming the network and what to add; `undefined` for
 * any other failure.
 */
export function ipv6PoolRefusal(
  error: unknown,
  network: string,
  key: string | undefined,
): EngineError | undefined {
  if (!(error instanceof EngineError)) return undefined;
  const said = error.raw ?? error.message;
  if (!/IPv6 address pool/i.test(said)) return undefined;
  const where = key === undefined ? "its `ipam.config`" : `networks.${key}.ipam.config`;
  return new EngineError(
    "bad-request",
    `cannot create network ${network}: enable_ipv6 is set but it has no IPv6 subnet, and the engine has no default IPv6 address pool; add one to ${where}, e.g. \`- subnet: fd00:1::/64\``,
    "or remove enable_ipv6, or give the engine an IPv6 pool in the `default-address-pools` of its daemon.json",
    error.statusCode,
    said,
  );
}
