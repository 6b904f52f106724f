import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { firstTarFile, tarFiles } from "./tar-one-file.js";

const dir = mkdtempSync(join(tmpdir(), "stackform-tar-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LONG = `${"deep/".repeat(30)}token`;

describe("tarFiles", () => {
  it("writes archives that tar extracts with their paths, contents and modes", () => {
    const archive = join(dir, "files.tar");
    writeFileSync(
      archive,
      tarFiles([
        { name: "run/secrets/token", content: "s3cr3t", mode: 0o400 },
        { name: "app.conf", content: "héllo\n".repeat(200), mode: 0o444 },
        { name: LONG, content: "" },
      ]),
    );
    execFileSync("tar", ["-xf", archive, "-C", dir]);
    expect(readFileSync(join(dir, "run/secrets/token"), "utf8")).toBe("s3cr3t");
    expect(statSync(join(dir, "run/secrets/token")).mode & 0o777).toBe(0o400);
    expect(readFileSync(join(dir, "app.conf"), "utf8")).toBe("héllo\n".repeat(200));
    expect(readFileSync(join(dir, LONG), "utf8")).toBe("");
  });

  it("refuses a path no ustar header can hold", () => {
    expect(() => tarFiles([{ name: "x".repeat(300), content: "" }])).toThrow(/too long/);
  });
});

describe("firstTarFile", () => {
  it("reads back content, owner and mode", () => {
    const archive = tarFiles([{ name: "token", content: "s3cr3t\n", mode: 0o440, uid: 1000, gid: 50 }]);
    const file = firstTarFile(archive);
    expect(file?.content.toString()).toBe("s3cr3t\n");
    expect(file).toMatchObject({ mode: 0o440, uid: 1000, gid: 50 });
  });

  it("reads what tar itself wrote, past a PAX header", () => {
    writeFileSync(join(dir, "conf"), "port 80\n");
    const archive = execFileSync("tar", ["--format=pax", "-cf", "-", "-C", dir, "conf"]);
    expect(firstTarFile(archive)?.content.toString()).toBe("port 80\n");
  });

  it("is undefined for an empty archive", () => {
    expect(firstTarFile(tarFiles([]))).toBeUndefined();
  });
});
