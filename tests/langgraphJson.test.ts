/**
 * langgraph.json and the code must not drift apart: every graph it names exists, exports a
 * compiled graph (or a factory LangGraph's server calls per run), carries the shared input
 * schema and the configuration schema Studio renders as a form, and runs with the default
 * configuration without tripping LangGraph's recursion limit.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { ConfigurationForm, ConfigurationSchema } from "../src/configuration.js";
import { tdpRecursionLimit } from "../src/graph/limits.js";
import { withDefaultRecursionLimit } from "../src/graph/serve.js";

interface LangGraphJson {
  node_version: string;
  dependencies: string[];
  graphs: Record<string, string>;
  env?: unknown;
}

const root = process.cwd();
const config = JSON.parse(readFileSync(resolve(root, "langgraph.json"), "utf8")) as LangGraphJson;

interface CompiledLike {
  builder: { _inputRuntimeDefinition?: unknown; _configRuntimeSchema?: unknown };
  config?: { recursionLimit?: number };
  invoke: unknown;
  streamEvents: unknown;
}

function isCompiled(g: unknown): g is CompiledLike {
  return typeof g === "object" && g !== null && "builder" in g && typeof (g as CompiledLike).invoke === "function";
}

/** What LangGraph's server does with an export: use it, or call it with the run's config. */
async function resolveExport(spec: string): Promise<CompiledLike> {
  const [file, symbol] = spec.split(":");
  const mod = (await import(pathToFileURL(resolve(root, file)).href)) as Record<string, unknown>;
  const exported = mod[symbol ?? "default"];
  const g =
    typeof exported === "function" ? await (exported as (c: unknown) => unknown)({ configurable: {} }) : exported;
  if (!isCompiled(g)) throw new Error(`${spec} does not export a compiled graph`);
  return g;
}

describe("langgraph.json", () => {
  it("declares Node 20, the project as its dependency and no required env file", () => {
    expect(config.node_version).toBe("20");
    expect(config.dependencies).toEqual(["."]);
    // A fresh clone has no .env: an `env` file entry would stop `langgraph dev` from starting.
    if (typeof config.env === "string") expect(existsSync(resolve(root, config.env))).toBe(true);
  });

  it("serves the four architectures", () => {
    expect(Object.keys(config.graphs).sort()).toEqual(["cot", "plan_and_act", "react", "tdp"]);
  });

  it(".langgraph_api/ (the dev server's local storage) is ignored by git", () => {
    expect(readFileSync(resolve(root, ".gitignore"), "utf8")).toMatch(/^\.langgraph_api\/?$/m);
  });

  describe.each(Object.entries(config.graphs))("%s", (name, spec) => {
    it("points at an existing file", () => {
      expect(existsSync(resolve(root, spec.split(":")[0]))).toBe(true);
    });

    it("exports a compiled graph", async () => {
      const g = await resolveExport(spec);
      expect(typeof g.streamEvents).toBe("function");
    });

    it("has the shared input schema and the configuration schema (Studio's forms)", async () => {
      const { GraphInput, TdpInput } = await import("../src/state/input.js");
      const g = await resolveExport(spec);
      // Zod schemas given to the StateGraph constructor: `{ input: GraphInput, context: ConfigurationSchema }`.
      const has = {
        // TDP's input is the shared one plus an optional chat history.
        input: g.builder._inputRuntimeDefinition === (name === "tdp" ? TdpInput : GraphInput),
        config: g.builder._configRuntimeSchema === ConfigurationForm,
      };
      expect(has).toEqual({ input: true, config: true });
    });
  });

  it("the served TDP graph carries the recursion limit its budgets need", async () => {
    const g = await resolveExport(config.graphs.tdp);
    expect(g.config?.recursionLimit).toBe(tdpRecursionLimit(ConfigurationSchema.parse({})));
    const { graph } = await import("../src/graph/tdp.js");
    const bigger = graph({ configurable: { maxStepsPerNode: 40, maxReplans: 6 } }) as unknown as CompiledLike;
    expect(bigger.config?.recursionLimit).toBe(
      tdpRecursionLimit(ConfigurationSchema.parse({ maxStepsPerNode: 40, maxReplans: 6 })),
    );
  });
});

describe("withDefaultRecursionLimit", () => {
  // A loop of 40 supersteps: over LangGraph's default of 25.
  const S = Annotation.Root({ n: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }) });
  const loop = () =>
    new StateGraph(S)
      .addNode("inc", () => ({ n: 1 }))
      .addEdge(START, "inc")
      .addConditionalEdges("inc", (s: typeof S.State) => (s.n >= 40 ? END : "inc"))
      .compile();
  const drain = async (events: AsyncIterable<unknown>) => {
    for await (const _ of events) void _;
  };

  it("holds when a caller passes recursionLimit: undefined to streamEvents, as the API server does", async () => {
    await expect(
      drain(
        withDefaultRecursionLimit(loop(), 100).streamEvents({ n: 0 }, { version: "v2", recursionLimit: undefined }),
      ),
    ).resolves.toBeUndefined();
    expect((await withDefaultRecursionLimit(loop(), 100).invoke({ n: 0 })).n).toBe(40);
  });

  it("lets an explicit limit win", async () => {
    await expect(
      drain(withDefaultRecursionLimit(loop(), 100).streamEvents({ n: 0 }, { version: "v2", recursionLimit: 10 })),
    ).rejects.toThrow(/Recursion limit of 10/);
  });
});
