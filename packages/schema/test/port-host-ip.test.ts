import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { type LoadResult, loadStack } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "stackform-host-ip-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
async function load(text: string): Promise<LoadResult & { file: string }> {
  const file = `ports-${counter++}.yaml`;
  writeFileSync(join(dir, file), text);
  return { ...(await loadStack({ cwd: dir, files: [file], env: {} })), file };
}

const web = "services:\n  web:\n    image: nginx\n";

describe("a port's host IP must be an IP literal", () => {
  // A value the engine cannot parse makes it bind 0.0.0.0 and [::]: a port meant for loopback
  // would be public. Each must be refused at load time, where the value is written.
  test.each([
    {
      name: "localhost in the short syntax",
      ports: '    ports: ["localhost:18099:80"]\n',
      at: [4, 13],
      code: "invalid-port",
      message: 'host IP "localhost" is a host name',
      hint: "use 127.0.0.1",
    },
    {
      name: "a partial address",
      ports: '    ports:\n      - "8080:80"\n      - "1.2.3:81:81"\n',
      at: [6, 9],
      code: "invalid-port",
      message: 'host IP "1.2.3" is not a complete IPv4 address',
      hint: "write all four numbers, like 127.0.0.1",
    },
    {
      name: "the unquoted three-number form",
      ports: "    ports: [1:2:3]\n",
      at: [4, 13],
      code: "invalid-port",
      message: 'host IP "1" is a number',
      hint: '"127.0.0.1:8080:80"',
    },
    {
      name: "a host name",
      ports: '    ports: ["db.internal:5432:5432"]\n',
      at: [4, 13],
      code: "invalid-port",
      message: "is not an IP address",
      hint: "host names are not resolved",
    },
    {
      name: "IPv4 in brackets",
      ports: '    ports: ["[127.0.0.1]:8080:80"]\n',
      at: [4, 13],
      code: "invalid-port",
      message: "is not an IPv6 address",
      hint: '"127.0.0.1:8080:80"',
    },
    {
      name: "localhost in host_ip",
      ports: "    ports:\n      - target: 80\n        published: 8080\n        host_ip: localhost\n",
      at: [7, 18],
      code: "invalid-port",
      message: 'services.web.ports[0].host_ip: host IP "localhost" is a host name',
      hint: "use 127.0.0.1",
    },
    {
      name: "a bracketed IPv6 address in host_ip",
      ports: '    ports:\n      - target: 80\n        host_ip: "[::1]"\n',
      at: [6, 18],
      code: "invalid-port",
      message: "is in brackets",
      hint: "without brackets: ::1",
    },
    {
      name: "a number in host_ip",
      ports: "    ports:\n      - target: 80\n        host_ip: 1\n",
      at: [6, 18],
      code: "invalid-type",
      message: "host_ip 1 is a number, not an IP address",
      hint: "like 127.0.0.1",
    },
  ])("$name", async ({ ports, at, code, message, hint }) => {
    const result = await load(web + ports);
    expect(result.stack).toBeUndefined();
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors, JSON.stringify(errors, null, 1)).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      code,
      file: result.file,
      line: at[0],
      column: at[1],
      message: expect.stringContaining(message),
      hint: expect.stringContaining(hint),
    });
  });

  test("every short and long form Compose accepts still loads", async () => {
    const result = await load(
      `${web}    ports:
      - "80"
      - 81
      - "8080:82"
      - "127.0.0.1:8083:83"
      - "127.0.0.1::84"
      - "8000-8001:85-86"
      - "9000:9000/udp"
      - "[::1]:8087:87"
      - "[::]::88/sctp"
      - target: 89
        published: 8089
        host_ip: "::1"
      - target: 90
        host_ip: 0.0.0.0
        protocol: udp
      - target: 91
        host_ip: ""
`,
    );
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.stack?.services.web?.ports).toEqual([
      { target: 80, protocol: "tcp" },
      { target: 81, protocol: "tcp" },
      { target: 82, published: 8080, protocol: "tcp" },
      { target: 83, published: 8083, hostIp: "127.0.0.1", protocol: "tcp" },
      { target: 84, hostIp: "127.0.0.1", protocol: "tcp" },
      { target: 85, published: 8000, protocol: "tcp" },
      { target: 86, published: 8001, protocol: "tcp" },
      { target: 9000, published: 9000, protocol: "udp" },
      { target: 87, published: 8087, hostIp: "::1", protocol: "tcp" },
      { target: 88, hostIp: "::", protocol: "sctp" },
      { target: 89, published: 8089, hostIp: "::1", protocol: "tcp" },
      { target: 90, hostIp: "0.0.0.0", protocol: "udp" },
      { target: 91, protocol: "tcp" },
    ]);
  });
});
