-- Upload quotas per uploader and the sweep of uploads that no message took (docs/architecture.md,
-- "Edits, deletions, attachments").

-- One row per upload from the moment it is let in (its bytes reserved, before the body is read)
-- until it leaves the longest quota window, a day: the rolling per-hour and per-day byte quotas
-- sum these rows, so an upload keeps counting after the sweep deleted its file. A refused or
-- failed upload's row is deleted: it does not count. The id is the attachment's id and its blob's
-- key, so a row left 'uploading' by a crashed process also says which blob to delete.
CREATE TABLE attachment_uploads (
  id uuid PRIMARY KEY,
  -- 'agent:<id>' or 'customer:<id>', as attachments.uploaded_by
  uploaded_by text NOT NULL,
  -- 'uploading': what the upload may still take (its Content-Length, or what the quota leaves);
  -- 'stored': the file's size
  bytes bigint NOT NULL CHECK (bytes >= 0),
  state text NOT NULL DEFAULT 'uploading' CHECK (state IN ('uploading', 'stored')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachment_uploads_by_uploader ON attachment_uploads (uploaded_by, created_at) INCLUDE (bytes, state);
CREATE INDEX attachment_uploads_age ON attachment_uploads (created_at);

-- Uploads not yet taken by a message: the pending count per uploader, and the sweep's scan.
CREATE INDEX attachments_pending_by_uploader ON attachments (uploaded_by, created_at) WHERE message_id IS NULL;
CREATE INDEX attachments_unattached ON attachments (created_at) WHERE message_id IS NULL;

-- Blobs whose row is gone and whose file is still to be deleted. Filled by the same statement that
-- deletes the row, emptied once the file is gone: a crash in between leaves work for the next
-- sweep, never a file that nothing points to.
CREATE TABLE attachment_blob_deletions (
  id uuid PRIMARY KEY,
  bytes bigint NOT NULL,
  -- 'unattached': no message took it within the grace period; 'abandoned': its upload never finished
  reason text NOT NULL CHECK (reason IN ('unattached', 'abandoned')),
  queued_at timestamptz NOT NULL DEFAULT now()
);
