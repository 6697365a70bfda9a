-- A person's colour scheme and whether single-key shortcuts are on, kept with their account.
CREATE TYPE "ColourScheme" AS ENUM ('SYSTEM', 'LIGHT', 'DARK');

ALTER TABLE "User" ADD COLUMN "colourScheme" "ColourScheme" NOT NULL DEFAULT 'SYSTEM',
ADD COLUMN "hasSingleKeyShortcuts" BOOLEAN NOT NULL DEFAULT true;

-- When each person last opened each workspace's activity feed, for "new since your last visit".
CREATE TABLE "FeedVisit" (
    "userId" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "previousAt" TIMESTAMPTZ(3) NOT NULL,
    "lastAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FeedVisit_pkey" PRIMARY KEY ("userId","workspaceId")
);

CREATE INDEX "FeedVisit_workspaceId_idx" ON "FeedVisit"("workspaceId");

ALTER TABLE "FeedVisit" ADD CONSTRAINT "FeedVisit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "FeedVisit" ADD CONSTRAINT "FeedVisit_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
