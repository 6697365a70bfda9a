// The figures of one `npm run bench` run against the design budgets, as bench/RESULTS.md and the README's table.
import type { AnchoringQuality } from '@/lib/domain/anchoring-quality';
import type { HeavyReanchor } from './anchoring';
import type { BrowserRun } from './browser';
import type { PageTiming } from './http';
import type { Capacity, OpenLoopRun } from './open-loop';
import type { Pathology, ScaledPoint } from './scale';
import { formatNumber, type Figure } from './stats';
import type { ClosedLoad } from './writes';

/** Re-anchoring after the bench's light edit, through the data layer. */
export type ReanchorOutcome = { ms: number; annotations: number; exact: number; moved: number; fuzzy: number; orphan: number; needsConfirmation: number };

/** Everything one run measured. */
export type BenchFigures = {
  emptyRender: PageTiming;
  fullRender: PageTiming;
  highlightTable: PageTiming;
  scripts: { chunks: number; rawBytes: number; gzipBytes: number; frameworkGzipBytes: number };
  rscBytes: number;
  openLoop: { create: OpenLoopRun; noOp: OpenLoopRun; refusedCreate: OpenLoopRun };
  capacity: { create: Capacity; noOp: Capacity; ratio: number };
  closedLoop: { create: ClosedLoad; noOp: ClosedLoad; plainPg: ClosedLoad };
  reanchor: ReanchorOutcome;
  heavyReanchor: HeavyReanchor;
  anchoringQuality: AnchoringQuality & { seed: number };
  live: { streams: number; deliveries: number; missing: number; latencyMs: { p50: number; p95: number } };
  browser: { desktop: BrowserRun; phone: BrowserRun } | null;
  scaled: ScaledPoint[];
  pathology: Pathology | null;
  memoryMb: number;
};

const cpuRatio = (run: OpenLoopRun, baseline: OpenLoopRun) => (run.serverCpuMsPerRequest ?? Number.NaN) / (baseline.serverCpuMsPerRequest ?? Number.NaN);

const interaction = (run: BrowserRun, which: 'footnote' | 'thread' | 'composer') => run[which].ms ?? Number.NaN;

/** Every figure with its budget (null: reported without one). */
export function benchFigures(f: BenchFigures): Figure[] {
  const at20000 = f.scaled.find((point) => point.annotations >= 20_000) ?? null;
  const browserFigures = (label: string, run: BrowserRun, interactionMax: number): Figure[] => [
    { name: `Browser ${label}: Largest Contentful Paint`, value: run.lcpMs ?? Number.NaN, unit: 'ms', budget: { max: 1000, unit: 'ms' } },
    { name: `Browser ${label}: longest task after load`, value: run.longestTaskAfterLoadMs, unit: 'ms', budget: { max: 200, unit: 'ms' }, note: `total blocking time after load ${formatNumber(run.totalBlockingTimeAfterLoadMs, 0)} ms; longest task of the whole load ${formatNumber(run.longestTaskMs, 0)} ms` },
    { name: `Browser ${label}: highlights drawn`, value: run.highlightsDrawnMs ?? Number.NaN, unit: 'ms', budget: null, note: `${formatNumber(run.highlightMarks, 0)} marks` },
    { name: `Browser ${label}: opening a footnote, input to paint`, value: interaction(run, 'footnote'), unit: 'ms', budget: { max: interactionMax, unit: 'ms' }, ...(run.footnote.note ? { note: run.footnote.note } : {}) },
    { name: `Browser ${label}: opening a thread, input to paint`, value: interaction(run, 'thread'), unit: 'ms', budget: { max: interactionMax, unit: 'ms' }, ...(run.thread.note ? { note: run.thread.note } : {}) },
    { name: `Browser ${label}: opening the composer, input to paint`, value: interaction(run, 'composer'), unit: 'ms', budget: { max: interactionMax, unit: 'ms' }, ...(run.composer.note ? { note: run.composer.note } : {}) },
    { name: `Browser ${label}: layout shift`, value: run.cumulativeLayoutShift, unit: '', budget: { max: 0, unit: '' } },
    { name: `Browser ${label}: JS heap after load`, value: run.jsHeapMb, unit: 'MB', budget: null },
  ];
  const { openLoop, capacity, closedLoop } = f;
  return [
    { name: 'Reader render with 5,000 annotations ÷ with none (median)', value: f.fullRender.p50 / f.emptyRender.p50, unit: '×', budget: { max: 3, unit: '×' }, note: `${formatNumber(f.fullRender.p50, 0)} ms vs ${formatNumber(f.emptyRender.p50, 0)} ms` },
    { name: 'Reader HTML with 5,000 annotations', value: f.fullRender.bytes / 1000, unit: 'kB', budget: null, note: `none: ${formatNumber(f.emptyRender.bytes / 1000, 0)} kB; highlight table fetched after the page ${formatNumber(f.highlightTable.bytes / 1000, 0)} kB in ${formatNumber(f.highlightTable.p50, 0)} ms` },
    { name: 'Reader route JavaScript, gzipped', value: f.scripts.gzipBytes / 1000, unit: 'kB', budget: { max: 130, unit: 'kB' }, note: `${f.scripts.chunks} chunks; React and the Next.js runtime that every page loads: ${formatNumber(f.scripts.frameworkGzipBytes / 1000, 1)} kB` },
    { name: 'Reader route JavaScript of its own (beyond React and Next.js), gzipped', value: (f.scripts.gzipBytes - f.scripts.frameworkGzipBytes) / 1000, unit: 'kB', budget: null },
    ...(f.browser ? [...browserFigures('1280 px', f.browser.desktop, 100), ...browserFigures('375 px, 4× CPU throttling', f.browser.phone, 200)] : []),
    { name: 'Create p95 at 100/s, open loop', value: openLoop.create.latencyMs.p95, unit: 'ms', budget: { max: 50, unit: 'ms' }, note: `p50 ${formatNumber(openLoop.create.latencyMs.p50)} ms, ${openLoop.create.failed} failed; load generator ${formatNumber(openLoop.create.generatorCpuShare * 100, 0)}% of a core` },
    { name: 'Create capacity ÷ no-op capacity (p95 < 50 ms)', value: capacity.ratio, unit: '×', budget: null, note: `${formatNumber(capacity.create.ratePerSecond, 0)}/s vs ${formatNumber(capacity.noOp.ratePerSecond, 0)}/s; goal ≥ 0.5×` },
    { name: 'Server CPU per create ÷ per no-op request (at 100/s)', value: cpuRatio(openLoop.create, openLoop.noOp), unit: '×', budget: { max: 2, unit: '×' }, note: `${formatNumber(openLoop.create.serverCpuMsPerRequest ?? Number.NaN, 2)} ms vs ${formatNumber(openLoop.noOp.serverCpuMsPerRequest ?? Number.NaN, 2)} ms` },
    { name: 'Server CPU per refused create ÷ per no-op request (at 100/s)', value: cpuRatio(openLoop.refusedCreate, openLoop.noOp), unit: '×', budget: null, note: `${formatNumber(openLoop.refusedCreate.serverCpuMsPerRequest ?? Number.NaN, 2)} ms: signed in, the body read and refused (422) before anything is stored` },
    { name: 'Create p95, 32 clients closed loop', value: closedLoop.create.latencyMs.p95, unit: 'ms', budget: null, note: `${formatNumber(closedLoop.create.throughputPerSecond, 0)}/s; no-op ${formatNumber(closedLoop.noOp.latencyMs.p95)} ms at ${formatNumber(closedLoop.noOp.throughputPerSecond, 0)}/s; plain pg inserts ${formatNumber(closedLoop.plainPg.throughputPerSecond, 0)}/s` },
    { name: 'Annotation create errors', value: openLoop.create.failed + closedLoop.create.errors + closedLoop.create.non2xx, unit: '', budget: { max: 0, unit: '' } },
    { name: 'Re-anchoring 5,000 annotations after an edit', value: f.reanchor.ms, unit: 'ms', budget: { max: 1000, unit: 'ms' } },
    { name: 'Re-anchoring 5,000 annotations after a heavy rewrite (~30%)', value: f.heavyReanchor.ms, unit: 'ms', budget: { max: 1000, unit: 'ms' }, note: `CPU ${formatNumber(f.heavyReanchor.cpuMs, 0)} ms; ${f.heavyReanchor.orphan} orphans, ${f.heavyReanchor.needsConfirmation} to confirm` },
    // Budgets are ceilings, so "correct ≥ 95%" reads as at most 5% not correct.
    { name: 'Anchoring: placements not correct (wrong place or missed)', value: (1 - f.anchoringQuality.correctRate) * 100, unit: '%', budget: { max: 5, unit: '%' }, note: `${formatNumber(f.anchoringQuality.correctRate * 100, 1)}% correct of ${formatNumber(f.anchoringQuality.cases, 0)}; ${formatNumber(f.anchoringQuality.missRate * 100, 1)}% missed` },
    { name: 'Anchoring: wrong-place placements', value: f.anchoringQuality.wrongPlaceRate * 100, unit: '%', budget: { max: 2, unit: '%' } },
    { name: 'Anchoring: wrong-place placements not asked', value: f.anchoringQuality.wrongPlaceUnasked, unit: '', budget: { max: 0, unit: '' } },
    { name: 'Anchoring: correct placements that ask a person', value: f.anchoringQuality.correctAskingRate * 100, unit: '%', budget: { max: 3, unit: '%' }, note: `score ROC area ${f.anchoringQuality.scoreAuc === null ? 'n/a' : formatNumber(f.anchoringQuality.scoreAuc, 3)}` },
    { name: `Live delivery p95, ${f.live.streams} streams`, value: f.live.latencyMs.p95, unit: 'ms', budget: { max: 250, unit: 'ms' }, note: `p50 ${formatNumber(f.live.latencyMs.p50)} ms, ${f.live.missing} missed` },
    ...(at20000
      ? [
          { name: 'Reader render with 20,000 annotations ÷ with none', value: at20000.render.p50 / f.emptyRender.p50, unit: '×', budget: { max: 3, unit: '×' }, note: `${formatNumber(at20000.render.p50, 0)} ms` },
          ...(['word', 'phrase', 'tag'] as const).map((kind) => ({ name: `Search p95 at 20,000: ${kind}`, value: at20000.search[kind].p95, unit: 'ms', budget: { max: 100, unit: 'ms' }, note: `p50 ${formatNumber(at20000.search[kind].p50)} ms` })),
        ]
      : []),
    ...(f.pathology
      ? [
          { name: 'Reader with a 6,000-deep reply chain ÷ with a 10-reply thread', value: f.pathology.deepChainRatio, unit: '×', budget: { max: 2, unit: '×' }, note: `${formatNumber(f.pathology.deepChain.p50, 0)} ms vs ${formatNumber(f.pathology.normal.p50, 0)} ms` },
          { name: 'Reader with 1,000 shared tags ÷ with the starter vocabulary', value: f.pathology.bigVocabularyRatio, unit: '×', budget: { max: 2, unit: '×' }, note: `${formatNumber(f.pathology.bigVocabulary.p50, 0)} ms` },
        ]
      : []),
    { name: 'Server memory at the end (VmRSS)', value: f.memoryMb, unit: 'MB', budget: { max: 400, unit: 'MB' } },
  ];
}

/** How each figure was taken, for bench/RESULTS.md. */
export function methodNotes(f: BenchFigures, settings: { renderSamples: number; openLoopSeconds: number; warmUpSeconds: number; capacitySeconds: number; connections: number; cpus: number }): string[] {
  const { openLoop, capacity, closedLoop } = f;
  const steps = (found: Capacity) => found.steps.map((step) => `${step.ratePerSecond}/s → p95 ${formatNumber(step.latencyMs.p95)} ms${step.failed ? ` (${step.failed} failed)` : ''}`).join(', ');
  return [
    `- **Reader render**: ${settings.renderSamples} sequential GETs of the reader after warm-up ones, until the last byte, with no annotations and then with 5,000; the highlight table is a separate request the page makes after it loads.`,
    `- **JavaScript**: every \`<script src>\` the reader's HTML references, gzipped (level 9); kB = 1,000 bytes. Parts loaded on demand (the composer's tag field, dialogs, previews) are not in it.`,
    `- **Open loop**: requests sent at a fixed rate whatever the server answers, each timed from the moment it was due (coordinated omission corrected), on up to ${settings.connections} keep-alive sockets (at most ${Math.max(openLoop.create.maxInFlight, openLoop.noOp.maxInFlight)} requests were in flight at once${Math.max(openLoop.create.maxInFlight, openLoop.noOp.maxInFlight) <= settings.connections ? ', so the generator never waited for a socket' : ': the server fell behind, and the wait for a socket counts in the latency'}). 100 creates a second for ${settings.openLoopSeconds} s: p50 ${formatNumber(openLoop.create.latencyMs.p50)} ms, p95 ${formatNumber(openLoop.create.latencyMs.p95)} ms (service time alone p95 ${formatNumber(openLoop.create.serviceMs.p95)} ms). The no-op request (\`GET /api/ping\`: outside the API wrapper, no session, no rate limit, no database) at the same rate: p95 ${formatNumber(openLoop.noOp.latencyMs.p95)} ms. The generator used ${formatNumber(openLoop.create.generatorCpuShare * 100, 0)}% of a core (${formatNumber(openLoop.create.generatorCpuMsPerRequest, 2)} ms a request) on the same ${settings.cpus} cores.`,
    `- **Server CPU**: \`/proc\` user + system time of the server over each 100/s run, less its idle use over as long, divided by the requests. The three kinds ran ${settings.openLoopSeconds} s each in three alternating rounds, after ${settings.warmUpSeconds} s of all three unmeasured (the server's CPU per request roughly halves over its first thousands of requests as hot paths are compiled, so a kind measured before another would look dearer): create ${formatNumber(openLoop.create.serverCpuMsPerRequest ?? Number.NaN, 2)} ms, no-op ${formatNumber(openLoop.noOp.serverCpuMsPerRequest ?? Number.NaN, 2)} ms, and a refused create ${formatNumber(openLoop.refusedCreate.serverCpuMsPerRequest ?? Number.NaN, 2)} ms (the same signed-in POST with a body of the same size whose only selector is one Marginalia does not anchor by, answered 422 before anything is stored). PostgreSQL's processes over the same runs (the same \`/proc\` reading, idle use included): ${formatNumber(openLoop.create.databaseCpuMsPerRequest ?? Number.NaN, 2)} ms a create, ${formatNumber(openLoop.noOp.databaseCpuMsPerRequest ?? Number.NaN, 2)} ms a no-op.`,
    `- **Capacity**: the fixed rate raised step by step (${settings.capacitySeconds} s each) until p95 reached 50 ms or a request failed, then the rate halfway tried. Creates: ${steps(capacity.create)}. No-op: ${steps(capacity.noOp)}.`,
    `- **Closed loop** (no budget: with 32 clients that each send again when answered, latency is 32 ÷ throughput): creates p95 ${formatNumber(closedLoop.create.latencyMs.p95)} ms at ${formatNumber(closedLoop.create.throughputPerSecond, 0)}/s, the no-op p95 ${formatNumber(closedLoop.noOp.latencyMs.p95)} ms at ${formatNumber(closedLoop.noOp.throughputPerSecond, 0)}/s, and the same three rows as plain inserts through a 32-connection \`pg\` pool ${formatNumber(closedLoop.plainPg.throughputPerSecond, 0)}/s.`,
    `- **Re-anchoring**: a new version with a sentence added to the lead, words changed in several paragraphs and one paragraph rewritten, through \`unsafeReanchorDocument\`: ${f.reanchor.exact} exact, ${f.reanchor.moved} moved, ${f.reanchor.fuzzy} fuzzy, ${f.reanchor.orphan} orphans. **Heavy rewrite**: about 30% rewritten (sentences deleted and reworded, words changed, paragraphs moved; ${formatNumber(f.heavyReanchor.changedShare * 100, 0)}% of the quotes no longer verbatim), ${formatNumber(f.heavyReanchor.annotations, 0)} quotes with \`reanchorAll\` in process, best of ${f.heavyReanchor.runsMs.length} (${f.heavyReanchor.runsMs.map((ms) => formatNumber(ms, 0)).join(', ')} ms; CPU ${formatNumber(f.heavyReanchor.cpuMs, 0)} ms): ${f.heavyReanchor.exact} exact, ${f.heavyReanchor.moved} moved, ${f.heavyReanchor.fuzzy} fuzzy, ${f.heavyReanchor.orphan} orphans.`,
    `- **Anchoring quality**: ${formatNumber(f.anchoringQuality.cases, 0)} edits with known answers from seed ${f.anchoringQuality.seed} (\`lib/domain/anchoring-corpus.ts\`): ${f.anchoringQuality.correct} correct, ${f.anchoringQuality.wrongPlace} on the wrong text (${f.anchoringQuality.wrongPlaceUnasked} without asking), ${f.anchoringQuality.miss} missed; ${formatNumber(f.anchoringQuality.correctAskingRate * 100, 1)}% of correct placements ask a person (score below ${f.anchoringQuality.confirmThreshold}); ROC area of the score, right against wrong placements, ${f.anchoringQuality.scoreAuc === null ? 'n/a' : formatNumber(f.anchoringQuality.scoreAuc, 3)}. By kind (correct/wrong/missed): ${Object.entries(f.anchoringQuality.byKind).map(([kind, counts]) => `${kind} ${counts.correct}/${counts.wrongPlace}/${counts.miss}`).join(', ')}.`,
    `- **Browser**: Chromium through Playwright, signed in, the reader with 5,000 annotations, once to warm up and then the median of three loads by LCP; at 1280 px, and at 375 px (touch, 2× pixels) with 4× CPU throttling through CDP. LCP, long tasks, Event Timing (input to next paint; entries under 16 ms are not reported, so 16 means “under 16”) and layout shifts are the page's own entries; the time highlights were drawn is when the last highlight mark was added; the heap is CDP's JSHeapUsedSize after load.`,
    `- **Live delivery**: ${f.live.streams} open event streams; annotations posted one after another; from sending each write to its event on each stream (${formatNumber(f.live.deliveries, 0)} deliveries).`,
    `- **Pathological data**: a copy of the article with one thread of 10 replies and the starter vocabulary, then with the workspace vocabulary grown to 1,000 shared tags, then (those tags removed) with a chain of 6,000 replies each answering the one before, inserted directly.`,
    '- **Memory**: VmRSS of the `next start` process (and any children) after everything above.',
  ];
}

/** For budgets this run shows cannot be met by the app itself, why, with the figures of the same run. */
export function budgetNotes(f: BenchFigures, cpus: number): string[] {
  const notes: string[] = [];
  const framework = f.scripts.frameworkGzipBytes / 1000;
  const own = (f.scripts.gzipBytes - f.scripts.frameworkGzipBytes) / 1000;
  const loadedLater = 'the composer and its tag field, the reply, edit and link forms, the source card and its form, the keyboard help, a section\'s comment form, the Markdown reader of excerpts and the highlight index already come only when first used, and the live stream\'s code once the page has hydrated';
  if (f.scripts.gzipBytes / 1000 > 130 && framework >= 130) {
    notes.push(
      `The reader's JavaScript budget (130 kB) is less than what React and the Next.js runtime alone weigh: every page of the app loads those ${formatNumber(framework, 1)} kB gzipped (the build manifest's root chunks), ${formatNumber(framework - 130, 1)} kB over the budget before a line of the reader's own code, so no change to the reader can meet it with this stack. The reader's own code is ${formatNumber(own, 1)} kB, and even that counts Next.js's own client components of every page (its layout router and error boundaries); ${loadedLater}.`,
    );
  } else if (f.scripts.gzipBytes / 1000 > 130 && framework > 100) {
    notes.push(
      `The reader's JavaScript budget (130 kB) is within ${formatNumber(130 - framework, 1)} kB of what React and the Next.js runtime alone weigh: every page of the app loads those ${formatNumber(framework, 1)} kB gzipped (the build manifest's root chunks), whatever it holds. The reader's own code is ${formatNumber(own, 1)} kB; ${loadedLater}.`,
    );
  }
  for (const note of [createCpuNote(f), capacityNote(f, cpus)]) if (note) notes.push(note);
  return notes;
}

// A create does everything a refused one does (read the body, check the session against the database, validate,
// answer) and then places the quote and stores it. When the refused create alone costs 2× the no-op, no create can
// meet the budget; the note says so, or how little room the refused create leaves, with this run's figures.
function createCpuNote(f: BenchFigures): string | null {
  const { create, noOp, refusedCreate } = f.openLoop;
  const createRatio = cpuRatio(create, noOp);
  const refusedRatio = cpuRatio(refusedCreate, noOp);
  if (!(createRatio > 2) || !Number.isFinite(refusedRatio)) return null;
  const ms = (run: OpenLoopRun) => `${formatNumber(run.serverCpuMsPerRequest ?? Number.NaN, 2)} ms`;
  const ownMs = (create.serverCpuMsPerRequest ?? 0) - (refusedCreate.serverCpuMsPerRequest ?? 0);
  const roomMs = 2 * (noOp.serverCpuMsPerRequest ?? 0) - (refusedCreate.serverCpuMsPerRequest ?? 0);
  const floor =
    `Server CPU per create is ${formatNumber(createRatio, 2)}× the no-op request's (${ms(create)} vs ${ms(noOp)}). ` +
    `A create refused before anything is stored, from the same signed-in caller with a body of the same size, costs ${ms(refusedCreate)}, ${formatNumber(refusedRatio, 2)}× the no-op: reading and parsing a JSON body, checking the session against the database (so that signing out, anywhere, ends a session at once) and answering take that much before any of the create's own work. ` +
    `Placing the quote and storing the annotation with its tags in one statement add ${formatNumber(ownMs, 2)} ms.`;
  if (refusedRatio >= 2) return `${floor} Since a create that stores nothing already costs more than twice the no-op, no create can meet the 2× budget on this server.`;
  const room = `So the 2× budget leaves ${formatNumber(roomMs, 2)} ms, ${formatNumber(2 - refusedRatio, 2)}× of the no-op, for all of a create's own work, which takes ${formatNumber(ownMs, 2)} ms here`;
  return refusedRatio >= 1.75
    ? `${floor} ${room}: with the session checked against the database on every request, the budget leaves almost nothing for the write itself.`
    : `${floor} ${room}, and that is where the budget is missed.`;
}

// Capacity is where the server runs out of CPU: `next start` is one Node.js process answering on one JavaScript
// thread, and the no-op's capacity is where its cheap requests fill it. Creates fill it at the inverse of their CPU
// ratio, so 0.5× needs CPU per create within 2× the no-op's, the budget createCpuNote explains; and half the no-op's
// rate may need more cores than the machine has for the server, PostgreSQL and the load generator together.
function capacityNote(f: BenchFigures, cpus: number): string | null {
  const { create, noOp } = f.openLoop;
  if (f.capacity.ratio >= 0.5 || create.serverCpuMsPerRequest === null || noOp.serverCpuMsPerRequest === null) return null;
  const goal = f.capacity.noOp.ratePerSecond / 2;
  const database = create.databaseCpuMsPerRequest ?? 0;
  const perCreate = create.serverCpuMsPerRequest + database + create.generatorCpuMsPerRequest;
  const coresNeeded = (goal * perCreate) / 1000;
  const cpuRatioOfCreate = cpuRatio(create, noOp);
  const sentences = [
    `Create capacity is ${formatNumber(f.capacity.ratio, 2)}× the no-op request's (${f.capacity.create.ratePerSecond}/s vs ${f.capacity.noOp.ratePerSecond}/s).`,
    `The app server is one Node.js process that answers every request on one JavaScript thread, and both figures are where it runs out: a kind of request fills it at a rate inversely proportional to the CPU each one costs.`,
    `A create costs ${formatNumber(cpuRatioOfCreate, 2)}× the no-op's CPU (${formatNumber(create.serverCpuMsPerRequest, 2)} ms vs ${formatNumber(noOp.serverCpuMsPerRequest, 2)} ms at 100/s), so creates fill the server at about ${formatNumber(1 / cpuRatioOfCreate, 2)}× the no-op's rate; 0.5× would need CPU per create within 2× the no-op's${cpuRatioOfCreate > 2 ? ', the budget above' : ''}.`,
    `Beside the server, each create costs ${formatNumber(database, 2)} ms of PostgreSQL's CPU and ${formatNumber(create.generatorCpuMsPerRequest, 2)} ms of the load generator's, all on the same ${cpus} cores: half the no-op's capacity, ${formatNumber(goal, 0)} creates a second, would take ${formatNumber(coresNeeded, 1)} of them${coresNeeded > cpus ? ', more than the machine has' : ''}.`,
    `For scale, PostgreSQL stores the same three rows as plain inserts from 32 connections, with no app in the way, at ${formatNumber(f.closedLoop.plainPg.throughputPerSecond, 0)}/s.`,
  ];
  return sentences.join(' ');
}
