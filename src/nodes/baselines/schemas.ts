/**
 * Structured output of the baselines' planners. The name `global_plan` is also the tool name a
 * function-calling model sees, and the name the offline simulator answers with the whole
 * task's reference plan (for CoT's one-shot plan and for Plan-and-Act's replans alike).
 */
import { z } from "zod";

export const GlobalPlan = {
  name: "global_plan",
  schema: z
    .object({
      steps: z.array(z.string()).describe("Plan steps in order, one tool call each; empty when nothing remains"),
    })
    .describe("The plan for the whole task"),
};
