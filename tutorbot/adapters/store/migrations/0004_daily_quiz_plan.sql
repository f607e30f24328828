-- The daily quiz's questions, planned when it starts (a JSON list of question ids, in order),
-- so a question failed early in the quiz (due again a minute later) is not asked twice.
-- NULL for a quiz started before this migration: it ends after its current question.
ALTER TABLE daily_settings ADD COLUMN quiz_questions TEXT;
