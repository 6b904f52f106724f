import {
  type BuildSpec,
  type DesiredService,
  type DesiredStack,
  type Diagnostic,
  Labels,
  type ObservedSwarm,
  type SwarmServiceSpec,
} from "@stackform/schema/contract";
import { compareText } from "../util/compare.js";
import { swarmServiceName } from "./service-spec.js";

/** Shown in the plan where the digest is the push's to say. */
export const DIGEST_AFTER_PUSH = "(digest known after push)";

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** One image the apply builds on the manager and pushes, before the services that run it. */
export interface WantedBuild {
  ref: string;
  build: BuildSpec;
  contextDigest: string;
  /** Service keys that run it. */
  services: string[];
  /** The digest the services run now, when the stack already has it on the Swarm. */
  previous?: string;
}

/**
 * Whether a `build:` service's image must be built and pushed. Swarm nodes pull by reference, so
 * a service runs `image@sha256:<digest>`, the digest the push reported. The plan does not build to
 * find out whether the image changed (a build is slow, and a push to find a digest would change the
 * registry during a plan); it compares the digest of the build context (its files, as .dockerignore
 * leaves them, the Dockerfile, args and target), which the service carries in a label, as
 * Terraform's docker provider rebuilds on a trigger over the context's files. The same context
 * keeps the digest deployed, so a plan after apply is clean and a tag moved in the registry by
 * someone else does not move the stack; a changed context is built, pushed and rolled out.
 */
export class SwarmBuilds {
  /** By image reference: services sharing one reference share one build. */
  readonly wanted = new Map<string, WantedBuild>();
  /** What each built service keeps running when nothing is rebuilt, by service key. */
  readonly #kept = new Map<string, { digest: string; context: string }>();

  constructor(desired: DesiredStack, observed: ObservedSwarm, contextDigests: Record<string, string>) {
    const have = new Map(observed.services.map((s) => [s.name, s.spec]));
    const byRef = new Map<string, [string, DesiredService][]>();
    for (const key of Object.keys(desired.services).sort(compareText)) {
      const service = desired.services[key]!;
      if (!service.build) continue;
      byRef.set(service.image, [...(byRef.get(service.image) ?? []), [key, service]]);
    }
    for (const [ref, users] of byRef) {
      const [firstKey, first] = users[0]!;
      // Read by the caller; without one, the context is taken to have changed.
      const contextDigest = contextDigests[firstKey] ?? "";
      const kept = users.map(([key]) => {
        const spec = have.get(swarmServiceName(desired.name, key));
        return spec ? keptDigest(spec, ref, contextDigest) : undefined;
      });
      if (contextDigest !== "" && kept.every((d) => d !== undefined)) {
        for (const [i, [key]] of users.entries())
          this.#kept.set(key, { digest: kept[i]!, context: contextDigest });
        continue;
      }
      const previous = kept.find((d) => d !== undefined) ?? previousDigest(have, desired.name, firstKey);
      this.wanted.set(ref, {
        ref,
        build: { ...first.build!, args: { ...first.build!.args } },
        contextDigest,
        services: users.map(([key]) => key),
        ...(previous ? { previous } : {}),
      });
    }
  }

  /**
   * Pins a built service's spec: to the digest it already runs, or, when the apply builds, to the
   * bare reference with an empty digest label, which the apply fills in after the push.
   */
  pin(key: string, service: DesiredService, spec: SwarmServiceSpec): "kept" | "built" | undefined {
    if (!service.build) return undefined;
    const wanted = this.wanted.get(service.image);
    const kept = this.#kept.get(key);
    const labels = wanted
      ? { [Labels.buildContext]: wanted.contextDigest, [Labels.buildDigest]: "" }
      : kept
        ? { [Labels.buildContext]: kept.context, [Labels.buildDigest]: kept.digest }
        : undefined;
    if (!labels) return undefined;
    spec.Labels = { ...spec.Labels, ...labels };
    if (wanted) return "built";
    spec.TaskTemplate.ContainerSpec.Image = `${service.image}@${kept!.digest}`;
    return "kept";
  }
}

/** The digest a service runs, if it was built by Stackform from this very context. */
function keptDigest(spec: SwarmServiceSpec, ref: string, contextDigest: string): string | undefined {
  const digest = spec.Labels?.[Labels.buildDigest] ?? "";
  if (!DIGEST.test(digest) || spec.Labels?.[Labels.buildContext] !== contextDigest) return undefined;
  // The label says what was pushed; the image must still say it too (an image set by hand is drift).
  return spec.TaskTemplate.ContainerSpec.Image === `${ref}@${digest}` ? digest : undefined;
}

function previousDigest(have: Map<string, SwarmServiceSpec>, stack: string, key: string): string | undefined {
  const image = have.get(swarmServiceName(stack, key))?.TaskTemplate.ContainerSpec.Image ?? "";
  return /@(sha256:[0-9a-f]{64})$/.exec(image)?.[1];
}

/**
 * A `build:` service on a Swarm needs an `image:` on a registry every node can pull from: the
 * nodes have no copy of an image built on the manager. Errors, since the deploy could not work.
 */
export function swarmBuildErrors(stack: DesiredStack): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [key, service] of Object.entries(stack.services)) {
    if (!service.build || registryHost(service.image)) continue;
    const given = service.image !== `${stack.name}-${key}`;
    out.push({
      severity: "error",
      code: "swarm-build-registry",
      path: ["services", key, given ? "image" : "build"],
      message: given
        ? `service ${key}: image ${service.image} names no registry, and a Swarm's nodes can run a built image only by pulling it from one`
        : `service ${key} has build: but no image:, and a Swarm's nodes can run a built image only by pulling it from a registry`,
      hint: `set image: to a reference on a registry every node can pull from, such as registry.example.com:5000/${key}:1 (docker.io/USER/${key}:1 for Docker Hub); Stackform builds it on the manager, pushes it and deploys it by digest`,
    });
  }
  return out;
}

/** The registry host an image reference names explicitly (`host.domain/…`, `host:port/…`, `localhost/…`). */
export function registryHost(ref: string): string | undefined {
  const slash = ref.indexOf("/");
  if (slash < 0) return undefined;
  const first = ref.slice(0, slash);
  return first.includes(".") || first.includes(":") || first === "localhost" ? first : undefined;
}
