import type { SwarmServiceSpec } from "@stackform/schema/contract";

/** `GET /services` entries (v1.41), the fields read. */
export interface WireService {
  ID: string;
  Version: { Index: number };
  Spec: SwarmServiceSpec;
  UpdateStatus?: { State?: string; Message?: string };
}

export interface WireNetwork {
  Id: string;
  Name: string;
  Driver: string;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
  Internal?: boolean;
  Attachable?: boolean;
  EnableIPv6?: boolean;
  IPAM?: {
    Driver?: string;
    Config?: { Subnet?: string; IPRange?: string; Gateway?: string }[] | null;
    Options?: Record<string, string> | null;
  };
}

export interface WireTask {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  Slot?: number;
  DesiredState: string;
  Status: { State: string; Message?: string; Err?: string; Timestamp?: string };
  Spec?: { ContainerSpec?: unknown };
  Version?: { Index: number };
  CreatedAt?: string;
}

export interface WireNode {
  ID: string;
  Description?: { Hostname?: string };
  Status?: { State?: string };
}

export interface WireInfo {
  Name?: string;
  Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; NodeID?: string };
}

/** `/secrets` and `/configs` list entries (a secret's data is never returned). */
export interface WireFileObject {
  ID: string;
  Spec: { Name: string; Labels?: Record<string, string> | null };
}
