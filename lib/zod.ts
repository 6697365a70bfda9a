import { z } from 'zod';

// zod probes whether it may compile parsers with `new Function`. Our Content-Security-Policy forbids eval, so in the
// browser the probe is refused and reported as a CSP violation on every page; parse without compiling instead.
z.config({ jitless: true });

/** zod, configured for this app; import it from here rather than from 'zod'. */
export { z };
