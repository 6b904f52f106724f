import type { ObservedPublishedPort } from "@stackform/schema";
import { describe, expect, it } from "vitest";
import { formatPorts } from "./port-list.js";

const port = (hostIp: string, hostPort: number, target: number, protocol = "tcp"): ObservedPublishedPort => ({
  hostIp,
  hostPort,
  target,
  protocol: protocol as ObservedPublishedPort["protocol"],
});

describe("formatPorts", () => {
  it("prints what `docker ps` printed for the same bindings (docker CLI 28, dockerd 20.10)", () => {
    // docker run -p 18771:80 -p 127.0.0.1:18772:81/udp -p 18773-18774:18773-18774 -p 18775:18775
    const bound = [
      port("0.0.0.0", 18771, 80),
      port("::", 18771, 80),
      port("127.0.0.1", 18772, 81, "udp"),
      ...[18773, 18774, 18775].flatMap((p) => [port("0.0.0.0", p, p), port("::", p, p)]),
    ];
    expect(formatPorts(bound.reverse())).toBe(
      "0.0.0.0:18773-18775->18773-18775/tcp, [::]:18773-18775->18773-18775/tcp, 0.0.0.0:18771->80/tcp, [::]:18771->80/tcp, 127.0.0.1:18772->81/udp",
    );
  });

  it("prints a loopback binding alone, a gap as two groups, and nothing for no ports", () => {
    expect(formatPorts([port("127.0.0.1", 8080, 80)])).toBe("127.0.0.1:8080->80/tcp");
    expect(formatPorts([port("0.0.0.0", 81, 81), port("0.0.0.0", 83, 83)])).toBe(
      "0.0.0.0:81->81/tcp, 0.0.0.0:83->83/tcp",
    );
    expect(formatPorts([])).toBe("");
  });
});
