// Loaded into the Next.js server process (`node --import`, see runNext in lib/app-build.ts). Next.js does not give
// route handlers the address of the connection a request came on, and the X-Forwarded-For it fills in keeps any
// value the client sent. So every request is handled inside an AsyncLocalStorage context holding its socket's
// address, which lib/client-address.ts reads; a client cannot set it, whatever headers it sends.
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';

const storage = new AsyncLocalStorage();
globalThis[Symbol.for('marginalia.socketAddress')] = storage;

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function emitWithSocketAddress(event, ...args) {
  if (event !== 'request') return emit.call(this, event, ...args);
  const address = args[0]?.socket?.remoteAddress ?? null;
  return storage.run(address, () => emit.call(this, event, ...args));
};
