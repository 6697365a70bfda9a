import { describe, expect, it } from 'vitest';
import { serverNodeFlags } from '@/lib/app-build';

describe('serverNodeFlags', () => {
  it('gives the app server a heap limit, so a heavy page does not leave it holding several times what it uses', () => {
    expect(serverNodeFlags(undefined)).toEqual(['--max-old-space-size=1024']);
    expect(serverNodeFlags('--enable-source-maps')).toEqual(['--max-old-space-size=1024']);
  });

  it("leaves the heap limit to an operator's NODE_OPTIONS, in either spelling", () => {
    expect(serverNodeFlags('--max-old-space-size=4096')).toEqual([]);
    expect(serverNodeFlags('--enable-source-maps --max_old_space_size=2048')).toEqual([]);
  });
});
