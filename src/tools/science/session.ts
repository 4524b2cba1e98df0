/**
 * One run's world: the simulator, the task's progress tracker and the `act` tool bound to them.
 */
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { EnvSession, Scores } from "../types.js";
import { execute, type Hooks } from "./actions.js";
import { parse } from "./parser.js";
import { rulesFor, Tracker, type CheckContext, type Progress } from "./reward.js";
import { buildTask, type Roles, type ScienceTask } from "./tasks.js";
import { ACT_TOOL_NAME, createActTool } from "./tools.js";
import type { Thing, World } from "./world.js";

export interface StepResult {
  /** False when the action was rejected (not understood, not possible, or the task is over). */
  ok: boolean;
  observation: string;
}

export class ScienceSession implements EnvSession {
  readonly world: World;
  readonly roles: Roles;
  readonly tracker: Tracker;
  readonly progress: Progress = { focused: [], measured: [] };
  private actions = 0;
  private rejected = 0;
  private answer: string | null = null;
  private readonly actTool: StructuredToolInterface;

  constructor(readonly task: ScienceTask) {
    const built = buildTask(task.variation);
    this.world = built.world;
    this.roles = built.roles;
    this.tracker = new Tracker(rulesFor(task.variation));
    this.actTool = createActTool((action) => this.step(action).observation);
  }

  private get ctx(): CheckContext {
    return { world: this.world, roles: this.roles, progress: this.progress };
  }

  private readonly hooks: Hooks = {
    onFocus: (t: Thing) => {
      const name = this.world.nameOf(t);
      if (!this.tracker.rules.focusOk(this.ctx, t)) {
        this.tracker.fail(`you focused on the ${name}, which is not what the task is about`);
        return `You focus on the ${name}.`;
      }
      if (!this.progress.focused.includes(t.id)) this.progress.focused.push(t.id);
      return `You focus on the ${name}.`;
    },
    onMeasure: (t: Thing) => {
      if (!this.progress.measured.includes(t.id)) this.progress.measured.push(t.id);
    },
    onMerge: (removed: Thing, kept: Thing) => {
      for (const key of Object.keys(this.roles)) if (this.roles[key] === removed.id) this.roles[key] = kept.id;
      const swap = (ids: number[]) => ids.map((id) => (id === removed.id ? kept.id : id));
      this.progress.focused = [...new Set(swap(this.progress.focused))];
      this.progress.measured = [...new Set(swap(this.progress.measured))];
    },
  };

  /** Runs one command. Never throws: every problem comes back as the observation. */
  step(action: string): StepResult {
    this.actions++;
    if (this.tracker.over) {
      this.rejected++;
      return {
        ok: false,
        observation: `The task is already over (${this.statusLine()}); actions no longer change anything.`,
      };
    }
    const parsed = parse(typeof action === "string" ? action : "");
    if (!parsed.ok) {
      this.rejected++;
      return { ok: false, observation: parsed.error };
    }
    const before = this.world.powered();
    const result = execute(this.world, parsed.command, this.hooks);
    if (!result.ok) {
      this.rejected++;
      return { ok: false, observation: result.text };
    }
    const power = this.powerChanges(before);
    let text = power ? `${result.text}${result.text.includes("\n") ? "\n" : " "}${power}` : result.text;
    this.tracker.update(this.ctx);
    for (let i = 0; i < result.ticks; i++) {
      this.world.tick();
      this.tracker.update(this.ctx);
    }
    if (this.tracker.over) text += `\n(${this.statusLine()}.)`;
    return { ok: true, observation: text };
  }

  private powerChanges(before: Set<number>): string {
    const after = this.world.powered();
    const notes: string[] = [];
    for (const t of this.world.things.values()) {
      if (!t.electric || t.electric === "battery" || t.electric === "wire") continue;
      const was = before.has(t.id);
      const is = after.has(t.id);
      if (was === is) continue;
      const verb =
        t.electric === "bulb"
          ? is
            ? "turns on"
            : "turns off"
          : t.electric === "buzzer"
            ? is
              ? "starts buzzing"
              : "stops buzzing"
            : is
              ? "starts spinning"
              : "stops spinning";
      notes.push(`The ${this.world.nameOf(t)} ${verb}.`);
    }
    return notes.join(" ");
  }

  private statusLine(): string {
    if (this.tracker.complete) return "The task is complete";
    return `The task has failed: ${this.tracker.failure}`;
  }

  tools(_scope: string): StructuredToolInterface[] {
    return [this.actTool];
  }

  submission(): string | null {
    return this.answer;
  }

  submit(answer: string): void {
    this.answer = answer;
  }

  callCounts(): Record<string, number> {
    return { [ACT_TOOL_NAME]: this.actions };
  }

  /** Rejected actions so far (invalid, impossible, or after the end). */
  rejectedCount(): number {
    return this.rejected;
  }

  /**
   * `reward` is this project's 0-1 score (weighted subgoals, 0 once failed). With
   * `scoring: "official"` the line also gets `reward_official` on ScienceWorld's own scale:
   * 0-100 with the ordered subgoals weighted equally, and -100 for a task that failed.
   */
  scores(scoring: "strict" | "official" = "strict"): Scores {
    const official = scoring === "official";
    return {
      reward: this.tracker.reward,
      ...(official
        ? { reward_official: this.tracker.failure ? -100 : (100 * this.tracker.achieved) / this.tracker.total }
        : {}),
      scoring_official: official ? 1 : 0,
      delivered: this.tracker.complete ? 1 : 0,
      subgoals_done: this.tracker.achieved,
      subgoals_total: this.tracker.total,
      failed: this.tracker.failure ? 1 : 0,
      actions: this.actions,
      invalid_actions: this.rejected,
    };
  }

  /** The whole state (world and task progress) as one string, for "nothing changed" checks. */
  fingerprint(): string {
    return JSON.stringify({
      world: this.world.fingerprint(),
      roles: this.roles,
      progress: this.progress,
      checklist: this.tracker.checklist(),
      failure: this.tracker.failure,
    });
  }
}
