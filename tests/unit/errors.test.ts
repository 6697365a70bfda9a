import { describe, expect, it } from 'vitest';
import { AppError, errorResponse, isDatabaseUnavailable, runAction } from '@/lib/errors';

// What node-postgres and Prisma's driver adapter throw when PostgreSQL is away, as seen during a restart.
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect', errno: -111 });
const terminated = new Error('Connection terminated unexpectedly');
const adminShutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' });
const wrappedByPrisma = Object.assign(new Error('Invalid `prisma.annotation.create()` invocation'), { code: 'P1001' });
const adapterError = Object.assign(new Error('DriverAdapterError'), { cause: { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 } });

describe('a database outage', () => {
  it.each([
    ['a refused connection', refused],
    ['a terminated connection', terminated],
    ['an administrator shutdown', adminShutdown],
    ['Prisma’s P1001', wrappedByPrisma],
    ['the driver adapter’s DatabaseNotReachable', adapterError],
  ])('%s is recognised', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('Unique constraint failed'), { code: 'P2002' })],
    ['a plain bug', new TypeError('Cannot read properties of undefined')],
    ['a non-error', 'just a string'],
  ])('%s is not mistaken for one', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('route handlers answer 503 with Retry-After and a message that says to try again', async () => {
    const response = errorResponse(terminated);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('UNAVAILABLE');
    expect(body.error.message).toMatch(/temporarily unavailable.*try again/iu);
  });

  it('other failures still answer 500 without echoing the error', async () => {
    const response = errorResponse(new Error('secret detail'));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('secret detail');
  });

  it('server actions return the outage as a value the form can show', async () => {
    const result = await runAction(() => Promise.reject(refused));
    expect(result).toEqual({ ok: false, code: 'UNAVAILABLE', error: expect.stringMatching(/try again/u) as unknown });
  });

  it('an AppError is answered as it is', () => {
    expect(errorResponse(new AppError('NOT_FOUND', 'No such thing.')).status).toBe(404);
  });
});
