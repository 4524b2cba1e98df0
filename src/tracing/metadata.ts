/**
 * Run metadata LangSmith filters on. LLM calls get theirs from `llmCallConfig`; graph nodes
 * get `arch` and `role` from their node-level metadata; a run's root gets `arch`, `env` and
 * `task_id` from the invoke config built here, and every run under it inherits them.
 */
export interface RunMetadata extends Record<string, unknown> {
  arch: string;
  env: string | null;
  task_id: string | null;
}

export function runMetadata(arch: string, env: string | null, taskId: string | null): RunMetadata {
  return { arch, env, task_id: taskId };
}
