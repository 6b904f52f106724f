import type { WireContainer } from "../src/docker/wire-types.js";

/** An inspect answer as dockerd 20.10 gives it for a container created with these settings. */
export function inspectedContainer(
  over: {
    id?: string;
    host?: Partial<WireContainer["HostConfig"]>;
    config?: Partial<WireContainer["Config"]>;
    networks?: WireContainer["NetworkSettings"]["Networks"];
  } = {},
): WireContainer {
  const id = over.id ?? "c0ffee0123456789";
  return {
    Id: id,
    Name: "/app-web-1",
    Image: "sha256:1",
    State: { Status: "running", ExitCode: 0, OOMKilled: false, Error: "" },
    Config: {
      Image: "busybox",
      Hostname: id.slice(0, 12),
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
      ...over.config,
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
      ...over.host,
    },
    NetworkSettings: { Networks: over.networks ?? null, Ports: null },
    Mounts: null,
  };
}
