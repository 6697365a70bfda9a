import { AppError, type AppErrorCode } from '@/lib/errors';

/** What a data-layer call came to: 'ok', or the AppError code it threw. Other errors fail the test. */
export async function outcomeOf(call: () => Promise<unknown>): Promise<'ok' | AppErrorCode> {
  try {
    await call();
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}
