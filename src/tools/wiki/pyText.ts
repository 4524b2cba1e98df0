/**
 * Python 3 string semantics that official evaluation scripts rely on, for code that must
 * agree with them character for character (HotpotQA's normalisation, TravelPlanner's
 * regular expressions). JavaScript differs in three places that matter:
 *
 * - whitespace: Python's `str.split()`, `str.strip()` and `re`'s `\s` use `str.isspace`,
 *   which includes U+001C-U+001F and U+0085 but not U+FEFF; JavaScript's `\s` and `trim()`
 *   are the other way round;
 * - word characters: Python's `re` (str patterns) treats every letter and number of any
 *   script as `\w` (`str.isalnum()` plus "_"), so `\b` sits between "ñ" and "t" in no
 *   place; JavaScript's `\w` and `\b` are ASCII-only;
 * - `.` matches everything but "\n" in Python, but also stops at "\r", U+2028 and U+2029 in
 *   JavaScript; and Python's `$` also matches just before a final "\n".
 *
 * Checked against CPython 3.11: `str.isalnum()` is exactly Unicode categories L* and N*, and
 * `str.isspace()` is exactly the characters of `PY_WHITESPACE`.
 */

/** The characters `str.isspace()` accepts (CPython 3.11), as a regex class body. */
export const PY_WHITESPACE =
  "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

/** Python's `\s` (str patterns); use with the `u` flag. */
export const PY_S = `[${PY_WHITESPACE}]`;

/** Python's `\w` (str patterns): letters and numbers of every script, and "_"; needs the `u` flag. */
export const PY_W = "[\\p{L}\\p{N}_]";

/** Python's `.` without DOTALL. */
export const PY_DOT = "[^\\n]";

/** Python's `$` without MULTILINE: the end, or just before a final newline. */
export const PY_END = "(?=\\n?$)";

/** Python's `\b` around a fragment, as lookarounds (JavaScript's `\b` is ASCII-only). */
export function pyWordBounded(fragment: string): string {
  return `(?<!${PY_W})(?:${fragment})(?!${PY_W})`;
}

const SPLIT = new RegExp(`${PY_S}+`, "u");
const LEADING = new RegExp(`^${PY_S}+`, "u");
const TRAILING = new RegExp(`${PY_S}+$`, "u");

/** `s.split()` with no separator: runs of Python whitespace, no empty pieces. */
export function pySplit(s: string): string[] {
  return s.split(SPLIT).filter((t) => t.length > 0);
}

/** `s.strip()` with no argument. */
export function pyStrip(s: string): string {
  return s.replace(LEADING, "").replace(TRAILING, "");
}
