/** Package entry: graph builders, the agent factory, models, environments and types. */
export { createTdpAgent, type CreateTdpAgentParams } from "./agent.js";
export { buildTdpGraph, buildWorkerGraph, createTdpGraph, resolveMaxSteps } from "./graph/tdp.js";
export { planDispatch, routeAfterEvaluation, type DispatchPlan } from "./graph/routing.js";
export { buildReactGraph, createReactGraph } from "./graph/react.js";
export { buildCotGraph, createCotGraph } from "./graph/cot.js";
export { buildPlanAndActGraph, createPlanAndActGraph } from "./graph/planAndAct.js";
export { BaselineState, type BaselineArch, type BaselineStateType } from "./nodes/baselines/state.js";
export { BenchRecordSchema, type BenchRecord } from "./bench/record.js";
export { Runtime, type AgentOptions, type RunResources } from "./graph/runtime.js";
export {
  ConfigurationSchema,
  ensureConfiguration,
  recursionLimitFor,
  type Configuration,
  type Role,
} from "./configuration.js";
export { loadChatModel, checkModelSpec } from "./models/index.js";
export { createOfflineModel, OfflineSimulator } from "./models/offline.js";
export { ResponderChatModel, type Responder, type ResponderRequest } from "./models/responder.js";
export * from "./state/dag.js";
export { mergeDag, addUsage, totalUsage, type Usage, type UsageCounts } from "./state/reducers.js";
export { TdpState, WorkerState, type TdpStateType, type WorkerStateType, type RunStatus } from "./state/state.js";
export { getEnvironment, registerEnvironment, ENVIRONMENT_NAMES } from "./tools/registry.js";
export * from "./tools/types.js";
export { GraphInput } from "./graph/tdp.js";
export { withDefaultRecursionLimit } from "./graph/serve.js";
export { judgeAnswer, PlanApprovalAnswer, type PlanApprovalRequest } from "./nodes/approvePlan.js";
export { CheckpointStore, parseCheckpointSpec, type RunRecord } from "./checkpoint/sqlite.js";
export { CallRecorder, type LlmCallRecord } from "./tracing/callRecorder.js";
export { summarizeTrace, formatComparison, type TraceSummary } from "./tracing/compare.js";
export {
  runLangSmithExperiments,
  type LangSmithExperimentOptions,
  type LangSmithExperimentsResult,
} from "./bench/langsmith.js";
