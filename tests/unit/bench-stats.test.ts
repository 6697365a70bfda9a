import { describe, expect, it } from 'vitest';
import { withBenchmarkSection } from '@/scripts/bench/readme';
import { describeVerdict, figuresTable, judge, percentile, spreadOf } from '@/scripts/bench/stats';

describe('percentile', () => {
  it('interpolates between the closest ranks, whatever the input order', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20], 95)).toBeCloseTo(19.5);
  });

  it('gives the extremes at 0 and 100 and NaN for no samples', () => {
    expect(percentile([7, 3, 9], 0)).toBe(3);
    expect(percentile([7, 3, 9], 100)).toBe(9);
    expect(percentile([], 50)).toBeNaN();
  });

  it('puts p95 of 1..100 near the top, not at the maximum', () => {
    const samples = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(spreadOf(samples)).toEqual({ p50: 50.5, p95: 95.05, count: 100 });
  });
});

describe('budget verdicts', () => {
  it('passes a figure at or under its budget', () => {
    expect(judge({ value: 50, budget: { max: 50, unit: 'ms' } }).status).toBe('pass');
  });

  it('says by how much a figure misses its budget', () => {
    const figure = { name: 'Create p95', value: 62, unit: 'ms', budget: { max: 50, unit: 'ms' } };
    expect(judge(figure)).toEqual({ status: 'miss', overBy: 12, overByPercent: 24 });
    expect(describeVerdict(figure)).toBe('**miss** by 12 ms (+24%)');
  });

  it('reports a figure that could not be measured as a miss, and one without a budget as such', () => {
    expect(judge({ value: Number.NaN, budget: { max: 1, unit: 'ms' } }).status).toBe('miss');
    expect(describeVerdict({ name: 'Memory', value: 300, unit: 'MB', budget: null })).toBe('no budget');
  });

  it('renders one table row per figure with measured value, budget and verdict', () => {
    const table = figuresTable([
      { name: 'Render ratio', value: 2.456, unit: '×', budget: { max: 3, unit: '×' } },
      { name: 'Reader JS', value: 171.25, unit: 'kB', budget: { max: 150, unit: 'kB' } },
    ]);
    expect(table.split('\n')).toEqual([
      '| Figure | Measured | Budget | Verdict |',
      '| --- | --- | --- | --- |',
      '| Render ratio | 2.46× | ≤ 3× | pass |',
      '| Reader JS | 171.25 kB | ≤ 150 kB | **miss** by 21.25 kB (+14%) |',
    ]);
  });
});

describe('the README benchmark section', () => {
  it('replaces only the body of the Benchmark section, whether or not another section follows', () => {
    expect(withBenchmarkSection('# App\n\n## Benchmark\n\nold figures\n', 'new figures')).toBe('# App\n\n## Benchmark\n\nnew figures\n');
    expect(withBenchmarkSection('# App\n\n## Benchmark\n\nold\n\n## Licence\n\nMIT\n', 'new')).toBe('# App\n\n## Benchmark\n\nnew\n\n## Licence\n\nMIT\n');
  });

  it('adds the section at the end when the README has none', () => {
    expect(withBenchmarkSection('# App\n\nText.\n', 'figures')).toBe('# App\n\nText.\n\n## Benchmark\n\nfigures\n');
  });
});
