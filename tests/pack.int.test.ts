/**
 * The package as a user gets it: `npm pack`, install the tarball into a fresh project, run the
 * README's install snippet there verbatim, and run the installed `tdp` binary.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 600_000 });

/** The README's tested block, between its pack-test markers. */
function readmeSnippet(): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const block = /<!-- pack-test:begin -->\s*```js\n([\s\S]*?)```\s*<!-- pack-test:end -->/.exec(readme);
  if (!block) throw new Error("README has no pack-test block");
  return block[1];
}

describe("npm pack, install into a new project, run", () => {
  const dir = mkdtempSync(join(tmpdir(), "tdp-pack-"));
  let files: string[] = [];
  let tarball = "";

  beforeAll(() => {
    const out = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", dir], root)) as {
      filename: string;
      files: { path: string }[];
    }[];
    tarball = join(dir, out[0].filename);
    files = out[0].files.map((f) => f.path);
    const app = join(dir, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
    run("npm", ["install", tarball, "--prefer-offline", "--no-audit", "--no-fund"], app);
  }, 600_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("packs dist with types, the README and the LICENSE, and no tests, fixtures or screenshots", () => {
    for (const f of ["dist/index.js", "dist/index.d.ts", "dist/cli.js", "dist/agent.d.ts", "README.md", "LICENSE"])
      expect(files).toContain(f);
    expect(files.filter((f) => /^(tests|src|docs|scripts)\//.test(f) || /\.(png|test\.ts|map)$/.test(f))).toEqual([]);
  });

  it("runs the README's snippet verbatim in the installing project", () => {
    const app = join(dir, "app");
    writeFileSync(join(app, "demo.mjs"), readmeSnippet());
    const out = run(process.execPath, ["demo.mjs"], app);
    expect(out).toMatch(/^completed /);
    expect(out).toContain("em: 1");
  });

  it("installs the tdp command", () => {
    const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
    expect(run(join(dir, "app", "node_modules", ".bin", "tdp"), ["--version"], join(dir, "app")).trim()).toBe(version);
  });
});
