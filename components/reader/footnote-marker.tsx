/** A footnote's number in the text, a button that will open the note in place. */
export function FootnoteMarker({ number }: { number: number }) {
  return (
    <sup className="footnote-marker">
      <button type="button" id={`fn-ref-${number}`} className="footnote-marker__button" aria-label={`Footnote ${number}`}>
        {number}
      </button>
    </sup>
  );
}
