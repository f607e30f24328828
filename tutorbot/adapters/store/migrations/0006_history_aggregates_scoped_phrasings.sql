-- Per-update work that does not grow with a student's history, and accepted phrasings scoped
-- to the teacher who accepted them.

-- Feedback not yet confirmed delivered: looked up on every update, so indexed on its own.
CREATE INDEX attempts_unreplied ON attempts (student_id, id)
    WHERE replied = 0 AND message_id IS NOT NULL;

-- The latest answer to each question a student answered (what picking the next question and
-- /progress need), kept up to date as answers are stored and overridden.
CREATE TABLE question_results (
    student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
    deck_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    last_attempt_id INTEGER NOT NULL,
    last_passed INTEGER NOT NULL,        -- 1: passed, or overridden ("I was right")
    PRIMARY KEY (student_id, deck_id, question_id)
);

-- How often each key point was missed by a student, overridden answers not counted.
CREATE TABLE point_misses (
    student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
    deck_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    point_id TEXT NOT NULL,
    misses INTEGER NOT NULL,
    PRIMARY KEY (student_id, deck_id, question_id, point_id)
);

INSERT INTO question_results (student_id, deck_id, question_id, last_attempt_id, last_passed)
SELECT a.student_id, a.deck_id, a.question_id, a.id, a.passed OR a.overridden
FROM attempts a
WHERE a.id = (SELECT max(b.id) FROM attempts b WHERE b.student_id = a.student_id
              AND b.deck_id = a.deck_id AND b.question_id = a.question_id);

INSERT INTO point_misses (student_id, deck_id, question_id, point_id, misses)
SELECT a.student_id, a.deck_id, a.question_id, json_extract(p.value, '$.id'), count(*)
FROM attempts a, json_each(a.verdict, '$.points') p
WHERE a.overridden = 0 AND NOT json_extract(p.value, '$.hit')
GROUP BY a.student_id, a.deck_id, a.question_id, json_extract(p.value, '$.id');

-- /forget deletes a student's outbox rows; the delivery worker reads the queue in send order.
CREATE INDEX outbox_by_student ON outbox (student_id);
CREATE INDEX outbox_in_send_order ON outbox (status, kind != 'quiz', id);

-- An accepted phrasing credits only the students of the accepting teacher's classes.
-- teacher_id NULL: accepted before this migration by a teacher no longer known (none is
-- expected: every phrasing came from a decided review); it is kept for
-- `tutorbot phrasings` but credits nobody.
CREATE TABLE accepted_phrasings_scoped (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    teacher_id INTEGER,
    deck_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    point_id TEXT NOT NULL,
    phrasing TEXT NOT NULL,
    attempt_id INTEGER REFERENCES attempts (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    UNIQUE (deck_id, question_id, point_id, phrasing, teacher_id)
);
INSERT INTO accepted_phrasings_scoped
    (id, teacher_id, deck_id, question_id, point_id, phrasing, attempt_id, created_at)
SELECT p.id, r.decided_by, p.deck_id, p.question_id, p.point_id, p.phrasing, p.attempt_id,
       p.created_at
FROM accepted_phrasings p LEFT JOIN override_reviews r ON r.attempt_id = p.attempt_id;
DROP TABLE accepted_phrasings;
ALTER TABLE accepted_phrasings_scoped RENAME TO accepted_phrasings;
CREATE INDEX accepted_phrasings_by_attempt ON accepted_phrasings (attempt_id);
