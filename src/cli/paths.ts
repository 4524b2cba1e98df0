/**
 * Checks of the files and directories a command will write, made while its arguments are
 * parsed: a typo in `--trace`, `--out` or a report directory is one line and exit 2 before
 * the first (possibly paid) model call, not a crash after it.
 */
import { accessSync, constants, statSync, type Stats } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "../errors.js";

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** Whether this process may create entries in the directory (write and search permission). */
function canWriteInto(dir: string): boolean {
  return accessible(dir, constants.W_OK | constants.X_OK);
}

function accessible(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

/**
 * A file the command creates or appends to (`flag` names it in the message, e.g. "--trace"):
 * not a directory, writable if it exists, and its directory exists and can be written.
 */
export function checkWritableFile(path: string, flag: string): void {
  const file = statOrNull(path);
  if (file?.isDirectory()) throw new UsageError(`${flag} ${path} is a directory`);
  if (file && !accessible(path, constants.W_OK)) throw new UsageError(`${flag} ${path} is not writable`);
  const dir = dirname(resolve(path));
  const st = statOrNull(dir);
  if (!st) throw new UsageError(`${flag}: no directory ${dir}`);
  if (!st.isDirectory()) throw new UsageError(`${flag}: ${dir} is a file, not a directory`);
  if (!canWriteInto(dir)) throw new UsageError(`${flag}: directory ${dir} is not writable`);
}

/**
 * A directory the command writes into. With `create`, a missing one is fine when it can be
 * made: its nearest existing ancestor is a directory this process can write.
 */
export function checkWritableDir(path: string, flag: string, opts: { create: boolean }): void {
  const st = statOrNull(path);
  if (st) {
    if (!st.isDirectory()) throw new UsageError(`${flag} ${path} is a file, not a directory`);
    if (!canWriteInto(path)) throw new UsageError(`${flag} ${path}: directory is not writable`);
    return;
  }
  if (!opts.create) throw new UsageError(`${flag} ${path}: no such directory`);
  let ancestor = dirname(resolve(path));
  let ast = statOrNull(ancestor);
  while (!ast && dirname(ancestor) !== ancestor) {
    ancestor = dirname(ancestor);
    ast = statOrNull(ancestor);
  }
  if (!ast?.isDirectory()) throw new UsageError(`${flag} ${path}: cannot create it, ${ancestor} is a file`);
  if (!canWriteInto(ancestor)) throw new UsageError(`${flag} ${path}: cannot create it, ${ancestor} is not writable`);
}
