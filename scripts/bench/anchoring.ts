// Anchoring figures of `npm run bench` that need no server: placement quality over the committed corpus of edits
// with known answers, and re-anchoring 5,000 annotations after a heavy rewrite. Runs on its own too:
//   tsx scripts/bench/anchoring.ts
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { needsConfirmation, reanchorAll, type AnchorResult } from '@/lib/domain/anchoring';
import { ANCHORING_CORPUS_PARAMETERS, buildAnchoringCorpus, corpusQuotes, heavyRewrite } from '@/lib/domain/anchoring-corpus';
import { measureAnchoringQuality, type AnchoringQuality } from '@/lib/domain/anchoring-quality';
import { parsePlainTextDocument } from '@/lib/domain/plain-text-import';

/**
 * Re-anchoring after the heavy rewrite: time (best of a few runs, and each run), the CPU time of the best run (on a
 * busy machine wall time also counts waiting for a core), and how the annotations came out.
 */
export type HeavyReanchor = { ms: number; runsMs: number[]; cpuMs: number; annotations: number; changedShare: number; exact: number; moved: number; fuzzy: number; orphan: number; needsConfirmation: number };

const HEAVY_ANNOTATIONS = 5000;
const HEAVY_RUNS = 3;

/** The seed article's text as the app stores it. */
export async function seedArticleText(): Promise<string> {
  const raw = await readFile(path.join(process.cwd(), 'prisma', 'seed', 'exporting-jihad.txt'), 'utf8');
  return parsePlainTextDocument(raw).text;
}

/** Placement quality over the whole committed corpus, with the time it took. */
export function benchmarkAnchoringQuality(article: string): AnchoringQuality & { seed: number; ms: number } {
  const t0 = performance.now();
  const quality = measureAnchoringQuality(buildAnchoringCorpus(article, ANCHORING_CORPUS_PARAMETERS));
  return { ...quality, seed: ANCHORING_CORPUS_PARAMETERS.seed, ms: performance.now() - t0 };
}

/** Re-anchors 5,000 annotations picked across the article on its heavy rewrite (~30% changed), timed in process. */
export function benchmarkHeavyReanchor(article: string): HeavyReanchor {
  const rewrite = heavyRewrite(article, ANCHORING_CORPUS_PARAMETERS.seed).text;
  const items = corpusQuotes(article, HEAVY_ANNOTATIONS, ANCHORING_CORPUS_PARAMETERS.seed + 2);
  const runsMs: number[] = [];
  const runsCpuMs: number[] = [];
  let results = new Map<string, AnchorResult>();
  for (let run = 0; run < HEAVY_RUNS; run++) {
    const t0 = performance.now();
    const cpu = process.cpuUsage();
    results = reanchorAll(rewrite, items);
    const used = process.cpuUsage(cpu);
    runsMs.push(performance.now() - t0);
    runsCpuMs.push((used.user + used.system) / 1000);
  }
  const outcome = { exact: 0, moved: 0, fuzzy: 0, orphan: 0, needsConfirmation: 0 };
  for (const result of results.values()) {
    outcome[result.status]++;
    if (needsConfirmation(result)) outcome.needsConfirmation++;
  }
  const kept = items.filter((item) => rewrite.includes(item.selectors.quote.exact)).length;
  return { ms: Math.min(...runsMs), runsMs, cpuMs: Math.min(...runsCpuMs), annotations: items.length, changedShare: 1 - kept / items.length, ...outcome };
}

if (process.argv[1]?.endsWith(path.join('scripts', 'bench', 'anchoring.ts'))) {
  void (async () => {
    const article = await seedArticleText();
    console.log(JSON.stringify({ heavyReanchor: benchmarkHeavyReanchor(article), anchoringQuality: benchmarkAnchoringQuality(article) }, null, 2));
  })();
}
