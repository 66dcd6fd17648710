-- Schema version 5: the way back of a revised .docx (issue #11).
--
-- `library_id`: a random identity of this library, written into every .docx export
-- (docProps/custom.xml) beside the draft and version ids, so a file that comes back is
-- recognised as made from another library (whose draft 3 is not this one's draft 3).
-- Made once, here; a backup restored keeps the id of the library it was taken from.
INSERT OR IGNORE INTO settings(key, value) VALUES ('library_id', lower(hex(randomblob(16))));

-- The reviewer's comments (批注) on an item, kept when a review is accepted: one text,
-- each comment a line "作者：内容". A column of the node so it moves, is copied into
-- versions and undo snapshots, and goes with its node.
ALTER TABLE nodes ADD COLUMN note TEXT;
