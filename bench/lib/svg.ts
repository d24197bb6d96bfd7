export interface ChartPoint {
  /** Offered load, requests per second. */
  x: number;
  /** Latency, ms. */
  y: number;
}

export interface ChartSeries {
  name: string;
  color: string;
  dashed?: boolean;
  points: ChartPoint[];
}

export interface ChartPanel {
  title: string;
  series: ChartSeries[];
}

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const W = 460;
const H = 300;
const M = { left: 56, right: 16, top: 34, bottom: 44 };

/** Round-number ticks of a linear axis from 0 to about `max`. */
export function linearTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = 0; v < max + step / 2; v += step) ticks.push(Number(v.toPrecision(6)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(6)));
  return ticks;
}

/** Decades covering [min, max] for a log axis, e.g. 1, 10, 100. */
export function logTicks(min: number, max: number): number[] {
  const lo = Math.floor(Math.log10(Math.max(min, 0.01)));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(max, 0.01))));
  return Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
}

function fmt(v: number): string {
  return v >= 1 ? String(Math.round(v * 100) / 100) : String(Number(v.toPrecision(2)));
}

function panelSvg(p: ChartPanel, ox: number, oy: number): string {
  const pts = p.series.flatMap((s) => s.points).filter((q) => q.x >= 0 && q.y > 0);
  const xt = linearTicks(Math.max(1, ...pts.map((q) => q.x)));
  const yt = logTicks(Math.min(...pts.map((q) => q.y), 1), Math.max(...pts.map((q) => q.y), 10));
  const xMax = xt[xt.length - 1];
  const [yLo, yHi] = [Math.log10(yt[0]), Math.log10(yt[yt.length - 1])];
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const X = (x: number) => ox + M.left + (x / xMax) * pw;
  const Y = (y: number) => oy + M.top + ph - ((Math.log10(y) - yLo) / (yHi - yLo)) * ph;
  const out: string[] = [];
  out.push(
    `<text x="${ox + W / 2}" y="${oy + 20}" text-anchor="middle" font-weight="bold">${escapeXml(p.title)}</text>`,
  );
  out.push(
    `<rect x="${ox + M.left}" y="${oy + M.top}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`,
  );
  for (const t of xt) {
    out.push(`<line x1="${X(t)}" y1="${oy + M.top}" x2="${X(t)}" y2="${oy + M.top + ph}" stroke="#eee"/>`);
    out.push(`<text x="${X(t)}" y="${oy + M.top + ph + 14}" text-anchor="middle">${fmt(t)}</text>`);
  }
  for (const t of yt) {
    out.push(`<line x1="${ox + M.left}" y1="${Y(t)}" x2="${ox + M.left + pw}" y2="${Y(t)}" stroke="#eee"/>`);
    out.push(`<text x="${ox + M.left - 4}" y="${Y(t) + 4}" text-anchor="end">${fmt(t)}</text>`);
  }
  out.push(
    `<text x="${ox + M.left + pw / 2}" y="${oy + H - 8}" text-anchor="middle">offered load (req/s)</text>`,
  );
  out.push(
    `<text transform="translate(${ox + 14} ${oy + M.top + ph / 2}) rotate(-90)" text-anchor="middle">latency (ms, log)</text>`,
  );
  p.series.forEach((s, i) => {
    const sp = s.points.filter((q) => q.x >= 0 && q.y > 0).sort((a, b) => a.x - b.x);
    if (sp.length > 1) {
      const d = sp.map((q, k) => `${k === 0 ? 'M' : 'L'}${X(q.x).toFixed(1)},${Y(q.y).toFixed(1)}`).join(' ');
      out.push(
        `<path d="${d}" fill="none" stroke="${escapeXml(s.color)}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="5,3"' : ''}/>`,
      );
    }
    for (const q of sp) {
      out.push(
        `<circle cx="${X(q.x).toFixed(1)}" cy="${Y(q.y).toFixed(1)}" r="3" fill="${escapeXml(s.color)}"><title>${escapeXml(
          `${s.name}: ${fmt(q.y)} ms at ${fmt(q.x)} req/s`,
        )}</title></circle>`,
      );
    }
    const ly = oy + M.top + 12 + i * 14;
    out.push(
      `<line x1="${ox + M.left + 8}" y1="${ly - 4}" x2="${ox + M.left + 26}" y2="${ly - 4}" stroke="${escapeXml(s.color)}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="5,3"' : ''}/>`,
    );
    out.push(`<text x="${ox + M.left + 30}" y="${ly}">${escapeXml(s.name)}</text>`);
  });
  return out.join('\n');
}

/**
 * Latency against offered load, one panel per path, two panels a row; y is logarithmic because p99 at
 * saturation is orders of magnitude above p50 at low load. A point is a `<circle>` with a `<title>`.
 */
export function latencyChartSvg(title: string, panels: readonly ChartPanel[], note = ''): string {
  const cols = Math.min(2, Math.max(1, panels.length));
  const rows = Math.max(1, Math.ceil(panels.length / cols));
  const width = cols * W;
  const height = rows * H + 40 + (note ? 16 : 0);
  const body = panels.map((p, i) => panelSvg(p, (i % cols) * W, 40 + Math.floor(i / cols) * H)).join('\n');
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    body,
    note ? `<text x="8" y="${height - 6}" fill="#555">${escapeXml(note)}</text>` : '',
    `</svg>`,
    '',
  ].join('\n');
}
