import type { Operation, Plan, WaitCondition } from "@stackform/planner";
import type { ContainerSpec, NetworkSpec, VolumeSpec } from "@stackform/schema/contract";

/** Terse builders for plans in tests: `op.start("app-web-1", ["create:app-web-1"])`. */

export const networkSpec = (name: string): NetworkSpec => ({
  name,
  driver: "bridge",
  driverOpts: {},
  internal: false,
  attachable: false,
  labels: { "dev.stackform.stack": "app" },
});

export const volumeSpec = (name: string): VolumeSpec => ({
  name,
  driver: "local",
  driverOpts: {},
  labels: {},
});

export const containerSpec = (name: string): ContainerSpec => ({
  name,
  image: "nginx:1.27",
  env: {},
  labels: {},
  tty: false,
  stdinOpen: false,
  exposedPorts: [],
  portBindings: [],
  mounts: [],
  networkMode: "app_default",
  networks: [{ network: "app_default", aliases: [] }],
  restart: { name: "no", maximumRetryCount: 0 },
  resources: {},
  privileged: false,
  readOnly: false,
  capAdd: [],
  capDrop: [],
  dns: [],
  extraHosts: [],
});

const node = (id: string, after: string[], resource: string) => ({ id, after, resource });

export const op = {
  pull: (image: string, after: string[] = []): Operation => ({
    ...node(`pull:${image}`, after, `image ${image}`),
    kind: "pullImage",
    image,
    policy: "missing",
  }),
  network: (name: string, after: string[] = []): Operation => ({
    ...node(`network:${name}`, after, `network ${name}`),
    kind: "createNetwork",
    network: networkSpec(name),
  }),
  create: (name: string, after: string[] = []): Operation => ({
    ...node(`create:${name}`, after, `service ${name}`),
    kind: "createContainer",
    spec: containerSpec(name),
  }),
  start: (name: string, after: string[] = []): Operation => ({
    ...node(`start:${name}`, after, `service ${name}`),
    kind: "startContainer",
    container: name,
  }),
  wait: (name: string, service: string, until: WaitCondition, after: string[] = []): Operation => ({
    ...node(`wait:${name}`, after, `service ${service}`),
    kind: "wait",
    container: name,
    service,
    until,
  }),
};

export const planOf = (operations: Operation[]): Plan => ({
  formatVersion: 1,
  stack: "app",
  operations,
  changes: [],
  warnings: [],
  fingerprint: "test",
});
