// Lint rules: typescript-eslint's recommended set, plus the layering rules of DESIGN.md:
// src/graph is the wiring layer (nothing below it imports it back), and what TDP is compared
// against (the baselines, the bench, the server) never imports TDP's own nodes or prompts.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

const GRAPH_RULE = {
  group: ["**/graph/*", "**/graph"],
  message: "src/graph is the wiring layer: lower layers never import it.",
};
// Import patterns are gitignore-style (no braces): one per TDP node file, as `nodes/x.js` from
// bench or server and as `../x.js` from inside src/nodes/baselines.
const TDP_NODES = [
  "supervisor",
  "planner",
  "executor",
  "act",
  "evaluator",
  "reportNode",
  "selfRevision",
  "deliver",
  "approvePlan",
  "schemas",
  "stopRules",
];
const TDP_ROOMS_RULE = {
  group: [...TDP_NODES.flatMap((n) => [`**/nodes/${n}.js`, `../${n}.js`]), "**/prompts/tdp.js"],
  message:
    "TDP's nodes and prompts are TDP's own: share through src/nodes/shared or src/prompts/{shared,data,fill,render}.",
};

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".langgraph_api/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["src/nodes/**", "src/state/**", "src/tools/**", "src/models/**", "src/prompts/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [GRAPH_RULE] }] },
  },
  {
    files: ["src/bench/**", "src/server/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [TDP_ROOMS_RULE] }] },
  },
  {
    // Later entries win for the same rule, so the baselines get both patterns here.
    files: ["src/nodes/baselines/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [GRAPH_RULE, TDP_ROOMS_RULE] }] },
  },
);
