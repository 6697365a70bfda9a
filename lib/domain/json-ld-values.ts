import type { z } from '@/lib/zod';

// Reading JSON-LD values as the Web Annotation model writes them, shared by the W3C importer and the checker.

// xsd:dateTime: date, time, optional fraction, optional timezone. Years beyond 9999 and negative years are
// legal xsd but not in any annotation Marginalia will meet, so they are refused rather than mis-converted.
const XSD_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/u;

/** Reads an xsd:dateTime: null when `value` is not one; `utc` is the UTC ISO string, or null when it has no timezone. */
export function readDateTime(value: string): { utc: string | null } | null {
  const match = XSD_DATE_TIME.exec(value);
  if (!match) return null;
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fraction = '', zone] = match;
  const [year, month, day, hour, minute, second] = [yearText, monthText, dayText, hourText, minuteText, secondText].map(Number) as [number, number, number, number, number, number];
  const isEndOfDay = hour === 24 && minute === 0 && second === 0 && /^\.?0*$/u.test(fraction);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if ((hour > 23 && !isEndOfDay) || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== 'Z') {
    const zoneHours = Number(zone.slice(1, 3));
    const zoneMinutes = Number(zone.slice(4, 6));
    if (zoneMinutes > 59 || zoneHours * 60 + zoneMinutes > 14 * 60) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  }
  if (zone === undefined) return { utc: null };
  const milliseconds = Math.floor(Number(`0${fraction || '.0'}`) * 1000);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, milliseconds);
  const instant = date.getTime() - offsetMinutes * 60_000;
  if (!Number.isFinite(instant)) return null;
  return { utc: new Date(instant).toISOString() };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// An absolute IRI (RFC 3987): a scheme, a colon, then no spaces, controls or characters IRIs exclude.
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`\p{Cc}]+$/u;

/** Whether `value` is an absolute IRI (RFC 3987). */
export function isIri(value: string): boolean {
  return ABSOLUTE_IRI.test(value);
}

/** Whether `value` is a whole number from 0. */
export function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Whether `value` is a JSON object (not null, not a list). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a JSON-LD object lists `type` among its types. */
export function hasType(value: Record<string, unknown>, type: string): boolean {
  return valuesOf(value.type).includes(type);
}

/** The values of a JSON-LD property as a list: JSON-LD writes one value bare and several as a list. */
export function valuesOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The value of a property that must have exactly one: a bare value, or a list of exactly one (else undefined). */
export function single(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.length === 1 ? value[0] : undefined;
}

/** Visits each value of a property, with its path (`target[1]` for the second of a list). */
export function forEachValue(value: unknown, path: string, visit: (item: unknown, itemPath: string) => void): void {
  if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${path}[${index}]`));
  else visit(value, path);
}

/** Joins a property name onto a path (`target.selector`). */
export function join(path: string, field: string): string {
  return path === '' ? field : `${path}.${field}`;
}

/** Names a JSON value for a message: "nothing", "a list", the text "…", "an object". */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text "${shorten(value)}"`;
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${String(value)}`;
}

/** Shortens text to 80 code points for a message. */
export function shorten(text: string): string {
  const codePoints = [...text];
  return codePoints.length > 80 ? `${codePoints.slice(0, 77).join('')}…` : text;
}

/** The first message of a zod error. */
export function firstMessage(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'It is not valid.';
}

/** Up to three distinct messages of a zod error, since several independent problems are worth reporting together. */
export function allMessages(error: z.ZodError): string {
  return [...new Set(error.issues.map((issue) => issue.message))].slice(0, 3).join(' ');
}
