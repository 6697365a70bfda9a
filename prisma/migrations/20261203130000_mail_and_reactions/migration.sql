-- E-mail: each person's delivery choice, the outbox every process drains, password-reset links; and reactions.
CREATE TYPE "MailDelivery" AS ENUM ('IMMEDIATE', 'DIGEST', 'OFF');
CREATE TYPE "MailKind" AS ENUM ('NOTIFICATION', 'DIGEST', 'INVITE', 'PASSWORD_RESET');
CREATE TYPE "MailStatus" AS ENUM ('PENDING', 'HELD', 'SENT', 'SKIPPED', 'FAILED');
CREATE TYPE "ReactionKind" AS ENUM ('AGREE', 'DISAGREE', 'QUESTION', 'IMPORTANT');

ALTER TABLE "User" ADD COLUMN "mailDelivery" "MailDelivery" NOT NULL DEFAULT 'IMMEDIATE';

CREATE TABLE "MailOutbox" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "MailKind" NOT NULL,
    "status" "MailStatus" NOT NULL DEFAULT 'PENDING',
    "recipientId" UUID,
    "toAddress" TEXT,
    "notificationId" UUID,
    "digestId" UUID,
    "payload" JSONB,
    "messageId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),
    CONSTRAINT "MailOutbox_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "MailOutbox_notificationId_key" ON "MailOutbox"("notificationId");
CREATE UNIQUE INDEX "MailOutbox_messageId_key" ON "MailOutbox"("messageId");
CREATE INDEX "MailOutbox_status_nextAttemptAt_idx" ON "MailOutbox"("status", "nextAttemptAt");
CREATE INDEX "MailOutbox_recipientId_status_idx" ON "MailOutbox"("recipientId", "status");
CREATE INDEX "MailOutbox_digestId_idx" ON "MailOutbox"("digestId");
ALTER TABLE "MailOutbox" ADD CONSTRAINT "MailOutbox_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every notification of someone who takes mail gets its outbox row in the same transaction, so none is lost
-- between the write and the mail. The Message-ID is fixed here, once, for every attempt to come; the row's time is
-- the notification's, which names the day of its digest.
CREATE FUNCTION "mail_outbox_enqueue_notification"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "MailOutbox" ("kind", "recipientId", "notificationId", "messageId", "createdAt", "nextAttemptAt")
  SELECT 'NOTIFICATION', u."id", NEW."id", '<notification.' || NEW."id" || '@marginalia.mail>', NEW."createdAt", NEW."createdAt"
    FROM "User" u WHERE u."id" = NEW."recipientId" AND u."mailDelivery" <> 'OFF';
  RETURN NEW;
END
$$;
CREATE TRIGGER "Notification_mail_outbox" AFTER INSERT ON "Notification" FOR EACH ROW EXECUTE FUNCTION "mail_outbox_enqueue_notification"();

CREATE TABLE "PasswordReset" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "userId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PasswordReset_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "PasswordReset_tokenHash_key" ON "PasswordReset"("tokenHash");
CREATE INDEX "PasswordReset_userId_idx" ON "PasswordReset"("userId");
ALTER TABLE "PasswordReset" ADD CONSTRAINT "PasswordReset_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "Reaction" (
    "annotationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" "ReactionKind" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Reaction_pkey" PRIMARY KEY ("annotationId", "userId", "kind")
);
CREATE INDEX "Reaction_userId_idx" ON "Reaction"("userId");
ALTER TABLE "Reaction" ADD CONSTRAINT "Reaction_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Reaction" ADD CONSTRAINT "Reaction_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
