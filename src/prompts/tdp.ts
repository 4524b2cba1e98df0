/**
 * Prompt templates for the TDP roles. Placeholders are `{name}`. Each prompt states the
 * role, the inputs it is scoped to, and what to return; none carries benchmark answers.
 *
 * The worker prompts (PLANNER, EXECUTOR, EVALUATOR) receive only one sub-task's spec, its
 * prerequisites' outcome summaries and that sub-task's own steps: never the global task,
 * never another sub-task's steps.
 */

export const SUPERVISOR_CONSTRUCT_PROMPT = `You are the Supervisor of a planning agent. Decompose the task below into a small DAG of sub-tasks.

Rules:
- Give each sub-task a short id (n1, n2, ...), a standalone spec, and the ids of the sub-tasks it depends on.
- A spec must make sense on its own: whoever executes it sees only that spec and the outcome summaries of its prerequisites, never this task. Copy into the spec every detail it needs (names, places, dates, numbers, constraints).
- Add a dependency only when a sub-task needs another one's result. Independent sub-tasks run in parallel.
- Use at most {maxNodes} sub-tasks and no cycles.
- {deliveryRule}

Tools available to the executors:
{tools}

Task:
{task}`;

export const PLANNER_PROMPT = `You are the Planner for one sub-task of a larger job. Write a short plan (at most {maxSteps} steps) that completes this sub-task with the tools below. Plan only this sub-task; one tool call per step.

Sub-task id: {id}
Sub-task: {spec}

Outcomes of prerequisite sub-tasks:
{prereqs}

Tools:
{tools}`;

export const PLANNER_REFINE_PROMPT = `You are the Planner for one sub-task of a larger job. The Evaluator asked for a new plan. Revise the plan for the remaining work of this sub-task only, using what its steps so far have shown.

Sub-task id: {id}
Sub-task: {spec}

Outcomes of prerequisite sub-tasks:
{prereqs}

Previous plan:
{plan}

Steps of this sub-task so far:
{trace}

Evaluator guidance: {guidance}

Tools:
{tools}`;

export const EXECUTOR_PROMPT = `You are the Executor for one sub-task of a larger job. Take exactly one action now: call one tool, following the plan. Do not explain.

Sub-task id: {id}
Sub-task: {spec}

Outcomes of prerequisite sub-tasks:
{prereqs}

Plan:
{plan}
{guidance}`;

export const EXECUTOR_START = `Take the next step of the plan for sub-task {id}.`;

export const EVALUATOR_PROMPT = `You are the Evaluator for one sub-task of a larger job. Judge the latest step of this sub-task.

Sub-task id: {id}
Sub-task: {spec}

Outcomes of prerequisite sub-tasks:
{prereqs}

Plan:
{plan}

Steps of this sub-task so far:
{trace}

Answer with:
- status "completed" when the sub-task's goal is reached. Then write "outcome": a compact summary of the facts a later sub-task needs (names, numbers, prices, times, answers). Nothing else goes to later sub-tasks, so include what matters and leave out the rest.
- status "needs_more_steps" when more actions are needed. Set replan=true if the plan no longer fits (for example the last action failed or returned something unexpected), and give one line of guidance.
- status "failed" when the sub-task cannot be completed with these tools.`;

export const SELF_REVISION_PROMPT = `You are the Supervisor. A batch of sub-tasks just finished. Revise the unfinished part of the plan if that helps; otherwise change nothing.

You may:
- rewrite the spec of a pending or failed sub-task, for example to add facts learned from completed outcomes or to repair a failure (a rewritten failed sub-task is tried again);
- add sub-tasks, or remove unfinished ones that are no longer needed.
You may not change completed sub-tasks. Keep the graph acyclic, at most {maxNodes} sub-tasks.
Return empty lists when nothing needs to change.

Task:
{task}

Sub-tasks (id [status] deps, spec, outcome):
{dag}`;

export const DELIVER_PROMPT = `You are the Supervisor. Write the final result of the task from the outcomes of its sub-tasks.

Task:
{task}

Sub-task outcomes:
{outcomes}

Format of the result: {format}`;

export const REASK_PROMPT = `Your previous {what} was rejected: {errors}
Previous answer: {previous}
Answer again, fixing these problems.`;

/** Replaces `{name}` placeholders; unknown placeholders are an error, not silent text. */
export function fillPrompt(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    if (!(key in vars)) throw new Error(`prompt placeholder {${key}} has no value`);
    return String(vars[key]);
  });
}
