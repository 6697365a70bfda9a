import 'server-only';
import type pg from 'pg';
import { getDatabasePool } from '@/lib/db';
import { unsafeComposeMail, unsubscribeUrlOf, type OutboxRow } from '@/lib/dal/mail-compose';
import { mailRetryDelaySeconds, utcDay } from '@/lib/domain/mail-messages';
import type { MailSender } from '@/lib/mail/transport';

// The outbox is drained by every app process. A row is claimed with FOR UPDATE SKIP LOCKED inside a transaction that
// stays open while the SMTP server takes the mail, and is marked sent in the same transaction: two processes never
// hold one row, and a process that dies mid-send drops its lock, so another sends the row again (at least once,
// with the same Message-ID). In normal running each row goes once.

/** Attempts before a row is given up on (FAILED, kept for inspection); with backoff capped at 6 h, about three days. */
export const MAX_MAIL_ATTEMPTS = 15;
// Serialises the folding of held notifications into digests across processes.
const DIGEST_LOCK = 724_311_018;
// Rows older than this when first claimed (left from a time mail was off) are dropped rather than sent late.
const STALE_AFTER_DAYS = 7;

const CLAIM = `
  SELECT "id", "kind"::text AS "kind", "recipientId", "toAddress", "notificationId", "payload", "messageId", "attempts", "createdAt"
    FROM "MailOutbox"
   WHERE "status" = 'PENDING' AND "nextAttemptAt" <= $1
   ORDER BY "nextAttemptAt", "createdAt"
   LIMIT 1
   FOR UPDATE SKIP LOCKED`;

async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await getDatabasePool().connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Claims one due outbox row, composes it (re-checking the recipient's rights), sends it through `send` and records
 * the outcome. Returns false when no row was due. Unsafe: it acts for the system, not for a viewer.
 */
export async function unsafeDeliverNextMail(send: MailSender, origin: string, now: Date = new Date()): Promise<boolean> {
  return inTransaction(async (client) => {
    const { rows } = await client.query<OutboxRow & { createdAt: Date }>(CLAIM, [now]);
    const row = rows[0];
    if (!row) return false;
    if (row.attempts === 0 && now.getTime() - row.createdAt.getTime() > STALE_AFTER_DAYS * 86_400_000) {
      await markSkipped(client, row.id, 'Queued while mail was off, too long ago to send.');
      return true;
    }
    const composed = await unsafeComposeMail(row, origin);
    if (composed.action === 'skip') {
      await markSkipped(client, row.id, composed.reason);
      if (row.kind === 'DIGEST') await client.query(`UPDATE "MailOutbox" SET "status" = 'SKIPPED' WHERE "digestId" = $1`, [row.id]);
      return true;
    }
    if (composed.action === 'hold') {
      await client.query(`UPDATE "MailOutbox" SET "status" = 'HELD' WHERE "id" = $1`, [row.id]);
      return true;
    }
    try {
      await send({ to: composed.to, messageId: row.messageId, ...composed.content, unsubscribeUrl: composed.unsubscribe ? unsubscribeUrlOf(row, origin) : null });
    } catch (error) {
      const attempts = row.attempts + 1;
      const message = error instanceof Error ? error.message.slice(0, 500) : 'The mail server refused the mail.';
      await client.query(
        `UPDATE "MailOutbox" SET "attempts" = $2, "lastError" = $3, "nextAttemptAt" = $4, "status" = $5::"MailStatus" WHERE "id" = $1`,
        [row.id, attempts, message, new Date(now.getTime() + mailRetryDelaySeconds(attempts) * 1000), attempts >= MAX_MAIL_ATTEMPTS ? 'FAILED' : 'PENDING'],
      );
      return true;
    }
    // Links with secrets (invites, resets) are not kept once they went out.
    await client.query(
      `UPDATE "MailOutbox" SET "status" = 'SENT', "sentAt" = now(), "attempts" = "attempts" + 1, "lastError" = NULL,
              "payload" = CASE WHEN "kind" IN ('INVITE', 'PASSWORD_RESET') THEN NULL ELSE "payload" END
        WHERE "id" = $1`,
      [row.id],
    );
    if (row.kind === 'DIGEST') await client.query(`UPDATE "MailOutbox" SET "status" = 'SENT', "sentAt" = now() WHERE "digestId" = $1`, [row.id]);
    return true;
  });
}

async function markSkipped(client: pg.PoolClient, id: string, reason: string): Promise<void> {
  await client.query(`UPDATE "MailOutbox" SET "status" = 'SKIPPED', "lastError" = $2, "payload" = NULL WHERE "id" = $1`, [id, reason]);
}

/**
 * Folds each person's held notifications of every UTC day before `now`'s into one digest row per person and day
 * (sent by the drainer like any other). Returns how many digests it made. Unsafe: it acts for the system.
 */
export async function unsafeGatherDigests(now: Date = new Date()): Promise<number> {
  const startOfToday = new Date(`${utcDay(now)}T00:00:00.000Z`);
  return inTransaction(async (client) => {
    const { rows: waiting } = await client.query<{ id: string }>(
      `SELECT "id" FROM "MailOutbox" WHERE "status" = 'HELD' AND "digestId" IS NULL AND "createdAt" < $1 LIMIT 1`,
      [startOfToday],
    );
    if (waiting.length === 0) return 0;
    await client.query('SELECT pg_advisory_xact_lock($1)', [DIGEST_LOCK]);
    // The Message-ID names the person, the day and the group's first row, so each group gets one stable id.
    const { rowCount } = await client.query(
      `WITH groups AS (
         SELECT "recipientId", to_char(("createdAt" AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, min("id"::text) AS first, array_agg("id") AS ids
           FROM "MailOutbox"
          WHERE "status" = 'HELD' AND "digestId" IS NULL AND "createdAt" < $1 AND "recipientId" IS NOT NULL
          GROUP BY 1, 2
       ), digests AS (
         INSERT INTO "MailOutbox" ("kind", "recipientId", "messageId", "payload", "createdAt", "nextAttemptAt")
         SELECT 'DIGEST', "recipientId", '<digest.' || "recipientId" || '.' || day || '.' || first || '@marginalia.mail>', jsonb_build_object('day', day), $2, $2
           FROM groups
         ON CONFLICT ("messageId") DO NOTHING
         RETURNING "id", "messageId"
       )
       UPDATE "MailOutbox" m SET "digestId" = d."id"
         FROM groups g JOIN digests d ON d."messageId" = '<digest.' || g."recipientId" || '.' || g.day || '.' || g.first || '@marginalia.mail>'
        WHERE m."id" = ANY(g.ids)`,
      [startOfToday, now],
    );
    return rowCount ?? 0;
  });
}

/** How many outbox rows wait to be sent (pending or held); for tests and health checks. */
export async function unsafeCountWaitingMail(): Promise<number> {
  const { rows } = await getDatabasePool().query<{ count: string }>(`SELECT count(*)::text AS count FROM "MailOutbox" WHERE "status" IN ('PENDING')`);
  return Number(rows[0]?.count ?? 0);
}
