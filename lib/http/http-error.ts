/**
 * A protocol answer no data-layer call produces (412, 415, 428, 409 for a server-managed field): thrown inside a
 * route wrapped by `route`, it becomes a response in errorResponse's shape with the status and headers given.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}
