import { anchorSelectors, FUZZY_CONFIRM_THRESHOLD, needsConfirmation, type AnchorResult } from './anchoring';
import type { CorpusCase, CorpusCaseKind } from './anchoring-corpus';

/** How one case came out: on the true passage (or rightly an orphan), on other text, or left an orphan wrongly. */
export type Placement = 'correct' | 'wrong-place' | 'miss';

/** Placement quality over a corpus: counts, rates, how often a person is asked, and how well the score separates right from wrong. */
export type AnchoringQuality = {
  cases: number;
  correct: number;
  wrongPlace: number;
  miss: number;
  correctRate: number;
  wrongPlaceRate: number;
  missRate: number;
  /** Wrong-place placements that would not ask a person (score at or above the confirmation threshold). */
  wrongPlaceUnasked: number;
  /** Share of correct placements (on text, not orphans) that ask a person to confirm. */
  correctAskingRate: number;
  /** Area under the ROC curve of the stored score, placed-correct against placed-wrong (1 = perfect separation). */
  scoreAuc: number | null;
  confirmThreshold: number;
  byKind: Record<string, { cases: number; correct: number; wrongPlace: number; miss: number }>;
};

/** Judges one anchoring result against a case's known answer: correct when it covers at least half the true span, or is an orphan for a gone passage. Pure. */
export function judgePlacement(testCase: CorpusCase, result: AnchorResult): Placement {
  const { expected } = testCase;
  if (result.start === null || result.end === null) return expected === null ? 'correct' : 'miss';
  if (expected === null) return 'wrong-place';
  const overlap = Math.min(result.end, expected.end) - Math.max(result.start, expected.start);
  return overlap * 2 >= expected.end - expected.start ? 'correct' : 'wrong-place';
}

/** Anchors every case with the real anchoring code and measures placement quality. Pure (but takes a while on the full corpus). */
export function measureAnchoringQuality(cases: readonly CorpusCase[]): AnchoringQuality {
  const byKind: AnchoringQuality['byKind'] = {};
  const counts = { correct: 0, 'wrong-place': 0, miss: 0 };
  let wrongPlaceUnasked = 0;
  let correctPlaced = 0;
  let correctAsking = 0;
  const rightScores: number[] = [];
  const wrongScores: number[] = [];
  for (const testCase of cases) {
    const result = anchorSelectors(testCase.text, testCase.selectors);
    const placement = judgePlacement(testCase, result);
    counts[placement]++;
    const kind = (byKind[testCase.kind as CorpusCaseKind] ??= { cases: 0, correct: 0, wrongPlace: 0, miss: 0 });
    kind.cases++;
    if (placement === 'correct') kind.correct++;
    else if (placement === 'wrong-place') kind.wrongPlace++;
    else kind.miss++;
    if (result.start === null) continue;
    if (placement === 'correct') {
      correctPlaced++;
      rightScores.push(result.score);
      if (needsConfirmation(result)) correctAsking++;
    } else {
      wrongScores.push(result.score);
      if (!needsConfirmation(result)) wrongPlaceUnasked++;
    }
  }
  const total = cases.length;
  return {
    cases: total,
    correct: counts.correct,
    wrongPlace: counts['wrong-place'],
    miss: counts.miss,
    correctRate: counts.correct / total,
    wrongPlaceRate: counts['wrong-place'] / total,
    missRate: counts.miss / total,
    wrongPlaceUnasked,
    correctAskingRate: correctPlaced === 0 ? 0 : correctAsking / correctPlaced,
    scoreAuc: areaUnderCurve(rightScores, wrongScores),
    confirmThreshold: FUZZY_CONFIRM_THRESHOLD,
    byKind,
  };
}

// Probability that a random right placement scores above a random wrong one (ties count half): the ROC area.
function areaUnderCurve(right: number[], wrong: number[]): number | null {
  if (right.length === 0 || wrong.length === 0) return null;
  const sorted = [...wrong].sort((a, b) => a - b);
  let sum = 0;
  for (const score of right) {
    let below = 0;
    let equal = 0;
    for (const other of sorted) {
      if (other < score) below++;
      else if (other === score) equal++;
      else break;
    }
    sum += below + equal / 2;
  }
  return sum / (right.length * wrong.length);
}
