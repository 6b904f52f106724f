/**
 * Swarm objects in the Engine API's own shape (v1.41 `/services`, `/networks`), shared by the
 * planner (which builds and compares them) and the engine (which sends and reads them). Only the
 * fields Stackform sets are typed; the engine fills in the rest with its defaults.
 */
export interface SwarmServiceSpec {
  Name: string;
  Labels: Record<string, string>;
  TaskTemplate: {
    ContainerSpec: {
      Image: string;
      Labels?: Record<string, string>;
      Command?: string[];
      Args?: string[];
      Hostname?: string;
      Env?: string[];
      Dir?: string;
      User?: string;
      Init?: boolean;
      StopSignal?: string;
      StopGracePeriod?: number;
      ReadOnly?: boolean;
      Healthcheck?: {
        Test?: string[];
        Interval?: number;
        Timeout?: number;
        StartPeriod?: number;
        Retries?: number;
      };
      Mounts?: { Type: string; Source?: string; Target: string; ReadOnly?: boolean }[];
      Secrets?: SwarmSecretReference[];
      Configs?: SwarmConfigReference[];
    };
    Resources?: {
      Limits?: { NanoCPUs?: number; MemoryBytes?: number; Pids?: number };
      Reservations?: { NanoCPUs?: number; MemoryBytes?: number };
    };
    RestartPolicy?: {
      Condition?: "none" | "on-failure" | "any";
      Delay?: number;
      MaxAttempts?: number;
      Window?: number;
    };
    Placement?: {
      Constraints?: string[];
      Preferences?: { Spread: { SpreadDescriptor: string } }[];
      MaxReplicas?: number;
      /** The platforms a node must have to run a task: the service's `platform`. */
      Platforms?: { OS: string; Architecture: string }[];
    };
    Networks?: { Target: string; Aliases?: string[] }[];
    ForceUpdate?: number;
  };
  Mode: { Replicated: { Replicas: number } } | { Global: Record<string, never> };
  UpdateConfig?: SwarmUpdateConfig;
  RollbackConfig?: SwarmUpdateConfig;
  EndpointSpec?: {
    Mode?: "vip" | "dnsrr";
    Ports?: {
      Protocol: "tcp" | "udp" | "sctp";
      TargetPort: number;
      PublishedPort?: number;
      PublishMode: "ingress" | "host";
    }[];
  };
}

/** Where a task gets a secret or config: a file, owned and moded as the stack file says. */
export interface SwarmFileTarget {
  /** A secret's relative name lands under /run/secrets; an absolute path is used as it is. */
  Name: string;
  UID: string;
  GID: string;
  Mode: number;
}

/**
 * A service's use of a Swarm secret. The id is the engine's; a plan that creates the secret leaves
 * it empty and the apply fills it in once the secret exists.
 */
export interface SwarmSecretReference {
  File: SwarmFileTarget;
  SecretID: string;
  SecretName: string;
}

export interface SwarmConfigReference {
  File: SwarmFileTarget;
  ConfigID: string;
  ConfigName: string;
}

/**
 * A Swarm secret or config (`/secrets/create`, `/configs/create`). Both are immutable: a new value
 * is a new object, named by its content (see planSwarm).
 */
export interface SwarmFileObjectSpec {
  Name: string;
  Labels: Record<string, string>;
  /** Base64 of the value. */
  Data: string;
}

export interface SwarmUpdateConfig {
  Parallelism?: number;
  Delay?: number;
  FailureAction?: "continue" | "pause" | "rollback";
  Monitor?: number;
  MaxFailureRatio?: number;
  Order?: "stop-first" | "start-first";
}

export interface SwarmNetworkSpec {
  Name: string;
  Driver: string;
  Attachable: boolean;
  Internal: boolean;
  Labels: Record<string, string>;
  Options: Record<string, string>;
  /** Only when the file sets `enable_ipv6: true`. */
  EnableIPv6?: boolean;
  /** Only when the file sets `ipam:`; otherwise Swarm picks the driver and a free subnet. */
  IPAM?: SwarmIpam;
}

/** A network's address management as the Engine API takes and reports it. */
export interface SwarmIpam {
  Driver: string;
  Config: { Subnet?: string; IPRange?: string; Gateway?: string }[];
  Options: Record<string, string>;
}

export interface ObservedSwarmService {
  id: string;
  name: string;
  /** The version index an update must name: a concurrent change makes the update fail. */
  version: number;
  spec: SwarmServiceSpec;
}

export interface ObservedSwarmNetwork {
  id: string;
  name: string;
  driver: string;
  labels: Record<string, string>;
  /** Driver options, with those the driver adds itself (the overlay's VXLAN ids). */
  options: Record<string, string>;
  internal: boolean;
  attachable: boolean;
  enableIpv6: boolean;
  /** As the engine reports it: with the subnet and gateway Swarm chose when the file named none. */
  ipam: SwarmIpam;
}

/** A secret or config of the stack on the Swarm: its value cannot be read back, only its name. */
export interface ObservedSwarmFileObject {
  id: string;
  name: string;
}

/** What a stack has on a Swarm: its services, networks, secrets and configs, by the namespace label. */
export interface ObservedSwarm {
  services: ObservedSwarmService[];
  networks: ObservedSwarmNetwork[];
  secrets: ObservedSwarmFileObject[];
  configs: ObservedSwarmFileObject[];
}

/** The label `docker stack deploy` puts on every object of a stack: `docker stack ls/ps` read it. */
export const STACK_NAMESPACE_LABEL = "com.docker.stack.namespace";

/** The service label `docker stack deploy` records the image in; Stackform sets it the same way. */
export const STACK_IMAGE_LABEL = "com.docker.stack.image";

/** Swarm-only keys of a service, read from the file for `--target swarm`. */
export interface SwarmServiceExtras {
  mode?: "replicated" | "global";
  endpointMode?: "vip" | "dnsrr";
  /** Service labels (`deploy.labels`), as opposed to the containers' `labels`. */
  labels: Record<string, string>;
  placement?: { constraints: string[]; preferences: string[]; maxReplicas?: number };
  /** Publish mode of long-form `ports:` entries, keyed `TARGET/PROTOCOL`; unset ones are `ingress`. */
  portModes: Record<string, "ingress" | "host">;
  cpuReservation?: number;
}
