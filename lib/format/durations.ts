/** Formats a wait as people say it: "40 seconds", "about 12 minutes". */
export function describeWait(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `about ${Math.ceil(seconds / 60)} minutes`;
}
