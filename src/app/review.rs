//! 导入修改稿: the leader's revised .docx compared with the version it was exported from
//! (a dry run shows the changes and comments), and accepting all or some of them: an
//! automatic version first (审阅前), the changes as one undo step, then a named version
//! 修改稿 noting the file.

use std::path::Path;

use super::view::{AcceptedReview, ReviewChangeView, ReviewCommentView, ReviewView};
use super::Session;
use crate::diff::ChangeKind;
use crate::draft::Draft;
use crate::error::{Error, Result};
use crate::review::{self, read::ReviewFile, Head, Review, Skipped, SlotChoice};
use crate::store::versions::AutoReason;

/// The name of the version an accepted review is kept as.
pub const REVISED_NAME: &str = "修改稿";

/// The base a file is compared with.
struct Base {
    draft: Draft,
    version: Option<i64>,
    warnings: Vec<String>,
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn kind_id(k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::Insert => "insert",
        ChangeKind::Delete => "delete",
        ChangeKind::Replace => "replace",
        ChangeKind::Move => "move",
        ChangeKind::Slot => "slot",
    }
}

/// The Chinese sentence for what accepting left aside.
pub fn skipped_zh(s: &Skipped) -> String {
    match s {
        Skipped::Gone { node } => format!("第 {node} 项已不在讲稿中，这处修改没有写入。"),
        Skipped::ChangedSince { node } => {
            format!("第 {node} 项在导出后又改过，这处修改没有写入，请对照修改稿手工修改。")
        }
        Skipped::HeadChangedSince { head } => {
            let what = match head {
                Head::Title => "标题",
                Head::Speaker => "讲话人一行",
                Head::Date => "日期一行",
                Head::Greeting => "称呼",
            };
            format!("{what}在导出后又改过，这处修改没有写入，请对照修改稿手工修改。")
        }
        Skipped::HeadingWithItems { node } => {
            format!("标题第 {node} 项下还有内容，没有删除。")
        }
        Skipped::SlotAsText { slot, old, new } => {
            format!("“{slot}”原为“{old}”，审阅改为“{new}”：此处改成了普通文字，其他地方不变。")
        }
        Skipped::CommentWithoutItem { text } => {
            format!("批注“{text}”不在任何段落上，没有保存。")
        }
        Skipped::Generated { node } => format!(
            "第 {node} 项是按模板自动生成的（如按议程生成的主持词），这处修改没有写入，请改议程或名单。"
        ),
    }
}

impl Session {
    fn review_file(&self, draft: i64, path: &Path) -> Result<(Draft, ReviewFile)> {
        // The draft first: a review of a deleted draft reads no file.
        let current = self.store.draft(draft)?;
        let bytes = crate::import::read_file(path)?;
        Ok((current, review::read::read(&bytes, &file_name(path))?))
    }

    /// The version the file names, if it is this library's and this draft's and still
    /// kept; else the draft as it is now, with a warning saying why.
    fn review_base(&self, draft: i64, file: &ReviewFile, current: &Draft) -> Result<Base> {
        let now = |why: String| Base {
            draft: current.clone(),
            version: None,
            warnings: vec![format!("{why}，改为与讲稿现在的内容比较。")],
        };
        let Some(p) = &file.provenance else {
            return Ok(now("这个文件不是讲稿工坊导出的（没有来源信息）".into()));
        };
        if p.library != self.store.library_id()? {
            return Ok(now("这个文件是从另一个资料库导出的".into()));
        }
        if p.draft != draft {
            return Ok(now(format!(
                "这个文件导出自另一篇讲稿（第 {} 篇）",
                p.draft
            )));
        }
        let Some(v) = p.version else {
            return Ok(now("这个文件没有记录导出时的版本".into()));
        };
        match self.store.version_snapshot(draft, v) {
            Ok(snap) => Ok(Base {
                draft: snap.to_draft(),
                version: Some(v),
                warnings: Vec::new(),
            }),
            Err(Error::NotFound { .. }) => Ok(now(format!("导出时的版本（第 {v} 号）已经删除"))),
            Err(e) => Err(e),
        }
    }

    fn compared(&self, draft: i64, path: &Path) -> Result<(Draft, Base, Review)> {
        let (current, file) = self.review_file(draft, path)?;
        let base = self.review_base(draft, &file, &current)?;
        let review = review::compare(&file, &base.draft);
        Ok((current, base, review))
    }

    /// The dry run: the changes per paragraph and the comments, nothing written.
    pub fn review(&self, draft: i64, path: &Path) -> Result<ReviewView> {
        // The dry run compares with the base only; the present draft matters on accepting.
        let (_, base, r) = self.compared(draft, path)?;
        let changes = r
            .changes
            .iter()
            .enumerate()
            .map(|(i, c)| {
                // A change that touches a filled slot's value is a slot change.
                let (edits, _) =
                    review::edits(&r, &base.draft, &base.draft, &[i], SlotChoice::Value);
                let slot = edits.values.first().map(|(n, _)| n.clone());
                ReviewChangeView {
                    node: c.line.and_then(|l| r.lines[l].node),
                    kind: if slot.is_some() {
                        "slot"
                    } else {
                        kind_id(c.kind)
                    }
                    .into(),
                    old: c.old.clone(),
                    new: c.new.clone(),
                    author: c.author.clone(),
                    slot,
                }
            })
            .collect();
        Ok(ReviewView {
            base_version: base.version,
            tracked: r.tracked,
            changes,
            comments: r
                .notes
                .iter()
                .map(|n| ReviewCommentView {
                    node: n.line.and_then(|l| r.lines[l].node),
                    text: n.text.clone(),
                    author: n.author.clone(),
                })
                .collect(),
            warnings: base.warnings,
        })
    }

    /// Accepts the changes `chosen` (indices into the dry run's `changes`; None: all)
    /// and keeps the comments as notes on their items: an automatic version first
    /// (审阅前), the edits as one undo step, then the named version 修改稿. Returns that
    /// version (None when nothing was written) and what was left aside.
    pub fn accept_review(
        &mut self,
        draft: i64,
        path: &Path,
        chosen: Option<&[usize]>,
        slots: SlotChoice,
    ) -> Result<AcceptedReview> {
        let (current, base, r) = self.compared(draft, path)?;
        let all: Vec<usize> = (0..r.changes.len()).collect();
        let chosen = chosen.unwrap_or(&all);
        if let Some(bad) = chosen.iter().find(|&&i| i >= r.changes.len()) {
            return Err(Error::usage(format!(
                "there is no change {bad}; the file has {} (numbered from 0)",
                r.changes.len()
            )));
        }
        let (edits, skipped) = review::edits(&r, &base.draft, &current, chosen, slots);
        let mut left: Vec<String> = base.warnings;
        left.extend(skipped.iter().map(skipped_zh));
        if edits.is_empty() {
            return Ok(AcceptedReview {
                version: None,
                applied: 0,
                notes: left,
            });
        }
        // Refused texts or values are refused before anything is kept.
        self.store.check_review(draft, &edits)?;
        self.store
            .save_auto_version(draft, AutoReason::BeforeReview)?;
        self.step(draft, |s| s.apply_review(draft, &edits))?;
        let note = format!("审阅：{}", file_name(path));
        let version = self.store.save_version(draft, REVISED_NAME, Some(&note))?;
        Ok(AcceptedReview {
            version: Some(version),
            applied: (edits.texts.len() + edits.inserts.len() + edits.removes.len()) as u32,
            notes: left,
        })
    }
}
