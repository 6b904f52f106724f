import { describe, expect, it } from "vitest";
import { ConnectionError } from "./connection-error.js";
import { formatDockerHost, parseDockerHost } from "./docker-host.js";

describe("parseDockerHost", () => {
  it.each([
    ["unix:///var/run/docker.sock", { kind: "unix", socketPath: "/var/run/docker.sock" }],
    ["unix:///run/user/1000/docker.sock", { kind: "unix", socketPath: "/run/user/1000/docker.sock" }],
    ["unix://", { kind: "unix", socketPath: "/var/run/docker.sock" }],
    ["tcp://10.0.0.5:2376", { kind: "tcp", host: "10.0.0.5", port: 2376 }],
    ["tcp://docker.lan", { kind: "tcp", host: "docker.lan" }],
    ["10.0.0.5:2375", { kind: "tcp", host: "10.0.0.5", port: 2375 }],
    ["tcp://[::1]:2376", { kind: "tcp", host: "::1", port: 2376 }],
    ["ssh://dev@build-host", { kind: "ssh", host: "build-host", user: "dev" }],
    ["ssh://dev@10.0.0.5:2222", { kind: "ssh", host: "10.0.0.5", user: "dev", port: 2222 }],
    ["ssh://prod", { kind: "ssh", host: "prod" }],
    ["ssh://prod/run/docker.sock", { kind: "ssh", host: "prod", socketPath: "/run/docker.sock" }],
  ])("reads %s", (spec, expected) => {
    expect(parseDockerHost(spec, "DOCKER_HOST")).toEqual(expected);
  });

  it.each([
    ["npipe:////./pipe/docker_engine", "the npipe:// scheme is not supported"],
    ["http://10.0.0.5:2375", "the http:// scheme is not supported"],
    ["tcp://10.0.0.5:99999", "port 99999 is out of range"],
    ["ssh://dev:secret@host", "a password in the address is not supported"],
    ["", "it is empty"],
  ])("refuses %j, naming where it came from", (spec, why) => {
    const error = (() => {
      try {
        parseDockerHost(spec, "-H/--host");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).message).toContain("-H/--host is not a valid engine address");
    expect((error as ConnectionError).message).toContain(why);
    expect((error as ConnectionError).hint).toContain("tcp://HOST[:PORT]");
  });
});

describe("formatDockerHost", () => {
  it("fills in the default TCP port and keeps ssh addresses as given", () => {
    expect(formatDockerHost({ kind: "tcp", host: "10.0.0.5" }, 2376)).toBe("tcp://10.0.0.5:2376");
    expect(formatDockerHost({ kind: "tcp", host: "::1", port: 2375 }, 2376)).toBe("tcp://[::1]:2375");
    expect(formatDockerHost({ kind: "ssh", host: "prod" }, 2375)).toBe("ssh://prod");
    expect(
      formatDockerHost({ kind: "ssh", host: "h", user: "u", port: 22, socketPath: "/s.sock" }, 2375),
    ).toBe("ssh://u@h:22/s.sock");
    expect(formatDockerHost({ kind: "unix", socketPath: "/var/run/docker.sock" }, 2375)).toBe(
      "unix:///var/run/docker.sock",
    );
  });
});
