-- Exactly-once updates: each update from Telegram is stored here before its offset is
-- confirmed (the next getUpdates) or its webhook request is answered, and drained on start.
-- state: new -> started -> done; a non-answer found 'started' at start-up is 'abandoned'
-- (its reply may have gone out: it is not run twice).
CREATE TABLE inbox (
    update_id INTEGER PRIMARY KEY,
    body TEXT NOT NULL,                  -- the update as JSON
    state TEXT NOT NULL DEFAULT 'new'
        CHECK (state IN ('new', 'started', 'done', 'abandoned')),
    received_at TEXT NOT NULL
);
CREATE INDEX inbox_unfinished ON inbox (update_id) WHERE state IN ('new', 'started');
CREATE INDEX inbox_by_received ON inbox (received_at);

-- Feedback on an answer whose sending began and did not end known: 'sending' (the request
-- may have reached the student) or 'resending' (the one "in case it did not reach you" copy
-- is on its way or went). No row and attempts.replied = 0: known not delivered.
CREATE TABLE feedback_sends (
    attempt_id INTEGER PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('sending', 'resending')),
    updated_at TEXT NOT NULL
);
