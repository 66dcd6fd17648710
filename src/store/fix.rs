//! Applying the check's safe fixes to a stored draft. A finding points into the rendered
//! text (slots filled, `**` markup gone); the stored text still has `{{slots}}` and
//! markup. So a fix is applied only where the found text, widened by its neighbours until
//! it is unique, occurs exactly once in the stored text — otherwise it is skipped and
//! reported, never guessed.

use serde::Serialize;

use super::Store;
use crate::check::Finding;
use crate::error::Result;

/// A finding whose fix was not applied, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotFixed {
    #[serde(flatten)]
    pub finding: Finding,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FixReport {
    pub fixed: Vec<Finding>,
    pub not_fixed: Vec<NotFixed>,
}

/// How far the context may widen on each side before giving up.
const MAX_CONTEXT: usize = 12;

/// Where the finding's text is in `stored`, as a byte range, if unambiguous.
fn locate(rendered: &str, stored: &str, offset: usize, length: usize) -> Option<(usize, usize)> {
    let r: Vec<char> = rendered.chars().collect();
    if offset + length > r.len() || length == 0 {
        return None;
    }
    let unique = |from: usize, to: usize| -> Result<usize, usize> {
        let window: String = r[from..to].iter().collect();
        let mut hits = stored.match_indices(&window).map(|(at, _)| at);
        match (hits.next(), hits.next()) {
            (Some(at), None) => Ok(at),
            (None, _) => Err(0),
            _ => Err(2),
        }
    };
    // Widen left, right or both: markup or a slot may sit on one side only.
    for k in 0..=MAX_CONTEXT {
        let mut alive = false;
        for (left, right) in [(k, 0), (0, k), (k, k)] {
            let from = offset.saturating_sub(left);
            let to = (offset + length + right).min(r.len());
            match unique(from, to) {
                Ok(at) => {
                    let lead: usize = r[from..offset].iter().map(|c| c.len_utf8()).sum();
                    let len: usize = r[offset..offset + length]
                        .iter()
                        .map(|c| c.len_utf8())
                        .sum();
                    return Some((at + lead, at + lead + len));
                }
                Err(n) => alive |= n > 0,
            }
        }
        if !alive {
            return None; // every widening runs into a slot value or markup
        }
    }
    None
}

/// One stored text's fixes: (target, stored text, [(start, end, replacement, finding)]).
type Edits = (Target, String, Vec<(usize, usize, String, Finding)>);

/// Which stored text a finding is in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Node(i64),
    Column(&'static str),
}

impl Store {
    /// Applies the fixes of `findings` (those with a `fix`) to draft `draft`, in one
    /// transaction. Findings without a fix are ignored.
    pub fn apply_fixes(&mut self, draft: i64, findings: &[Finding]) -> Result<FixReport> {
        let d = self.draft(draft)?;
        let doc = crate::render::render(&d);
        let mut report = FixReport::default();
        let mut edits: Vec<Edits> = Vec::new();
        for f in findings {
            let Some(fix) = &f.fix else { continue };
            let (target, rendered, stored) = match (f.node, f.part) {
                (Some(id), _) => {
                    let (Some(r), Some(s)) = (doc.find(id), d.find(id)) else {
                        report.not_fixed.push(NotFixed {
                            finding: f.clone(),
                            reason: "该段落已不存在".into(),
                        });
                        continue;
                    };
                    (Target::Node(id), r.text.clone(), s.text.clone())
                }
                (None, "title") => (Target::Column("title"), doc.title.clone(), d.title.clone()),
                (None, "speaker") => (
                    Target::Column("speaker"),
                    doc.speaker.clone().unwrap_or_default(),
                    d.speaker.clone().unwrap_or_default(),
                ),
                (None, "date") => (
                    Target::Column("date_line"),
                    doc.date.clone().unwrap_or_default(),
                    d.date.clone().unwrap_or_default(),
                ),
                (None, "greeting") => (
                    Target::Column("greeting"),
                    doc.greeting.clone().unwrap_or_default(),
                    d.greeting.clone().unwrap_or_default(),
                ),
                _ => continue,
            };
            let Some((start, end)) = locate(&rendered, &stored, f.offset, f.length) else {
                report.not_fixed.push(NotFixed {
                    finding: f.clone(),
                    reason: "在原文中无法唯一定位（可能在占位项的值或加粗标记里），请手动修改"
                        .into(),
                });
                continue;
            };
            if stored[start..end] != f.text {
                report.not_fixed.push(NotFixed {
                    finding: f.clone(),
                    reason: "原文与检查结果不一致，请重新检查".into(),
                });
                continue;
            }
            let entry = match edits.iter_mut().find(|(t, _, _)| *t == target) {
                Some(e) => e,
                None => {
                    edits.push((target, stored, Vec::new()));
                    let last = edits.len() - 1;
                    &mut edits[last]
                }
            };
            if entry.2.iter().any(|(s, e, _, _)| start < *e && *s < end) {
                report.not_fixed.push(NotFixed {
                    finding: f.clone(),
                    reason: "与另一处修改重叠".into(),
                });
                continue;
            }
            entry.2.push((start, end, fix.clone(), f.clone()));
        }
        self.write(|tx| {
            for (target, stored, list) in &mut edits {
                list.sort_by_key(|(s, _, _, _)| std::cmp::Reverse(*s));
                let mut text = stored.clone();
                for (s, e, fix, _) in list.iter() {
                    text.replace_range(*s..*e, fix);
                }
                match target {
                    Target::Node(id) => tx.execute(
                        "UPDATE nodes SET text = ?2 WHERE id = ?1 AND draft_id = ?3",
                        (*id, &text, draft),
                    )?,
                    Target::Column(col) => tx.execute(
                        &format!("UPDATE drafts SET {col} = ?2 WHERE id = ?1"),
                        (draft, &text),
                    )?,
                };
            }
            if !edits.is_empty() {
                tx.execute(
                    "UPDATE drafts SET updated_at = ?2 WHERE id = ?1",
                    (draft, super::now()),
                )?;
            }
            Ok(())
        })?;
        for (_, _, list) in edits {
            let mut list = list;
            list.sort_by_key(|(s, _, _, _)| *s);
            report.fixed.extend(list.into_iter().map(|(_, _, _, f)| f));
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::locate;

    #[test]
    fn locates_only_when_unique() {
        // Stored text has a slot and markup; the rendered one has the value.
        let stored = "**一是强化引领,**在{{单位}}开展工作,好。";
        let rendered = "一是强化引领,在市总工会开展工作,好。";
        let first = rendered.chars().position(|c| c == ',').unwrap();
        let (s, e) = locate(rendered, stored, first, 1).unwrap();
        assert_eq!(&stored[s..e], ",");
        assert_eq!(&stored[..s], "**一是强化引领");
        let second = rendered
            .chars()
            .skip(first + 1)
            .position(|c| c == ',')
            .unwrap()
            + first
            + 1;
        let (s, _) = locate(rendered, stored, second, 1).unwrap();
        assert_eq!(&stored[s - "开展工作".len()..s], "开展工作");
        // A mark inside a slot value is not in the stored text at all.
        assert_eq!(locate("甲,乙", "{{名}}", 1, 1), None);
    }
}
