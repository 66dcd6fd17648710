//! From the text a reviewer left (as printed: slot values filled, no markup) back to
//! stored text: `{{slots}}` kept where the reviewer did not touch their value, `**bold**`
//! kept around what stays bold, and a value the reviewer changed reported as a slot
//! change, written as the writer chooses (the value everywhere, or plain text here).

use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::draft::Draft;
use crate::markup;
use crate::render::slot_text;
use crate::slot::{self, Piece};

/// What to do where the reviewer changed a filled slot's value.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum SlotChoice {
    /// That place becomes plain text; the slot's value elsewhere stays (the default:
    /// nothing changes that the reviewer did not change).
    #[default]
    Text,
    /// The slot's value changes everywhere it is used.
    Value,
}

/// A filled slot whose printed value the reviewer changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotEdit {
    pub name: String,
    pub old: String,
    pub new: String,
}

/// Stored text rebuilt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapped {
    pub text: String,
    pub slot_edits: Vec<SlotEdit>,
    /// New slot values (choice `Value`).
    pub values: Vec<(String, String)>,
}

struct Seg {
    /// The `{{…}}` as stored, for a slot; None for literal text.
    source: Option<String>,
    name: String,
    printed: String,
    /// Whether its printed text can be stored as the value (no formatting applied).
    plain_value: bool,
    span: usize,
    bold: bool,
    start: usize,
    end: usize,
    new: String,
    changed: bool,
    lead_in: String,
}

fn segments(draft: &Draft, stored: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut at = 0;
    for (span, s) in markup::spans(stored).into_iter().enumerate() {
        let pieces = slot::pieces(s.text);
        for (i, piece) in pieces.iter().enumerate() {
            let (source, name, printed, plain_value) = match piece {
                Piece::Text(t) => (None, String::new(), t.to_string(), false),
                Piece::Slot(r) => {
                    let next = match pieces.get(i + 1) {
                        Some(Piece::Text(t)) => t,
                        _ => "",
                    };
                    let printed =
                        slot_text(draft, r, next).unwrap_or_else(|| slot::unfilled_marker(&r.name));
                    let raw = draft.values.get(&r.name).map(|v| v.trim());
                    let plain = raw == Some(printed.as_str());
                    (
                        Some(s.text[r.range.clone()].to_string()),
                        r.name.clone(),
                        printed,
                        plain,
                    )
                }
            };
            let len = printed.chars().count();
            out.push(Seg {
                source,
                name,
                printed,
                plain_value,
                span,
                bold: s.bold,
                start: at,
                end: at + len,
                new: String::new(),
                changed: false,
                lead_in: String::new(),
            });
            at += len;
        }
    }
    out
}

/// The stored text that prints as `new`, starting from `stored` (which prints as the
/// segments' text).
pub fn to_stored(draft: &Draft, stored: &str, new: &str, choice: SlotChoice) -> Mapped {
    let mut segs = segments(draft, stored);
    let old: Vec<char> = segs.iter().flat_map(|s| s.printed.chars()).collect();
    let newc: Vec<char> = new.chars().collect();
    let mut tail = String::new();
    let seg_at = |segs: &[Seg], p: usize| segs.iter().position(|s| s.start <= p && p < s.end);
    for op in capture_diff_slices(Algorithm::Myers, &old, &newc) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    if let Some(i) = seg_at(&segs, old_index + k) {
                        segs[i].new.push(newc[new_index + k]);
                    }
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => mark_changed(&mut segs, old_index, old_len),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => {
                let text: String = newc[new_index..new_index + new_len].iter().collect();
                insert_at(&mut segs, &mut tail, old_index, &text);
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                mark_changed(&mut segs, old_index, old_len);
                let text: String = newc[new_index..new_index + new_len].iter().collect();
                match seg_at(&segs, old_index) {
                    Some(i) => segs[i].new.push_str(&text),
                    None => tail.push_str(&text),
                }
            }
        }
    }
    write(segs, tail, choice)
}

fn mark_changed(segs: &mut [Seg], at: usize, len: usize) {
    for s in segs.iter_mut() {
        if s.start < at + len && at < s.end {
            s.changed = true;
        }
    }
}

/// Text inserted at a position of the printed text: inside a slot it changes the slot;
/// between pieces it goes to the literal text on either side (before first).
fn insert_at(segs: &mut [Seg], tail: &mut String, p: usize, text: &str) {
    if let Some(s) = segs.iter_mut().find(|s| s.start < p && p < s.end) {
        s.new.push_str(text);
        s.changed = s.changed || s.source.is_some();
        return;
    }
    let before = segs.iter().position(|s| s.end == p && s.start < s.end);
    let after = segs.iter().position(|s| s.start == p && s.start < s.end);
    match (before, after) {
        (Some(i), _) if segs[i].source.is_none() => segs[i].new.push_str(text),
        (_, Some(i)) if segs[i].source.is_none() => segs[i].new.push_str(text),
        (_, Some(i)) => segs[i].lead_in.push_str(text),
        _ => tail.push_str(text),
    }
}

fn write(segs: Vec<Seg>, tail: String, choice: SlotChoice) -> Mapped {
    let mut out = Mapped::default();
    let mut open_span: Option<usize> = None;
    for s in segs {
        if open_span.is_some() && open_span != Some(s.span) {
            out.text.push_str("**");
            open_span = None;
        }
        out.text.push_str(&s.lead_in);
        let piece = match &s.source {
            None => s.new,
            Some(src) if !s.changed => src.clone(),
            Some(src) => {
                out.slot_edits.push(SlotEdit {
                    name: s.name.clone(),
                    old: s.printed.clone(),
                    new: s.new.clone(),
                });
                let keeps_slot = choice == SlotChoice::Value
                    && s.plain_value
                    && !s.new.trim().is_empty()
                    && !out.values.iter().any(|(n, v)| *n == s.name && *v != s.new);
                if keeps_slot {
                    out.values.push((s.name.clone(), s.new.clone()));
                    src.clone()
                } else {
                    s.new
                }
            }
        };
        if s.bold && !piece.is_empty() && open_span.is_none() {
            out.text.push_str("**");
            open_span = Some(s.span);
        }
        out.text.push_str(&piece);
    }
    if open_span.is_some() {
        out.text.push_str("**");
    }
    out.text.push_str(&tail);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn draft(values: &[(&str, &str)]) -> Draft {
        Draft {
            id: 1,
            title: String::new(),
            template_id: None,
            speech_type: "opening".into(),
            speaker: None,
            date: None,
            greeting: None,
            slot_defs: Vec::new(),
            values: values
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
            nodes: Vec::new(),
            created_at: 0,
            updated_at: 0,
            meeting: None,
            shared: Vec::new(),
        }
    }

    #[test]
    fn slots_survive_edits_around_them() {
        let d = draft(&[("地区", "全县")]);
        let m = to_stored(
            &d,
            "当前，{{地区}}正处在关键阶段。",
            "当前，全县正处在最关键的阶段。",
            SlotChoice::Text,
        );
        assert_eq!(m.text, "当前，{{地区}}正处在最关键的阶段。");
        assert!(m.slot_edits.is_empty());
    }

    #[test]
    fn a_changed_value_is_a_slot_change_written_as_chosen() {
        let d = draft(&[("地区", "全县")]);
        let stored = "当前，{{地区}}正处在关键阶段，{{地区}}上下。";
        let new = "当前，全市正处在关键阶段，全县上下。";
        let text = to_stored(&d, stored, new, SlotChoice::Text);
        assert_eq!(text.text, "当前，全市正处在关键阶段，{{地区}}上下。");
        assert_eq!(
            text.slot_edits,
            [SlotEdit {
                name: "地区".into(),
                old: "全县".into(),
                new: "全市".into()
            }]
        );
        let value = to_stored(&d, stored, new, SlotChoice::Value);
        assert_eq!(value.text, stored);
        assert_eq!(value.values, [("地区".to_string(), "全市".to_string())]);
    }

    #[test]
    fn bold_stays_around_what_stays_bold() {
        let d = draft(&[]);
        let m = to_stored(
            &d,
            "**深化理论武装**。把学习作为任务。",
            "深化理论武装。把学习作为长期任务。",
            SlotChoice::Text,
        );
        assert_eq!(m.text, "**深化理论武装**。把学习作为长期任务。");
    }
}
