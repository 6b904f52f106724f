import { type Document, isCollection, isScalar, type LineCounter, Scalar, visit, type YAMLError } from "yaml";

/** One YAML syntax error, moved to the mistake that caused it and explained in the user's terms. */
export interface YamlMistake {
  code: "yaml-syntax" | "duplicate-key";
  message: string;
  hint: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

interface SourceLine {
  /** 1-based. */
  number: number;
  /** Leading spaces; a tab ends the count (tabs are a mistake of their own). */
  indent: number;
  /** The text after the indentation, without a trailing comment. */
  content: string;
}

const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g;
/** The text with quoted strings blanked out, so colons and brackets inside them do not count. */
const unquoted = (text: string): string =>
  text.replace(QUOTED, (q) => q[0] + "_".repeat(q.length - 2) + q[0]);
const withoutComment = (text: string): string => {
  const at = unquoted(text).search(/(^|\s)#/);
  return (at < 0 ? text : text.slice(0, at)).trimEnd();
};

/** A `key: value` or `key:` line (after an optional `- `); the colon must be followed by a space. */
const KEY = /^(?:-\s+)?([^\s:#][^:]*?)\s*:(?:\s+|$)/;
/** A plain key glued to its value: `image:nginx`. */
const GLUED = /^(?:-\s+)?([A-Za-z_][\w.-]*):(?=[^\s:/])/;

interface KeyLine {
  name: string;
  value: string;
  /** Where the value starts in the line's content. */
  valueAt: number;
}

/** The key and value of a `key: value` line, read with quoted strings blanked out. */
function keyOf(line: SourceLine | undefined): KeyLine | undefined {
  if (!line) return undefined;
  const match = KEY.exec(unquoted(line.content));
  if (!match) return undefined;
  const name = match[1] ?? "";
  const nameAt = match[0].indexOf(name);
  return {
    name: line.content.slice(nameAt, nameAt + name.length),
    value: line.content.slice(match[0].length),
    valueAt: match[0].length,
  };
}

/**
 * The yaml package reports where its parser gave up, which is often a line after the mistake
 * (an unclosed quote surfaces at the end of the file) or before it (a key indented one space too
 * far is reported on the value above it). This looks at the text around that place to find and
 * name the actual mistake.
 */
export class YamlMistakes {
  private readonly lines: SourceLine[];
  private readonly unclosed: { offset: number; what: "quote" | "[" | "{"; quote?: string }[] = [];

  constructor(
    private readonly text: string,
    doc: Document,
    private readonly lineCounter: LineCounter,
  ) {
    this.lines = text.split(/\r?\n/).map((raw, index) => {
      const indent = /^ */.exec(raw)?.[0].length ?? 0;
      return { number: index + 1, indent, content: withoutComment(raw.slice(indent)) };
    });
    this.findUnclosed(doc);
  }

  explain(error: YAMLError): YamlMistake {
    const offset = Math.max(0, error.pos[0]);
    const opener = this.unclosed.find((u) => u.offset <= offset);
    if (opener) return this.unclosedMistake(opener);
    const { line } = this.lineCounter.linePos(offset);
    switch (error.code) {
      case "DUPLICATE_KEY":
        return this.duplicateKey(offset);
      case "TAB_AS_INDENT":
        return this.tab(line);
      case "MULTIPLE_DOCS":
        return this.at(
          offset,
          "a second YAML document starts here",
          "a stack file holds one YAML document; remove the `---` separator",
        );
      case "UNEXPECTED_TOKEN": {
        const stray = this.strayToken(offset);
        if (stray) return stray;
        break;
      }
      case "BAD_INDENT":
      case "BLOCK_AS_IMPLICIT_KEY":
      case "MULTILINE_IMPLICIT_KEY":
      case "MISSING_CHAR": {
        const found = this.layoutMistake(offset, line);
        if (found) return found;
        break;
      }
    }
    return this.at(offset, error.message.split("\n")[0] ?? error.message, "fix the YAML syntax here");
  }

  /** Quoted strings and flow collections that the parser ran off the end of. */
  private findUnclosed(doc: Document): void {
    visit(doc, {
      Node: (_key, node) => {
        const range = node.range;
        if (!range) return;
        const source = this.text.slice(range[0], range[1]).trimEnd();
        if (isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE)) {
          const quote = node.type === Scalar.QUOTE_DOUBLE ? '"' : "'";
          if (!isClosedQuote(source, quote)) this.unclosed.push({ offset: range[0], what: "quote", quote });
        } else if (isCollection(node) && node.flow) {
          const open = source[0];
          const close = open === "[" ? "]" : "}";
          if ((open === "[" || open === "{") && !source.endsWith(close))
            this.unclosed.push({ offset: range[0], what: open });
        }
      },
    });
    this.unclosed.sort((a, b) => a.offset - b.offset);
  }

  private unclosedMistake(opener: (typeof this.unclosed)[number]): YamlMistake {
    if (opener.what === "quote") {
      const quote = opener.quote ?? '"';
      return this.at(
        opener.offset,
        `this ${quote} starts a string that is not closed`,
        `end the string with ${quote} on the same line; a quote inside it is written ${quote === '"' ? '\\"' : "''"}`,
      );
    }
    const close = opener.what === "[" ? "]" : "}";
    return this.at(
      opener.offset,
      `this \`${opener.what}\` is not closed`,
      `close the ${opener.what === "[" ? "list" : "mapping"} with \`${close}\` before the next key`,
    );
  }

  private duplicateKey(offset: number): YamlMistake {
    const { line } = this.lineCounter.linePos(offset);
    const here = this.lines[line - 1];
    const name = keyOf(here)?.name;
    let first: number | undefined;
    if (here && name !== undefined) {
      for (let i = line - 2; i >= 0; i--) {
        const other = this.lines[i];
        if (!other || other.content === "") continue;
        if (other.indent < here.indent) break;
        if (other.indent === here.indent && keyOf(other)?.name === name) first = other.number;
      }
    }
    const mistake = this.at(
      offset,
      name === undefined
        ? "this key appears twice in the same mapping"
        : `\`${name}\` appears twice in the same mapping${first === undefined ? "" : ` (first on line ${first})`}`,
      "remove one of the two entries, or merge them; a key may appear once in a mapping",
    );
    return { ...mistake, code: "duplicate-key" };
  }

  private tab(line: number): YamlMistake {
    const raw = this.text.split(/\r?\n/)[line - 1] ?? "";
    const column = Math.max(0, raw.indexOf("\t")) + 1;
    return {
      code: "yaml-syntax",
      message: "this line is indented with a tab",
      hint: "indent with spaces; YAML does not allow tabs",
      line,
      column,
    };
  }

  /** A closing bracket without an opening one, or text after a string's closing quote. */
  private strayToken(offset: number): YamlMistake | undefined {
    const char = this.text[offset];
    if (char === "]" || char === "}") {
      return this.at(
        offset,
        `this \`${char}\` closes nothing`,
        `remove it, or add the \`${char === "]" ? "[" : "{"}\` it should close`,
      );
    }
    const before = this.text.slice(0, offset).trimEnd();
    const quote = before[before.length - 1];
    if (quote === '"' || quote === "'") {
      return this.at(
        offset,
        "the string ended before this text",
        quote === '"'
          ? 'a " inside a double-quoted string ends it: write \\" inside, or quote the whole value with single quotes'
          : "a ' inside a single-quoted string ends it: write '' inside, or quote the whole value with double quotes",
      );
    }
    return undefined;
  }

  /** Indentation, colon and `- ` mistakes: the parser's position is only where it noticed. */
  private layoutMistake(offset: number, lineNumber: number): YamlMistake | undefined {
    const here = this.nextContentLine(lineNumber);
    if (!here) return undefined;
    const glued = GLUED.exec(here.content);
    if (glued && !/:(\s|$)/.test(unquoted(here.content))) {
      const fixed = `${glued[0]} ${here.content.slice(glued[0].length)}`;
      return this.atLine(
        here,
        glued[0].length - 1,
        `no space after the colon in \`${here.content}\``,
        `put a space after the colon: \`${fixed}\``,
      );
    }
    const key = keyOf(here);
    if (key && /:(\s|$)/.test(unquoted(key.value)) && offset >= this.offsetOf(here) + key.valueAt) {
      return this.atLine(
        here,
        key.valueAt,
        `the value of \`${key.name}\` contains \`: \`, which starts a mapping`,
        `quote the value: ${key.name}: "${key.value.replace(/["\\]/g, "\\$&")}"`,
      );
    }
    const item = here.content === "-" || here.content.startsWith("- ");
    if (item) {
      const sibling = this.previousItem(here);
      if (sibling && sibling.indent !== here.indent) {
        return this.atLine(
          here,
          0,
          `this \`- \` item starts at column ${here.indent + 1}, the item above it at column ${sibling.indent + 1}`,
          "start every `- ` item of a list at the same column",
        );
      }
      if (this.block(here).some((l) => !l.content.startsWith("-") && keyOf(l))) {
        return this.atLine(
          here,
          0,
          "a `- ` list item among `key: value` entries",
          "write all entries one way: `key: value` lines make a mapping, `- ` lines make a list",
        );
      }
    }
    const above = this.previousContentLine(here.number);
    const aboveKey = keyOf(above);
    if (key && above && aboveKey && above.indent < here.indent && aboveKey.value !== "") {
      return this.overIndented(here, key, above, aboveKey);
    }
    const next = this.nextContentLine(here.number + 1);
    const nextKey = keyOf(next);
    if (key && next && nextKey && next.indent > here.indent && key.value !== "") {
      return this.overIndented(next, nextKey, here, key);
    }
    if (key && above && aboveKey && above.indent > here.indent) {
      return this.atLine(
        here,
        0,
        `\`${key.name}\` is indented less than \`${aboveKey.name}\` on the line above`,
        `align \`${key.name}\` with \`${aboveKey.name}\` (column ${above.indent + 1}) or with a key further out; the keys of one mapping start at the same column`,
      );
    }
    if (!key && !item) return this.noColon(here);
    return undefined;
  }

  /** A key indented under a `key: value` line: it continues nothing, the user shifted it. */
  private overIndented(line: SourceLine, key: KeyLine, above: SourceLine, aboveKey: KeyLine): YamlMistake {
    return this.atLine(
      line,
      0,
      `\`${key.name}\` is indented more than \`${aboveKey.name}\` on the line above`,
      `align \`${key.name}\` with \`${aboveKey.name}\` (column ${above.indent + 1}); only the entries under a \`key:\` with no value on its line are indented further`,
    );
  }

  /** A line that is neither `key: value` nor `- item`: a colon or a `- ` is missing. */
  private noColon(here: SourceLine): YamlMistake {
    const siblings = this.block(here);
    const parent = this.previousContentLine((siblings[0] ?? here).number);
    const isList = siblings.every((s) => !keyOf(s)) && parent !== undefined && keyOf(parent)?.value === "";
    if (isList) {
      const first = siblings.find((s) => !s.content.startsWith("-")) ?? here;
      return this.atLine(
        first,
        0,
        `\`${first.content}\` is not a list item`,
        `start each entry of the list with \`- \`, like \`- ${first.content}\``,
      );
    }
    const words = here.content.split(/\s+/);
    return this.atLine(
      here,
      0,
      `\`${here.content}\` has no colon`,
      words.length > 1
        ? `write \`key: value\`, like \`${words[0]}: ${words.slice(1).join(" ")}\``
        : `write \`${here.content}: VALUE\`, or remove the line`,
    );
  }

  /** The lines at the same indentation as `line` in its block: up to lines indented less. */
  private block(line: SourceLine): SourceLine[] {
    const result: SourceLine[] = [line];
    for (const step of [-1, 1]) {
      for (let i = line.number - 1 + step; i >= 0 && i < this.lines.length; i += step) {
        const other = this.lines[i];
        if (!other || other.content === "") continue;
        if (other.indent < line.indent) break;
        if (other.indent !== line.indent) continue;
        if (step < 0) result.unshift(other);
        else result.push(other);
      }
    }
    return result;
  }

  private previousItem(line: SourceLine): SourceLine | undefined {
    for (let i = line.number - 2; i >= 0; i--) {
      const other = this.lines[i];
      if (!other || other.content === "") continue;
      if (other.content.startsWith("-")) return other;
      if (other.indent < line.indent) return undefined;
    }
    return undefined;
  }

  private nextContentLine(from: number): SourceLine | undefined {
    for (let i = from - 1; i < this.lines.length; i++) {
      const line = this.lines[i];
      if (line && line.content !== "") return line;
    }
    return undefined;
  }

  private previousContentLine(before: number): SourceLine | undefined {
    for (let i = before - 2; i >= 0; i--) {
      const line = this.lines[i];
      if (line && line.content !== "") return line;
    }
    return undefined;
  }

  private offsetOf(line: SourceLine): number {
    return (this.lineCounter.lineStarts[line.number - 1] ?? 0) + line.indent;
  }

  private atLine(line: SourceLine, columnInContent: number, message: string, hint: string): YamlMistake {
    return {
      code: "yaml-syntax",
      message,
      hint,
      line: line.number,
      column: line.indent + columnInContent + 1,
    };
  }

  private at(offset: number, message: string, hint: string): YamlMistake {
    const { line, col } = this.lineCounter.linePos(offset);
    return { code: "yaml-syntax", message, hint, line, column: col };
  }
}

function isClosedQuote(source: string, quote: string): boolean {
  if (source.length < 2 || !source.endsWith(quote)) return false;
  if (quote === "'") return true;
  const backslashes = /\\*$/.exec(source.slice(0, -1))?.[0].length ?? 0;
  return backslashes % 2 === 0;
}
