import { expect } from 'vitest';
import { signInOverHttp, startAppServer, type AppServer } from '@/tests/helpers/app-server';
import { createMigratedDatabase, type TestDatabase } from '@/tests/helpers/database';
import { createDocument, createTeam, FACTORY_PASSWORD, type Team } from '@/tests/helpers/factories';

// A client of the Web Annotation Protocol for the integration tests named by the Protocol's sections: one team, a
// private and a public document, a server, and requests as a signed-in member or a visitor.

/** The media type of annotations, containers and pages. */
export const JSON_LD = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

/** The text of both documents; QUOTE is a sentence of it. */
export const TEXT = 'A memo on fighters\n\nIts lead paragraph.[1]\n\n\nFirst section\n\nA claim with a source.[2] About 4,000 fighters left.\n';
export const QUOTE = 'About 4,000 fighters left.';

/** Who sends a request: the commenter or editor (by cookie), or a visitor with no credentials. */
export type Sender = 'commenter' | 'editor' | 'visitor';

/** The world a protocol test file runs against. */
export type ProtocolWorld = {
  database: TestDatabase;
  server: AppServer;
  team: Team;
  slug: string;
  publicSlug: string;
  cookies: Record<Exclude<Sender, 'visitor'>, string>;
  /** The container IRI of a document (ends in "/"). */
  container: (slug?: string) => string;
  send: (method: string, url: string, sender: Sender, options?: { body?: unknown; headers?: Record<string, string> }) => Promise<Response>;
  /** Posts a shared comment on QUOTE as the commenter and returns its IRI and ETag. */
  create: (body: string, fields?: Record<string, unknown>, headers?: Record<string, string>) => Promise<{ iri: string; etag: string; response: Response }>;
  stop: () => Promise<void>;
};

/** Builds the world: a migrated database, the team, both documents and a running server with two signed-in members. */
export async function startProtocolWorld(): Promise<ProtocolWorld> {
  const database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  const team = await createTeam(database.db);
  const slug = await createDocument(database.db, team.workspace.id, { text: TEXT });
  const publicSlug = await createDocument(database.db, team.workspace.id, { text: TEXT, isPublic: true });
  const server = await startAppServer(database.url);
  const cookies = {
    commenter: await signInOverHttp(server.baseUrl, team.people.commenter.email, FACTORY_PASSWORD),
    editor: await signInOverHttp(server.baseUrl, team.people.editor.email, FACTORY_PASSWORD),
  };
  const container = (documentSlug = slug) => `${server.baseUrl}/api/documents/${documentSlug}/annotations/`;
  const send: ProtocolWorld['send'] = (method, url, sender, options = {}) =>
    fetch(url.startsWith('http') ? url : `${server.baseUrl}${url}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(options.body === undefined ? {} : { 'Content-Type': JSON_LD }),
        ...(sender === 'visitor' ? {} : { Cookie: cookies[sender] }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    });
  const create: ProtocolWorld['create'] = async (body, fields = {}, headers = {}) => {
    const response = await send('POST', container(), 'commenter', { body: quoteAnnotation(server.baseUrl, slug, { body, visibility: 'workspace', ...fields }), headers });
    expect(response.status, await response.clone().text()).toBe(201);
    return { iri: response.headers.get('location') ?? '', etag: response.headers.get('etag') ?? '', response };
  };
  return {
    database,
    server,
    team,
    slug,
    publicSlug,
    cookies,
    container,
    send,
    create,
    stop: async () => {
      await server.stop();
      await database.drop();
    },
  };
}

/** A W3C annotation quoting `exact` (QUOTE by default) on the document, with a Markdown comment and any other fields. */
export function quoteAnnotation(baseUrl: string, slug: string, fields: { body?: string; exact?: string } & Record<string, unknown> = {}): Record<string, unknown> {
  const { body, exact, ...rest } = fields;
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    ...(body === undefined ? {} : { body: { type: 'TextualBody', value: body, format: 'text/markdown', purpose: 'commenting' } }),
    target: { source: `${baseUrl}/documents/${slug}/versions/1`, selector: { type: 'TextQuoteSelector', exact: exact ?? QUOTE } },
    ...rest,
  };
}

/** The Link header's targets with their rel, as `<target>; rel="…"` pairs joined by commas. */
export function linksOf(response: Response): string[] {
  return (response.headers.get('link') ?? '').split(/,\s*(?=<)/u).map((link) => link.trim());
}
