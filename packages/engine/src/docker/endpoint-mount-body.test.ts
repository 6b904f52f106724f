import type { ContainerSpec, EngineMount } from "@stackform/schema/contract";
import { describe, expect, it } from "vitest";
import { inspectedContainer } from "../../test/inspected-container.js";
import { containerCreateBody } from "./container-body.js";
import { liveConfig } from "./live-config.js";
import { toObservedContainer } from "./observe-state.js";
import type { WireMountRequest } from "./wire-types.js";

const MOUNTS: EngineMount[] = [
  {
    type: "bind",
    source: "/srv/a",
    target: "/a",
    readOnly: false,
    createHostPath: false,
    propagation: "rslave",
  },
  {
    type: "bind",
    source: "/srv/b",
    target: "/b",
    readOnly: true,
    createHostPath: true,
    propagation: "rshared",
  },
  { type: "bind", source: "/srv/c", target: "/c", readOnly: false, createHostPath: false, selinux: "Z" },
  { type: "bind", source: "/srv/d", target: "/d", readOnly: false, createHostPath: false },
  { type: "volume", target: "/e", readOnly: false, noCopy: true, labels: { team: "core" } },
];

const spec: ContainerSpec = {
  name: "app-web-1",
  image: "busybox",
  env: {},
  labels: {},
  tty: false,
  stdinOpen: false,
  exposedPorts: [],
  portBindings: [],
  mounts: MOUNTS,
  networkMode: "app_v6",
  networks: [
    {
      network: "app_v6",
      aliases: ["web"],
      ipv6Address: "fd00:1::10",
      linkLocalIps: ["169.254.7.7"],
      driverOpts: { "com.example.k": "v" },
    },
  ],
  restart: { name: "no", maximumRetryCount: 0 },
  resources: {},
  privileged: false,
  readOnly: false,
  capAdd: [],
  capDrop: [],
  dns: [],
  extraHosts: [],
};

const body = containerCreateBody(spec);
const host = body.HostConfig as { Binds: string[]; Mounts: WireMountRequest[] };

describe("endpoint settings and mount options in the create body (API 1.41)", () => {
  it("sends IPv6, link-local addresses and driver options in the first endpoint", () => {
    expect(body.NetworkingConfig).toEqual({
      EndpointsConfig: {
        app_v6: {
          Aliases: ["web"],
          IPAMConfig: { IPv6Address: "fd00:1::10", LinkLocalIPs: ["169.254.7.7"] },
          DriverOpts: { "com.example.k": "v" },
        },
      },
    });
  });

  it("puts propagation in the bind string or BindOptions, and a SELinux bind in Binds", () => {
    expect(host.Binds).toEqual(["/srv/b:/b:ro,rshared", "/srv/c:/c:rw,Z"]);
    expect(host.Mounts).toEqual([
      {
        Type: "bind",
        Source: "/srv/a",
        Target: "/a",
        ReadOnly: false,
        BindOptions: { Propagation: "rslave" },
      },
      { Type: "bind", Source: "/srv/d", Target: "/d", ReadOnly: false },
      {
        Type: "volume",
        Target: "/e",
        ReadOnly: false,
        VolumeOptions: { NoCopy: true, Labels: { team: "core" } },
      },
    ]);
  });
});

describe("read back from inspect, they equal what was sent", () => {
  const inspected = inspectedContainer({
    host: { NetworkMode: "app_v6", Binds: host.Binds, Mounts: host.Mounts },
    // As dockerd reports it: the request's settings, plus the short id alias it adds itself.
    networks: {
      app_v6: {
        NetworkID: "n1",
        Aliases: ["web", "c0ffee012345"],
        IPAMConfig: { IPv6Address: "fd00:1::10", LinkLocalIPs: ["169.254.7.7"] },
        DriverOpts: { "com.example.k": "v" },
      },
    },
  });

  it("observes the endpoint's settings", () => {
    expect(toObservedContainer(inspected).networks.app_v6).toEqual({
      networkId: "n1",
      aliases: ["web"],
      ipv6Address: "fd00:1::10",
      linkLocalIps: ["169.254.7.7"],
      driverOpts: { "com.example.k": "v" },
    });
  });

  it("reads the mounts' options back, so an unchanged stack compares equal", () => {
    const emptyImage = { env: {}, user: "", workingDir: "", labels: {}, volumes: [], exposedPorts: [] };
    const live = liveConfig(inspected, emptyImage, new Set()).mounts;
    const sent = MOUNTS.map((m) => {
      if (m.type !== "bind") return m;
      const { createHostPath: _, ...rest } = m;
      return rest;
    });
    expect(live).toEqual([...sent].sort((a, b) => a.target.localeCompare(b.target)));
  });
});
