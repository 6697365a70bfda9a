// The fixed set of reactions on annotations, replies and section discussions: each has an emoji for the eye and a
// name for everyone (screen readers announce the name, never the emoji).

/** The reaction kinds, in the order a card shows them. */
export const REACTION_KINDS = ['AGREE', 'DISAGREE', 'QUESTION', 'IMPORTANT'] as const;

/** One of REACTION_KINDS. */
export type ReactionKindName = (typeof REACTION_KINDS)[number];

/** Each reaction's emoji and its name in words. */
export const REACTIONS: Record<ReactionKindName, { emoji: string; name: string }> = {
  AGREE: { emoji: '👍', name: 'Agree' },
  DISAGREE: { emoji: '👎', name: 'Disagree' },
  QUESTION: { emoji: '❓', name: 'Question' },
  IMPORTANT: { emoji: '❗', name: 'Important' },
};

/** How one reaction stands on one annotation: who gave it (oldest first) and whether the viewer is among them. */
export type ReactionSummary = { kind: ReactionKindName; names: string[]; isMine: boolean };

/** Groups reaction rows into one summary per kind, in REACTION_KINDS order; kinds nobody gave have no names. */
export function summariseReactions(rows: ReadonlyArray<{ kind: ReactionKindName; userId: string; name: string }>, viewerId: string | null): ReactionSummary[] {
  return REACTION_KINDS.map((kind) => {
    const given = rows.filter((row) => row.kind === kind);
    return { kind, names: given.map((row) => row.name), isMine: viewerId !== null && given.some((row) => row.userId === viewerId) };
  });
}

/** The accessible name of a reaction's button, e.g. "Agree: 2, Ana and Ben" or "Agree: nobody yet". */
export function describeReaction(summary: ReactionSummary): string {
  const { name } = REACTIONS[summary.kind];
  const { names } = summary;
  if (names.length === 0) return `${name}: nobody yet`;
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${name}: ${names.length}, ${list}`;
}
