-- E6: one submission of a batch of one issuer's documents (at most 100, 5 MB, each 300 KB).
-- Written, with its documents attached, BEFORE Submit Documents is called, so a crash at any
-- point resumes from here. state: sending (the call is in flight; due again only when it is
-- surely over, which is how a crash mid-call resumes), retry (nothing reached LHDN: send again),
-- unknown (a send may have reached LHDN: resend the same bytes within LHDN's 10-minute duplicate
-- window, then search), searching (a 422 duplicate proved a send arrived: find the documents by
-- internal ID), polling (LHDN has them: Get Submission until none is Submitted), done.
CREATE TABLE submissions (
    id               text PRIMARY KEY,
    sequence         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    organization_id  text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    state            text NOT NULL CHECK (state IN ('sending', 'retry', 'unknown', 'searching', 'polling', 'done')),
    submission_uid   text,
    attempts         integer NOT NULL CHECK (attempts >= 0),
    unknown_since    timestamptz,
    next_at          timestamptz NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);

CREATE INDEX submissions_due ON submissions (next_at) WHERE state <> 'done';

-- submission_id: the submission holding a queued document's bytes; a document is in at most
-- one open submission, and never in another once it may have reached LHDN.
-- cancel_*: E8's cancellation asked by the merchant (or an order's cancellation, E5), done by
-- the cancel job at LHDN.
ALTER TABLE einvoices
    ADD COLUMN submission_id        text REFERENCES submissions (id) ON DELETE SET NULL,
    ADD COLUMN queued_at            timestamptz,
    ADD COLUMN cancel_reason        text CHECK (char_length(cancel_reason) <= 300),
    ADD COLUMN cancel_requested_at  timestamptz,
    ADD COLUMN cancel_next_at       timestamptz;

CREATE INDEX einvoices_queued ON einvoices (organization_id, queued_at, id) WHERE status = 'queued' AND submission_id IS NULL;
CREATE INDEX einvoices_submission ON einvoices (submission_id) WHERE submission_id IS NOT NULL;
CREATE INDEX einvoices_cancelling ON einvoices (cancel_next_at) WHERE cancel_next_at IS NOT NULL;
