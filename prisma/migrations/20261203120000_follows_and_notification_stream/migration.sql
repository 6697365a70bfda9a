-- What a person follows: a thread (by its first annotation), a note (document and footnote number) or a whole
-- document. Writing or replying to a thread, and tracing or being assigned a note, follow it once; an unfollow
-- keeps the row with "isFollowing" false, so a later reply does not quietly follow it again.
CREATE TYPE "FollowTarget" AS ENUM ('THREAD', 'NOTE', 'DOCUMENT');

-- CreateTable
CREATE TABLE "Follow" (
    "userId" UUID NOT NULL,
    "target" "FollowTarget" NOT NULL,
    "targetKey" TEXT NOT NULL,
    "documentId" UUID NOT NULL,
    "isFollowing" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Follow_pkey" PRIMARY KEY ("userId", "target", "targetKey")
);

-- CreateIndex
CREATE INDEX "Follow_target_targetKey_idx" ON "Follow"("target", "targetKey");

-- AddForeignKey
ALTER TABLE "Follow" ADD CONSTRAINT "Follow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Follow" ADD CONSTRAINT "Follow_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Why an annotation was hidden, shown to owners and editors in the moderation review.
ALTER TABLE "Annotation" ADD COLUMN "hiddenReason" TEXT;

-- The per-person stream: a new notification, or one read, wakes the listening app processes with the recipient's
-- id only (lib/realtime); they re-read that person's unread count. Identical notices of one transaction are sent
-- once, so marking a hundred items read wakes them once.
CREATE FUNCTION "notification_notify"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('notification', json_build_object('userId', NEW."recipientId")::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER "Notification_notify"
AFTER INSERT OR UPDATE ON "Notification"
FOR EACH ROW EXECUTE FUNCTION "notification_notify"();
