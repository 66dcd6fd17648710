//! Meetings: the drafts of one meeting sharing its slot values (the rule is in
//! `store::meetings`), and the speeches a host script can name.

use serde::Serialize;

use super::editor::type_name;
use super::view::{MeetingDraftView, MeetingSlotView, MeetingSummary, MeetingTag, MeetingView};
use super::Session;
use crate::draft::slot_def;
use crate::error::Result;
use crate::store::{is_meeting_slot, Joined, Meeting, MeetingDraft, MeetingInfo, MEETING_SLOTS};

/// A speech of the meeting, as the host script's agenda names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingSpeech {
    pub draft: i64,
    pub title: String,
    pub speech_type: String,
    /// The 讲话人 value, if filled.
    pub speaker: Option<String>,
    /// An agenda line for it: "王建华同志讲话" (the speaker), or the title.
    pub agenda_line: String,
}

/// The slot a host script's agenda is written in (one item a line; engineer B's list
/// slot renders it).
pub const AGENDA_SLOT: &str = "议程";

impl Session {
    pub fn create_meeting(&mut self, name: &str) -> Result<i64> {
        self.store.create_meeting(name)
    }

    pub fn rename_meeting(&mut self, meeting: i64, name: &str) -> Result<()> {
        self.store.rename_meeting(meeting, name)
    }

    pub fn meetings(&self) -> Result<Vec<MeetingInfo>> {
        self.store.meetings()
    }

    pub fn meeting(&self, meeting: i64) -> Result<Meeting> {
        self.store.meeting(meeting)
    }

    pub fn set_meeting_slots(&mut self, meeting: i64, values: &[(String, String)]) -> Result<()> {
        self.store.set_meeting_slots(meeting, values)
    }

    /// Adds a draft to a meeting. Its undo history ends here: a state from outside the
    /// meeting restored inside it would bring back values the meeting now holds.
    pub fn add_to_meeting(&mut self, meeting: i64, draft: i64) -> Result<Joined> {
        let joined = self.store.add_to_meeting(meeting, draft)?;
        self.forget_history(draft);
        Ok(joined)
    }

    /// Takes a draft out of its meeting (the values it used copied into it); returns
    /// the meeting. Its undo history ends here too.
    pub fn remove_from_meeting(&mut self, draft: i64) -> Result<i64> {
        let meeting = self.store.remove_from_meeting(draft)?;
        self.forget_history(draft);
        Ok(meeting)
    }

    pub fn delete_meeting(&mut self, meeting: i64) -> Result<()> {
        self.store.delete_meeting(meeting)
    }

    /// The speeches of the meeting other than `host` (the host script itself), in the
    /// meeting's order, each with the agenda line that names it.
    pub fn meeting_speeches(&self, meeting: i64, host: Option<i64>) -> Result<Vec<MeetingSpeech>> {
        let m = self.store.meeting(meeting)?;
        Ok(m.drafts
            .into_iter()
            .filter(|d| Some(d.id) != host && d.speech_type != "host")
            .map(|d| MeetingSpeech {
                agenda_line: agenda_line(&d),
                draft: d.id,
                title: d.title,
                speech_type: d.speech_type,
                speaker: d.speaker,
            })
            .collect())
    }

    /// Adds agenda lines naming the meeting's speeches to the host draft's 议程 slot (one
    /// item a line), after the lines it has; a line already there is not repeated. One
    /// undo step of the host draft; returns the lines added.
    pub fn add_speeches_to_agenda(&mut self, host: i64, drafts: &[i64]) -> Result<Vec<String>> {
        let d = self.store.draft(host)?;
        let Some(meeting) = d.meeting else {
            return Err(crate::error::Error::NotInMeeting { draft: host });
        };
        let speeches = self.meeting_speeches(meeting, Some(host))?;
        let mut lines: Vec<String> = d
            .values
            .get(AGENDA_SLOT)
            .map(|v| v.lines().map(str::to_string).collect())
            .unwrap_or_default();
        let mut added = Vec::new();
        for s in speeches.iter().filter(|s| drafts.contains(&s.draft)) {
            if !lines.contains(&s.agenda_line) {
                lines.push(s.agenda_line.clone());
                added.push(s.agenda_line.clone());
            }
        }
        if !added.is_empty() {
            self.set_slots(host, &[(AGENDA_SLOT.to_string(), lines.join("\n"))])?;
        }
        Ok(added)
    }
}

/// "王建华同志讲话" when the speaker is known, else the speech's title, or its type's
/// name while the title still has an unfilled slot (a 【名称】 must not become text).
fn agenda_line(d: &MeetingDraft) -> String {
    match d
        .speaker
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(name) => format!("{name}同志讲话"),
        None if d.title_filled => d.title.clone(),
        None => type_name(&d.speech_type),
    }
}

impl Session {
    /// The 会议 list.
    pub fn meeting_summaries(&self) -> Result<Vec<MeetingSummary>> {
        Ok(self
            .store
            .meetings()?
            .into_iter()
            .map(|m| MeetingSummary {
                id: m.id,
                name: m.name,
                drafts: m.drafts as u32,
                updated_at: m.updated_at,
            })
            .collect())
    }

    /// The meeting a draft belongs to, named.
    pub(super) fn meeting_tag(&self, meeting: Option<i64>) -> Result<Option<MeetingTag>> {
        let Some(id) = meeting else {
            return Ok(None);
        };
        let name = self.store.meeting(id)?.name;
        Ok(Some(MeetingTag { id, name }))
    }

    /// The 会议 view: the meeting's slots (those it holds and the meeting slots its
    /// drafts use, in the catalogue's order), its drafts, the drafts that can join.
    pub fn meeting_view(&self, meeting: i64) -> Result<MeetingView> {
        let m = self.store.meeting(meeting)?;
        let mut names: Vec<String> = Vec::new();
        for d in &m.drafts {
            for s in self.store.draft(d.id)?.slots() {
                if is_meeting_slot(&s.def.name, &m.values) && !names.contains(&s.def.name) {
                    names.push(s.def.name);
                }
            }
        }
        names.extend(
            m.values
                .keys()
                .filter(|k| !names.contains(k))
                .cloned()
                .collect::<Vec<_>>(),
        );
        let rank = |n: &String| {
            MEETING_SLOTS
                .iter()
                .position(|s| s == n)
                .unwrap_or(usize::MAX)
        };
        names.sort_by_key(rank);
        let slots = names
            .into_iter()
            .map(|name| {
                let def = slot_def(&[], &name);
                MeetingSlotView {
                    value: m.values.get(&name).cloned().unwrap_or_default(),
                    label: def.label,
                    kind: def.kind.id().into(),
                    example: def.example,
                    name,
                }
            })
            .collect();
        let others = self
            .store
            .drafts()?
            .into_iter()
            .filter(|d| d.meeting.is_none())
            .map(|d| MeetingTag {
                id: d.id,
                name: d.title,
            })
            .collect();
        let drafts = m
            .drafts
            .into_iter()
            .map(|d| MeetingDraftView {
                agenda_line: agenda_line(&d),
                speech_type_name: type_name(&d.speech_type),
                id: d.id,
                title: d.title,
                speech_type: d.speech_type,
                speaker: d.speaker,
                exceptions: d.exceptions.into_iter().map(|(k, _)| k).collect(),
            })
            .collect();
        Ok(MeetingView {
            id: m.id,
            name: m.name,
            slots,
            drafts,
            others,
        })
    }
}
