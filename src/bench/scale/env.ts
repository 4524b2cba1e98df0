/**
 * The environment of `npm run bench:scale`: one task whose work is the shape's `work` steps.
 * Each `work` call waits the latency model's tool time (as a real tool would) and answers a
 * short line, so what is measured is the schedule, not the world.
 */
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { UnknownTaskError } from "../../errors.js";
import type { EnvSession, Environment, TaskInfo } from "../../tools/types.js";
import { shapeReference, type ScaleShape } from "./shapes.js";

export const SCALE_TASK_ID = "scale-1";

export interface ScaleEnvOptions {
  /** Registered name; unique per shape and option set. */
  name: string;
  /** Milliseconds each `work` call takes. */
  toolMs: number;
  /** One sub-task at a time (the serial reference for the speedup). */
  exclusive?: boolean;
}

export function createScaleEnvironment(shape: ScaleShape, opts: ScaleEnvOptions): Environment {
  const reference = shapeReference(shape);
  const steps = shape.nodes.reduce((a, n) => a + n.steps, 0);
  const task: TaskInfo = {
    id: SCALE_TASK_ID,
    level: shape.name,
    query: `Process every item of the ${shape.nodes.length} parts (${steps} items); a part may start only after the parts it needs.`,
  };
  return {
    name: opts.name,
    description: `bench:scale world (${shape.name})`,
    exclusive: opts.exclusive ?? false,
    defaultMaxSteps: steps * 3 + 10,
    deliveryFormat: "one line saying how many parts were processed",
    submitTool: null,
    tasks: () => [task],
    task: (id) => {
      if (id !== SCALE_TASK_ID) throw new UnknownTaskError(opts.name, id);
      return task;
    },
    reference: () => reference,
    createSession(): EnvSession {
      let submitted: string | null = null;
      let calls = 0;
      const work = tool(
        async ({ item }) => {
          calls++;
          if (opts.toolMs > 0) await new Promise((r) => setTimeout(r, opts.toolMs));
          return `processed ${item}`;
        },
        {
          name: "work",
          description: "Process one item.",
          schema: z.object({ item: z.string().describe("the item, as part/index") }),
        },
      );
      return {
        tools: () => [work],
        submission: () => submitted,
        submit: (a) => {
          submitted = a;
        },
        callCounts: () => ({ work: calls }),
      };
    },
    score: (_id, session) => ({ delivered: session.submission() ? 1 : 0 }),
  };
}
