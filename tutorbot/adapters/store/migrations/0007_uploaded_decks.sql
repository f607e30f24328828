-- Decks teachers uploaded through Telegram: the YAML as sent, owned by one teacher. A retired
-- deck keeps its row (and its id stays the teacher's), so that progress on it is not mixed
-- with another deck's if the id came back.
CREATE TABLE uploaded_decks (
    id TEXT PRIMARY KEY,
    teacher_id INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    yaml TEXT NOT NULL,
    version INTEGER NOT NULL,            -- 1, then +1 on each update: caches compare it
    uploaded_at TEXT NOT NULL,
    retired_at TEXT                      -- NULL: in use
);

CREATE INDEX uploaded_decks_by_teacher ON uploaded_decks (teacher_id);
