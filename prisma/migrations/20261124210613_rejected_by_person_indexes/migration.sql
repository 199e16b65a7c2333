-- The queue's "rejected" status means rejected by a person (status rejected, decided_at set).
-- Without these, counting it reads every automatically rejected row from the heap.
CREATE INDEX "comments_rejected_by_person_idx" ON "comments" ("received_at", "id")
  WHERE "status" = 'rejected' AND "decided_at" IS NOT NULL;
CREATE INDEX "comments_rejected_by_person_site_idx" ON "comments" ("site_id", "received_at", "id")
  WHERE "status" = 'rejected' AND "decided_at" IS NOT NULL;
