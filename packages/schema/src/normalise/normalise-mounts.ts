import { isAbsolute, relative, resolve } from "node:path";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import type { InjectedFile, Mount } from "../model/desired-stack.js";
import { API_SOCKET } from "../model/labels.js";
import { parseByteSize } from "../parse/byte-size.js";
import { parseFileMode, parseTmpfsShort } from "../parse/tmpfs-spec.js";
import { parseVolumeShort } from "../parse/volume-spec.js";
import type { ServiceInput } from "../schema/stack-file-schema.js";
import { keyValues, type NormaliseContext, type Path, sortedRecord } from "./normalise-context.js";

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
      const { kind, source, target, readOnly, noCopy, propagation, selinux } = short.value;
      if (kind === "bind" && source !== undefined) {
        const absolute = hostPath(source, ctx);
        warnAboutBind(absolute, entryPath, ctx);
        // The short syntax creates a missing host directory, as docker-compose always did.
        const bind: Mount = { type: "bind", source: absolute, target, readOnly, createHostPath: true };
        if (propagation !== undefined) bind.propagation = propagation;
        if (selinux !== undefined) bind.selinux = selinux;
        mounts.push(bind);
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
      const bind: Mount = { type: "bind", source: absolute, target: entry.target, readOnly, createHostPath };
      if (entry.bind?.propagation !== undefined) bind.propagation = entry.bind.propagation;
      if (entry.bind?.selinux !== undefined) {
        bind.selinux = entry.bind.selinux;
        // The engine relabels only binds given in its `-v` form, and that form makes a missing
        // host folder: `create_host_path: false` cannot hold together with `selinux`.
        if (!createHostPath)
          ctx.sink.warning({
            code: "selinux-creates-host-path",
            message: `services.${entryPath[1]} relabels ${absolute} for SELinux: the engine creates it if it is missing, whatever create_host_path says`,
            hint: "make sure the host path exists, or set `create_host_path: true` to say so",
            path: [...entryPath, "bind", "selinux"],
          });
      }
      mounts.push(bind);
    } else if (entry.type === "volume") {
      const noCopy = entry.volume?.nocopy ?? false;
      const volume: Mount = { type: "volume", target: entry.target, readOnly, noCopy };
      if (entry.source) {
        checkVolumeDeclared(entry.source, entryPath, ctx);
        volume.source = entry.source;
      }
      const labels = keyValues(entry.volume?.labels, () => "");
      if (labels.length > 0) volume.labels = sortedRecord(labels);
      mounts.push(volume);
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

type FileObjectEntry = Exclude<NonNullable<ServiceInput["secrets"]>[number], string>;

/** A number for `uid`/`gid`, written as a number or a string of digits as Compose allows. */
function ownerId(value: string | number | undefined, path: Path, ctx: NormaliseContext): number {
  if (value === undefined) return 0;
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return Number(text);
  ctx.sink.error({
    code: "invalid-owner",
    message: `${JSON.stringify(value)} is not a numeric user or group id`,
    hint: 'write the number, like uid: "1000"; names are not resolved inside the image',
    path,
  });
  return 0;
}

/** The owner and mode of a value copied in; refused for a `file:` bind, which keeps the file's own. */
function ownership(
  entry: FileObjectEntry | undefined,
  copied: boolean,
  path: Path,
  ctx: NormaliseContext,
): Pick<InjectedFile, "uid" | "gid" | "mode"> {
  const owner = { uid: 0, gid: 0, mode: 0o444 };
  if (entry === undefined) return owner;
  for (const key of ["uid", "gid", "mode"] as const) {
    if (entry[key] === undefined || copied) continue;
    ctx.sink.error({
      code: "unsupported-key",
      message: `\`${key}\` does not apply to ${entry.source}, which is bind-mounted from its file`,
      hint: `set the ${key === "mode" ? "mode" : "owner"} on the file itself, or give the value with \`environment:\` or \`content:\``,
      path: [...path, key],
    });
  }
  if (!copied) return owner;
  owner.uid = ownerId(entry.uid, [...path, "uid"], ctx);
  owner.gid = ownerId(entry.gid, [...path, "gid"], ctx);
  if (entry.mode !== undefined) {
    const mode = parseFileMode(entry.mode);
    if (mode.ok) owner.mode = mode.value;
    else
      ctx.sink.error({
        code: "invalid-mode",
        message: mode.message,
        hint: mode.hint ?? "",
        path: [...path, "mode"],
      });
  }
  return owner;
}

/**
 * `secrets:`/`configs:` references, where Compose puts them: a `file:` one as a read-only bind
 * of its file, an `environment:`/`content:` one as a file copied into the container.
 */
function fileObjects(
  kind: "secrets" | "configs",
  service: ServiceInput,
  path: Path,
  ctx: NormaliseContext,
): { mounts: Mount[]; injected: InjectedFile[] } {
  const declared = ctx.file[kind] ?? {};
  const mounts: Mount[] = [];
  const injected: InjectedFile[] = [];
  (service[kind] ?? []).forEach((entry, index) => {
    const source = typeof entry === "string" ? entry : entry.source;
    const given = typeof entry === "string" ? undefined : entry.target;
    const entryPath = [...path, kind, index];
    const definition = declared[source];
    if (!definition) {
      const suggestion = didYouMean(source, Object.keys(declared));
      ctx.sink.error({
        code: kind === "secrets" ? "undeclared-secret" : "undeclared-config",
        message: `services.${path[1]} uses the ${kind.slice(0, -1)} \`${source}\`, which is not declared under the top-level \`${kind}:\``,
        hint: suggestion
          ? `did you mean \`${suggestion}\`?`
          : `declare it:\n${kind}:\n  ${source}:\n    file: ./${source}.txt`,
        path: entryPath,
      });
      return;
    }
    const base = kind === "secrets" ? "/run/secrets" : "/";
    const target = given === undefined ? resolve(base, source) : resolve(base, given);
    const copied = definition.file === undefined;
    const owner = ownership(typeof entry === "string" ? undefined : entry, copied, entryPath, ctx);
    if (definition.file !== undefined) {
      mounts.push({
        type: "bind",
        source: resolve(ctx.workingDir, definition.file),
        target,
        readOnly: true,
        createHostPath: false,
      });
      return;
    }
    // An unset variable is reported once, at the top-level entry (normaliseFileObjects).
    const content = fileObjectValue(definition, ctx.lookup);
    if (content === undefined) return;
    injected.push({
      kind: kind === "secrets" ? "secret" : "config",
      key: source,
      target,
      content,
      sensitive: kind === "secrets",
      ...owner,
    });
  });
  return { mounts, injected };
}

/** The text of an `environment:`/`content:` secret or config; `undefined` when unset (reported elsewhere). */
export function fileObjectValue(
  definition: { environment?: string | undefined; content?: string | undefined },
  lookup: (name: string) => string | undefined,
): string | undefined {
  if (definition.content !== undefined) return definition.content;
  return definition.environment === undefined ? undefined : lookup(definition.environment);
}

/** `secret token and config app.conf`. */
function fileList(files: readonly InjectedFile[]): string {
  const names = files.map((f) => `${f.kind} ${f.key}`);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/**
 * `use_api_socket`: the engine's socket, bound where a docker CLI in the container looks for it,
 * unless the file already mounts something there. Not warned about as a bind of the socket is:
 * the key is itself the request for it.
 */
function apiSocketMounts(service: ServiceInput, listed: Mount[]): Mount[] {
  if (!service.use_api_socket || listed.some((m) => m.target === API_SOCKET)) return [];
  return [{ type: "bind", source: API_SOCKET, target: API_SOCKET, readOnly: false, createHostPath: false }];
}

/**
 * Every mount of a service (volumes, tmpfs, `file:` secrets and configs, the `use_api_socket`
 * bind) and the secrets and configs copied in; targets must be unique across both.
 */
export function normaliseMounts(
  service: ServiceInput,
  path: Path,
  ctx: NormaliseContext,
): { mounts: Mount[]; injectedFiles?: InjectedFile[] } {
  const secrets = fileObjects("secrets", service, path, ctx);
  const configs = fileObjects("configs", service, path, ctx);
  const listed = [
    ...volumeMounts(service, path, ctx),
    ...tmpfsMounts(service),
    ...secrets.mounts,
    ...configs.mounts,
  ];
  const mounts = [...listed, ...apiSocketMounts(service, listed)];
  const injectedFiles = [...secrets.injected, ...configs.injected];
  if (service.read_only && injectedFiles.length > 0) {
    ctx.sink.error({
      code: "read-only-injected-files",
      message: `services.${path[1]} has read_only: true, but its ${fileList(injectedFiles)} must be copied into the root file system, which the engine refuses`,
      hint: "drop read_only, or give the value with `file:` (a read-only bind mount)",
      path: [...path, "read_only"],
    });
  }
  const seen = new Set<string>();
  for (const target of [...mounts, ...injectedFiles].map((m) => m.target)) {
    if (seen.has(target)) {
      ctx.sink.error({
        code: "duplicate-mount-target",
        message: `services.${path[1]} mounts two things at ${target}`,
        hint: "give each volume, tmpfs, secret and config its own container path",
        path,
      });
    }
    seen.add(target);
  }
  return injectedFiles.length > 0 ? { mounts, injectedFiles } : { mounts };
}
