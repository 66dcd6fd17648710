-- Schema version 6: meetings (issue #14). The drafts written for one meeting (主持词,
-- 主要领导讲话, 工作报告 …) are grouped, so the meeting's slot values (届次, 日期, 单位,
-- 会议名称, 出席领导 …) are filled once for all of them.
CREATE TABLE meetings (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- The meeting's own slot values; a draft of the meeting reads them for the slots it does
-- not set itself.
CREATE TABLE meeting_slots (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (meeting_id, name)
);

-- A draft belongs to at most one meeting. No cascade: a meeting with drafts is not
-- deleted (the store refuses it first, the key is the last guard).
ALTER TABLE drafts ADD COLUMN meeting_id INTEGER REFERENCES meetings(id);
CREATE INDEX drafts_meeting ON drafts(meeting_id);
