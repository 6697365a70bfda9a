import { BlockList, isIP } from 'node:net';
import type { AsyncLocalStorage } from 'node:async_hooks';

/** Which hops in front of the app are trusted to report the client's address: none, the nearest `count`, or those inside `ranges`. */
export type TrustedProxies = { kind: 'none' } | { kind: 'count'; count: number } | { kind: 'ranges'; ranges: BlockList; text: string };

/**
 * Reads TRUSTED_PROXIES: empty or unset trusts no proxy; a whole number trusts that many hops nearest the app; a
 * comma-separated list of addresses and CIDR ranges (`10.0.0.0/8, ::1`) trusts the hops inside them. Throws a
 * message naming the bad entry otherwise.
 */
export function parseTrustedProxies(raw: string | undefined): TrustedProxies {
  const text = raw?.trim() ?? '';
  if (text === '' || text === '0') return { kind: 'none' };
  if (/^\d+$/u.test(text)) return { kind: 'count', count: Number(text) };
  const ranges = new BlockList();
  for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (family === 0 || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is neither an address nor a CIDR range. Give a hop count (1) or addresses and ranges (10.0.0.0/8, ::1).`);
    }
    ranges.addSubnet(address, bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  return { kind: 'ranges', ranges, text };
}

/** Returns an address in one spelling: an IPv4 address mapped into IPv6 (`::ffff:127.0.0.2`) as plain IPv4, lower case. */
export function canonicalAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/u.exec(trimmed);
  return mapped?.[1] ?? trimmed;
}

function isTrustedHop(address: string, ranges: BlockList): boolean {
  const family = isIP(address);
  return family !== 0 && ranges.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Returns the client's address from the connection's own address and the X-Forwarded-For header. With no trusted
 * proxy the header is ignored, since any client can write it. With a hop count, the address that many hops left of
 * the connection. With ranges, the nearest address outside them. Pure.
 */
export function resolveClientAddress(socketAddress: string, forwardedFor: string | null, trusted: TrustedProxies): string {
  const socket = canonicalAddress(socketAddress);
  if (trusted.kind === 'none') return socket;
  const chosen = fromChain(socket, forwardedFor, trusted);
  // What a header claims is used only when it is an address; anything else (a typo, an attack) counts as the proxy's.
  return isIP(chosen) === 0 ? socket : chosen;
}

function fromChain(socket: string, forwardedFor: string | null, trusted: Exclude<TrustedProxies, { kind: 'none' }>): string {
  const chain = [...(forwardedFor ?? '').split(',').map(canonicalAddress).filter(Boolean), socket];
  if (trusted.kind === 'count') return chain[Math.max(0, chain.length - 1 - trusted.count)] ?? socket;
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i]!;
    if (!isTrustedHop(hop, trusted.ranges)) return hop;
  }
  return chain[0] ?? socket;
}

let cachedTrusted: { raw: string | undefined; value: TrustedProxies } | null = null;

/**
 * Returns the address of the client that sent the current request, for rate limits and the sessions list. The
 * connection's address comes from lib/socket-address-preload.mjs (loaded by `npm start` and the tests); a server
 * started without it cannot tell clients apart and answers `unknown`.
 */
export function clientAddressOf(headers: Headers): string {
  const raw = process.env.TRUSTED_PROXIES;
  const cached = cachedTrusted;
  const trusted = cached !== null && cached.raw === raw ? cached.value : parseTrustedProxies(raw);
  cachedTrusted = { raw, value: trusted };
  const storage = (globalThis as Record<symbol, unknown>)[Symbol.for('marginalia.socketAddress')] as AsyncLocalStorage<string | null> | undefined;
  const socket = storage?.getStore() ?? null;
  return socket === null ? 'unknown' : resolveClientAddress(socket, headers.get('x-forwarded-for'), trusted);
}
