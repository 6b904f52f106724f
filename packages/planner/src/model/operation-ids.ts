import type { WaitCondition } from "./operation.js";

/**
 * The one place operation ids are spelled. An id names the engine call and its object, so it is
 * stable for the same inputs (`start:app-web-1`) and plans can be compared and tested by id.
 */
export const OperationIds = {
  pull: (image: string) => `pull:${image}`,
  build: (image: string) => `build:${image}`,
  createNetwork: (network: string) => `create-network:${network}`,
  removeNetwork: (network: string) => `remove-network:${network}`,
  createVolume: (volume: string) => `create-volume:${volume}`,
  removeVolume: (volume: string) => `remove-volume:${volume}`,
  connect: (container: string, network: string) => `connect:${container}:${network}`,
  disconnect: (container: string, network: string) => `disconnect:${container}:${network}`,
  create: (container: string) => `create:${container}`,
  start: (container: string) => `start:${container}`,
  stop: (container: string) => `stop:${container}`,
  remove: (container: string) => `remove:${container}`,
  rename: (container: string) => `rename:${container}`,
  update: (container: string) => `update:${container}`,
  wait: (container: string, until: WaitCondition) => `wait:${container}:${until}`,
  gate: (container: string) => `gate:${container}`,
  drain: (container: string) => `drain:${container}`,
  delay: (service: string, batch: number) => `delay:${service}:${batch}`,
} as const;
