/**
 * Parser and writer for the Python literals in the official query files, e.g.
 * "['2022-03-16', '2022-03-17']" or "{'house rule': None, 'cuisine': ['Chinese']}".
 * Supports strings, numbers, None/True/False, lists, tuples and dicts; never evaluates code.
 */
export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

export class PyLiteralError extends Error {
  override name = "PyLiteralError";
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0" };

export function parsePyLiteral(text: string): PyValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new PyLiteralError(`${what} at position ${i} in ${JSON.stringify(text.slice(0, 80))}`);
  };
  const skip = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const parseString = (): string => {
    const quote = text[i++];
    let out = "";
    while (i < text.length && text[i] !== quote) {
      if (text[i] === "\\") {
        const next = text[i + 1];
        if (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else if (next === "U" && /^[0-9a-fA-F]{8}$/.test(text.slice(i + 2, i + 10))) {
          out += String.fromCodePoint(parseInt(text.slice(i + 2, i + 10), 16));
          i += 10;
        } else if (next === "x" && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16));
          i += 4;
        } else {
          out += ESCAPES[next] ?? `\\${next}`;
          i += 2;
        }
      } else out += text[i++];
    }
    if (text[i] !== quote) fail("unterminated string");
    i++;
    return out;
  };
  const parseSequence = (close: string): PyValue[] => {
    i++;
    const items: PyValue[] = [];
    skip();
    while (text[i] !== close) {
      items.push(parseValue());
      skip();
      if (text[i] === ",") {
        i++;
        skip();
      } else if (text[i] !== close) fail(`expected "," or "${close}"`);
    }
    i++;
    return items;
  };
  const parseDict = (): { [key: string]: PyValue } => {
    i++;
    const out: { [key: string]: PyValue } = {};
    skip();
    while (text[i] !== "}") {
      const key = parseValue();
      skip();
      if (text[i] !== ":") fail('expected ":"');
      i++;
      out[String(key)] = parseValue();
      skip();
      if (text[i] === ",") {
        i++;
        skip();
      } else if (text[i] !== "}") fail('expected "," or "}"');
    }
    i++;
    return out;
  };
  const parseValue = (): PyValue => {
    skip();
    const c = text[i];
    if (c === undefined) return fail("unexpected end");
    if (c === "'" || c === '"') return parseString();
    if (c === "[") return parseSequence("]");
    if (c === "(") return parseSequence(")");
    if (c === "{") return parseDict();
    const word = /^(None|True|False|null|true|false|nan|NaN)\b/.exec(text.slice(i));
    if (word) {
      i += word[0].length;
      if (word[0] === "True" || word[0] === "true") return true;
      if (word[0] === "False" || word[0] === "false") return false;
      return null;
    }
    const num = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(i));
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    return fail(`unexpected character ${JSON.stringify(c)}`);
  };
  const value = parseValue();
  skip();
  if (i < text.length) fail("trailing text");
  return value;
}

/** A string as Python's `repr` writes it: single quotes unless the text has ' but no ". */
function pyStringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = "";
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

/**
 * Python's `repr` of a literal (what `str(dict)` writes in the official query files), so
 * `eval` / `ast.literal_eval` on the Python side and `parsePyLiteral` here read it back.
 * Dict keys keep their insertion order, as in Python.
 */
export function toPyLiteral(value: PyValue): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new PyLiteralError(`no Python literal for ${value}`);
    return String(value);
  }
  if (typeof value === "string") return pyStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(toPyLiteral).join(", ")}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${pyStringRepr(k)}: ${toPyLiteral(v)}`)
    .join(", ")}}`;
}
