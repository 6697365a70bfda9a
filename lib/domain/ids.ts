/** The text of a UUID in any case, as PostgreSQL's uuid type accepts it; for building larger patterns. */
export const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

const WHOLE_UUID = new RegExp(`^${UUID_SOURCE}$`, 'iu');

/** Whether `value` is a UUID, so it can be looked up in a uuid column without a database error. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && WHOLE_UUID.test(value);
}
