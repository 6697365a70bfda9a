/** The workspace that holds the seed documents; the first account on a fresh install owns it. */
export const DEFAULT_WORKSPACE = { slug: 'marginalia', name: 'Marginalia' } as const;
