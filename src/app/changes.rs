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

    /// The draft as printed now against `version` of it, printed again.
    pub fn redline(&self, draft: i64, version: i64) -> Result<Redline> {
        let now = render(&self.store.draft(draft)?);
        Ok(self.redline_from(draft, version, &now)?.0)
    }

    fn redline_from(
        &self,
        draft: i64,
        version: i64,
        now: &Document,
    ) -> Result<(Redline, VersionInfo)> {
        let info = self.own_version(draft, version)?;
        let old = render(&self.store.version_snapshot(draft, version)?.to_draft());
        Ok((redline(&old, now), info))
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
