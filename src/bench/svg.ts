/**
 * Minimal SVG charts for the benchmark report: inline, self-contained, no scripts and no
 * external assets, readable in a browser, in an HTML page and as standalone files.
 */

/** Colors per architecture (colorblind-safe Dark2), then a fallback. */
export const ARCH_COLORS: Record<string, string> = {
  tdp: "#1b9e77",
  react: "#d95f02",
  cot: "#7570b3",
  plan_and_act: "#e7298a",
};
const FALLBACK = ["#66a61e", "#e6ab02", "#a6761d", "#666666"];

export function colorOf(key: string, i = 0): string {
  return ARCH_COLORS[key] ?? FALLBACK[i % FALLBACK.length];
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Round tick values from 0 to at least `max`: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Compact tick label: 1200 -> "1.2k", 3000000 -> "3M". */
export function shortNumber(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${+(v / 1e3).toFixed(1)}k`;
  return `${+v.toFixed(2)}`;
}

interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const FRAME: Frame = { width: 640, height: 340, left: 64, right: 150, top: 44, bottom: 56 };

function open(title: string, f: Frame = FRAME): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" role="img" aria-label="${escapeXml(title)}" font-family="system-ui, sans-serif" font-size="12">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    `<text x="${f.width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="600">${escapeXml(title)}</text>`
  );
}

function yAxis(ticks: number[], scale: (v: number) => number, label: string, f: Frame = FRAME): string {
  let s = "";
  for (const t of ticks) {
    const y = scale(t);
    s += `<line x1="${f.left}" x2="${f.width - f.right}" y1="${y}" y2="${y}" stroke="#e5e5e5"/>`;
    s += `<text x="${f.left - 6}" y="${y + 4}" text-anchor="end" fill="#444">${shortNumber(t)}</text>`;
  }
  const mid = (f.top + f.height - f.bottom) / 2;
  s += `<text transform="translate(14 ${mid}) rotate(-90)" text-anchor="middle" fill="#222">${escapeXml(label)}</text>`;
  return s;
}

function legend(items: { label: string; color: string; dashed?: boolean }[], f: Frame = FRAME): string {
  let s = "";
  items.forEach((it, i) => {
    const x = f.width - f.right + 14;
    const y = f.top + 8 + i * 18;
    s += it.dashed
      ? `<line x1="${x}" x2="${x + 14}" y1="${y}" y2="${y}" stroke="${it.color}" stroke-width="2" stroke-dasharray="4 2"/>`
      : `<rect x="${x}" y="${y - 6}" width="12" height="12" fill="${it.color}"/>`;
    s += `<text x="${x + 20}" y="${y + 4}" fill="#222">${escapeXml(it.label)}</text>`;
  });
  return s;
}

export interface BarGroup {
  label: string;
  bars: { key: string; label: string; segments: { value: number; name: string }[] }[];
}

/** Grouped bars, each bar stacked from its segments (e.g. input then output tokens). */
export function barChart(opts: {
  title: string;
  yLabel: string;
  groups: BarGroup[];
  segmentOpacity?: number[];
}): string {
  const f = FRAME;
  const plotW = f.width - f.left - f.right;
  const plotH = f.height - f.top - f.bottom;
  const max = Math.max(
    1,
    ...opts.groups.flatMap((g) => g.bars.map((b) => b.segments.reduce((a, s) => a + s.value, 0))),
  );
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1];
  const scale = (v: number) => f.top + plotH - (v / top) * plotH;
  let s = open(opts.title) + yAxis(ticks, scale, opts.yLabel);
  const groupW = plotW / Math.max(1, opts.groups.length);
  const keys: { key: string; label: string }[] = [];
  opts.groups.forEach((g, gi) => {
    const n = g.bars.length;
    const barW = Math.min(40, (groupW * 0.8) / Math.max(1, n));
    const x0 = f.left + gi * groupW + (groupW - barW * n) / 2;
    g.bars.forEach((b, bi) => {
      if (!keys.some((k) => k.key === b.key)) keys.push({ key: b.key, label: b.label });
      let acc = 0;
      b.segments.forEach((seg, si) => {
        const y1 = scale(acc);
        const y2 = scale(acc + seg.value);
        const opacity = opts.segmentOpacity?.[si] ?? 1;
        s += `<rect x="${x0 + bi * barW}" y="${y2}" width="${barW - 2}" height="${Math.max(0, y1 - y2)}" fill="${colorOf(b.key, bi)}" fill-opacity="${opacity}"><title>${escapeXml(`${g.label} ${b.label} ${seg.name}: ${Math.round(seg.value)}`)}</title></rect>`;
        acc += seg.value;
      });
      s += `<text x="${x0 + bi * barW + barW / 2 - 1}" y="${scale(acc) - 4}" text-anchor="middle" font-size="10" fill="#333">${shortNumber(acc)}</text>`;
    });
    s += `<text x="${f.left + gi * groupW + groupW / 2}" y="${f.height - f.bottom + 18}" text-anchor="middle" fill="#222">${escapeXml(g.label)}</text>`;
  });
  s += `<line x1="${f.left}" x2="${f.width - f.right}" y1="${scale(0)}" y2="${scale(0)}" stroke="#888"/>`;
  return s + legend(keys.map((k, i) => ({ label: k.label, color: colorOf(k.key, i) }))) + "</svg>";
}

export interface Series {
  key: string;
  label: string;
  points: [number, number][];
}

function xAxis(ticks: number[], scale: (v: number) => number, label: string, f: Frame = FRAME): string {
  let s = "";
  const y = f.height - f.bottom;
  for (const t of ticks)
    s += `<text x="${scale(t)}" y="${y + 16}" text-anchor="middle" fill="#444">${shortNumber(t)}</text>`;
  s += `<line x1="${f.left}" x2="${f.width - f.right}" y1="${y}" y2="${y}" stroke="#888"/>`;
  s += `<text x="${(f.left + f.width - f.right) / 2}" y="${f.height - 12}" text-anchor="middle" fill="#222">${escapeXml(label)}</text>`;
  return s;
}

/** Lines with point markers, one per series. */
export function lineChart(opts: { title: string; xLabel: string; yLabel: string; series: Series[] }): string {
  const f = FRAME;
  const plotW = f.width - f.left - f.right;
  const plotH = f.height - f.top - f.bottom;
  const all = opts.series.flatMap((s) => s.points);
  const xTicks = niceTicks(Math.max(1, ...all.map((p) => p[0])));
  const yTicks = niceTicks(Math.max(1, ...all.map((p) => p[1])));
  const xs = (v: number) => f.left + (v / xTicks[xTicks.length - 1]) * plotW;
  const ys = (v: number) => f.top + plotH - (v / yTicks[yTicks.length - 1]) * plotH;
  let s = open(opts.title) + yAxis(yTicks, ys, opts.yLabel) + xAxis(xTicks, xs, opts.xLabel);
  opts.series.forEach((ser, i) => {
    const c = colorOf(ser.key, i);
    const pts = [...ser.points].sort((a, b) => a[0] - b[0]);
    if (pts.length > 1)
      s += `<polyline fill="none" stroke="${c}" stroke-width="2" points="${pts.map(([x, y]) => `${xs(x).toFixed(1)},${ys(y).toFixed(1)}`).join(" ")}"/>`;
    for (const [x, y] of pts)
      s += `<circle cx="${xs(x).toFixed(1)}" cy="${ys(y).toFixed(1)}" r="2.5" fill="${c}"><title>${escapeXml(`${ser.label}: step ${x}, ${Math.round(y)}`)}</title></circle>`;
  });
  return s + legend(opts.series.map((ser, i) => ({ label: ser.label, color: colorOf(ser.key, i) }))) + "</svg>";
}

const SHAPES = ["circle", "square", "triangle", "diamond"] as const;

function marker(shape: (typeof SHAPES)[number], x: number, y: number, color: string, title: string): string {
  const t = `<title>${escapeXml(title)}</title>`;
  const f = `fill="${color}" fill-opacity="0.85" stroke="#fff" stroke-width="1"`;
  switch (shape) {
    case "circle":
      return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="6" ${f}>${t}</circle>`;
    case "square":
      return `<rect x="${(x - 5.5).toFixed(1)}" y="${(y - 5.5).toFixed(1)}" width="11" height="11" ${f}>${t}</rect>`;
    case "triangle":
      return `<polygon points="${x.toFixed(1)},${(y - 7).toFixed(1)} ${(x + 6.5).toFixed(1)},${(y + 5).toFixed(1)} ${(x - 6.5).toFixed(1)},${(y + 5).toFixed(1)}" ${f}>${t}</polygon>`;
    default:
      return `<polygon points="${x.toFixed(1)},${(y - 7).toFixed(1)} ${(x + 7).toFixed(1)},${y.toFixed(1)} ${x.toFixed(1)},${(y + 7).toFixed(1)} ${(x - 7).toFixed(1)},${y.toFixed(1)}" ${f}>${t}</polygon>`;
  }
}

/**
 * One point per (architecture, group): color is the architecture, marker shape the group
 * (e.g. the environment). Exact values are in each point's tooltip.
 */
export function scatterChart(opts: {
  title: string;
  xLabel: string;
  yLabel: string;
  points: { key: string; label: string; group: string; x: number; y: number }[];
  yMax?: number;
}): string {
  const f = FRAME;
  const plotW = f.width - f.left - f.right;
  const plotH = f.height - f.top - f.bottom;
  const xTicks = niceTicks(Math.max(1, ...opts.points.map((p) => p.x)));
  const yTicks = niceTicks(opts.yMax ?? Math.max(1, ...opts.points.map((p) => p.y)));
  const xs = (v: number) => f.left + (v / xTicks[xTicks.length - 1]) * plotW;
  const ys = (v: number) => f.top + plotH - (v / yTicks[yTicks.length - 1]) * plotH;
  let s = open(opts.title) + yAxis(yTicks, ys, opts.yLabel) + xAxis(xTicks, xs, opts.xLabel);
  const keys: { key: string; label: string }[] = [];
  const groups = [...new Set(opts.points.map((p) => p.group))];
  opts.points.forEach((p, i) => {
    if (!keys.some((k) => k.key === p.key)) keys.push({ key: p.key, label: p.label });
    const shape = SHAPES[groups.indexOf(p.group) % SHAPES.length];
    s += marker(
      shape,
      xs(p.x),
      ys(p.y),
      colorOf(p.key, i),
      `${p.label} · ${p.group}: ${Math.round(p.x)} tokens per task, ${p.y.toFixed(1)}`,
    );
  });
  s += legend(keys.map((k, i) => ({ label: k.label, color: colorOf(k.key, i) })));
  groups.forEach((g, i) => {
    const x = f.width - f.right + 20;
    const y = f.top + 8 + (keys.length + 1 + i) * 18;
    s +=
      marker(SHAPES[i % SHAPES.length], x, y, "#777", g) +
      `<text x="${x + 14}" y="${y + 4}" fill="#222">${escapeXml(g)}</text>`;
  });
  return s + "</svg>";
}

export interface HeatmapPanel {
  /** Panel heading, e.g. "observation 60 tokens". */
  title: string;
  /** values[row][col]; null for a cell that was not measured. */
  values: (number | null)[][];
}

/**
 * A grid of colored cells with the value written in each, one or more panels side by side
 * sharing rows and columns. Colors diverge from a neutral value: `ratio` scales are
 * logarithmic around 1 (1/8 and 8 saturate), `difference` scales are linear around 0 (±1
 * saturates). `better` says which side is good (green); the other side is orange.
 */
export function heatmap(opts: {
  title: string;
  rowLabels: string[];
  colLabels: string[];
  xLabel: string;
  yLabel: string;
  panels: HeatmapPanel[];
  scale: "ratio" | "difference";
  better: "low" | "high";
  /** Line under the grid explaining the colors. */
  legend: string;
  digits?: number;
}): string {
  const cellW = 46;
  const cellH = 22;
  const left = 112;
  const top = 64;
  const gap = 24;
  const panelW = cellW * opts.colLabels.length;
  const width = Math.max(360, left + opts.panels.length * panelW + (opts.panels.length - 1) * gap + 16);
  const height = top + cellH * opts.rowLabels.length + 64;
  const f: Frame = { width, height, left, right: 16, top, bottom: 64 };
  const digits = opts.digits ?? 2;
  // t in [-1, 1]: negative below the neutral value, positive above.
  const position = (v: number) =>
    opts.scale === "ratio" ? Math.max(-1, Math.min(1, Math.log2(Math.max(v, 1e-9)) / 3)) : Math.max(-1, Math.min(1, v));
  const GOOD = [27, 158, 119];
  const BAD = [217, 95, 2];
  const fill = (v: number | null) => {
    if (v === null || !Number.isFinite(v)) return "#f0f0f0";
    const t = position(v);
    const good = opts.better === "low" ? t < 0 : t > 0;
    const [r, g, b] = good ? GOOD : BAD;
    const a = Math.abs(t);
    const mix = (c: number) => Math.round(255 + (c - 255) * a);
    return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
  };
  let s = open(opts.title, f);
  opts.rowLabels.forEach((label, ri) => {
    s += `<text x="${left - 6}" y="${top + ri * cellH + cellH / 2 + 4}" text-anchor="end" fill="#222">${escapeXml(label)}</text>`;
  });
  opts.panels.forEach((p, pi) => {
    const x0 = left + pi * (panelW + gap);
    s += `<text x="${x0 + panelW / 2}" y="${top - 30}" text-anchor="middle" font-weight="600" fill="#222">${escapeXml(p.title)}</text>`;
    opts.colLabels.forEach((c, ci) => {
      s += `<text x="${x0 + ci * cellW + cellW / 2}" y="${top - 8}" text-anchor="middle" fill="#444">${escapeXml(c)}</text>`;
    });
    opts.rowLabels.forEach((rowLabel, ri) => {
      opts.colLabels.forEach((colLabel, ci) => {
        const v = p.values[ri]?.[ci] ?? null;
        const x = x0 + ci * cellW;
        const y = top + ri * cellH;
        const text = v === null || !Number.isFinite(v) ? "–" : v.toFixed(digits);
        const dark = v !== null && Math.abs(position(v)) > 0.6;
        s += `<rect x="${x}" y="${y}" width="${cellW - 1}" height="${cellH - 1}" fill="${fill(v)}"><title>${escapeXml(`${p.title}, ${rowLabel}, ${colLabel}: ${text}`)}</title></rect>`;
        s += `<text x="${x + cellW / 2}" y="${y + cellH / 2 + 4}" text-anchor="middle" font-size="10" fill="${dark ? "#fff" : "#222"}">${text}</text>`;
      });
    });
  });
  const gridBottom = top + cellH * opts.rowLabels.length;
  const plotRight = left + opts.panels.length * panelW + (opts.panels.length - 1) * gap;
  s += `<text x="${(left + plotRight) / 2}" y="${gridBottom + 18}" text-anchor="middle" fill="#222">${escapeXml(opts.xLabel)}</text>`;
  const mid = top + (cellH * opts.rowLabels.length) / 2;
  s += `<text transform="translate(16 ${mid}) rotate(-90)" text-anchor="middle" fill="#222">${escapeXml(opts.yLabel)}</text>`;
  s += `<text x="${left}" y="${gridBottom + 42}" fill="#555" font-size="11">${escapeXml(opts.legend)}</text>`;
  return s + "</svg>";
}
