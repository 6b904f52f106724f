/** Flags every command takes (docs/cli.md, "Global flags"). */
export interface GlobalOptions {
  file: string[];
  name?: string;
  host?: string;
  context?: string;
  profile: string[];
  json: boolean;
  color: boolean;
  yes: boolean;
  verbose?: boolean;
  /** `--target` (or STACK_TARGET): `containers` or `swarm`; unset reads `x-stackform.target`. */
  target?: string;
}
