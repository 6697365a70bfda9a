// What one `npm run bench` run leaves behind: bench/results.json (every figure and setting), bench/RESULTS.md (the
// figures against their budgets and how each was taken) and, unless quick, the README's benchmark section.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { withBenchmarkSection } from './readme';
import { benchFigures, budgetNotes, methodNotes, type BenchFigures } from './report';
import { scaledTable } from './scale';
import { figuresTable, formatNumber, type Figure } from './stats';

/** How the run was set up, as results.json records it. */
export type BenchSettings = {
  quick: boolean;
  renderSamples: { samples: number; warmup: number };
  scaledSamples: { samples: number; warmup: number };
  openLoopSeconds: number;
  warmUpSeconds: number;
  capacitySeconds: number;
  connections: number;
  openLoopSockets: number;
  streams: number;
  liveWrites: number;
  apiRateLimitPerMinute: number;
};

const README_INTRO =
  '`npm run bench` (not part of `npm test`, under ten minutes on two quiet cores) builds the app if needed, starts it with `next start` on a throwaway embedded PostgreSQL with API rate limiting off, seeds the article with 5,000 annotations with replies and tags, and measures every budget of the design notes in one run: server render, the reader in Chromium at desktop and phone size, writes at a fixed rate and the capacity beside a no-op request, re-anchoring and its quality, live delivery, 20,000 annotations, pathological data and memory. It writes [bench/RESULTS.md](bench/RESULTS.md) (how each figure was taken) and `bench/results.json`, and refreshes the table below. `--quick` takes fewer samples (and leaves this README alone), `--skip-scaled` leaves out the 20,000 step and the pathological data, `--skip-browser` the browser, `--hold` keeps the seeded server running to look at by hand; `tsx scripts/bench/anchoring.ts` runs only the anchoring figures, and `scripts/bench/profile-create.ts` and `profile-render.ts` (read their first lines) time a create or the reader\'s data on their own, with a CPU profile.';

/** Writes the run's files (see the top of this file); returns the figures and how long the run took. */
export async function writeBenchResults(
  measured: BenchFigures,
  settings: BenchSettings,
  run: { quoteAnnotations: number; started: number; outDir: string },
): Promise<{ figures: Figure[]; totalSeconds: number }> {
  const figures = benchFigures(measured);
  const measuredAt = new Date().toISOString();
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 1e9), node: process.version, loadAverage: os.loadavg() };
  const totalSeconds = (performance.now() - run.started) / 1000;
  const { emptyRender, fullRender, highlightTable, scripts, rscBytes, openLoop, capacity, closedLoop, reanchor, heavyReanchor, anchoringQuality, browser, live, scaled, pathology, memoryMb } = measured;
  const results = {
    measuredAt,
    machine,
    settings,
    seeded: { quoteAnnotations: run.quoteAnnotations },
    render: { empty: emptyRender, with5000: fullRender, ratioP50: fullRender.p50 / emptyRender.p50, highlightTable },
    readerJavaScript: scripts,
    rscPayloadBytes: rscBytes,
    openLoop,
    capacity,
    closedLoop,
    reanchor,
    heavyReanchor,
    anchoringQuality,
    browser,
    live,
    scaled,
    pathology,
    memory: { vmRssMb: memoryMb },
    figures: figures.map((figure) => ({ ...figure, value: Number.isFinite(figure.value) ? figure.value : null })),
    totalSeconds,
  };
  await mkdir(run.outDir, { recursive: true });
  await writeFile(path.join(run.outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const misses = figures.filter((figure) => figure.budget && !(figure.value <= figure.budget.max));
  const verdict = misses.length === 0 ? 'Every budget is met.' : `Missed: ${misses.map((figure) => figure.name).join('; ')}.`;
  const notes = budgetNotes(measured, machine.cpus);
  const markdown = [
    '# Benchmark results',
    '',
    `Measured ${measuredAt.slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` on ${machine.cpus} CPU cores (${machine.cpuModel}; load average ${machine.loadAverage.map((value) => formatNumber(value, 1)).join(', ')} at the end), Node ${process.version}, in ${formatNumber(totalSeconds / 60, 1)} minutes${settings.quick ? ' (quick mode: fewer samples)' : ''}.`,
    'The production server (`next start`) ran on a throwaway embedded PostgreSQL with `API_RATE_LIMIT_PER_MINUTE=0`. The seed article carried 5,000 quote annotations shared with the workspace, a reply under every fourth and tags on about half; pages were requested signed in as a workspace owner.',
    '',
    '## Figures against the budgets',
    '',
    figuresTable(figures),
    '',
    verdict,
    '',
    ...notes.flatMap((note) => [note, '']),
    '## How the figures were taken',
    '',
    ...methodNotes(measured, { renderSamples: settings.renderSamples.samples, openLoopSeconds: settings.openLoopSeconds, warmUpSeconds: settings.warmUpSeconds, capacitySeconds: settings.capacitySeconds, connections: settings.openLoopSockets, cpus: machine.cpus }),
    '',
    '## Render and search as annotations grow',
    '',
    `${settings.scaledSamples.samples} samples each (the 5,000 row: ${settings.renderSamples.samples}); the 20,000 row is measured after the re-anchoring edit.`,
    '',
    scaledTable(scaled, emptyRender),
    '',
  ].join('\n');
  await writeFile(path.join(run.outDir, 'RESULTS.md'), markdown);
  if (!settings.quick) {
    const readmeFile = path.join(process.cwd(), 'README.md');
    const section = [
      README_INTRO,
      '',
      `Latest run (${measuredAt.slice(0, 10)}, ${machine.cpus} CPU cores):`,
      '',
      figuresTable(figures),
      '',
      misses.length === 0 ? verdict : `${verdict} See [bench/RESULTS.md](bench/RESULTS.md).`,
      ...notes.flatMap((note) => ['', note]),
    ].join('\n');
    await writeFile(readmeFile, withBenchmarkSection(await readFile(readmeFile, 'utf8'), section));
  }
  return { figures, totalSeconds };
}
