import { describe, expect, it } from 'vitest';
import { parseTrustedProxies, resolveClientAddress } from '@/lib/client-address';

describe('the client address', () => {
  it('is the connection’s own address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('::ffff:127.0.0.7', '203.0.113.9', parseTrustedProxies(undefined))).toBe('127.0.0.7');
    expect(resolveClientAddress('10.0.0.2', '203.0.113.9, 198.51.100.1', parseTrustedProxies(''))).toBe('10.0.0.2');
  });

  it('skips the given number of trusted hops nearest the app', () => {
    expect(resolveClientAddress('10.0.0.2', 'spoofed, 203.0.113.9', parseTrustedProxies('1'))).toBe('203.0.113.9');
    expect(resolveClientAddress('10.0.0.2', 'spoofed, 203.0.113.9, 10.0.0.1', parseTrustedProxies('2'))).toBe('203.0.113.9');
    // Fewer hops than trusted: the farthest one there is.
    expect(resolveClientAddress('10.0.0.2', '203.0.113.9', parseTrustedProxies('5'))).toBe('203.0.113.9');
  });

  it('skips hops inside trusted ranges, from the app outwards', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, ::1, 192.168.1.5');
    expect(resolveClientAddress('10.0.0.2', '198.51.100.7, 192.168.1.5, 10.1.2.3', trusted)).toBe('198.51.100.7');
    expect(resolveClientAddress('::1', '2001:db8::5', trusted)).toBe('2001:db8::5');
    // An untrusted connection is the client, whatever it forwards.
    expect(resolveClientAddress('203.0.113.4', '198.51.100.7', trusted)).toBe('203.0.113.4');
  });

  it('never takes something that is not an address from the header', () => {
    expect(resolveClientAddress('10.0.0.2', '<script>alert(1)</script>', parseTrustedProxies('1'))).toBe('10.0.0.2');
  });

  it('refuses a setting that is neither a count nor addresses, naming the entry', () => {
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/"10.0.0.0\/33"/u);
    expect(() => parseTrustedProxies('proxy.example')).toThrow(/TRUSTED_PROXIES/u);
  });
});
