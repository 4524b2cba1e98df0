/**
 * Prompt templates of the baseline architectures. Placeholders are `{name}` (filled with
 * `fillPrompt`). Like TDP's prompts they state the role, the inputs and what to return, and
 * carry no benchmark answers. Unlike TDP's, every one of them sees the whole task and (where
 * the architecture does) the whole history: that entanglement is what the baselines stand for.
 * Untrusted text (the steps so far) follows in non-system messages, as in TDP.
 */

/** ReAct (system prompt; the task is the first user message). */
export const REACT_PROMPT = `You are a ReAct agent. Solve the user's task by thinking step by step and calling tools; every tool result is added to this conversation.
{deliveryRule}
You may make at most {maxSteps} tool calls in total. When the task is done, reply with your final answer without calling a tool.
{dataRule}`;

/** CoT and Plan-and-Act: the one-shot global plan, written before anything is executed. */
export const GLOBAL_PLAN_PROMPT = `You are the Planner of a plan-then-execute agent. Before anything is executed, write the complete plan for the user's task: an ordered list of steps, one tool call each, that solves the whole task. {deliveryRule} Use at most {maxSteps} steps.

Tools:
{tools}`;

/** Plan-and-Act: global replanning of the whole remaining plan from the execution so far. */
export const REPLAN_PROMPT = `You are the Planner of a plan-and-act agent. The last step has been executed. Rewrite the whole plan from what the steps so far have shown: return the steps that remain, one tool call each, in order (leave out what is done, repair steps that failed). Return an empty list when the task is complete. {deliveryRule}
{dataRule}

Tools:
{tools}`;

/** CoT and Plan-and-Act Executor (system prompt; the steps so far follow as tool calls and results). */
export const PLAN_EXECUTOR_PROMPT = `You are the Executor of a plan-then-execute agent. Take exactly one action now: call one tool for the next step of the plan that is not done yet. Do not explain. When every step of the plan is done, reply "done" without calling a tool.
{deliveryRule}
{dataRule}`;

/** Delivery when nothing was submitted through the environment's tool (no tools bound). */
export const BASELINE_DELIVER_PROMPT = `Write the final result of the task from the steps taken. Reply with the result only.
{dataRule}

Format of the result: {format}`;

/** Observation returned for a tool call past the global step budget (the call is not executed). */
export const BUDGET_SPENT = `Not executed: the step budget of {maxSteps} tool calls is spent. No more tools can be used; reply with your final answer now.`;
