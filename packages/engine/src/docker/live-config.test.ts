import { describe, expect, it } from "vitest";
import { liveConfig } from "./live-config.js";
import type { WireContainer } from "./wire-types.js";

const IMAGE = { env: {}, user: "", workingDir: "", labels: {}, volumes: [], exposedPorts: [] };

/** An inspect answer as dockerd 20.10 gives it for a container created with `host` settings. */
function inspected(
  host: Partial<WireContainer["HostConfig"]>,
  config: Partial<WireContainer["Config"]> = {},
) {
  return {
    Id: "c0ffee",
    Name: "/x",
    Image: "sha256:1",
    State: { Status: "running", ExitCode: 0, OOMKilled: false, Error: "" },
    Config: {
      Image: "busybox",
      Hostname: "c0ffee",
      User: "",
      Labels: {},
      Env: [],
      Cmd: null,
      Entrypoint: null,
      WorkingDir: "",
      Tty: false,
      OpenStdin: false,
      ExposedPorts: null,
      Volumes: null,
      ...config,
    },
    HostConfig: {
      NetworkMode: "default",
      PortBindings: {},
      Binds: null,
      Mounts: null,
      Tmpfs: null,
      Init: null,
      Privileged: false,
      ReadonlyRootfs: false,
      CapAdd: null,
      CapDrop: null,
      Dns: [],
      ExtraHosts: null,
      RestartPolicy: { Name: "no", MaximumRetryCount: 0 },
      Memory: 0,
      MemoryReservation: 0,
      MemorySwap: 0,
      NanoCpus: 0,
      CpuShares: 0,
      PidsLimit: null,
      ...host,
    },
    NetworkSettings: { Networks: null, Ports: null },
    Mounts: null,
  } satisfies WireContainer;
}

describe("host options read back from inspect", () => {
  it("keeps what the engine reports, defaults included, and leaves out nothing-values", () => {
    const live = liveConfig(
      inspected({
        LogConfig: { Type: "json-file", Config: {} },
        ShmSize: 67108864,
        IpcMode: "private",
        CgroupnsMode: "host",
        Runtime: "runc",
        OomKillDisable: false,
        OomScoreAdj: 0,
        PidMode: "",
        SecurityOpt: null,
        Ulimits: null,
        Sysctls: {},
        GroupAdd: null,
        MemorySwappiness: null,
        BlkioWeight: 0,
        BlkioDeviceReadBps: [],
        CpuPeriod: 0,
        CpusetCpus: "",
        DeviceCgroupRules: null,
      }),
      IMAGE,
      new Set(),
    );
    expect(live).toMatchObject({
      logging: { driver: "json-file", options: {} },
      shmSize: 67108864,
      ipcMode: "private",
      cgroupnsMode: "host",
      runtime: "runc",
      oomKillDisable: false,
    });
    for (const key of [
      "oomScoreAdj",
      "pidMode",
      "securityOpt",
      "ulimits",
      "sysctls",
      "groupAdd",
      "memSwappiness",
      "blkio",
      "cpuPeriod",
      "cpuset",
      "deviceCgroupRules",
      "domainname",
      "macAddress",
    ])
      expect(live, key).not.toHaveProperty(key);
  });

  it("reads each option in ContainerSpec terms", () => {
    const live = liveConfig(
      inspected(
        {
          Ulimits: [{ Name: "nofile", Soft: 1024, Hard: 2048 }],
          Devices: [{ PathOnHost: "/dev/null", PathInContainer: "/dev/n", CgroupPermissions: "rw" }],
          MemorySwappiness: 0,
          BlkioDeviceWriteIOps: [{ Path: "/dev/vda", Rate: 200 }],
          CpuQuota: 50000,
          OomScoreAdj: -500,
        },
        { Domainname: "example.internal", MacAddress: "02:42:AC:11:00:99" },
      ),
      IMAGE,
      new Set(),
    );
    expect(live).toMatchObject({
      ulimits: [{ name: "nofile", soft: 1024, hard: 2048 }],
      devices: [{ source: "/dev/null", target: "/dev/n", permissions: "rw" }],
      // 0 is a swappiness of its own, unlike null (the host's).
      memSwappiness: 0,
      blkio: { deviceWriteIops: [{ path: "/dev/vda", rate: 200 }] },
      cpuQuota: 50000,
      oomScoreAdj: -500,
      domainname: "example.internal",
      macAddress: "02:42:ac:11:00:99",
    });
  });

  it("reads volumes_from as requested and links from every endpoint, once each", () => {
    const endpoint = (links: string[] | null) => ({
      NetworkID: "n",
      Aliases: null,
      IPAMConfig: null,
      Links: links,
    });
    const live = liveConfig(
      {
        ...inspected({ VolumesFrom: ["app-data-1:ro", "keeper"] }),
        NetworkSettings: {
          Networks: {
            a: endpoint(["app-db-1:db", "outside"]),
            b: endpoint(["app-db-1:db"]),
            c: endpoint(null),
          },
          Ports: null,
        },
      },
      IMAGE,
      new Set(),
    );
    expect([live.volumesFrom, live.links]).toEqual([
      ["app-data-1:ro", "keeper"],
      ["app-db-1:db", "outside"],
    ]);
    expect(liveConfig(inspected({ VolumesFrom: null }), IMAGE, new Set())).not.toHaveProperty("links");
  });
});
