import { describe, expect, it } from "vitest";
import { EngineError, toEngineError } from "../errors.js";
import { ipv6PoolRefusal } from "./ipv6-pool-refusal.js";

// dockerd 20.10's answer to `EnableIPv6` without an IPv6 subnet, with the status it sends (seen here).
const NO_POOL =
  "could not find an available, non-overlapping IPv6 address pool among the defaults to assign to the network";
const answered = (statusCode: number, message: string) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message}`), {
    statusCode,
    json: { message },
  });

describe("ipv6PoolRefusal", () => {
  it("turns the engine's 404 into a bad request that names the network and the subnet to add", () => {
    const mapped = toEngineError(
      answered(404, NO_POOL),
      "create network app_v6",
      "unix:///var/run/docker.sock",
    );
    expect(mapped.kind).toBe("not-found");
    const refusal = ipv6PoolRefusal(mapped, "app_v6", "v6");
    expect(refusal).toBeInstanceOf(EngineError);
    expect(refusal).toMatchObject({ kind: "bad-request", statusCode: 404, raw: NO_POOL });
    expect(refusal?.message).toBe(
      "cannot create network app_v6: enable_ipv6 is set but it has no IPv6 subnet, and the engine has no default IPv6 address pool; add one to networks.v6.ipam.config, e.g. `- subnet: fd00:1::/64`",
    );
    expect(refusal?.hint).toContain("remove enable_ipv6");
    // A Swarm network has no key label: the message points at the network's own `ipam.config`.
    expect(ipv6PoolRefusal(mapped, "app_v6", undefined)?.message).toContain("add one to its `ipam.config`");
  });

  it("leaves every other failure alone", () => {
    const other = toEngineError(answered(404, "network x not found"), "create network x", "unix:///x");
    expect(ipv6PoolRefusal(other, "x", "x")).toBeUndefined();
    expect(ipv6PoolRefusal(new Error(NO_POOL), "x", "x")).toBeUndefined();
  });
});
