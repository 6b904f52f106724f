/**
 * The parts of Engine API 1.41 responses Stackform reads. Written out here rather than taken from
 * @types/dockerode because those are loose (`any`) exactly where observe needs precision.
 */
export interface WireContainerSummary {
  Id: string;
  Names: string[];
  ImageID: string;
  State: string;
  Labels: Record<string, string> | null;
  Created: number;
  NetworkSettings?: { Networks?: Record<string, { NetworkID: string }> | null };
  Mounts?: WireMount[] | null;
}

export interface WireMount {
  Type: string;
  Name?: string;
  Source: string;
  Destination: string;
}

export interface WireEndpoint {
  NetworkID: string;
  Aliases: string[] | null;
  IPAMConfig: { IPv4Address?: string; IPv6Address?: string; LinkLocalIPs?: string[] | null } | null;
  DriverOpts?: Record<string, string> | null;
  Links?: string[] | null;
}

export interface WireContainer {
  Id: string;
  Name: string;
  Image: string;
  State: {
    Status: string;
    ExitCode: number;
    OOMKilled: boolean;
    Error: string;
    Health?: { Status: string; Log: { Output: string; ExitCode: number }[] | null };
  };
  Config: WireContainerConfig;
  HostConfig: {
    NetworkMode: string;
    PortBindings: Record<string, { HostIp: string; HostPort: string }[] | null> | null;
    Binds: string[] | null;
    Mounts: WireMountRequest[] | null;
    Tmpfs: Record<string, string> | null;
    Init: boolean | null;
    Privileged: boolean;
    ReadonlyRootfs: boolean;
    CapAdd: string[] | null;
    CapDrop: string[] | null;
    Dns: string[] | null;
    ExtraHosts: string[] | null;
    RestartPolicy: { Name: string; MaximumRetryCount: number };
    Memory: number;
    MemoryReservation: number;
    MemorySwap: number;
    NanoCpus: number;
    CpuShares: number;
    PidsLimit: number | null;
    DnsOptions?: string[] | null;
    DnsSearch?: string[] | null;
    LogConfig?: { Type: string; Config: Record<string, string> | null } | null;
    Ulimits?: { Name: string; Soft: number; Hard: number }[] | null;
    Sysctls?: Record<string, string> | null;
    ShmSize?: number;
    SecurityOpt?: string[] | null;
    Devices?: { PathOnHost: string; PathInContainer: string; CgroupPermissions: string }[] | null;
    PidMode?: string;
    IpcMode?: string;
    VolumesFrom?: string[] | null;
    CgroupParent?: string;
    CgroupnsMode?: string;
    OomKillDisable?: boolean | null;
    OomScoreAdj?: number;
    GroupAdd?: string[] | null;
    UsernsMode?: string;
    UTSMode?: string;
    Runtime?: string;
    CpuPeriod?: number;
    CpuQuota?: number;
    CpuRealtimePeriod?: number;
    CpuRealtimeRuntime?: number;
    CpusetCpus?: string;
    MemorySwappiness?: number | null;
    BlkioWeight?: number;
    BlkioWeightDevice?: { Path: string; Weight: number }[] | null;
    BlkioDeviceReadBps?: WireRate[] | null;
    BlkioDeviceWriteBps?: WireRate[] | null;
    BlkioDeviceReadIOps?: WireRate[] | null;
    BlkioDeviceWriteIOps?: WireRate[] | null;
    DeviceCgroupRules?: string[] | null;
    StorageOpt?: Record<string, string> | null;
  };
  NetworkSettings: {
    Networks: Record<string, WireEndpoint> | null;
    /** `{"80/tcp": [{HostIp, HostPort}]}`; `null` entries for exposed ports that are not published. */
    Ports: Record<string, { HostIp: string; HostPort: string }[] | null> | null;
  };
  Mounts: WireMount[] | null;
}

/** The `Config` of a container, and (a subset) of an image. */
export interface WireContainerConfig {
  Image: string;
  Hostname: string;
  Domainname?: string;
  MacAddress?: string;
  User: string;
  Labels: Record<string, string> | null;
  Env: string[] | null;
  Cmd: string[] | null;
  Entrypoint: string[] | null;
  WorkingDir: string;
  Tty: boolean;
  OpenStdin: boolean;
  StopSignal?: string;
  StopTimeout?: number | null;
  Healthcheck?: WireHealthcheck | null;
  ExposedPorts: Record<string, object> | null;
  Volumes: Record<string, object> | null;
}

export interface WireRate {
  Path: string;
  Rate: number;
}

export interface WireHealthcheck {
  Test: string[] | null;
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  Retries?: number;
}

export interface WireMountRequest {
  Type: string;
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  VolumeOptions?: { NoCopy?: boolean; Labels?: Record<string, string> | null } | null;
  BindOptions?: { Propagation?: string } | null;
  TmpfsOptions?: { SizeBytes?: number; Mode?: number } | null;
}

export interface WireNetwork {
  Id: string;
  Name: string;
  Driver: string;
  Internal: boolean;
  Attachable: boolean;
  EnableIPv6: boolean;
  Labels: Record<string, string> | null;
}

export interface WireVolume {
  Name: string;
  Driver: string;
  Labels: Record<string, string> | null;
}

export interface WireImage {
  Id: string;
  Config: Partial<WireContainerConfig> | null;
  Os?: string;
  Architecture?: string;
  Variant?: string;
  /** `LastTagTime` is Go's zero time (`0001-01-01T00:00:00Z`) when never tagged. */
  Metadata?: { LastTagTime?: string };
}
