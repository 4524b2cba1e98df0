/**
 * What a run accepts, for every architecture: a free-form task, or a bundled environment and
 * task id. Studio shows it as the input form, and the graphs validate their input against it
 * (a wrong type fails the run before any node runs, naming the field).
 */
import { z } from "zod";

export const GraphInput = z.object({
  task: z
    .string()
    .nullish()
    .describe("A free-form task (needs a real model and an env's tools); leave empty to run a bundled task"),
  env: z.string().nullish().describe("Bundled environment: travel, wiki or science"),
  taskId: z.string().nullish().describe("Bundled task id, e.g. travel-easy-001 (list them with: tdp tasks --env NAME)"),
});
export type GraphInput = z.infer<typeof GraphInput>;

/**
 * TDP's input also takes a chat history, so the graph drops into a `MessagesAnnotation`
 * parent: with no `task`, the last human message is the task.
 */
export const TdpInput = GraphInput.extend({
  // Message objects or their JSON form; the `messages` channel's reducer coerces them. Typed as
  // unknown here so Studio can render the schema (a custom zod type has no JSON schema).
  messages: z.array(z.unknown()).optional().describe("Chat history; with no task, the last human message is the task"),
});
export type TdpInput = z.infer<typeof TdpInput>;
