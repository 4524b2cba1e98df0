/**
 * A local stand-in for the LangSmith API, enough for the `langsmith` SDK's tracing and
 * evaluation paths: `/info`, run ingestion (`/runs/multipart`, `/runs/batch`, `/runs`),
 * projects (`/sessions`), datasets and examples (including the multipart examples upload),
 * and feedback. It keeps every request's raw bytes, so a test can check what was sent and
 * that no secret was. Requests it does not know get a 404 and are listed in `unknown`.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { gunzipSync } from "node:zlib";

export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

/** A run as the SDK sent it: the post merged with its patch(es). */
export interface ReceivedRun {
  id: string;
  name?: string;
  run_type?: string;
  parent_run_id?: string | null;
  trace_id?: string;
  dotted_order?: string;
  session_name?: string;
  session_id?: string;
  reference_example_id?: string | null;
  extra?: { metadata?: Record<string, unknown> };
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  error?: string | null;
  end_time?: string | number | null;
  [k: string]: unknown;
}

export interface MultipartPart {
  name: string;
  contentType: string | null;
  data: Buffer;
}

/** Splits a multipart/form-data body into its parts. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) throw new Error(`no multipart boundary in "${contentType}"`);
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(boundary);
  while (pos !== -1) {
    const start = pos + boundary.length;
    if (body.slice(start, start + 2).toString() === "--") break;
    const next = body.indexOf(boundary, start);
    if (next === -1) break;
    const chunk = body.slice(start + 2, next - 2); // skip CRLF after the boundary and before the next
    const headerEnd = chunk.indexOf("\r\n\r\n");
    const head = chunk.slice(0, headerEnd).toString();
    const data = chunk.slice(headerEnd + 4);
    const name = /name="([^"]*)"/i.exec(head)?.[1] ?? "";
    const ct = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? null;
    parts.push({ name, contentType: ct, data });
    pos = next;
  }
  return parts;
}

export class LangSmithReceiver {
  readonly requests: ReceivedRequest[] = [];
  readonly runs = new Map<string, ReceivedRun>();
  readonly sessions = new Map<string, { id: string; name: string; [k: string]: unknown }>();
  readonly datasets = new Map<string, { id: string; name: string; [k: string]: unknown }>();
  readonly examples = new Map<
    string,
    {
      id: string;
      dataset_id: string;
      inputs: Record<string, unknown>;
      outputs?: Record<string, unknown>;
      metadata?: Record<string, unknown>;
      [k: string]: unknown;
    }
  >();
  readonly feedback: Record<string, unknown>[] = [];
  readonly unknown: string[] = [];
  private server: Server | null = null;
  url = "";

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        let body = Buffer.concat(chunks);
        if (/gzip/i.test(String(req.headers["content-encoding"] ?? ""))) body = gunzipSync(body);
        const url = new URL(req.url ?? "/", "http://localhost");
        const r: ReceivedRequest = {
          method: req.method ?? "GET",
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body,
        };
        this.requests.push(r);
        try {
          this.route(r, res);
        } catch (e) {
          res
            .writeHead(500, { "content-type": "application/json" })
            .end(JSON.stringify({ detail: (e as Error).message }));
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const addr = this.server.address();
    this.url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** Every byte every request carried (headers included), for secret scans. */
  allBytes(): Buffer {
    return Buffer.concat(
      this.requests.map((r) =>
        Buffer.concat([Buffer.from(`${r.method} ${r.path}?${r.query}\n${JSON.stringify(r.headers)}\n`), r.body]),
      ),
    );
  }

  runList(): ReceivedRun[] {
    return [...this.runs.values()];
  }

  private upsertRun(id: string, patch: Partial<ReceivedRun>): void {
    const prev = this.runs.get(id) ?? { id };
    this.runs.set(id, { ...prev, ...patch, id });
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  private route(r: ReceivedRequest, res: ServerResponse): void {
    const { method, path } = r;
    const body = () => JSON.parse(r.body.toString() || "null") as Record<string, unknown>;
    let m: RegExpExecArray | null;

    if (method === "GET" && path === "/info") {
      return this.json(res, 200, {
        version: "0.10.0",
        license_expiration_time: null,
        batch_ingest_config: {
          use_multipart_endpoint: true,
          scale_up_qsize_trigger: 1000,
          scale_up_nthreads_limit: 16,
          scale_down_nempty_trigger: 4,
          size_limit: 100,
          size_limit_bytes: 20971520,
        },
        instance_flags: { dataset_examples_multipart_enabled: true },
      });
    }

    // Tracing.
    if (method === "POST" && path === "/runs/multipart") {
      for (const part of parseMultipart(r.body, String(r.headers["content-type"]))) {
        const [kind, id, field] = part.name.split(".");
        const value = JSON.parse(part.data.toString() || "null") as Record<string, unknown>;
        if (kind === "post" || kind === "patch")
          this.upsertRun(id, field ? { [field]: value } : (value as Partial<ReceivedRun>));
        else if (kind === "feedback") this.feedback.push(value);
      }
      return this.json(res, 202, {});
    }
    if (method === "POST" && path === "/runs/batch") {
      const b = body() as { post?: ReceivedRun[]; patch?: ReceivedRun[] };
      for (const run of [...(b.post ?? []), ...(b.patch ?? [])]) this.upsertRun(run.id, run);
      return this.json(res, 202, {});
    }
    if (method === "POST" && path === "/runs") {
      const run = body() as unknown as ReceivedRun;
      this.upsertRun(run.id, run);
      return this.json(res, 202, {});
    }
    if (method === "PATCH" && (m = /^\/runs\/([^/]+)$/.exec(path))) {
      this.upsertRun(m[1], body() as Partial<ReceivedRun>);
      return this.json(res, 202, {});
    }

    // Projects (tracer sessions), one per experiment.
    if (method === "POST" && path === "/sessions") {
      const b = body() as { name: string; [k: string]: unknown };
      const existing = [...this.sessions.values()].find((s) => s.name === b.name);
      if (existing && !r.query.get("upsert")) return this.json(res, 409, { detail: "session already exists" });
      const session = {
        ...existing,
        ...b,
        id: existing?.id ?? randomUUID(),
        tenant_id: "00000000-0000-0000-0000-000000000000",
        start_time: new Date().toISOString(),
      };
      this.sessions.set(session.id, session);
      return this.json(res, 200, session);
    }
    if ((m = /^\/sessions\/([^/]+)$/.exec(path))) {
      const s = this.sessions.get(m[1]);
      if (!s) return this.json(res, 404, { detail: "session not found" });
      if (method === "PATCH") for (const [k, v] of Object.entries(body())) if (v !== null && v !== undefined) s[k] = v;
      return this.json(res, 200, s);
    }
    if (method === "GET" && path === "/sessions") {
      const name = r.query.get("name");
      return this.json(
        res,
        200,
        [...this.sessions.values()].filter((s) => !name || s.name === name),
      );
    }

    // Datasets and examples.
    if (method === "POST" && path === "/datasets") {
      const b = body() as { name: string; [k: string]: unknown };
      if ([...this.datasets.values()].some((d) => d.name === b.name))
        return this.json(res, 409, { detail: "dataset already exists" });
      const d = {
        ...b,
        id: randomUUID(),
        created_at: new Date().toISOString(),
        tenant_id: "00000000-0000-0000-0000-000000000000",
        example_count: 0,
      };
      this.datasets.set(d.id, d);
      return this.json(res, 200, d);
    }
    if (method === "GET" && path === "/datasets") {
      const name = r.query.get("name");
      return this.json(
        res,
        200,
        [...this.datasets.values()].filter((d) => !name || d.name === name),
      );
    }
    if (method === "GET" && (m = /^\/datasets\/([^/]+)$/.exec(path))) {
      const d = this.datasets.get(m[1]);
      return d ? this.json(res, 200, d) : this.json(res, 404, { detail: "dataset not found" });
    }
    if (method === "POST" && (m = /^\/v1\/platform\/datasets\/([^/]+)\/examples$/.exec(path))) {
      const datasetId = m[1];
      const ids: string[] = [];
      for (const part of parseMultipart(r.body, String(r.headers["content-type"]))) {
        const [id, field] = part.name.split(".");
        const value = JSON.parse(part.data.toString() || "null") as Record<string, unknown>;
        const prev = this.examples.get(id) ?? {
          id,
          dataset_id: datasetId,
          inputs: {},
          created_at: new Date().toISOString(),
          modified_at: new Date().toISOString(),
        };
        if (!field) {
          this.examples.set(id, { ...prev, ...value, id, dataset_id: datasetId });
          ids.push(id);
        } else this.examples.set(id, { ...prev, [field]: value });
      }
      return this.json(res, 200, { example_ids: ids, count: ids.length });
    }
    if (method === "GET" && (m = /^\/examples\/([^/]+)$/.exec(path))) {
      const e = this.examples.get(m[1]);
      return e ? this.json(res, 200, e) : this.json(res, 404, { detail: "example not found" });
    }
    if (method === "GET" && path === "/examples") {
      const dataset = r.query.get("dataset");
      const offset = Number(r.query.get("offset") ?? 0);
      const limit = Number(r.query.get("limit") ?? 100);
      const all = [...this.examples.values()].filter((e) => !dataset || e.dataset_id === dataset);
      return this.json(res, 200, all.slice(offset, offset + limit));
    }
    if (method === "GET" && (m = /^\/datasets\/([^/]+)\/versions$/.exec(path))) {
      return this.json(res, 200, []);
    }

    // Feedback (evaluator scores).
    if (method === "POST" && path === "/feedback") {
      const f = body();
      this.feedback.push(f);
      return this.json(res, 200, { ...f, id: f.id ?? randomUUID() });
    }

    this.unknown.push(`${method} ${path}?${r.query}`);
    return this.json(res, 404, { detail: `not found: ${method} ${path}` });
  }
}
