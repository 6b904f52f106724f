import { DEFAULT_CONCURRENCY, DEFAULT_WAIT_TIMEOUT_MS } from "@stackform/applier/defaults";
import { Argument, Command, Option } from "commander";
import { durationText } from "./duration-text.js";
import { disableColor } from "./output.js";
import {
  collect,
  envOption,
  indexOption,
  integer,
  lockTimeoutOption,
  progressOption,
  servicesArgument,
  showSensitiveOption,
  stopTimeoutOption,
  userOption,
  workdirOption,
} from "./shared-flags.js";
import { setVerbose } from "./verbose.js";
import { VERSION } from "./version.js";

/**
 * The command tree. Each action imports its command module on demand so `stack --version` and
 * `stack validate` do not pay for loading dockerode.
 */
export function buildProgram(): Command {
  const program = new Command("stack")
    .description("Infrastructure as code for single-host Docker stacks: plan, then apply.")
    .version(VERSION, "-v, --version")
    .option("-f, --file <path>", "stack file (repeat to merge overrides)", collect, [])
    .option("-n, --name <name>", "stack name (default: name: in the file, $STACK_NAME, or the directory)")
    .option("-H, --host <url>", "engine to use, like DOCKER_HOST (unix://, tcp://, ssh://)")
    .option("--context <name>", "docker context to use")
    .option("--profile <name>", "activate a Compose profile (repeatable)", collect, [])
    .option("--json", "machine-readable output on stdout", false)
    .option("--no-color", "no ANSI colours")
    .option("-y, --yes", "do not ask for confirmation", false)
    .option("--verbose", "also print the engine's own error text", false)
    .option(
      "--target <target>",
      "where the stack runs: containers (one engine, default) or swarm ($STACK_TARGET)",
    )
    .showHelpAfterError()
    .exitOverride()
    .hook("preAction", (cmd) => {
      if (cmd.opts().color === false) disableColor();
      if (cmd.opts().verbose) setVerbose();
    });

  program
    .command("validate")
    .description("check the stack files and report every problem")
    .option("--no-typecheck", "do not type-check a stack.ts with the project's TypeScript")
    .action(async (_opts, cmd: Command) =>
      (await import("./commands/validate.js")).validate(cmd.optsWithGlobals()),
    );

  program
    .command("config")
    .description("print the stack as one Compose file, normalised (secrets masked)")
    .addOption(showSensitiveOption())
    .action(async (_opts, cmd: Command) =>
      (await import("./commands/config.js")).config(cmd.optsWithGlobals()),
    );

  program
    .command("schema")
    .description("print the JSON Schema of stack files")
    .action(async () => (await import("./commands/schema.js")).schema());

  program
    .command("plan")
    .description("show what apply would change, field by field, and why")
    .option("--out <file>", "save the plan for `stack apply FILE` (mode 0600; contains secrets)")
    .addOption(new Option("--format <format>", "output format").choices(["human", "json", "markdown"]))
    .option("--detailed-exitcode", "exit 0 with no changes, 2 with changes, 1 on error", false)
    .option("--wait", "plan waits for every service to be running/healthy", false)
    .addOption(showSensitiveOption())
    .action(async (_opts, cmd: Command) =>
      (await import("./commands/plan.js")).planCommand(cmd.optsWithGlobals()),
    );

  program
    .command("apply")
    .description("apply the stack (or a saved plan file) to the engine")
    .argument("[planfile]", "a plan saved with `stack plan --out`")
    .option("--wait", "wait until every service is running (healthy when it has a healthcheck)", false)
    .option("--wait-timeout <duration>", "deadline for each wait", durationText(DEFAULT_WAIT_TIMEOUT_MS))
    .option("--concurrency <n>", "operations run at once", integer, DEFAULT_CONCURRENCY)
    .addOption(lockTimeoutOption())
    .option("--ttl <duration>", "label the stack to expire after this long (see `stack gc`)")
    .addOption(progressOption())
    .addOption(showSensitiveOption("print sensitive values in the plan"))
    .action(async (planfile: string | undefined, _opts, cmd: Command) =>
      (await import("./commands/apply.js")).applyCommand(planfile, cmd.optsWithGlobals()),
    );

  program
    .command("watch")
    .description(
      "apply the stack, then sync, restart or rebuild services as their develop.watch files change",
    )
    .addArgument(servicesArgument())
    .option("--no-up", "do not apply the stack before watching")
    .option("--debounce <duration>", "quiet time that ends a batch of changes", "300ms")
    .option(
      "--wait-timeout <duration>",
      "deadline for each wait of an apply",
      durationText(DEFAULT_WAIT_TIMEOUT_MS),
    )
    .addOption(lockTimeoutOption())
    .addOption(progressOption())
    .addHelpText("after", WATCH_HELP)
    .action(async (services: string[], _opts, cmd: Command) =>
      (await import("./commands/watch.js")).watchCommand(services, cmd.optsWithGlobals()),
    );

  program
    .command("destroy")
    .description("remove the stack's containers and networks (volumes only with --volumes)")
    .option("--volumes", "also delete the stack's named volumes AND THEIR DATA", false)
    .addOption(lockTimeoutOption())
    .addOption(progressOption())
    .action(async (_opts, cmd: Command) =>
      (await import("./commands/destroy.js")).destroyCommand(cmd.optsWithGlobals()),
    );

  program
    .command("ps")
    .description("list the stack's containers")
    .action(async (_opts, cmd: Command) =>
      (await import("./commands/ps.js")).psCommand(cmd.optsWithGlobals()),
    );

  program
    .command("logs")
    .description("print the logs of the stack's services")
    .addArgument(servicesArgument())
    .option("-f, --follow", "keep following", false)
    .option("--tail <n>", "lines from the end of each log", integer)
    .option("--since <time>", "since a duration ago (10m) or a timestamp")
    .option("-t, --timestamps", "show timestamps", false)
    .action(async (services: string[], _opts, cmd: Command) =>
      (await import("./commands/logs.js")).logsCommand(services, cmd.optsWithGlobals()),
    );

  program
    .command("unlock")
    .description("break a stale apply lock left by a crashed or killed run")
    .action(async (_opts, cmd: Command) =>
      (await import("./commands/unlock.js")).unlockCommand(cmd.optsWithGlobals()),
    );

  program
    .command("ls")
    .description("list the stacks on the engine, with owner, age and expiry")
    .action(async (_opts, cmd: Command) =>
      (await import("./commands/ls.js")).lsCommand(cmd.optsWithGlobals()),
    );

  program
    .command("gc")
    .description("destroy the stacks whose --ttl has expired (volumes only with --volumes)")
    .option("--volumes", "also delete their named volumes AND THEIR DATA", false)
    .option("--dry-run", "only list the expired stacks", false)
    .addOption(lockTimeoutOption("how long to wait for an apply on a stack to finish"))
    .addOption(progressOption())
    .action(async (_opts, cmd: Command) =>
      (await import("./commands/gc.js")).gcCommand(cmd.optsWithGlobals()),
    );

  program
    .command("exec")
    .description("run a command in a running container of a service (exit code passed through)")
    .argument("<service>", "the service")
    .argument("<command...>", "the command and its arguments (put `--` before one with flags of its own)")
    .option("-T, --no-TTY", "do not allocate a TTY (by default one is, when run in a terminal)")
    .addOption(userOption())
    .addOption(workdirOption())
    .addOption(envOption())
    .addOption(indexOption())
    .option("--privileged", "give extended privileges to the command", false)
    .allowUnknownOption()
    .action(async (service: string, command: string[], _opts, cmd: Command) =>
      (await import("./commands/exec.js")).execCommand(service, command, execFlags(cmd)),
    );

  program
    .command("run")
    .description("run a one-off container of a service, its dependencies started first")
    .argument("<service>", "the service")
    .argument("[command...]", "overrides the service's command (put `--` before one with flags of its own)")
    .option("--rm", "remove the container when it exits", false)
    .option("-d, --detach", "start it in the background and print its name", false)
    .option("-T, --no-TTY", "do not allocate a TTY")
    .addOption(envOption())
    .option("--entrypoint <cmd>", "override the image's entrypoint")
    .addOption(userOption())
    .addOption(workdirOption())
    .option("--no-deps", "do not start the services it depends on")
    .option("--service-ports", "publish the service's ports too", false)
    .allowUnknownOption()
    .action(async (service: string, command: string[], _opts, cmd: Command) =>
      (await import("./commands/run.js")).runCommand(service, command, runFlags(cmd)),
    );

  program
    .command("stop")
    .description("stop the containers of services (all when none named)")
    .addArgument(servicesArgument())
    .addOption(stopTimeoutOption())
    .action(async (services: string[], _opts, cmd: Command) =>
      (await import("./commands/stop.js")).stopCommand(services, cmd.optsWithGlobals()),
    );

  program
    .command("start")
    .description("start the existing containers of services (all when none named)")
    .addArgument(servicesArgument())
    .action(async (services: string[], _opts, cmd: Command) =>
      (await import("./commands/start.js")).startCommand(services, cmd.optsWithGlobals()),
    );

  program
    .command("restart")
    .description("restart the containers of services (all when none named)")
    .addArgument(servicesArgument())
    .addOption(stopTimeoutOption())
    .action(async (services: string[], _opts, cmd: Command) =>
      (await import("./commands/restart.js")).restartCommand(services, cmd.optsWithGlobals()),
    );

  program
    .command("pull")
    .description("pull the images of services (all when none named)")
    .addArgument(servicesArgument())
    .option("--ignore-pull-failures", "exit 0 even when an image cannot be pulled", false)
    .option("-q, --quiet", "no pull progress", false)
    .action(async (services: string[], _opts, cmd: Command) =>
      (await import("./commands/pull.js")).pullCommand(services, cmd.optsWithGlobals()),
    );

  program
    .command("build")
    .description("build the images of services with a build: section (all when none named)")
    .addArgument(servicesArgument())
    .option("-q, --quiet", "no build output", false)
    .action(async (services: string[], _opts, cmd: Command) =>
      (await import("./commands/build.js")).buildCommand(services, cmd.optsWithGlobals()),
    );

  program
    .command("port")
    .description("print the host address published for a container port")
    .argument("<service>", "the service")
    .argument("<private_port>", "the container port, PORT or PORT/PROTOCOL")
    .addOption(new Option("--protocol <proto>", "protocol").choices(["tcp", "udp", "sctp"]).default("tcp"))
    .addOption(indexOption())
    .action(async (service: string, port: string, _opts, cmd: Command) =>
      (await import("./commands/port.js")).portCommand(service, port, cmd.optsWithGlobals()),
    );

  program
    .command("top")
    .description("print the processes running in the containers of services")
    .addArgument(servicesArgument())
    .action(async (services: string[], _opts, cmd: Command) =>
      (await import("./commands/top.js")).topCommand(services, cmd.optsWithGlobals()),
    );

  program
    .command("images")
    .description("print the image each container of the stack runs")
    .addArgument(servicesArgument())
    .action(async (services: string[], _opts, cmd: Command) =>
      (await import("./commands/images.js")).imagesCommand(services, cmd.optsWithGlobals()),
    );

  program
    .command("completion")
    .description("print a shell completion script: commands, flags and the stack's services")
    .addArgument(new Argument("[shell]", "the shell").choices(["bash", "zsh", "fish"]))
    .addOption(new Option("--list-services", "print the stack's services (used by the scripts)").hideHelp())
    .action(async (shell: string | undefined, _opts, cmd: Command) =>
      (await import("./commands/completion.js")).completionCommand(shell, cmd.optsWithGlobals(), program),
    );

  return program;
}

const WATCH_HELP = `
Each develop.watch rule watches its path (relative to the stack file) and, on a change:
  sync          copies the changed files into the running containers at target, deletes removed ones
  sync+restart  syncs, then restarts the containers
  sync+exec     syncs, then runs exec.command in each container
  restart       restarts the containers
  rebuild       builds the service's image and applies the stack (its containers are replaced)
Changes are batched (--debounce). Each action prints a line on stderr; with --json, events are
JSON lines on stdout. Ctrl-C stops watching and exits 0.`;

/**
 * `-T` is `--no-TTY` (commander names the flag `TTY`; the commands read `tty`). As in Compose v2,
 * a TTY is allocated by default only when this process runs in a terminal.
 */
const ttyFlags = (cmd: Command) => {
  const { TTY, ...rest } = cmd.optsWithGlobals();
  return { ...rest, tty: TTY !== false && process.stdin.isTTY === true && process.stdout.isTTY === true };
};
const execFlags = (cmd: Command) => ttyFlags(cmd) as import("./commands/exec.js").ExecFlags;
const runFlags = (cmd: Command) => ttyFlags(cmd) as import("./commands/run.js").RunFlags;
