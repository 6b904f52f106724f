/** Flags every command takes (DESIGN.md, "CLI"). */
export interface GlobalOptions {
  file: string[];
  name?: string;
  host?: string;
  context?: string;
  profile: string[];
  json: boolean;
  color: boolean;
  yes: boolean;
}
