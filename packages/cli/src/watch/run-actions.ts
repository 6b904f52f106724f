import { Writable } from "node:stream";
import type { Engine } from "@stackform/engine";
import type { DesiredService } from "@stackform/schema";
import { serviceContainers } from "../service-containers.js";
import type { CompiledRule, Triggered } from "./match-changes.js";
import { syncWork } from "./sync-files.js";
import type { WatchEvent } from "./watch-events.js";

export interface ActionContext {
  engine: Engine;
  stack: string;
  services: Record<string, DesiredService>;
  rules: readonly CompiledRule[];
  emit: (event: WatchEvent) => void;
  /** Builds the service's image and applies the stack. */
  rebuild: (service: DesiredService) => Promise<void>;
}

const SYNCS = new Set(["sync", "sync+restart", "sync+exec"]);

/** Collects a process's output, for the error message of a failed `rm`. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString("utf8").trim() };
}

async function runningContainers(ctx: ActionContext, service: string): Promise<string[]> {
  const containers = await serviceContainers(ctx.engine, ctx.stack, []);
  return containers.filter((c) => c.service === service && c.state === "running").map((c) => c.name);
}

async function deleteIn(engine: Engine, container: string, paths: string[]): Promise<void> {
  if (paths.length === 0) return;
  const output = collector();
  // What `compose watch` does too: the engine's archive API cannot delete.
  const code = await engine.exec(
    container,
    { command: ["rm", "-rf", "--", ...paths] },
    { stdout: output.stream, stderr: output.stream, tty: false },
  );
  if (code !== 0) throw new Error(`rm in ${container} exited ${code}: ${output.text()}`);
}

async function sync(ctx: ActionContext, triggered: Triggered, containers: string[]): Promise<boolean> {
  const compiled = ctx.rules.find((r) => r.rule === triggered.rule && r.service === triggered.service);
  if (!compiled) return false;
  const work = await syncWork(compiled, triggered);
  if (work.copies.length === 0 && work.deletions.length === 0) return false;
  ctx.emit({
    action: "sync",
    service: triggered.service,
    target: triggered.rule.target ?? "/",
    copied: work.copied,
    deleted: work.deleted,
    containers,
  });
  await Promise.all(
    containers.map(async (container) => {
      await deleteIn(ctx.engine, container, work.deletions);
      await ctx.engine.copyToContainer(container, work.copies);
    }),
  );
  return true;
}

async function execAfterSync(ctx: ActionContext, triggered: Triggered, containers: string[]): Promise<void> {
  const exec = triggered.rule.exec;
  if (!exec) return;
  ctx.emit({ action: "exec", service: triggered.service, command: exec.command, containers });
  for (const container of containers) {
    const code = await ctx.engine.exec(
      container,
      {
        command: exec.command,
        env: exec.environment,
        ...(exec.user === undefined ? {} : { user: exec.user }),
        ...(exec.workingDir === undefined ? {} : { workingDir: exec.workingDir }),
        ...(exec.privileged === undefined ? {} : { privileged: exec.privileged }),
      },
      { stdout: process.stderr, stderr: process.stderr, tty: false },
    );
    if (code !== 0)
      ctx.emit({
        action: "error",
        service: triggered.service,
        message: `exec in ${container} exited ${code}`,
      });
  }
}

/** One service's part of a batch: a rebuild replaces everything else; otherwise sync, then restart or exec. */
async function runForService(ctx: ActionContext, service: string, triggered: Triggered[]): Promise<void> {
  const desired = ctx.services[service];
  if (!desired) return;
  if (triggered.some((t) => t.rule.action === "rebuild")) {
    ctx.emit({ action: "rebuild", service });
    await ctx.rebuild(desired);
    return;
  }
  const containers = await runningContainers(ctx, service);
  if (containers.length === 0) {
    ctx.emit({ action: "skipped", service, reason: "no running container (start it with `stack apply`)" });
    return;
  }
  let restart = triggered.some((t) => t.rule.action === "restart");
  for (const t of triggered) {
    if (!SYNCS.has(t.rule.action)) continue;
    const synced = await sync(ctx, t, containers);
    if (synced && t.rule.action === "sync+restart") restart = true;
    if (synced && t.rule.action === "sync+exec") await execAfterSync(ctx, t, containers);
  }
  if (restart) {
    ctx.emit({ action: "restart", service, containers });
    await Promise.all(containers.map((c) => ctx.engine.restartContainer(c)));
  }
}

/** The actions of one batch, service by service; a failure is reported and the others go on. */
export async function runActions(ctx: ActionContext, triggered: readonly Triggered[]): Promise<void> {
  const byService = new Map<string, Triggered[]>();
  for (const t of triggered) byService.set(t.service, [...(byService.get(t.service) ?? []), t]);
  for (const [service, list] of byService) {
    try {
      await runForService(ctx, service, list);
    } catch (error) {
      ctx.emit({ action: "error", service, message: (error as Error).message });
    }
  }
}
