// Lint rules: typescript-eslint's recommended set, plus the layering rule that keeps
// src/graph a wiring layer (nothing below it imports it back).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

const LOWER_LAYERS = ["src/nodes/**", "src/state/**", "src/tools/**", "src/models/**", "src/prompts/**"];

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
    files: LOWER_LAYERS,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/graph/*", "**/graph"],
              message: "src/graph is the wiring layer: lower layers never import it.",
            },
          ],
        },
      ],
    },
  },
);
