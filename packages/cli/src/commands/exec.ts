import { CliError, ExitCode } from "../cli-error.js";
import { withEngine } from "../connect-engine.js";
import { envFlags } from "../env-flags.js";
import type { GlobalOptions } from "../global-options.js";
import { serviceReplica } from "../service-containers.js";
import { resolveStackName } from "../stack-name.js";
import { terminalSession } from "../terminal-io.js";

export interface ExecFlags extends GlobalOptions {
  /** `-T` sets it false. */
  tty: boolean;
  user?: string;
  workdir?: string;
  env: string[];
  index: number;
  privileged: boolean;
}

/** `stack exec SERVICE CMD...`: like `docker compose exec`; the command's exit code is ours. */
export async function execCommand(service: string, command: string[], options: ExecFlags): Promise<void> {
  if (command.length === 0) throw new CliError("stack exec needs a command", "e.g. stack exec web sh");
  const stack = await resolveStackName(options);
  const code = await withEngine(options, async (engine) => {
    const container = await serviceReplica(engine, stack, service, options.index);
    if (container.state !== "running") {
      throw new CliError(
        `container ${container.name} is ${container.state}, not running`,
        `start it first: stack start ${service}`,
      );
    }
    const session = terminalSession({ tty: options.tty, stdin: true });
    try {
      return await engine.exec(
        container.name,
        {
          command,
          env: envFlags(options.env),
          ...(options.user === undefined ? {} : { user: options.user }),
          ...(options.workdir === undefined ? {} : { workingDir: options.workdir }),
          privileged: options.privileged,
        },
        session.io,
      );
    } finally {
      session.restore();
    }
  });
  if (code !== 0) throw new ExitCode(code);
}
