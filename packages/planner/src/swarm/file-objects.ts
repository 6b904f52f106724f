import type {
  DesiredService,
  DesiredStack,
  ObservedSwarm,
  SwarmConfigReference,
  SwarmFileObjectSpec,
  SwarmSecretReference,
} from "@stackform/schema/contract";
import { STACK_NAMESPACE_LABEL } from "@stackform/schema/contract";
import { sha256Hex } from "../hash/sha256.js";

export type FileObjectKind = "secret" | "config";

/** One value a service mounts, wherever it comes from (`file:`, `environment:`, `content:`). */
interface FileUse {
  kind: FileObjectKind;
  key: string;
  target: string;
  uid: number;
  gid: number;
  mode: number;
}

/** A secret or config object the stack needs on the Swarm, named by its value. */
export interface WantedFileObject {
  kind: FileObjectKind;
  key: string;
  spec: SwarmFileObjectSpec;
  /** The engine's id when the object is already there. */
  id?: string;
}

/** A service's secrets and configs on the Swarm, and the host binds they replace. */
export interface ServiceFiles {
  secrets: SwarmSecretReference[];
  configs: SwarmConfigReference[];
  /** Host paths of `file:` secrets and configs: on one engine they are binds, on a Swarm objects. */
  replacedBinds: Set<string>;
}

const SECRETS_DIR = "/run/secrets/";

/**
 * The Swarm objects for the values a stack's services use. Both kinds are immutable, so the name
 * carries a digest of the value (`shop_db_password_3f2a9c81d0e4`): a new value is a new object, the
 * services move to it, and the old one goes once nothing uses it. The digest covers the kind and
 * key with the value, so equal values of two keys do not share an object.
 */
export class SwarmFileObjects {
  readonly wanted = new Map<string, WantedFileObject>();
  readonly #observed: Map<string, string>;

  constructor(
    private readonly stack: DesiredStack,
    observed: ObservedSwarm,
    /** `file:` values read by the caller (the planner does no I/O), keyed `secret:KEY`/`config:KEY`. */
    private readonly fileContents: Record<string, string>,
  ) {
    this.#observed = new Map([...observed.secrets, ...observed.configs].map((o) => [o.name, o.id]));
  }

  /** The references a service's spec holds; ids are empty for objects this plan creates. */
  forService(service: DesiredService): ServiceFiles {
    const files: ServiceFiles = { secrets: [], configs: [], replacedBinds: new Set() };
    for (const use of this.uses(service, files.replacedBinds)) {
      const object = this.object(use.kind, use.key);
      const file = { UID: String(use.uid), GID: String(use.gid), Mode: use.mode };
      if (use.kind === "secret") {
        const name = use.target.startsWith(SECRETS_DIR) ? use.target.slice(SECRETS_DIR.length) : use.target;
        files.secrets.push({
          File: { Name: name, ...file },
          SecretID: object.id ?? "",
          SecretName: object.spec.Name,
        });
      } else {
        files.configs.push({
          File: { Name: use.target, ...file },
          ConfigID: object.id ?? "",
          ConfigName: object.spec.Name,
        });
      }
    }
    return files;
  }

  private uses(service: DesiredService, replacedBinds: Set<string>): FileUse[] {
    const byFile = new Map<string, { kind: FileObjectKind; key: string }>();
    for (const kind of ["secret", "config"] as const)
      for (const object of Object.values(this.stack[`${kind}s`]))
        if (object.file !== undefined) byFile.set(object.file, { kind, key: object.key });
    const uses: FileUse[] = [];
    for (const mount of service.mounts) {
      const from = mount.type === "bind" ? byFile.get(mount.source) : undefined;
      if (mount.type !== "bind" || !from) continue;
      replacedBinds.add(mount.source);
      uses.push({ ...from, target: mount.target, uid: 0, gid: 0, mode: 0o444 });
    }
    for (const file of service.injectedFiles ?? [])
      uses.push({
        kind: file.kind,
        key: file.key,
        target: file.target,
        uid: file.uid,
        gid: file.gid,
        mode: file.mode,
      });
    return uses;
  }

  private object(kind: FileObjectKind, key: string): WantedFileObject {
    const value = this.stack[`${kind}s`][key]?.value ?? this.fileContents[`${kind}:${key}`];
    if (value === undefined)
      throw new Error(`the value of ${kind} ${key} was not read; this is a bug in Stackform`);
    const digest = sha256Hex(`${kind}\0${key}\0${value}`).slice(0, 12);
    const name = `${this.stack.name}_${key}_${digest}`;
    let object = this.wanted.get(name);
    if (!object) {
      const id = this.#observed.get(name);
      object = {
        kind,
        key,
        spec: {
          Name: name,
          Labels: { [STACK_NAMESPACE_LABEL]: this.stack.name },
          Data: Buffer.from(value, "utf8").toString("base64"),
        },
        ...(id ? { id } : {}),
      };
      this.wanted.set(name, object);
    }
    return object;
  }
}
