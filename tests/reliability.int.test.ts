/**
 * Model faults never escape a run. 50 seeded runs through the real `ChatOpenAI` client against
 * a server that fails about 20% of requests the way providers do (429 with and without
 * retry-after, 500, truncated JSON, hangs past the client timeout, schema-breaking replies,
 * cyclic DAGs, crashing tools), under both structured-output methods: no unhandled error, no
 * hang, no budget overrun, and every run that did not complete says why.
 */
import { startFaultServer, type FaultServer } from "./helpers/faultServer.js";
import { runTrial, type TrialOutcome } from "./helpers/faultTrials.js";

describe("50 runs at 20% faults", () => {
  let server: FaultServer;
  const outcomes: { method: string; out: TrialOutcome }[] = [];

  beforeAll(async () => {
    server = await startFaultServer({ rate: 0.2, seed: 1, hangMs: 3000 });
  });
  afterAll(async () => {
    await server.close();
    delete process.env.OPENAI_BASE_URL;
    delete process.env.OPENAI_API_KEY;
  });

  it.each(["functionCalling", "jsonSchema"] as const)(
    "%s: 25 runs end with a result or a reason",
    async (method) => {
      for (let i = 0; i < 25; i++) {
        server.reset({ rate: 0.2, seed: (method === "jsonSchema" ? 1000 : 0) + i, hangMs: 3000 });
        outcomes.push({
          method,
          out: await runTrial(server.baseURL, method, { deadlineMs: 30_000, callTimeoutMs: 300 }),
        });
      }
      const mine = outcomes.filter((o) => o.method === method).map((o) => o.out);
      expect(mine.filter((o) => o.end === "unhandled")).toEqual([]);
      expect(mine.filter((o) => o.end === "hung")).toEqual([]);
      expect(mine.filter((o) => o.overrun)).toEqual([]);
      for (const o of mine) if (o.status !== "completed") expect(o.reason).toBeTruthy();
      // Most runs still deliver: transient faults are retried.
      expect(mine.filter((o) => o.end === "delivered").length).toBeGreaterThanOrEqual(15);
    },
    120_000,
  );

  it("the faults were really injected, every kind of them", () => {
    expect(server.requests).toBeGreaterThan(300);
    for (const kind of ["rate_limit", "rate_limit_retry_after", "server_error", "broken_json", "hang"])
      expect(server.injected[kind] ?? 0).toBeGreaterThan(0);
  });
});
