/** Figures the benchmark reports and the budgets they are held to. Pure: no I/O, so it is unit-tested. */

/** Returns the p-th percentile (0..100) of `samples` by linear interpolation between closest ranks; NaN when empty. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] ?? Number.NaN;
  const highValue = sorted[high] ?? Number.NaN;
  return lowValue + (highValue - lowValue) * (rank - low);
}

/** Median and 95th percentile of a set of samples. */
export type Spread = { p50: number; p95: number; count: number };

/** Returns the median and p95 of `samples`. */
export function spreadOf(samples: readonly number[]): Spread {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), count: samples.length };
}

/** A limit a figure must stay under (or at). */
export type Budget = { max: number; unit: string };

/** A measured figure set against its budget; `budget` null for figures reported without one. */
export type Figure = { name: string; value: number; unit: string; budget: Budget | null; note?: string };

/** How a figure fares against its budget. */
export type Verdict = { status: 'pass' | 'miss' | 'none'; overBy: number | null; overByPercent: number | null };

/** Returns whether `figure` meets its budget and, when it does not, by how much it is over. */
export function judge(figure: Pick<Figure, 'value' | 'budget'>): Verdict {
  if (!figure.budget || !Number.isFinite(figure.value)) return { status: figure.budget ? 'miss' : 'none', overBy: null, overByPercent: null };
  if (figure.value <= figure.budget.max) return { status: 'pass', overBy: null, overByPercent: null };
  const overBy = figure.value - figure.budget.max;
  return { status: 'miss', overBy, overByPercent: (overBy / figure.budget.max) * 100 };
}

/** Formats a number for a table: thousands separated, `digits` decimals at most, trailing zeros dropped. */
export function formatNumber(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** Formats a figure with its unit ("41.2 ms", "3.1×", "118 kB"). */
export function formatValue(value: number, unit: string): string {
  if (unit === '×') return `${formatNumber(value, 2)}×`;
  if (unit === '') return formatNumber(value, 0);
  // kB to two decimals, so a figure just under a budget does not read as equal to it.
  return `${formatNumber(value, unit === 'kB' ? 2 : unit === 'ms' || unit === 'MB' ? 1 : 0)} ${unit}`;
}

/** The verdict column of the summary: "pass", "miss by 12 ms (+24%)" or "no budget". */
export function describeVerdict(figure: Figure): string {
  const verdict = judge(figure);
  if (verdict.status === 'none') return 'no budget';
  if (verdict.status === 'pass') return 'pass';
  if (verdict.overBy === null || verdict.overByPercent === null) return 'miss (not measured)';
  return `**miss** by ${formatValue(verdict.overBy, figure.unit)} (+${formatNumber(verdict.overByPercent, 0)}%)`;
}

/** Renders figures as a Markdown table: figure, measured, budget, verdict. */
export function figuresTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => {
    const measured = formatValue(figure.value, figure.unit) + (figure.note ? ` (${figure.note})` : '');
    const budget = figure.budget ? `≤ ${formatValue(figure.budget.max, figure.budget.unit)}` : '–';
    return `| ${figure.name} | ${measured} | ${budget} | ${describeVerdict(figure)} |`;
  });
  return ['| Figure | Measured | Budget | Verdict |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
