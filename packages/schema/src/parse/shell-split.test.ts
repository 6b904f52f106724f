import { expect, test } from "vitest";
import { shellSplit } from "./shell-split.js";

test.each([
  ["echo hello world", ["echo", "hello", "world"]],
  [`sh -c "echo 'hi there' && sleep 1"`, ["sh", "-c", "echo 'hi there' && sleep 1"]],
  [`a 'b c' "d \\"e\\"" f\\ g`, ["a", "b c", 'd "e"', "f g"]],
  [`"" ''`, ["", ""]],
  [`  spaced   out  `, ["spaced", "out"]],
  [`"$HOME" '$HOME'`, ["$HOME", "$HOME"]],
  [`x"y"'z'`, ["xyz"]],
  ["", []],
])("%s", (text, words) => expect(shellSplit(text)).toEqual({ ok: true, value: words }));

test.each([`echo "open`, `echo 'open`])("%s: unterminated quotes are errors", (text) => {
  expect(shellSplit(text).ok).toBe(false);
});
