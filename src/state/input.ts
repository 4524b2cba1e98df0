/**
 * What a run accepts, for every architecture: a free-form task, or a bundled environment and
 * task id. Studio shows it as the input form, and the graphs validate their input against it
 * (a wrong type fails the run before any node runs, naming the field).
 *
 * Every field defaults to null, so a new input on a re-used thread replaces all three: a run
 * never inherits the previous run's task.
 */
import { z } from "zod";
import { chatMessages } from "./messagesField.js";

export const GraphInput = z.object({
  task: z
    .string()
    .nullable()
    .default(null)
    .describe("A free-form task (needs a real model and an env's tools); leave empty to run a bundled task"),
  env: z.string().nullable().default(null).describe("Bundled environment: travel, wiki or science"),
  taskId: z
    .string()
    .nullable()
    .default(null)
    .describe("Bundled task id, e.g. travel-easy-001 (list them with: tdp tasks --env NAME)"),
});
export type GraphInput = z.infer<typeof GraphInput>;

/**
 * TDP's input also takes a chat history, so the graph drops into a `MessagesAnnotation`
 * parent: with no `task`, the last human message is the task.
 */
export const TdpInput = GraphInput.extend({
  /** Chat history; with no task, the last human message is the task. LangGraph's own messages field, so Studio renders it as a chat. */
  messages: chatMessages().optional(),
});
export type TdpInput = z.infer<typeof TdpInput>;
