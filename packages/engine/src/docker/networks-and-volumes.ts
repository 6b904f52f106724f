import { Labels, type NetworkSpec, type VolumeSpec } from "@stackform/schema/contract";
import { EngineError, isEngineError } from "../errors.js";
import type { EngineClient } from "./engine-client.js";
import { ipv6PoolRefusal } from "./ipv6-pool-refusal.js";

export async function createNetwork(client: EngineClient, spec: NetworkSpec): Promise<void> {
  try {
    await client.json({
      what: `create network ${spec.name}`,
      method: "POST",
      path: "/networks/create",
      body: {
        Name: spec.name,
        // Without it the engine happily makes a second network with the same name.
        CheckDuplicate: true,
        Driver: spec.driver,
        Options: spec.driverOpts,
        Internal: spec.internal,
        Attachable: spec.attachable,
        ...(spec.enableIpv6 ? { EnableIPv6: true } : {}),
        Labels: spec.labels,
        ...(spec.ipam
          ? {
              IPAM: {
                Driver: spec.ipam.driver ?? "default",
                Options: spec.ipam.options,
                Config: spec.ipam.config.map((c) => ({
                  ...(c.subnet ? { Subnet: c.subnet } : {}),
                  ...(c.ipRange ? { IPRange: c.ipRange } : {}),
                  ...(c.gateway ? { Gateway: c.gateway } : {}),
                })),
              },
            }
          : {}),
      },
    });
  } catch (error) {
    if (error instanceof EngineError && /already exists/i.test(error.message)) return;
    throw ipv6PoolRefusal(error, spec.name, spec.labels[Labels.key]) ?? error;
  }
}

export async function createVolume(client: EngineClient, spec: VolumeSpec): Promise<void> {
  // The engine returns the existing volume for a known name: creation is idempotent already.
  await client.json({
    what: `create volume ${spec.name}`,
    method: "POST",
    path: "/volumes/create",
    body: { Name: spec.name, Driver: spec.driver, DriverOpts: spec.driverOpts, Labels: spec.labels },
  });
}

export async function removeVolume(client: EngineClient, name: string): Promise<void> {
  try {
    await client.json({
      what: `remove volume ${name}`,
      method: "DELETE",
      path: `/volumes/${encodeURIComponent(name)}`,
    });
  } catch (error) {
    if (!isEngineError(error, "not-found")) throw error;
  }
}
