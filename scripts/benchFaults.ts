/**
 * `npm run bench:faults`: how runs end when the model server fails the way providers do.
 * For each fault kind alone (at the given rate) and for all kinds mixed, runs the toy task
 * through the real `ChatOpenAI` client against the fault server under both structured-output
 * methods, and prints, per row: delivered / ended with a reason / unhandled / hung / budget
 * overruns. The last line is the total. Options: --runs N (per row and method, default 10),
 * --rate P (default 0.2), --archs a,b (default tdp; also react, cot, plan_and_act).
 */
import { parseArgs } from "node:util";
import { FAULT_KINDS, startFaultServer, type FaultKind } from "../tests/helpers/faultServer.js";
import { runTrial, type TrialOutcome } from "../tests/helpers/faultTrials.js";

type Arch = "tdp" | "react" | "cot" | "plan_and_act";
const ARCHS: Arch[] = ["tdp", "react", "cot", "plan_and_act"];

function fail(message: string): never {
  process.stderr.write(`bench:faults: ${message}\n`);
  process.exit(2);
}

function options() {
  let values: { runs?: string; rate?: string; archs?: string };
  try {
    ({ values } = parseArgs({
      options: { runs: { type: "string" }, rate: { type: "string" }, archs: { type: "string" } },
      strict: true,
    }));
  } catch (e) {
    fail(`${(e as Error).message.split("\n")[0]} (options: --runs N, --rate P, --archs a,b)`);
  }
  const runs = Number(values.runs ?? 10);
  const rate = Number(values.rate ?? 0.2);
  if (!Number.isInteger(runs) || runs < 1) fail("--runs must be a whole number >= 1");
  if (!(rate >= 0 && rate <= 1)) fail("--rate must be a number from 0 to 1");
  const archs = (values.archs ?? "tdp").split(",").map((a) => a.trim());
  for (const a of archs) if (!ARCHS.includes(a as Arch)) fail(`unknown arch "${a}" (choose from ${ARCHS.join(", ")})`);
  return { runs, rate, archs: [...new Set(archs)] as Arch[] };
}

interface Row {
  label: string;
  delivered: number;
  reason: number;
  unhandled: number;
  hung: number;
  overruns: number;
  runs: number;
}

function tally(label: string, outs: TrialOutcome[]): Row {
  const n = (e: TrialOutcome["end"]) => outs.filter((o) => o.end === e).length;
  return {
    label,
    delivered: n("delivered"),
    reason: n("reason"),
    unhandled: n("unhandled"),
    hung: n("hung"),
    overruns: outs.filter((o) => o.overrun).length,
    runs: outs.length,
  };
}

function line(r: Row): string {
  const cells = [r.delivered, r.reason, r.unhandled, r.hung, r.overruns, r.runs].map((v) => String(v).padStart(10));
  return `${r.label.padEnd(44)}${cells.join("")}`;
}

async function main(): Promise<void> {
  const { runs, rate, archs } = options();
  const server = await startFaultServer({ rate, seed: 1, hangMs: 3000 });
  const started = Date.now();
  const rows: Row[] = [];
  const all: TrialOutcome[] = [];
  const reasons = new Map<string, number>();
  // Each kind alone and all mixed at the chosen rate; then all mixed at three times the rate
  // (capped at 0.9), where faults outlive the retries and runs must end with a reason.
  const heavy = Math.min(0.9, rate * 3);
  const plans: { label: string; kinds: readonly FaultKind[]; rate: number }[] = [
    ...FAULT_KINDS.map((k) => ({ label: k, kinds: [k] as const, rate })),
    { label: "all kinds mixed", kinds: FAULT_KINDS, rate },
    { label: `all mixed at rate ${heavy.toFixed(2)}`, kinds: FAULT_KINDS, rate: heavy },
  ];
  console.log(`bench:faults: ${runs} runs per row and method, fault rate ${rate}, archs ${archs.join(", ")}`);
  console.log(
    `${"fault kind (arch)".padEnd(44)}${["delivered", "reason", "unhandled", "hung", "overruns", "runs"].map((h) => h.padStart(10)).join("")}`,
  );
  for (const arch of archs) {
    for (const plan of plans) {
      const outs: TrialOutcome[] = [];
      for (const method of ["functionCalling", "jsonSchema"] as const) {
        for (let i = 0; i < runs; i++) {
          server.reset({
            rate: plan.rate,
            kinds: plan.kinds,
            seed: i + (method === "jsonSchema" ? 10_000 : 0),
            hangMs: 3000,
          });
          const out = await runTrial(server.baseURL, method, { deadlineMs: 60_000, callTimeoutMs: 300, arch });
          outs.push(out);
          if (out.end === "reason" && out.reason) {
            const key = out.reason.replace(/\d+/g, "N").slice(0, 90);
            reasons.set(key, (reasons.get(key) ?? 0) + 1);
          }
        }
      }
      const row = tally(`${plan.label} (${arch})`, outs);
      rows.push(row);
      all.push(...outs);
      console.log(line(row));
    }
  }
  await server.close();
  console.log(line(tally("TOTAL", all)));
  console.log(
    `\n${server.requests} requests, injected: ${JSON.stringify(server.injected)}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log("Most common reasons (numbers replaced by N):");
  for (const [r, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 8))
    console.log(`  ${String(n).padStart(4)}  ${r}`);
  const bad = all.filter((o) => o.end === "unhandled" || o.end === "hung" || o.overrun).length;
  if (bad) process.exitCode = 1;
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
