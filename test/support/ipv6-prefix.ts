import { randomBytes } from "node:crypto";

/**
 * A unique-local IPv6 /64 of its own per run (`fd00:<group>:<random>:`), so a run beside this one
 * cannot overlap it; append `:10` for an address, `:/64` for the subnet. The random group never
 * starts with 0: the engine reports addresses in canonical form, so one reads back as written.
 */
export const uniqueIpv6Prefix = (group: string): string =>
  `fd00:${group}:${(randomBytes(2).readUInt16BE() | 0x1000).toString(16)}:`;
