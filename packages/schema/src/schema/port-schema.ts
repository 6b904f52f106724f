import * as z from "zod";
import { failed, type Parsed, parsed } from "../parse/parsed.js";
import { parseHostIp, parsePortRange, parsePortShort } from "../parse/port-spec.js";
import { composeObject } from "./compose-object.js";
import { checked, HINT_SEPARATOR } from "./value-schemas.js";

const portNumber = (what: string) =>
  checked(z.union([z.number(), z.string()]), (value) => parsePortRange(value, what), "invalid-port");

export const portLongSchema = composeObject({
  target: portNumber("target port"),
  published: portNumber("published port").optional(),
  host_ip: checked(
    z.string({
      error: (issue) =>
        typeof issue.input === "number"
          ? `host_ip ${issue.input} is a number, not an IP address${HINT_SEPARATOR}write an IPv4 or IPv6 address, like 127.0.0.1`
          : undefined,
    }),
    // An empty host_ip is Compose's way of saying "every address".
    (value) => (value === "" ? parsed(value) : parseHostIp(value, "long")),
    "invalid-port",
  ).optional(),
  protocol: z.enum(["tcp", "udp", "sctp"]).optional(),
  // `ingress` is what Compose writes for a normal published port; `host` is the same on one engine.
  mode: z.enum(["ingress", "host"]).optional(),
  // Metadata only (the engine has no field for them), as in Compose.
  name: z.string().optional(),
  app_protocol: z.string().optional(),
});

const checkShort = (value: string | number): Parsed<unknown> => {
  const result = parsePortShort(value);
  return result.ok ? parsed(result.value) : failed(result.message, result.hint);
};

export const portShortSchema = checked(z.union([z.string(), z.number()]), checkShort, "invalid-port");

export const portSchema = z.union([portShortSchema, portLongSchema]);

export const exposeSchema = z.union([z.string(), z.number()]);
