/**
 * OpenSSH host patterns, as in `Host` lines of ssh_config and the host field of known_hosts:
 * `*` matches any run of characters, `?` exactly one, a leading `!` negates. Host names compare
 * case-insensitively.
 */
export function matchesWildcard(name: string, pattern: string): boolean {
  const source = pattern
    .toLowerCase()
    .split("")
    .map((char) => (char === "*" ? ".*" : char === "?" ? "." : char.replace(/[\\^$.|+()[\]{}]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`).test(name.toLowerCase());
}

/**
 * A list of patterns matches when at least one positive pattern matches and no negated one does,
 * which is how both ssh_config `Host` lines and known_hosts host fields read.
 */
export function matchesPatternList(name: string, patterns: readonly string[]): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith("!")) {
      if (matchesWildcard(name, pattern.slice(1))) return false;
    } else if (matchesWildcard(name, pattern)) {
      matched = true;
    }
  }
  return matched;
}
