import 'server-only';
import { z } from '@/lib/zod';
import { createListenConnection, type ListenConnection, type ListenNotification } from '@/lib/dal/listen-connection';
import { unsafeFindActivityAfter, type ActivityRecord, type LiveScope, type PresenceNotice } from '@/lib/dal/live';

/** Someone reading a document now, as this process last heard. Holds a user id: server-side only. */
export type PresenceEntry = { userId: string; name: string; sectionSlug: string | null; seenAt: number };

/** What a live stream hands the hub: where it starts, and what to do with each batch of activity and presence. */
export type LiveSubscription = {
  scope: LiveScope;
  /** Deliver only activity with a larger id. */
  afterId: bigint;
  /** Called with every new batch in id order, one call at a time; a rejection is logged and the batch is not retried. */
  onActivity: (records: ActivityRecord[]) => Promise<void>;
  /** Called with everyone reading the document (document scopes only) whenever that changes. */
  onPresence?: (readers: PresenceEntry[]) => void;
};

type Subscriber = LiveSubscription & { key: string; lastId: bigint; queue: Promise<void> };

/** Presence expires this long after a reader's last heartbeat (they send one every 15 s). */
export const PRESENCE_TTL_MS = 45_000;

const PAGE = 500;
const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 4_000;
const PING_EVERY_MS = 30_000;
const PING_TIMEOUT_MS = 10_000;
const SWEEP_EVERY_MS = 5_000;

const activityNotice = z.object({ id: z.string().regex(/^\d+$/), workspaceId: z.string(), documentId: z.string().nullable() });
const presenceNotice = z.object({
  documentId: z.string(),
  tabId: z.string(),
  userId: z.string(),
  name: z.string(),
  sectionSlug: z.string().nullable(),
  isLeaving: z.boolean(),
}) satisfies z.ZodType<PresenceNotice>;

const personNotice = z.object({ userId: z.string() });

const keyOf = (scope: LiveScope) => (scope.kind === 'document' ? `document:${scope.documentId}` : `workspace:${scope.workspaceId}`);

/**
 * One LISTEN connection per server process, fanned out to the streams of this process. A notification only says
 * "something happened in this document and workspace": the hub then reads forward from the Activity table for each
 * affected scope, from the lowest id any of its subscribers has had, and hands each subscriber the rows above its own
 * last id. The same read runs when a subscriber joins (its replay) and after every reconnection of the listener
 * (whatever was written while it was away), so nothing is missed and nothing is delivered twice.
 */
class LiveHub {
  private client: ListenConnection | null = null;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private isOutageLogged = false;
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly readingForward = new Map<string, { isAgain: boolean }>();
  // Keyed by document id, then by user id and tab: a tab id names a browser tab, and is only trusted within its user.
  private readonly presence = new Map<string, Map<string, PresenceEntry>>();
  // Per-person streams (the header's unread count), keyed by user id: told "something changed", they re-read.
  private readonly people = new Map<string, Set<() => void>>();

  subscribePerson(userId: string, onChange: () => void): () => void {
    const group = this.people.get(userId) ?? new Set();
    group.add(onChange);
    this.people.set(userId, group);
    this.start();
    return () => {
      group.delete(onChange);
      if (group.size === 0 && this.people.get(userId) === group) this.people.delete(userId);
    };
  }

  subscribe(subscription: LiveSubscription): () => void {
    const subscriber: Subscriber = { ...subscription, key: keyOf(subscription.scope), lastId: subscription.afterId, queue: Promise.resolve() };
    const group = this.subscribers.get(subscriber.key) ?? new Set();
    group.add(subscriber);
    this.subscribers.set(subscriber.key, group);
    this.start();
    this.readForward(subscriber.key);
    if (subscription.scope.kind === 'document') subscriber.onPresence?.(this.readersOf(subscription.scope.documentId));
    return () => {
      group.delete(subscriber);
      if (group.size === 0 && this.subscribers.get(subscriber.key) === group) this.subscribers.delete(subscriber.key);
    };
  }

  private start(): void {
    this.sweepTimer ??= setInterval(() => this.sweepPresence(), SWEEP_EVERY_MS).unref();
    if (!this.client && !this.retryTimer) void this.connect();
  }

  private async connect(): Promise<void> {
    this.retryTimer = null;
    const client = createListenConnection();
    this.client = client;
    client.on('error', (error) => this.drop(client, error));
    client.on('end', () => this.drop(client, null));
    client.on('notification', (message) => this.onNotification(message));
    try {
      await client.connect();
      await client.query('LISTEN activity');
      await client.query('LISTEN presence');
      await client.query('LISTEN notification');
    } catch (error) {
      this.drop(client, error);
      return;
    }
    if (this.client !== client) return;
    if (this.isOutageLogged) console.info('[live] Listening for changes again; replaying what was written meanwhile.');
    this.isOutageLogged = false;
    this.retryMs = FIRST_RETRY_MS;
    this.pingTimer = setInterval(() => this.ping(client), PING_EVERY_MS).unref();
    for (const key of this.subscribers.keys()) this.readForward(key);
    // Whatever changed while the listener was away: every person's stream reads its count again.
    for (const group of this.people.values()) for (const onChange of group) onChange();
  }

  // A connection that silently died (a dropped network path sends no reset) is found by a ping that gets no answer.
  private ping(client: ListenConnection): void {
    const timeout = setTimeout(() => this.drop(client, new Error('The listening connection stopped answering.')), PING_TIMEOUT_MS).unref();
    client.query('SELECT 1').then(
      () => clearTimeout(timeout),
      (error: unknown) => {
        clearTimeout(timeout);
        this.drop(client, error);
      },
    );
  }

  private drop(client: ListenConnection, error: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
    client.removeAllListeners('notification');
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    if (!this.isOutageLogged) {
      console.warn(`[live] Lost the listening connection${error ? ` (${error instanceof Error ? error.message : String(error)})` : ''}; reconnecting.`);
      this.isOutageLogged = true;
    }
    const delay = this.retryMs * (0.75 + Math.random() / 2);
    this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private onNotification(message: ListenNotification): void {
    let payload: unknown;
    try {
      payload = JSON.parse(message.payload ?? '');
    } catch {
      return;
    }
    if (message.channel === 'activity') {
      const notice = activityNotice.safeParse(payload);
      if (!notice.success) return;
      const id = BigInt(notice.data.id);
      if (notice.data.documentId) this.readForwardIfBehind(`document:${notice.data.documentId}`, id);
      this.readForwardIfBehind(`workspace:${notice.data.workspaceId}`, id);
    } else if (message.channel === 'notification') {
      const notice = personNotice.safeParse(payload);
      if (notice.success) for (const onChange of this.people.get(notice.data.userId) ?? []) onChange();
    } else if (message.channel === 'presence') {
      const notice = presenceNotice.safeParse(payload);
      if (notice.success) this.applyPresence(notice.data);
    }
  }

  private readForwardIfBehind(key: string, id: bigint): void {
    const group = this.subscribers.get(key);
    if (group && [...group].some((subscriber) => subscriber.lastId < id)) this.readForward(key);
  }

  // One read per scope at a time; a notification arriving meanwhile makes it read again once it is done.
  private readForward(key: string): void {
    const running = this.readingForward.get(key);
    if (running) {
      running.isAgain = true;
      return;
    }
    const state = { isAgain: false };
    this.readingForward.set(key, state);
    void (async () => {
      try {
        do {
          state.isAgain = false;
          await this.readPages(key);
        } while (state.isAgain);
        this.readingForward.delete(key);
      } catch (error) {
        // The database is away; the listener's reconnection reads again, and so does this retry meanwhile.
        this.readingForward.delete(key);
        if (!this.isOutageLogged) console.warn(`[live] Could not read new activity: ${error instanceof Error ? error.message : String(error)}`);
        setTimeout(() => this.subscribers.has(key) && this.readForward(key), LAST_RETRY_MS).unref();
      }
    })();
  }

  private async readPages(key: string): Promise<void> {
    for (;;) {
      const group = this.subscribers.get(key);
      const first = group?.values().next().value;
      if (!group || !first) return;
      const from = [...group].reduce((lowest, subscriber) => (subscriber.lastId < lowest ? subscriber.lastId : lowest), first.lastId);
      const records = await unsafeFindActivityAfter(first.scope, from, PAGE);
      for (const subscriber of this.subscribers.get(key) ?? []) {
        const fresh = records.filter((record) => record.id > subscriber.lastId);
        const last = fresh.at(-1);
        if (!last) continue;
        subscriber.lastId = last.id;
        subscriber.queue = subscriber.queue
          .then(() => subscriber.onActivity(fresh))
          .catch((error: unknown) => console.error('[live] A stream failed to take its activity:', error));
      }
      if (records.length < PAGE) return;
    }
  }

  private applyPresence(notice: PresenceNotice): void {
    const tabKey = `${notice.userId}:${notice.tabId}`;
    const readers = this.presence.get(notice.documentId) ?? new Map<string, PresenceEntry>();
    if (notice.isLeaving) readers.delete(tabKey);
    else readers.set(tabKey, { userId: notice.userId, name: notice.name, sectionSlug: notice.sectionSlug, seenAt: Date.now() });
    if (readers.size) this.presence.set(notice.documentId, readers);
    else this.presence.delete(notice.documentId);
    this.emitPresence(notice.documentId);
  }

  private sweepPresence(): void {
    const expired = Date.now() - PRESENCE_TTL_MS;
    for (const [documentId, readers] of this.presence) {
      let isChanged = false;
      for (const [tabKey, entry] of readers) {
        if (entry.seenAt >= expired) continue;
        readers.delete(tabKey);
        isChanged = true;
      }
      if (readers.size === 0) this.presence.delete(documentId);
      if (isChanged) this.emitPresence(documentId);
    }
  }

  private emitPresence(documentId: string): void {
    const group = this.subscribers.get(`document:${documentId}`);
    if (!group) return;
    const readers = this.readersOf(documentId);
    for (const subscriber of group) subscriber.onPresence?.(readers);
  }

  // One entry per person (their most recently active tab), by name.
  private readersOf(documentId: string): PresenceEntry[] {
    const byUser = new Map<string, PresenceEntry>();
    for (const entry of this.presence.get(documentId)?.values() ?? []) {
      const known = byUser.get(entry.userId);
      if (!known || known.seenAt < entry.seenAt) byUser.set(entry.userId, entry);
    }
    return [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
  }
}

// One hub per server process; kept on globalThis so every route bundle and dev-mode reloads share it.
const globalForLive = globalThis as unknown as { marginaliaLiveHub?: LiveHub };

/**
 * Follows a scope's activity (and, for a document, who is reading it) from `afterId` on, until the returned function
 * is called. Starts this process's listening connection on first use. The caller authorizes every record it passes on.
 */
export function subscribeToLiveActivity(subscription: LiveSubscription): () => void {
  globalForLive.marginaliaLiveHub ??= new LiveHub();
  return globalForLive.marginaliaLiveHub.subscribe(subscription);
}

/**
 * Calls `onChange` whenever a notification of person `userId` is written or read, in any app process, and after the
 * listener reconnects, until the returned function is called. It says only that something changed: the caller re-reads.
 */
export function subscribeToPersonNotices(userId: string, onChange: () => void): () => void {
  globalForLive.marginaliaLiveHub ??= new LiveHub();
  return globalForLive.marginaliaLiveHub.subscribePerson(userId, onChange);
}
