import type { VersionDiff } from '@/lib/domain/version-diff';
import { collapseUnchanged } from '@/lib/domain/version-diff';

/**
 * Two versions compared word by word. Added words are an `ins`, removed ones a `del`; each change also carries
 * its name in words ("added", "removed") for screen readers, and is drawn underlined or struck through, so no
 * change is told by colour alone. Long unchanged stretches are shortened to their ends.
 */
export function VersionDiffView({ diff, from, to }: { diff: VersionDiff; from: number; to: number }) {
  const parts = collapseUnchanged(diff.parts);
  const isSame = !diff.parts.some((part) => part.kind !== 'same');
  return (
    <>
      <p className="diff-summary">
        {isSame
          ? `Versions ${from} and ${to} have the same text.`
          : `From version ${from} to version ${to}: ${diff.wordsAdded.toLocaleString('en')} ${diff.wordsAdded === 1 ? 'word' : 'words'} added, ${diff.wordsRemoved.toLocaleString('en')} ${diff.wordsRemoved === 1 ? 'word' : 'words'} removed.`}
      </p>
      <p className="diff-legend" aria-hidden="true">
        <ins className="diff-added">Added text</ins> <del className="diff-removed">Removed text</del>
      </p>
      <div className="diff-text" role="region" aria-label={`Changes from version ${from} to version ${to}`}>
        {parts.map((part, index) => {
          if (part.kind === 'gap') {
            return (
              <span key={index} className="diff-gap">
                {' '}
                [… {part.characters.toLocaleString('en')} unchanged characters …]{' '}
              </span>
            );
          }
          if (part.kind === 'added') {
            return (
              <ins key={index} className="diff-added">
                <span className="visually-hidden">[added: </span>
                {part.text}
                <span className="visually-hidden">]</span>
              </ins>
            );
          }
          if (part.kind === 'removed') {
            return (
              <del key={index} className="diff-removed">
                <span className="visually-hidden">[removed: </span>
                {part.text}
                <span className="visually-hidden">]</span>
              </del>
            );
          }
          return <span key={index}>{part.text}</span>;
        })}
      </div>
    </>
  );
}
