// Marked pure so a bundle that never formats a calendar date leaves the formatter out.
const longDate = /* @__PURE__ */ new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Formats an ISO calendar date (`2017-04-12`) as `12 April 2017`. */
export function formatCalendarDate(isoDate: string): string {
  return longDate.format(new Date(`${isoDate}T00:00:00Z`));
}

const dateTime = /* @__PURE__ */ new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });

/** Formats an ISO instant as `17 Mar 2024, 14:05 UTC`; fixed to UTC so server and browser render alike. */
export function formatInstant(iso: string): string {
  return dateTime.format(new Date(iso));
}
