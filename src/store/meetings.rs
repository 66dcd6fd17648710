//! Meetings (schema v6): the drafts written for one meeting, sharing its slot values.
//!
//! The rule a writer meets:
//! - A meeting's slots are the names in [`MEETING_SLOTS`] (会议名称, 届次, 日期, 单位 …)
//!   and any other name the meeting holds a value for (`meeting set`).
//! - A draft in a meeting reads the meeting's value for a slot it does not set itself.
//!   What a draft sets itself wins (an exception, e.g. a report dated otherwise).
//! - Setting a meeting slot from a draft of the meeting sets it for the meeting (every
//!   draft of it shows the new value) and drops that draft's own exception.
//! - Joining: the draft's own values of meeting slots the meeting has not filled go up
//!   to the meeting; values equal to the meeting's are dropped; different ones stay as
//!   the draft's exceptions (reported).
//! - Leaving: the meeting's values the draft used are copied down into the draft, so it
//!   reads the same afterwards.
//! - A meeting with drafts is not deleted (refused with how many); an empty one is.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;

use super::drafts::{checked_values, load_draft, touch};
use super::{now, set_profile, Store};
use crate::draft::Draft;
use crate::error::{Error, Result, TextOf, Thing};
use crate::render;

/// The slots that belong to the meeting rather than to one speech.
pub const MEETING_SLOTS: &[&str] = &[
    "会议名称",
    "届次",
    "次数",
    "年份",
    "日期",
    "地点",
    "单位",
    "主题",
    "出席领导",
    "表彰名称",
    "活动名称",
    "代表人数",
    "应到人数",
];

/// At most this many characters in a meeting's name.
pub const MEETING_NAME_LIMIT: usize = 200;

/// A line of the meeting list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingInfo {
    pub id: i64,
    pub name: String,
    pub drafts: usize,
    pub updated_at: i64,
}

/// A draft of a meeting as the meeting shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingDraft {
    pub id: i64,
    /// The title as printed (slots filled).
    pub title: String,
    pub speech_type: String,
    /// The 讲话人 value, if filled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Whether every slot of the title is filled (it prints no 【名称】).
    pub title_filled: bool,
    /// Meeting slots this draft sets otherwise than the meeting, with its own value.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<(String, String)>,
}

/// A meeting with its values and drafts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meeting {
    pub id: i64,
    pub name: String,
    /// The meeting's values by slot name.
    pub values: BTreeMap<String, String>,
    /// Its drafts, in the order they were added (by id).
    pub drafts: Vec<MeetingDraft>,
}

/// What joining a meeting did with the draft's own values.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Joined {
    /// Values the meeting did not have, taken from the draft.
    pub taken: Vec<String>,
    /// The draft's values that differ from the meeting's, kept as its exceptions.
    pub kept: Vec<String>,
}

/// Whether `name` is a meeting slot of a meeting holding `values`.
pub fn is_meeting_slot(name: &str, values: &BTreeMap<String, String>) -> bool {
    MEETING_SLOTS.contains(&name) || values.contains_key(name)
}

pub(crate) fn meeting_values(conn: &Connection, meeting: i64) -> Result<BTreeMap<String, String>> {
    let mut st =
        conn.prepare_cached("SELECT name, value FROM meeting_slots WHERE meeting_id = ?1")?;
    let values = st
        .query_map([meeting], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(values)
}

pub(crate) fn meeting_of(conn: &Connection, draft: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT meeting_id FROM drafts WHERE id = ?1",
            [draft],
            |r| r.get::<_, Option<i64>>(0),
        )
        .optional()?
        .flatten())
}

/// Fills a loaded draft with its meeting's values for the slots it does not set itself,
/// and names its meeting and meeting slots.
pub(crate) fn inherit(conn: &Connection, draft: &mut Draft) -> Result<()> {
    draft.meeting = None;
    draft.shared.clear();
    let Some(meeting) = meeting_of(conn, draft.id)? else {
        return Ok(());
    };
    let values = meeting_values(conn, meeting)?;
    let mut shared: Vec<String> = MEETING_SLOTS.iter().map(|s| s.to_string()).collect();
    shared.extend(
        values
            .keys()
            .filter(|k| !shared.contains(k))
            .cloned()
            .collect::<Vec<_>>(),
    );
    for (name, value) in values {
        draft.values.entry(name).or_insert(value);
    }
    draft.meeting = Some(meeting);
    draft.shared = shared;
    Ok(())
}

fn check_meeting(conn: &Connection, meeting: i64) -> Result<String> {
    conn.query_row("SELECT name FROM meetings WHERE id = ?1", [meeting], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| Error::not_found(Thing::Meeting, meeting))
}

fn check_name(name: &str) -> Result<&str> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::EmptyText {
            what: TextOf::MeetingName,
        });
    }
    let chars = name.chars().count();
    if chars > MEETING_NAME_LIMIT || name.contains(['\n', '\r']) {
        return Err(Error::TextTooLong {
            what: TextOf::MeetingName,
            chars,
            limit: MEETING_NAME_LIMIT,
        });
    }
    Ok(name)
}

fn set_value(tx: &Transaction, meeting: i64, name: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        tx.execute(
            "DELETE FROM meeting_slots WHERE meeting_id = ?1 AND name = ?2",
            (meeting, name),
        )?;
    } else {
        tx.execute(
            "INSERT INTO meeting_slots(meeting_id, name, value) VALUES (?1, ?2, ?3)
             ON CONFLICT(meeting_id, name) DO UPDATE SET value = excluded.value",
            (meeting, name, value),
        )?;
    }
    tx.execute(
        "UPDATE meetings SET updated_at = ?2 WHERE id = ?1",
        (meeting, now()),
    )?;
    Ok(())
}

fn draft_ids(conn: &Connection, meeting: i64) -> Result<Vec<i64>> {
    let ids = conn
        .prepare_cached("SELECT id FROM drafts WHERE meeting_id = ?1 ORDER BY id")?
        .query_map([meeting], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

impl Store {
    /// The values of the meeting a draft is in (empty outside a meeting).
    pub(crate) fn meeting_values_of(&self, draft: i64) -> Result<BTreeMap<String, String>> {
        match meeting_of(self.conn(), draft)? {
            Some(m) => meeting_values(self.conn(), m),
            None => Ok(BTreeMap::new()),
        }
    }

    /// A new meeting; returns its id.
    pub fn create_meeting(&mut self, name: &str) -> Result<i64> {
        let name = check_name(name)?;
        self.write(|tx| {
            let t = now();
            tx.execute(
                "INSERT INTO meetings(name, created_at, updated_at) VALUES (?1, ?2, ?2)",
                (name, t),
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    pub fn rename_meeting(&mut self, meeting: i64, name: &str) -> Result<()> {
        let name = check_name(name)?;
        check_meeting(self.conn(), meeting)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE meetings SET name = ?2, updated_at = ?3 WHERE id = ?1",
                (meeting, name, now()),
            )?;
            Ok(())
        })
    }

    /// All meetings, most recently changed first.
    pub fn meetings(&self) -> Result<Vec<MeetingInfo>> {
        let mut st = self.conn().prepare(
            "SELECT m.id, m.name, m.updated_at, (SELECT count(*) FROM drafts d WHERE d.meeting_id = m.id)
             FROM meetings m ORDER BY m.updated_at DESC, m.id DESC",
        )?;
        let rows = st.query_map([], |r| {
            Ok(MeetingInfo {
                id: r.get(0)?,
                name: r.get(1)?,
                updated_at: r.get(2)?,
                drafts: r.get::<_, i64>(3)? as usize,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A meeting with its values and its drafts as they print.
    pub fn meeting(&self, meeting: i64) -> Result<Meeting> {
        let conn = self.conn();
        let name = check_meeting(conn, meeting)?;
        let values = meeting_values(conn, meeting)?;
        let mut drafts = Vec::new();
        for id in draft_ids(conn, meeting)? {
            let d = load_draft(conn, id)?;
            let own = own_values(conn, id)?;
            let exceptions = own
                .into_iter()
                .filter(|(k, v)| values.get(k).is_some_and(|m| m != v))
                .collect();
            let doc = render::render(&d);
            let title_filled = !doc
                .unfilled
                .iter()
                .any(|n| doc.title.contains(&crate::slot::unfilled_marker(n)));
            drafts.push(MeetingDraft {
                title_filled,
                id,
                title: doc.title,
                speech_type: d.speech_type,
                speaker: doc.meta.speaker,
                exceptions,
            });
        }
        Ok(Meeting {
            id: meeting,
            name,
            values,
            drafts,
        })
    }

    /// Sets the meeting's values (an empty value clears one); every draft of the meeting
    /// that does not set the slot itself reads the new value.
    pub fn set_meeting_slots(&mut self, meeting: i64, values: &[(String, String)]) -> Result<()> {
        check_meeting(self.conn(), meeting)?;
        let checked = checked_values(&[], values)?;
        self.write(|tx| {
            for (def, value) in &checked {
                set_value(tx, meeting, &def.name, value)?;
            }
            Ok(())
        })
    }

    /// Puts a draft into a meeting (see the module's rule for its own values). A draft
    /// already in another meeting is refused: it is removed from that one first.
    pub fn add_to_meeting(&mut self, meeting: i64, draft: i64) -> Result<Joined> {
        let conn = self.conn();
        check_meeting(conn, meeting)?;
        load_draft(conn, draft)?;
        match meeting_of(conn, draft)? {
            Some(m) if m == meeting => return Ok(Joined::default()),
            Some(other) => {
                return Err(Error::InAnotherMeeting {
                    draft,
                    meeting: other,
                })
            }
            None => {}
        }
        let values = meeting_values(conn, meeting)?;
        let own = own_values(conn, draft)?;
        self.write(|tx| {
            let mut joined = Joined::default();
            for (name, value) in own {
                if !is_meeting_slot(&name, &values) {
                    continue;
                }
                match values.get(&name) {
                    Some(v) if *v != value => {
                        joined.kept.push(name);
                        continue;
                    }
                    Some(_) => {}
                    None => {
                        set_value(tx, meeting, &name, &value)?;
                        joined.taken.push(name.clone());
                    }
                }
                delete_own(tx, draft, &name)?;
            }
            tx.execute(
                "UPDATE drafts SET meeting_id = ?2 WHERE id = ?1",
                (draft, meeting),
            )?;
            touch(tx, draft)?;
            Ok(joined)
        })
    }

    /// Takes a draft out of its meeting; the meeting's values it used are copied into
    /// the draft, so it reads the same. A draft in no meeting is refused.
    pub fn remove_from_meeting(&mut self, draft: i64) -> Result<i64> {
        let d = self.draft(draft)?;
        let Some(meeting) = d.meeting else {
            return Err(Error::NotInMeeting { draft });
        };
        let own = own_values(self.conn(), draft)?;
        let used: Vec<String> = d.slots().into_iter().map(|s| s.def.name).collect();
        let values = meeting_values(self.conn(), meeting)?;
        self.write(|tx| {
            for (name, value) in &values {
                if used.contains(name) && !own.contains_key(name) {
                    tx.execute(
                        "INSERT INTO draft_slots(draft_id, name, value) VALUES (?1, ?2, ?3)",
                        (draft, name, value),
                    )?;
                }
            }
            tx.execute("UPDATE drafts SET meeting_id = NULL WHERE id = ?1", [draft])?;
            touch(tx, draft)?;
            Ok(meeting)
        })
    }

    /// Deletes an empty meeting; one with drafts is refused (take them out first).
    pub fn delete_meeting(&mut self, meeting: i64) -> Result<()> {
        check_meeting(self.conn(), meeting)?;
        let drafts = draft_ids(self.conn(), meeting)?.len();
        if drafts > 0 {
            return Err(Error::MeetingNotEmpty { meeting, drafts });
        }
        self.write(|tx| {
            tx.execute("DELETE FROM meetings WHERE id = ?1", [meeting])?;
            Ok(())
        })
    }

    /// Puts a draft brought back by 撤销 into the meeting it was in, if that still exists.
    pub(crate) fn rejoin_meeting(&mut self, draft: i64, meeting: i64) -> Result<()> {
        self.write(|tx| {
            let back = tx.execute(
                "UPDATE drafts SET meeting_id = ?2 WHERE id = ?1
                 AND EXISTS (SELECT 1 FROM meetings WHERE id = ?2)",
                (draft, meeting),
            )?;
            if back > 0 {
                // The values it read from the meeting came back as its own: the equal
                // ones are the meeting's again.
                tx.execute(
                    "DELETE FROM draft_slots WHERE draft_id = ?1 AND EXISTS (
                         SELECT 1 FROM meeting_slots m WHERE m.meeting_id = ?2
                         AND m.name = draft_slots.name AND m.value = draft_slots.value)",
                    (draft, meeting),
                )?;
            }
            Ok(())
        })
    }
}

/// Writes slot values set from a draft in a meeting: meeting slots to the meeting (the
/// draft's own exception dropped), the others to the draft. Profile slots are
/// remembered as from any draft.
pub(crate) fn write_shared(
    tx: &Transaction,
    draft: i64,
    meeting: i64,
    values: &[(crate::slot::SlotDef, String)],
) -> Result<Vec<(crate::slot::SlotDef, String)>> {
    let held = meeting_values(tx, meeting)?;
    let mut own = Vec::new();
    for (def, value) in values {
        if is_meeting_slot(&def.name, &held) {
            set_value(tx, meeting, &def.name, value)?;
            delete_own(tx, draft, &def.name)?;
            if def.profile {
                set_profile(tx, &def.name, value)?;
            }
        } else {
            own.push((def.clone(), value.clone()));
        }
    }
    Ok(own)
}

pub(crate) fn own_values(conn: &Connection, draft: i64) -> Result<BTreeMap<String, String>> {
    let mut st = conn.prepare_cached("SELECT name, value FROM draft_slots WHERE draft_id = ?1")?;
    let values = st
        .query_map([draft], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(values)
}

fn delete_own(tx: &Transaction, draft: i64, name: &str) -> Result<()> {
    tx.execute(
        "DELETE FROM draft_slots WHERE draft_id = ?1 AND name = ?2",
        (draft, name),
    )?;
    Ok(())
}
