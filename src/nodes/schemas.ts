/**
 * Structured outputs of the TDP roles. Every field is required (nullable where optional)
 * so the same schemas work with strict `json_schema` servers and with forced tool calls.
 * The schema names double as the tool names a function-calling model sees.
 */
import { z } from "zod";

const proposedNodeFields = {
  id: z.string().describe("Short id, e.g. n1"),
  spec: z.string().describe("Standalone description of the sub-task, with every detail it needs"),
  deps: z.array(z.string()).describe("Ids of sub-tasks whose results this one needs"),
  tools: z
    .array(z.string())
    .nullable()
    .describe("Names of the only tools this sub-task may use, or null for every tool"),
};
const ProposedNodeSchema = z.object(proposedNodeFields);

/** With staged construction: a node may be marked to be split into children when it becomes ready. */
const StagedNodeSchema = z.object({
  ...proposedNodeFields,
  expand: z
    .boolean()
    .nullable()
    .describe("True for a coarse sub-task to be split into smaller ones when it becomes ready"),
});

export const ConstructDag = {
  name: "construct_dag",
  schema: z
    .object({ nodes: z.array(ProposedNodeSchema).describe("The sub-tasks") })
    .describe("Decompose the task into a DAG of sub-tasks"),
};

export const ConstructStagedDag = {
  name: "construct_dag",
  schema: z
    .object({ nodes: z.array(StagedNodeSchema).describe("The sub-tasks") })
    .describe("Decompose the task into a DAG of sub-tasks"),
};

export const ExpandSubTask = {
  name: "expand_sub_task",
  schema: z
    .object({ nodes: z.array(ProposedNodeSchema).describe("The smaller sub-tasks; deps name only each other") })
    .describe("Split one coarse sub-task into smaller sub-tasks"),
};

export const WritePlan = {
  name: "write_plan",
  schema: z
    .object({ steps: z.array(z.string()).describe("Plan steps, one tool call each") })
    .describe("A short plan for one sub-task"),
};

export const EvaluateStep = {
  name: "evaluate_step",
  schema: z
    .object({
      status: z
        .enum(["needs_more_steps", "completed", "failed"])
        .describe("Judgement on the sub-task after the latest step"),
      replan: z.boolean().describe("True if the plan should be revised before the next step"),
      guidance: z.string().nullable().describe("One line of guidance for the next step or the new plan"),
      outcome: z.string().nullable().describe("When completed: compact summary of the results later sub-tasks need"),
      // Optional (unlike the rest), so a reply written for the paper's four fields still parses.
      affects_downstream: z
        .boolean()
        .optional()
        .describe("When completed: true if the outcome means later sub-tasks should be re-planned"),
    })
    .describe("Judge the latest step of a sub-task"),
};

export const ReviseDag = {
  name: "revise_dag",
  schema: z
    .object({
      update: z
        .array(
          z.object({
            id: z.string().describe("Id of a pending or failed sub-task"),
            spec: z.string().nullable().describe("New spec, or null to keep it"),
            deps: z.array(z.string()).nullable().describe("New dependencies, or null to keep them"),
          }),
        )
        .describe("Edits to unfinished sub-tasks"),
      add: z.array(ProposedNodeSchema).describe("New sub-tasks"),
      remove: z.array(z.string()).describe("Ids of unfinished sub-tasks to drop"),
    })
    .describe("Revise the unfinished part of the DAG"),
};

export const DeliverAnswer = {
  name: "deliver_answer",
  schema: z
    .object({ answer: z.string().describe("The final result, in the requested format") })
    .describe("Deliver the final result"),
};
