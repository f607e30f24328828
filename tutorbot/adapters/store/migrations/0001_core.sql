-- Students, what they are asked, what they answered and their FSRS cards.
-- Datetimes are ISO-8601 UTC text of fixed width (YYYY-MM-DDTHH:MM:SS.ffffff+00:00),
-- so text order is time order.

CREATE TABLE students (
    id INTEGER PRIMARY KEY,              -- Telegram user id; 0 in the console
    name TEXT NOT NULL DEFAULT '',
    deck_id TEXT,                        -- current deck
    active INTEGER NOT NULL DEFAULT 1,   -- 0 once they blocked the bot
    created_at TEXT NOT NULL,
    last_deck_id TEXT,                   -- the question answered or skipped last,
    last_question_id TEXT                -- not asked again straight away
);

CREATE TABLE pending_questions (
    student_id INTEGER PRIMARY KEY REFERENCES students (id) ON DELETE CASCADE,
    deck_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    asked_at TEXT NOT NULL
);

-- verdict JSON: {"points": [{"id", "point", "hit", "score", "matched"}],
--                "misconceptions": [{"id", "matched"}], "score", "passed"}
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
    deck_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    answer TEXT NOT NULL,
    message_id INTEGER,                  -- NULL for the console
    verdict TEXT NOT NULL,
    score REAL NOT NULL,
    passed INTEGER NOT NULL,
    card_before TEXT,                    -- FSRS card JSON before this attempt (NULL: unseen)
    created_at TEXT NOT NULL,
    overridden INTEGER NOT NULL DEFAULT 0,
    replied INTEGER NOT NULL DEFAULT 0,
    UNIQUE (student_id, message_id)
);
CREATE INDEX attempts_by_student_deck ON attempts (student_id, deck_id, question_id, id);
CREATE INDEX attempts_by_deck_time ON attempts (deck_id, created_at);

CREATE TABLE cards (
    student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
    deck_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    card TEXT NOT NULL,                  -- fsrs.Card.to_json()
    due TEXT NOT NULL,
    PRIMARY KEY (student_id, deck_id, question_id)
);
CREATE INDEX cards_by_due ON cards (due);
