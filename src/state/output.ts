/**
 * What a run returns, as schemas Studio shows as the output form and LangGraph Platform
 * documents: the answer, the final status and why, the DAG, the scores and the usage. Every
 * architecture returns the common fields; TDP adds its DAG, rounds and revision log.
 */
import { z } from "zod";
import { chatMessages } from "./messagesField.js";

const Counts = z.object({
  input: z.number().describe("Prompt tokens"),
  output: z.number().describe("Output tokens"),
  calls: z.number().describe("LLM calls answered"),
  errors: z.number().optional().describe("Failed LLM call attempts (retried or not)"),
});

const UsageByRole = z
  .record(z.string(), Counts)
  .describe("Tokens and calls by role (supervisor, planner, executor, ...): the entries sum to the run's total");

const RunStatusSchema = z
  .enum(["running", "completed", "budget_exhausted", "failed", "error"])
  .describe("completed | budget_exhausted | failed (a sub-task failed or blocked) | error (the run could not start)");

const SubTaskSchema = z.object({
  id: z.string(),
  spec: z.string().describe("The standalone spec its workers saw"),
  deps: z.array(z.string()),
  status: z.enum(["pending", "running", "completed", "failed"]),
  outcome: z.string().nullable().describe("The summary later sub-tasks received (or why it failed)"),
  attempts: z.number(),
  stepsUsed: z.number(),
  replans: z.number(),
  tools: z.array(z.string()).nullable().optional().describe("Tool allow-list, if the Supervisor set one"),
  usage: Counts.optional().describe("This sub-task's own LLM calls, over all attempts"),
  budget: z.number().optional().describe("While running: the steps its attempt was granted"),
  expand: z.boolean().optional().describe("Staged construction: to be split into children when ready"),
  children: z.array(z.string()).optional().describe("Once expanded: its children, which it waits for"),
});

const RevisionSchema = z.object({
  round: z.number(),
  stage: z.enum(["construct", "revise", "approve", "expand"]),
  trigger: z.enum(["batch", "failed", "downstream", "stuck"]).optional().describe("What made Self-Revision run"),
  scope: z.array(z.string()).optional().describe("The sub-tasks the revision or expansion was about"),
  accepted: z.boolean(),
  changes: z.number(),
  errors: z.array(z.string()),
});

/** The fields every architecture returns. */
export const CommonOutput = z.object({
  task: z.string().describe("The task as the run understood it"),
  env: z.string().nullable(),
  taskId: z.string().nullable(),
  runId: z.string().describe("Key of the run's environment session"),
  answer: z.string().nullable().describe("The delivered result"),
  status: RunStatusSchema,
  reason: z.string().nullable().describe("Why the run did not complete (or a note on how it delivered)"),
  scores: z.record(z.string(), z.number()).nullable().describe("The environment's scores of the delivered result"),
  stepsUsed: z.number().describe("Environment steps (tool calls) over the whole run"),
  replans: z.number().describe("Replans: TDP's local ones, Plan-and-Act's global ones"),
  usage: UsageByRole,
});

const StepSchema = z.object({
  action: z.object({ id: z.string(), tool: z.string(), args: z.record(z.string(), z.unknown()) }).nullable(),
  observation: z.string(),
});

/** The single-history baselines also return their plan and their whole history. */
export const BaselineOutput = CommonOutput.extend({
  plan: z.array(z.string()).describe("The global plan as it ended (CoT, Plan-and-Act)"),
  trace: z.array(StepSchema).describe("Every action and observation of the run, in order"),
  fault: z.string().nullable().describe("The model fault that ended the run, if any"),
});

export const TdpOutput = CommonOutput.extend({
  dag: z.record(z.string(), SubTaskSchema).describe("The sub-task DAG as it ended"),
  round: z.number().describe("Dispatch rounds"),
  revisions: z.array(RevisionSchema).describe("Construction, approval and Self-Revision records"),
  /** Chat history; the answer is the last AI message. */
  messages: chatMessages(),
});
