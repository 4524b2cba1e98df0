/**
 * The one tool the agent acts through, as ScienceWorld agents do: a command string.
 */
import { tool, type StructuredToolInterface } from "@langchain/core/tools";
import { z } from "zod";
import { GRAMMAR, WAIT_TICKS } from "./parser.js";

export const ACT_TOOL_NAME = "act";

export const ACT_DESCRIPTION =
  "Take one action in the science simulator (a small house with a kitchen, hallway, bathroom, greenhouse, " +
  "workshop and outside) and read what happens. Actions: " +
  GRAMMAR.join("; ") +
  '. Name objects as observations show them ("metal pot", "door to kitchen"); when two share a name, say which ' +
  'container holds it ("water in glass cup"). Doors must be opened before you can go through them. Every accepted ' +
  `action takes one tick of time (wait takes ${WAIT_TICKS}); an action that is not understood or not possible changes ` +
  "nothing and says why. Focusing on an object the task does not ask about ends the task.";

/** Builds the `act` tool around a session's step function (which never throws). */
export function createActTool(run: (action: string) => string): StructuredToolInterface {
  return tool(async ({ action }: { action: string }) => run(action), {
    name: ACT_TOOL_NAME,
    description: ACT_DESCRIPTION,
    schema: z.object({
      action: z
        .string()
        .describe('One command, e.g. "look around", "open door to kitchen", "move metal pot to stove", "wait".'),
    }),
  });
}
