/**
 * Progress of a benchmark on stderr: a redrawn bar with ETA on a terminal, one plain line per
 * finished pair otherwise (CI logs, pipes).
 */
import { ARCH_LABELS } from "../graph/archs.js";
import type { BenchRecord } from "./record.js";

export interface ProgressSink {
  start(total: number, skipped: number): void;
  done(record: BenchRecord): void;
  finish(): void;
}

/** "1h02m", "3m05s", "42s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/** Remaining time from the average time per finished pair (pairs run in parallel, so wall time is what counts). */
export function estimateRemaining(elapsedSeconds: number, done: number, total: number): number {
  if (done === 0) return Number.NaN;
  return (elapsedSeconds / done) * (total - done);
}

function outcome(r: BenchRecord): string {
  if (r.error) return `error: ${r.error.slice(0, 80)}`;
  const main =
    r.metrics.final_pass ?? r.metrics.accuracy ?? r.metrics.reward ?? r.metrics.correct ?? r.metrics.delivered;
  return `${r.status}${main !== undefined ? ` score=${Number.isInteger(main) ? main : main.toFixed(2)}` : ""}`;
}

export class Progress implements ProgressSink {
  private total = 0;
  private finished = 0;
  private errors = 0;
  private started = 0;
  private last = "";

  constructor(
    private readonly write: (s: string) => void = (s) => process.stderr.write(s),
    private readonly tty: boolean = !!process.stderr.isTTY,
    private readonly now: () => number = () => Date.now(),
  ) {}

  start(total: number, skipped: number): void {
    this.total = total;
    this.started = this.now();
    this.write(`bench: ${total} runs to do${skipped ? `, ${skipped} already in the results file (skipped)` : ""}\n`);
    if (this.tty) this.redraw();
  }

  done(r: BenchRecord): void {
    this.finished++;
    if (r.error) this.errors++;
    this.last = `${r.env}/${r.task_id} ${ARCH_LABELS[r.arch] ?? r.arch}: ${outcome(r)} (${r.tokens_in + r.tokens_out} tok, ${r.wall_s.toFixed(1)}s)`;
    if (this.tty) this.redraw();
    else this.write(`[${this.finished}/${this.total}] ${this.last}\n`);
  }

  finish(): void {
    if (this.tty) this.write("\n");
    const elapsed = (this.now() - this.started) / 1000;
    this.write(
      `bench: ${this.finished} runs in ${formatDuration(elapsed)}${this.errors ? `, ${this.errors} with errors` : ""}\n`,
    );
  }

  private redraw(): void {
    const width = 24;
    const frac = this.total ? this.finished / this.total : 1;
    const filled = Math.round(frac * width);
    const elapsed = (this.now() - this.started) / 1000;
    const eta = estimateRemaining(elapsed, this.finished, this.total);
    const bar = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${this.finished}/${this.total} ${Math.round(frac * 100)}% ETA ${formatDuration(eta)}`;
    const cols = process.stderr.columns ?? 120;
    const line = `${bar}${this.errors ? ` (${this.errors} errors)` : ""}  ${this.last}`.slice(0, cols - 1);
    this.write(`\r\x1b[2K${line}`);
  }
}

/** A sink that prints nothing (tests, library use). */
export const silentProgress: ProgressSink = { start() {}, done() {}, finish() {} };
