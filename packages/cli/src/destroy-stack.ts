import { DEFAULT_DESTROY_CONCURRENCY, summarise, withStackLock } from "@stackform/applier";
import { type Engine, EngineError, isEngineError } from "@stackform/engine";
import { type Plan, planDestroy, renderPlan, type StackVolume, stackVolumes } from "@stackform/planner";
import type { DesiredStack } from "@stackform/schema";
import { ExitCode } from "./cli-error.js";
import { executePlan } from "./execute-plan.js";
import { lockHolder, lockOptions } from "./lock-holder.js";
import { wantsColor } from "./output.js";
import type { ProgressMode } from "./progress/reporter.js";
import { printSummaryJson } from "./summary.js";

export interface DestroyStackOptions {
  volumes: boolean;
  /**
   * The stack file, when one for this stack is at hand: the volumes it declares external are never
   * deleted, and its services' `pre_stop` hooks run before the stops. A promise, so that parsing
   * the file overlaps taking the lock and observing the engine.
   */
  stackFile?: Promise<DesiredStack | undefined>;
  lockTimeoutMs: number;
  progress: ProgressMode;
  /** `--json`: the summary, with the volumes removed and kept, as the JSON result on stdout. */
  json: boolean;
  /** That result on one line (gc: one line per stack). */
  jsonLines?: boolean;
  /** Asked with the plan shown; `false` leaves everything as it is. */
  confirm(plan: Plan): Promise<boolean>;
}

export interface KeptVolume {
  name: string;
  /** The key in the stack file; absent for an anonymous volume. */
  key?: string;
  anonymous: boolean;
  reason: string;
}

/** What a destroy did, for `--json` and the closing notice. */
export interface DestroyResult {
  stack: string;
  removed: { containers: string[]; networks: string[]; volumes: string[] };
  kept: KeptVolume[];
}

/** Added to the destroy's JSON summary (docs/json-output.md, "destroy"). */
const volumesJson = (result: DestroyResult) => ({
  volumes: { removed: [...result.removed.volumes].sort(), kept: result.kept },
});

/**
 * Under the stack's lock: plan the removal from what the engine holds, show it, confirm, run it,
 * and drop the stack's owner/expiry labels. Shared by `stack destroy` and `stack gc`.
 * Returns `false` when the user declined.
 */
export async function destroyStack(
  engine: Engine,
  stack: string,
  options: DestroyStackOptions,
): Promise<DestroyResult | false> {
  return withStackLock(engine, stack, lockHolder("destroy"), lockOptions(options.lockTimeoutMs), async () => {
    const observed = await engine.inventory(stack);
    const file = await options.stackFile;
    const externalVolumes = Object.values(file?.volumes ?? {})
      .filter((v) => v.external)
      .map((v) => v.name);
    const volumes = stackVolumes(observed, externalVolumes);
    const plan = planDestroy(observed, {
      volumes: options.volumes,
      externalVolumes,
      ...(file ? { services: file.services } : {}),
    });
    process.stderr.write(`Engine: ${engine.endpoint}\n`);
    process.stderr.write(renderPlan(plan, { format: "human", color: wantsColor(process.stderr) }));
    const result: DestroyResult = {
      stack,
      removed: { containers: [], networks: [], volumes: [] },
      kept: options.volumes
        ? []
        : volumes.map((v) => kept(v, "kept; data is only deleted by `stack destroy --volumes`")),
    };
    const jsonLines = options.jsonLines === true || options.progress === "json";
    if (plan.operations.length === 0) {
      await engine.writeStackMeta(stack, {});
      process.stderr.write(keptNotice(result, options.volumes));
      if (options.json || options.progress === "json") {
        const nothing = { outcomes: [], succeeded: true, interrupted: false, elapsedMs: 0 };
        printSummaryJson(summarise(nothing, plan.changes), {
          stack,
          endpoint: engine.endpoint,
          jsonLines,
          extra: volumesJson(result),
        });
      }
      return result;
    }
    if (!(await options.confirm(plan))) return false;
    let incomplete = false;
    const recording = recordingEngine(engine, stack, volumes, result, () => {
      incomplete = true;
    });
    try {
      await executePlan(plan, recording, {
        concurrency: DEFAULT_DESTROY_CONCURRENCY,
        waitTimeoutMs: 0,
        progress: options.progress,
        verb: "Destroy",
        json: options.json,
        jsonLines,
        resultJson: () => volumesJson(result),
      });
    } catch (error) {
      // Exit 1 means operations failed, each named above; anything else (Ctrl-C) left work undone.
      if (!(error instanceof ExitCode && error.exitCode === 1)) incomplete = true;
      throw error;
    } finally {
      // A volume kept because something outside uses it does not keep the stack alive for gc.
      if (!incomplete) await engine.writeStackMeta(stack, {});
      process.stderr.write(keptNotice(result, options.volumes));
    }
    return result;
  });
}

const kept = (volume: StackVolume, reason: string): KeptVolume => ({
  name: volume.name,
  ...(volume.key === undefined ? {} : { key: volume.key }),
  anonymous: volume.anonymous,
  reason,
});

/**
 * The engine, recording what the destroy removed. A volume that a container outside the stack
 * still uses is refused by the engine (409): it is kept, and the error says so in words.
 * `onFailure` hears of every other failure.
 */
function recordingEngine(
  engine: Engine,
  stack: string,
  volumes: StackVolume[],
  result: DestroyResult,
  onFailure: () => void,
): Engine {
  const record = async (call: Promise<void>, done?: () => void): Promise<void> => {
    try {
      await call;
      done?.();
    } catch (error) {
      onFailure();
      throw error;
    }
  };
  const overrides: Partial<Engine> = {
    stopContainer: (name, timeout) => record(engine.stopContainer(name, timeout)),
    removeContainer: (name, options) =>
      record(engine.removeContainer(name, options), () => result.removed.containers.push(name)),
    removeNetwork: (name) => record(engine.removeNetwork(name), () => result.removed.networks.push(name)),
    removeVolume: async (name) => {
      try {
        await engine.removeVolume(name);
        result.removed.volumes.push(name);
      } catch (error) {
        const volume = volumes.find((v) => v.name === name);
        if (!isEngineError(error, "in-use") || volume === undefined) {
          onFailure();
          throw error;
        }
        const users = /\[([^\]]*)\]/.exec(error.message)?.[1]?.trim();
        const reason = `still used by ${users ? `container ${users}` : "a container"} outside stack ${stack}`;
        result.kept.push(kept(volume, reason));
        throw new EngineError(
          "in-use",
          `volume ${name} is ${reason}; it was kept with its data (remove that container, then \`docker volume rm ${name}\`)`,
          undefined,
          error.statusCode,
        );
      }
    },
  };
  return new Proxy(engine, {
    get(target, property, receiver) {
      if (typeof property === "string" && property in overrides) return overrides[property as keyof Engine];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** On stderr: the volumes left on the engine with their data, and how to remove them. */
function keptNotice(result: DestroyResult, volumesFlag: boolean): string {
  if (result.kept.length === 0) return "";
  const anonymous = result.kept.filter((v) => v.anonymous);
  const count = result.kept.length;
  let out = `\nKept ${count} volume${count === 1 ? "" : "s"} of stack ${result.stack}, with ${count === 1 ? "its" : "their"} data:\n`;
  for (const v of result.kept)
    out += `  ${v.anonymous ? `${v.name} (anonymous)` : `${v.key} (${v.name})`}: ${v.reason}\n`;
  // With --volumes, only volumes in use elsewhere are kept; their errors say what to do.
  if (volumesFlag) return out;
  if (result.kept.length > anonymous.length)
    out += "Remove the named volumes with `stack destroy --volumes`.\n";
  if (anonymous.length > 0)
    out +=
      "Anonymous volumes belong to the stack only through its containers, which are gone: destroy with `stack destroy --volumes` next time, " +
      `or remove them now with \`docker volume rm ${anonymous.map((v) => v.name).join(" ")}\`.\n`;
  return out;
}
