import Link from 'next/link';
import type { VersionSummary } from '@/lib/dal/document-versions';
import { formatInstant } from '@/lib/format/dates';

/** Who brought a version in: the importer's name, or the app itself for the document it ships with. */
export function importerOf(version: VersionSummary): string {
  return version.importerName ?? 'loaded with the app';
}

/** The versions of a document as a table: number (a link to its page), date, importer, and which one readers see. */
export function VersionList({ slug, versions, currentNumber }: { slug: string; versions: VersionSummary[]; currentNumber?: number }) {
  return (
    <table className="versions-table">
      <caption className="visually-hidden">Versions of this document</caption>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Stored</th>
          <th scope="col">Imported by</th>
        </tr>
      </thead>
      <tbody>
        {[...versions].reverse().map((version) => (
          <tr key={version.number}>
            <th scope="row">
              {version.number === currentNumber ? (
                <span aria-current="page">Version {version.number}</span>
              ) : (
                <Link href={`/documents/${slug}/versions/${version.number}`}>Version {version.number}</Link>
              )}
              {version.isCurrent && <span className="versions-table__current"> (current)</span>}
            </th>
            <td>{formatInstant(version.createdAt)}</td>
            <td>{importerOf(version)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A form choosing two versions to compare; it opens the comparison page, so it works without script. */
export function CompareVersionsForm({ slug, versions, from, to }: { slug: string; versions: VersionSummary[]; from: number; to: number }) {
  if (versions.length < 2) return <p className="status-message">This document has one version, so there is nothing to compare yet.</p>;
  return (
    <form className="compare-form" method="get" action={`/documents/${slug}/versions/compare`}>
      <label>
        Compare version{' '}
        <VersionSelect name="from" versions={versions} chosen={from} />
      </label>{' '}
      <label>
        with version{' '}
        <VersionSelect name="to" versions={versions} chosen={to} />
      </label>{' '}
      <button type="submit" className="button">
        Show changes
      </button>
    </form>
  );
}

function VersionSelect({ name, versions, chosen }: { name: 'from' | 'to'; versions: VersionSummary[]; chosen: number }) {
  return (
    <select name={name} defaultValue={String(chosen)}>
      {versions.map((version) => (
        <option key={version.number} value={version.number}>
          {version.number}
        </option>
      ))}
    </select>
  );
}
