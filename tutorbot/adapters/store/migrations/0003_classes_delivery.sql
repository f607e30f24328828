-- Classes and join codes, daily quiz settings, and the delivery queue (outbox).

CREATE TABLE classes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    teacher_id INTEGER NOT NULL,         -- Telegram user id of the teacher who made it
    name TEXT NOT NULL,
    join_code TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX classes_by_teacher_name ON classes (teacher_id, name COLLATE NOCASE);

CREATE TABLE class_members (
    class_id INTEGER NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
    student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
    joined_at TEXT NOT NULL,
    PRIMARY KEY (class_id, student_id)
);
CREATE INDEX class_members_by_student ON class_members (student_id);

CREATE TABLE daily_settings (
    student_id INTEGER PRIMARY KEY REFERENCES students (id) ON DELETE CASCADE,
    zone TEXT,                           -- IANA name; NULL: the bot's default zone
    local_time TEXT,                     -- 'HH:MM'; NULL: no daily push
    next_fire TEXT,                      -- UTC instant of the next push; NULL when off
    quiz_total INTEGER NOT NULL DEFAULT 0,
    quiz_remaining INTEGER NOT NULL DEFAULT 0,  -- questions still to ask after the current one
    quiz_deck_id TEXT,                   -- the quiz question waiting for an answer
    quiz_question_id TEXT
);
CREATE INDEX daily_settings_by_next_fire ON daily_settings (next_fire);

-- A broadcast or push to a class: who asked (their chat gets the progress) and the final count.
CREATE TABLE broadcasts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    teacher_id INTEGER NOT NULL,
    class_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('broadcast', 'push')),
    progress_message_id INTEGER,
    created_at TEXT NOT NULL,
    finished_at TEXT                     -- set once, just before the final count is sent
);

-- One message to one student. ``key`` is unique per message, so enqueueing twice adds nothing.
-- status: queued -> sending -> sent | blocked | failed; a row found 'sending' at start-up was
-- interrupted mid-send and becomes 'unconfirmed' (never resent: at most once).
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('text', 'question', 'quiz')),
    text TEXT,                           -- kind 'text'
    deck_id TEXT,                        -- kind 'question' (question_id NULL: the scheduler's pick)
    question_id TEXT,
    broadcast_id INTEGER REFERENCES broadcasts (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'sending', 'sent', 'blocked', 'failed', 'unconfirmed')),
    tries INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX outbox_by_status ON outbox (status, id);
CREATE INDEX outbox_by_broadcast ON outbox (broadcast_id, status);
