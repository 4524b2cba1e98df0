/** Package entry: the agent factory, graph builders, the architecture registry, models, environments and types. */
export { createTdpAgent, type CreateTdpAgentParams } from "./agent.js";
export { buildTdpGraph, createTdpGraph } from "./graph/tdp.js";
export { nextRole, BRANCH_ROLES, type BranchRole } from "./graph/branch.js";
export {
  decideDispatch,
  roundLimit,
  type DispatchDecision,
  type ScheduleLimits,
  type ScheduleView,
} from "./nodes/schedule.js";
export { buildReactGraph, createReactGraph } from "./graph/react.js";
export { buildCotGraph, createCotGraph } from "./graph/cot.js";
export { buildPlanAndActGraph, createPlanAndActGraph } from "./graph/planAndAct.js";
export { ARCHS, ARCH_NAMES, type ArchName, type ArchSpec, type ArchState } from "./graph/archs.js";
export { runArch, resolveMaxSteps, type RunArchParams, type RunArchResult } from "./graph/run.js";
export { tdpRecursionLimit, planLoopRecursionLimit } from "./graph/limits.js";
export { withDefaultRecursionLimit } from "./graph/serve.js";
export { BaselineState, type BaselineArch, type BaselineStateType } from "./state/baseline.js";
export { BenchRecordSchema, type BenchRecord } from "./bench/record.js";
export { runContext, type AgentOptions, type RunContext } from "./nodes/shared/runContext.js";
export { ConfigurationSchema, ensureConfiguration, type Configuration, type Role } from "./configuration.js";
export { loadChatModel, checkModelSpec } from "./models/index.js";
export { createOfflineModel, OfflineSimulator } from "./models/offline.js";
export { ResponderChatModel, type Responder, type ResponderRequest } from "./models/responder.js";
export * from "./state/dag.js";
export { mergeDag, addUsage, totalUsage, type Usage, type UsageCounts } from "./state/reducers.js";
export {
  TdpState,
  WorkerState,
  type TdpStateType,
  type WorkerStateType,
  type RunStatus,
  type RunScope,
  type Schedule,
} from "./state/state.js";
export type { TraceEntry } from "./state/trace.js";
export { GraphInput } from "./state/input.js";
export { getEnvironment, registerEnvironment, ENVIRONMENT_NAMES } from "./tools/registry.js";
export * from "./tools/types.js";
export * from "./errors.js";
export { judgeAnswer, PlanApprovalAnswer, type PlanApprovalRequest } from "./nodes/approvePlan.js";
export { CheckpointStore, parseCheckpointSpec, type RunRecord } from "./checkpoint/sqlite.js";
export { openCheckpointStore, openPostgresCheckpointer } from "./checkpoint/store.js";
export { CallRecorder, type LlmCallRecord } from "./tracing/callRecorder.js";
export { summarizeTrace, formatComparison, type TraceSummary } from "./tracing/compare.js";
export {
  runLangSmithExperiments,
  type LangSmithExperimentOptions,
  type LangSmithExperimentsResult,
} from "./bench/langsmith.js";
