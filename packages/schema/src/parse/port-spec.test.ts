import { describe, expect, test } from "vitest";
import { parseExpose, parsePortShort } from "./port-spec.js";

const ok = (text: string | number) => {
  const result = parsePortShort(text);
  if (!result.ok) throw new Error(result.message);
  return result.value;
};
const error = (text: string) => {
  const result = parsePortShort(text);
  return result.ok ? undefined : result.message;
};

describe("short port syntax", () => {
  test.each([
    ["80", [{ target: 80, protocol: "tcp" }]],
    [80, [{ target: 80, protocol: "tcp" }]],
    ["8080:80", [{ target: 80, published: 8080, protocol: "tcp" }]],
    ["127.0.0.1:8080:80/udp", [{ target: 80, published: 8080, hostIp: "127.0.0.1", protocol: "udp" }]],
    ["127.0.0.1::80", [{ target: 80, hostIp: "127.0.0.1", protocol: "tcp" }]],
    ["[::1]:6001:6001", [{ target: 6001, published: 6001, hostIp: "::1", protocol: "tcp" }]],
    ["9000/sctp", [{ target: 9000, protocol: "sctp" }]],
    [
      "3000-3002:4000-4002",
      [
        { target: 4000, published: 3000, protocol: "tcp" },
        { target: 4001, published: 3001, protocol: "tcp" },
        { target: 4002, published: 3002, protocol: "tcp" },
      ],
    ],
    [
      "3000-3001",
      [
        { target: 3000, protocol: "tcp" },
        { target: 3001, protocol: "tcp" },
      ],
    ],
  ])("%s", (text, expected) => {
    expect(ok(text)).toEqual(expected);
  });

  test.each([
    ["70000:80", "out of range"],
    ["0:80", "out of range"],
    ["80:0", "out of range"],
    ["8000-8002:80-81", "3 ports but the target range has 2"],
    ["http:80", "not a port"],
    ["80/http", "not a protocol"],
    ["3005-3000", "ends before it starts"],
    ["1:2:3:4", "not a port mapping"],
  ])("%s is refused", (text, message) => {
    expect(error(text)).toContain(message);
  });

  test("expose", () => {
    expect(parseExpose("9100-9101/udp")).toEqual({
      ok: true,
      value: [
        { port: 9100, protocol: "udp" },
        { port: 9101, protocol: "udp" },
      ],
    });
    expect(parseExpose("x").ok).toBe(false);
  });
});
