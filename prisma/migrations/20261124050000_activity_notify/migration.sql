-- Live updates: every Activity row wakes the listening app processes (lib/realtime), which read the
-- row back and fan it out to Server-Sent Events streams. The notification carries ids only, so it
-- stays far below PostgreSQL's 8 kB payload limit and says nothing a reader must not learn.

-- A client resumes with "everything after id N" (Last-Event-ID). That is only sound if, within a
-- stream's scope, ids become visible in id order. A plain sequence does not promise this: two
-- transactions take ids 10 and 11, 11 commits first, a reader sees 11, and 10 lands behind its
-- cursor. So activity writes of one workspace queue on a transaction-scoped advisory lock and draw
-- their id only once they hold it; the lock is released at commit, hence commit order = id order
-- per workspace (and so per document). Record activity as the last step of a transaction, since
-- the lock is held from there until commit. The first key is a constant naming this use.
CREATE FUNCTION "activity_order_per_workspace"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(724311002, hashtext(NEW."workspaceId"::text));
    NEW."id" := nextval(pg_get_serial_sequence('"Activity"', 'id'));
    RETURN NEW;
END;
$$;

CREATE TRIGGER "Activity_order_per_workspace"
BEFORE INSERT ON "Activity"
FOR EACH ROW EXECUTE FUNCTION "activity_order_per_workspace"();

-- NOTIFY is delivered at commit, in commit order, and never for a rolled-back transaction.
CREATE FUNCTION "activity_notify"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(
        'activity',
        json_build_object('id', NEW."id"::text, 'workspaceId', NEW."workspaceId", 'documentId', NEW."documentId")::text
    );
    RETURN NULL;
END;
$$;

CREATE TRIGGER "Activity_notify"
AFTER INSERT ON "Activity"
FOR EACH ROW EXECUTE FUNCTION "activity_notify"();
