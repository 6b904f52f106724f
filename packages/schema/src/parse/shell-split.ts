import { failed, type Parsed, parsed } from "./parsed.js";

/**
 * Splits a command string into words the way POSIX sh (and Compose's shlex) does: whitespace
 * separates, single quotes are literal, double quotes allow `\"`, `\\`, `\$` and `` \` ``
 * escapes, a backslash outside quotes escapes the next character. No expansion happens.
 */
export function shellSplit(input: string): Parsed<string[]> {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (c === "'") {
      const end = input.indexOf("'", i + 1);
      if (end < 0) return failed("unterminated single quote", "close the quote or use the list form");
      word += input.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      inWord = true;
      let closed = false;
      while (i < input.length) {
        const d = input[i] as string;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === "\\" && i + 1 < input.length && '"\\$`\n'.includes(input[i + 1] as string)) {
          if (input[i + 1] !== "\n") word += input[i + 1];
          i += 2;
          continue;
        }
        word += d;
        i++;
      }
      if (!closed) return failed("unterminated double quote", "close the quote or use the list form");
    } else if (c === "\\") {
      if (i + 1 < input.length) {
        if (input[i + 1] !== "\n") {
          word += input[i + 1];
          inWord = true;
        }
        i += 2;
      } else {
        i++;
      }
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      i++;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return parsed(words);
}
