/** Small statistics for `npm run bench:scale`: medians, least-squares slopes and log-log growth exponents. */

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The least-squares line through (x, y): slope and intercept. */
export function fitLine(xs: number[], ys: number[]): { slope: number; intercept: number } {
  const n = xs.length;
  if (n < 2) return { slope: 0, intercept: ys[0] ?? 0 };
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  const slope = den === 0 ? 0 : num / den;
  return { slope, intercept: my - slope * mx };
}

/**
 * The growth exponent k of y ~ c * x^k: the slope of log y against log x. Points with y <= 0
 * are left out; null when fewer than two remain.
 */
export function growthExponent(xs: number[], ys: number[]): number | null {
  const pts = xs.map((x, i) => [x, ys[i]] as const).filter(([x, y]) => x > 0 && y > 0);
  if (pts.length < 2) return null;
  return fitLine(
    pts.map(([x]) => Math.log(x)),
    pts.map(([, y]) => Math.log(y)),
  ).slope;
}
