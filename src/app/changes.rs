//! The changes since a version, shown in an export (tracked changes or the printed 花脸稿)
//! and, from the same [`Redline`], in the desktop's compare view.

use super::settings::ExportFormat;
use super::{ExportOptions, Session};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::export::docx::tracked::{to_docx_with_changes, word_date, Revision};
use crate::export::docx::DocxOptions;
use crate::redline::{redline, Redline};
use crate::render::render;
use crate::store::versions::VersionInfo;

/// The profile slot holding the writer's name: the author of tracked changes.
pub const AUTHOR_SLOT: &str = "撰稿人";
/// The author when the profile has no writer's name.
pub const DEFAULT_AUTHOR: &str = "讲稿工坊";

impl Session {
    /// A version of this draft; a version of another draft is refused as such.
    fn own_version(&self, draft: i64, version: i64) -> Result<VersionInfo> {
        match self.store.version_owner(version)? {
            Some(owner) if owner != draft => Err(Error::VersionOfAnotherDraft {
                version,
                draft,
                owner,
            }),
            _ => self.store.version(draft, version),
        }
    }

    /// Version `from` of the draft against version `to`, or the draft now (None), both
    /// as printed: what the compare view shows.
    pub fn redline(&self, draft: i64, from: i64, to: Option<i64>) -> Result<Redline> {
        let new = match to {
            Some(v) => self.printed_version(draft, v)?.0,
            None => render(&self.store.draft(draft)?),
        };
        Ok(self.redline_from(draft, from, &new)?.0)
    }

    /// A version of the draft rendered again.
    fn printed_version(&self, draft: i64, version: i64) -> Result<(Document, VersionInfo)> {
        let info = self.own_version(draft, version)?;
        let snap = self.store.version_snapshot(draft, version)?;
        Ok((render(&snap.to_draft()), info))
    }

    fn redline_from(
        &self,
        draft: i64,
        version: i64,
        new: &Document,
    ) -> Result<(Redline, VersionInfo)> {
        let (old, info) = self.printed_version(draft, version)?;
        Ok((redline(&old, new), info))
    }

    /// The tracked changes' author: the writer's name from the profile (撰稿人), else
    /// the program's name.
    pub fn change_author(&self) -> Result<String> {
        let profile = self.store.profile()?;
        Ok(profile
            .into_iter()
            .find(|(name, _)| name == AUTHOR_SLOT)
            .map(|(_, v)| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| DEFAULT_AUTHOR.to_string()))
    }

    /// The .docx of `now` with the changes since `version`, dated when the version was made.
    pub(super) fn changes_bytes(
        &self,
        draft: i64,
        version: i64,
        now: &Document,
        o: &ExportOptions,
    ) -> Result<Vec<u8>> {
        if o.format != ExportFormat::Docx {
            return Err(Error::ChangesNeedDocx);
        }
        let (lines, info) = self.redline_from(draft, version, now)?;
        let revision = Revision {
            style: o.change_style,
            author: self.change_author()?,
            date: word_date(info.created_at),
        };
        let docx = DocxOptions::new(o.layout, o.fonts, o.page_numbers);
        to_docx_with_changes(now, &lines, &docx, &revision)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redline::State;
    use crate::store::Store;

    #[test]
    fn versions_compare_as_printed_with_each_other_and_with_now() {
        let mut s = Session::with_store(Store::open_in_memory().unwrap(), "memory".into());
        let d = s.create_draft("commendation-annual", None, &[]).unwrap();
        let v1 = s.save_version(d, "初稿", None).unwrap();
        let first = s.store.draft(d).unwrap().nodes[0].id;
        s.remove_node(d, first).unwrap();
        let v2 = s.save_version(d, "二稿", None).unwrap();
        s.set_slots(d, &[("单位".into(), "市总工会".into())])
            .unwrap();

        let gone = |r: &Redline| {
            r.paragraphs
                .iter()
                .filter(|p| p.state == State::Deleted)
                .filter_map(|p| p.node)
                .collect::<Vec<_>>()
        };
        let between = s.redline(d, v1, Some(v2)).unwrap();
        assert_eq!(gone(&between), [first]);
        assert_eq!(
            between.paragraphs[0].state,
            State::Same,
            "the title is as it was"
        );
        let since = s.redline(d, v2, None).unwrap();
        assert!(gone(&since).is_empty());
        assert_eq!(since.paragraphs[0].state, State::Changed, "【单位】 filled");
        assert!(s.redline(d, v2, Some(v2)).unwrap().is_unchanged());

        // Another draft's version, either side: refused as such.
        let other = s.create_draft("opening-conference", None, &[]).unwrap();
        let theirs = s.save_version(other, "初稿", None).unwrap();
        for err in [
            s.redline(d, theirs, None).unwrap_err(),
            s.redline(d, v1, Some(theirs)).unwrap_err(),
        ] {
            assert!(
                matches!(err, Error::VersionOfAnotherDraft { owner, .. } if owner == other),
                "{err}"
            );
        }
        assert!(matches!(
            s.redline(d, 9999, None),
            Err(Error::NotFound { .. })
        ));
    }

    #[test]
    fn the_author_is_the_writer_or_the_program() {
        let mut s = Session::with_store(Store::open_in_memory().unwrap(), "memory".into());
        assert_eq!(s.change_author().unwrap(), DEFAULT_AUTHOR);
        s.store
            .set_profile(&[(AUTHOR_SLOT.into(), " 李明 ".into())])
            .unwrap();
        assert_eq!(s.change_author().unwrap(), "李明");
    }
}
