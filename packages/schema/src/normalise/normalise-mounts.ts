import { isAbsolute, relative, resolve } from "node:path";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import type { Mount } from "../model/desired-stack.js";
import { parseByteSize } from "../parse/byte-size.js";
import { parseFileMode, parseTmpfsShort } from "../parse/tmpfs-spec.js";
import { parseVolumeShort } from "../parse/volume-spec.js";
import type { ServiceInput } from "../schema/stack-file-schema.js";
import type { NormaliseContext, Path } from "./normalise-context.js";

const ENGINE_SOCKETS = new Set(["/var/run/docker.sock", "/run/docker.sock"]);

function hostPath(source: string, ctx: NormaliseContext): string {
  if (source === "~" || source.startsWith("~/")) return resolve(ctx.home ?? "/", `.${source.slice(1)}`);
  return resolve(ctx.workingDir, source);
}

/** Warnings for binds that reach beyond the project: the engine socket, or anything outside. */
function warnAboutBind(source: string, path: Path, ctx: NormaliseContext): void {
  if (ENGINE_SOCKETS.has(source)) {
    ctx.sink.warning({
      code: "engine-socket",
      message: `services.${path[1]} mounts the engine socket ${source}: it can control every container on this host`,
      hint: "only mount the socket into services you trust with root on the host",
      path,
    });
    return;
  }
  const rel = relative(ctx.workingDir, source);
  if (rel.startsWith("..") || isAbsolute(rel)) {
    ctx.sink.warning({
      code: "bind-outside-project",
      message: `services.${path[1]} bind-mounts ${source}, which is outside the project directory ${ctx.workingDir}`,
      hint: "prefer paths inside the project, or a named volume, so the stack does not depend on this host's layout",
      path,
    });
  }
}

function checkVolumeDeclared(source: string, path: Path, ctx: NormaliseContext): void {
  const declared = Object.keys(ctx.file.volumes ?? {});
  if (declared.includes(source)) return;
  const suggestion = didYouMean(source, declared);
  ctx.sink.error({
    code: "undeclared-volume",
    message: `services.${path[1]} uses the volume \`${source}\`, which is not declared under the top-level \`volumes:\``,
    hint: suggestion
      ? `did you mean \`${suggestion}\`?`
      : `declare it:\nvolumes:\n  ${source}:\n(or write a path starting with ./ or / for a bind mount)`,
    path,
  });
}

function volumeMounts(service: ServiceInput, path: Path, ctx: NormaliseContext): Mount[] {
  const mounts: Mount[] = [];
  (service.volumes ?? []).forEach((entry, index) => {
    const entryPath = [...path, "volumes", index];
    if (typeof entry === "string") {
      const short = parseVolumeShort(entry);
      if (!short.ok) return;
      const { kind, source, target, readOnly, noCopy } = short.value;
      if (kind === "bind" && source !== undefined) {
        const absolute = hostPath(source, ctx);
        warnAboutBind(absolute, entryPath, ctx);
        // The short syntax creates a missing host directory, as docker-compose always did.
        mounts.push({ type: "bind", source: absolute, target, readOnly, createHostPath: true });
      } else {
        if (source !== undefined) checkVolumeDeclared(source, entryPath, ctx);
        mounts.push(
          source === undefined
            ? { type: "volume", target, readOnly, noCopy }
            : { type: "volume", source, target, readOnly, noCopy },
        );
      }
      return;
    }
    const readOnly = entry.read_only ?? false;
    if (!entry.target.startsWith("/")) {
      ctx.sink.error({
        code: "invalid-volume",
        message: `the container path "${entry.target}" is not absolute`,
        hint: "write the target as an absolute path, like /var/lib/data",
        path: [...entryPath, "target"],
      });
      return;
    }
    if (entry.type === "bind") {
      if (!entry.source) {
        ctx.sink.error({
          code: "missing-key",
          message: `services.${path[1]}.volumes[${index}] is a bind mount without \`source\``,
          hint: "add `source:` with the host path",
          path: entryPath,
        });
        return;
      }
      const absolute = hostPath(entry.source, ctx);
      warnAboutBind(absolute, entryPath, ctx);
      const createHostPath = entry.bind?.create_host_path ?? false;
      mounts.push({ type: "bind", source: absolute, target: entry.target, readOnly, createHostPath });
    } else if (entry.type === "volume") {
      const noCopy = entry.volume?.nocopy ?? false;
      if (entry.source) {
        checkVolumeDeclared(entry.source, entryPath, ctx);
        mounts.push({ type: "volume", source: entry.source, target: entry.target, readOnly, noCopy });
      } else mounts.push({ type: "volume", target: entry.target, readOnly, noCopy });
    } else {
      const mount: Mount = { type: "tmpfs", target: entry.target };
      const size = entry.tmpfs?.size === undefined ? undefined : parseByteSize(entry.tmpfs.size);
      if (size?.ok) mount.size = size.value;
      if (entry.tmpfs?.mode !== undefined) {
        const mode = parseFileMode(entry.tmpfs.mode);
        if (mode.ok) mount.mode = mode.value;
        else {
          ctx.sink.error({
            code: "invalid-volume",
            message: mode.message,
            hint: mode.hint ?? "",
            path: [...entryPath, "tmpfs", "mode"],
          });
        }
      }
      mounts.push(mount);
    }
  });
  return mounts;
}

function tmpfsMounts(service: ServiceInput): Mount[] {
  const entries =
    service.tmpfs === undefined ? [] : typeof service.tmpfs === "string" ? [service.tmpfs] : service.tmpfs;
  return entries.flatMap((entry) => {
    const spec = parseTmpfsShort(entry);
    return spec.ok ? [{ type: "tmpfs" as const, ...spec.value }] : [];
  });
}

/** `secrets:`/`configs:` references as read-only binds of their files, where Compose puts them. */
function fileObjectMounts(
  kind: "secrets" | "configs",
  service: ServiceInput,
  path: Path,
  ctx: NormaliseContext,
): Mount[] {
  const declared = ctx.file[kind] ?? {};
  const mounts: Mount[] = [];
  (service[kind] ?? []).forEach((entry, index) => {
    const source = typeof entry === "string" ? entry : entry.source;
    const given = typeof entry === "string" ? undefined : entry.target;
    const definition = declared[source];
    if (!definition) {
      const suggestion = didYouMean(source, Object.keys(declared));
      ctx.sink.error({
        code: kind === "secrets" ? "undeclared-secret" : "undeclared-config",
        message: `services.${path[1]} uses the ${kind.slice(0, -1)} \`${source}\`, which is not declared under the top-level \`${kind}:\``,
        hint: suggestion
          ? `did you mean \`${suggestion}\`?`
          : `declare it:\n${kind}:\n  ${source}:\n    file: ./${source}.txt`,
        path: [...path, kind, index],
      });
      return;
    }
    const base = kind === "secrets" ? "/run/secrets" : "/";
    const target = given === undefined ? resolve(base, source) : resolve(base, given);
    mounts.push({
      type: "bind",
      source: resolve(ctx.workingDir, definition.file),
      target,
      readOnly: true,
      createHostPath: false,
    });
  });
  return mounts;
}

/** Every mount of a service: volumes, tmpfs, secrets and configs; targets must be unique. */
export function normaliseMounts(service: ServiceInput, path: Path, ctx: NormaliseContext): Mount[] {
  const mounts = [
    ...volumeMounts(service, path, ctx),
    ...tmpfsMounts(service),
    ...fileObjectMounts("secrets", service, path, ctx),
    ...fileObjectMounts("configs", service, path, ctx),
  ];
  const seen = new Set<string>();
  for (const mount of mounts) {
    if (seen.has(mount.target)) {
      ctx.sink.error({
        code: "duplicate-mount-target",
        message: `services.${path[1]} mounts two things at ${mount.target}`,
        hint: "give each volume, tmpfs, secret and config its own container path",
        path,
      });
    }
    seen.add(mount.target);
  }
  return mounts;
}
