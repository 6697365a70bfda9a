export default function ReaderLoading() {
  return (
    <div className="page reader" aria-busy="true">
      <p className="status-message" role="status">
        Opening the document…
      </p>
    </div>
  );
}
