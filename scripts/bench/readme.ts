/** Returns `readme` with the body of its `## Benchmark` section replaced by `body` (the section is added at the end if missing). Pure. */
export function withBenchmarkSection(readme: string, body: string): string {
  const heading = '## Benchmark';
  const section = `${heading}\n\n${body.trim()}\n`;
  const start = readme.search(/^## Benchmark[ \t]*$/m);
  if (start === -1) return `${readme.trimEnd()}\n\n${section}`;
  const rest = readme.slice(start + heading.length);
  const next = rest.search(/^## /m);
  return next === -1 ? `${readme.slice(0, start)}${section}` : `${readme.slice(0, start)}${section}\n${rest.slice(next)}`;
}
