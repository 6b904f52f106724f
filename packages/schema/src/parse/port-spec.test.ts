import { describe, expect, test } from "vitest";
import { parseExpose, parseHostIp, parsePortShort } from "./port-spec.js";

const ok = (text: string | number) => {
  const result = parsePortShort(text);
  if (!result.ok) throw new Error(result.message);
  return result.value;
};
const error = (text: string) => {
  const result = parsePortShort(text);
  return result.ok ? undefined : result.message;
};
const refusal = (text: string) => {
  const result = parsePortShort(text);
  return result.ok ? undefined : { message: result.message, hint: result.hint };
};

describe("short port syntax", () => {
  test.each([
    ["80", [{ target: 80, protocol: "tcp" }]],
    [80, [{ target: 80, protocol: "tcp" }]],
    ["8080:80", [{ target: 80, published: 8080, protocol: "tcp" }]],
    ["127.0.0.1:8080:80/udp", [{ target: 80, published: 8080, hostIp: "127.0.0.1", protocol: "udp" }]],
    ["127.0.0.1::80", [{ target: 80, hostIp: "127.0.0.1", protocol: "tcp" }]],
    ["[::1]:6001:6001", [{ target: 6001, published: 6001, hostIp: "::1", protocol: "tcp" }]],
    ["[::1]:8080:80", [{ target: 80, published: 8080, hostIp: "::1", protocol: "tcp" }]],
    ["[::]::80/udp", [{ target: 80, hostIp: "::", protocol: "udp" }]],
    ["0.0.0.0:8080:80", [{ target: 80, published: 8080, hostIp: "0.0.0.0", protocol: "tcp" }]],
    ["127.0.0.1:8080:80", [{ target: 80, published: 8080, hostIp: "127.0.0.1", protocol: "tcp" }]],
    [
      "8000-8001:80-81",
      [
        { target: 80, published: 8000, protocol: "tcp" },
        { target: 81, published: 8001, protocol: "tcp" },
      ],
    ],
    [
      "127.0.0.1:8000-8001:80-81/udp",
      [
        { target: 80, published: 8000, hostIp: "127.0.0.1", protocol: "udp" },
        { target: 81, published: 8001, hostIp: "127.0.0.1", protocol: "udp" },
      ],
    ],
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

  test.each([
    ["localhost:18099:80", 'host IP "localhost" is a host name', "use 127.0.0.1"],
    ["LOCALHOST::80", 'host IP "LOCALHOST" is a host name', "use 127.0.0.1"],
    ["1.2.3:81:81", 'host IP "1.2.3" is not a complete IPv4 address', "write all four numbers"],
    ["127.0.0:8080:80/udp", "not a complete IPv4 address", "write all four numbers"],
    ["256.0.0.1:8080:80", 'host IP "256.0.0.1" is not a complete IPv4 address', "write all four numbers"],
    // What `ports: [1:2:3]` reads as when unquoted: a number where the host IP belongs.
    ["1:2:3", 'host IP "1" is a number, not an IP address', '"8080:80"'],
    ["db.internal:5432:5432", 'host IP "db.internal" is not an IP address', "host names are not resolved"],
    [
      "[127.0.0.1]:8080:80",
      '"127.0.0.1" in "[127.0.0.1]:8080:80" is not an IPv6 address',
      '"127.0.0.1:8080:80"',
    ],
    ["[localhost]:8080:80", "is not an IPv6 address", "like 127.0.0.1"],
    ["[::1]:80", '"[::1]:80" is not a port mapping', '"[::1]:8080:80"'],
    ["::1:8080:80", "is not a port mapping", "in brackets"],
    ["[fe80::1%eth0]:8080:80", "has a zone index", "without a zone"],
  ])("%s is refused before the engine sees it", (text, message, hint) => {
    const result = refusal(text);
    expect(result?.message).toContain(message);
    expect(result?.hint).toContain(hint);
  });

  test("host_ip takes an unbracketed IP literal", () => {
    expect(parseHostIp("::1", "long")).toEqual({ ok: true, value: "::1" });
    expect(parseHostIp("192.168.1.10", "long")).toEqual({ ok: true, value: "192.168.1.10" });
    expect(parseHostIp("[::1]", "long")).toMatchObject({ ok: false, hint: expect.stringContaining(": ::1") });
    expect(parseHostIp("localhost", "long")).toMatchObject({ ok: false, hint: "use 127.0.0.1" });
    expect(parseHostIp("7", "long")).toMatchObject({
      ok: false,
      message: expect.stringContaining("a number"),
    });
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
