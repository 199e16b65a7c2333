-- Wakes the outbox dispatchers (LISTEN loupe_outbox) when a statement wrote outbox events. NOTIFY
-- is transactional: it is delivered at commit and never for a rolled-back transaction; a
-- statement that wrote no event (a verdict for a site without webhooks) sends nothing.
CREATE FUNCTION loupe_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_events) THEN
    PERFORM pg_notify('loupe_outbox', '');
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER outbox_events_notify AFTER INSERT ON "outbox_events"
REFERENCING NEW TABLE AS new_events
FOR EACH STATEMENT EXECUTE FUNCTION loupe_outbox_notify();
