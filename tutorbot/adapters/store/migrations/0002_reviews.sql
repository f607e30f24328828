-- "I was right" overrides waiting for a teacher, and the phrasings teachers accepted.

CREATE TABLE override_reviews (
    attempt_id INTEGER PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'accepted', 'rejected')),
    created_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by INTEGER                   -- the teacher's user id
);
CREATE INDEX override_reviews_by_status ON override_reviews (status, created_at);

-- Phrasings that teach the marker. Students.delete removes those taken from the forgotten
-- student's answers; attempt_id is SET NULL only as a backstop.
CREATE TABLE accepted_phrasings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    deck_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    point_id TEXT NOT NULL,
    phrasing TEXT NOT NULL,
    attempt_id INTEGER REFERENCES attempts (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    UNIQUE (deck_id, question_id, point_id, phrasing)
);
