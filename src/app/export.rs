//! Export with options: the bytes and a file name from the draft, then the file written
//! (`Session::write_export`: never onto the library, through `export::write_file`); the writer's choices and folder are remembered only once the
//! file is written, so a cancelled or failed export changes nothing.

use std::path::Path;

use super::settings::ExportFormat;
use super::view::{ExportArgs, ExportResult};
use super::Session;
use crate::check;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::export::docx::tracked::ChangeStyle;
use crate::export::docx::{self, DocxOptions, FontSet, Layout, PageNumbers};
use crate::export::markdown::{to_markdown, MarkdownOptions};
use crate::render::render;
use crate::store::versions::AutoReason;

const DIR_KEY: &str = "desktop.export_dir";

/// Every option of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportOptions {
    pub format: ExportFormat,
    /// docx: official or podium.
    pub layout: Layout,
    /// docx: the font set where the file will be printed.
    pub fonts: FontSet,
    /// docx: None = the layout's own placement.
    pub page_numbers: Option<PageNumbers>,
    /// Markdown: YAML front matter first.
    pub front_matter: bool,
    /// docx: show the changes since this version of the draft.
    pub changes_from: Option<i64>,
    /// docx with `changes_from`: tracked changes or the printed 花脸稿.
    pub change_style: ChangeStyle,
}

/// A draft made into a file's bytes, with the name a save dialog suggests.
pub struct Export {
    pub bytes: Vec<u8>,
    pub file_name: String,
    /// Check findings at the time of export (the file is made anyway).
    pub findings: usize,
}

/// A file name from the title: characters file systems refuse are dropped.
pub fn file_stem(title: &str) -> String {
    let stem: String = title
        .chars()
        .filter(|c| {
            !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control()
        })
        .take(60)
        .collect();
    if stem.trim().is_empty() {
        "讲稿".into()
    } else {
        stem.trim().to_string()
    }
}

/// The document as the bytes of the chosen format.
pub fn document_bytes(doc: &Document, o: &ExportOptions) -> Result<Vec<u8>> {
    match o.format {
        ExportFormat::Md => Ok(to_markdown(
            doc,
            MarkdownOptions {
                front_matter: o.front_matter,
            },
        )
        .into_bytes()),
        ExportFormat::Docx => {
            docx::to_docx(doc, &DocxOptions::new(o.layout, o.fonts, o.page_numbers))
        }
    }
}

impl Session {
    /// The window's export choices completed from the settings (page numbers).
    pub fn export_options(&self, args: &ExportArgs) -> Result<ExportOptions> {
        let settings = self.settings()?;
        Ok(ExportOptions {
            format: args.format,
            layout: args.layout,
            fonts: args.fonts,
            // Outside is each layout's own placement; only centred overrides it.
            page_numbers: (settings.page_numbers == PageNumbers::Center)
                .then_some(PageNumbers::Center),
            front_matter: args.front_matter,
            ..ExportOptions::default()
        })
    }

    /// Makes the export in memory; writes and remembers nothing.
    pub fn export(&self, draft: i64, o: &ExportOptions) -> Result<Export> {
        let doc = render(&self.store.draft(draft)?);
        let bytes = match o.changes_from {
            Some(version) => self.changes_bytes(draft, version, &doc, o)?,
            None => document_bytes(&doc, o)?,
        };
        let suffix = match (o.format, o.layout, o.changes_from.map(|_| o.change_style)) {
            (ExportFormat::Docx, _, Some(ChangeStyle::Marked)) => "（花脸稿）",
            (ExportFormat::Docx, _, Some(ChangeStyle::Tracked)) => "（修订）",
            (ExportFormat::Docx, Layout::Podium, None) => "（大字版）",
            _ => "",
        };
        Ok(Export {
            bytes,
            file_name: format!("{}{suffix}.{}", file_stem(&doc.title), o.format.extension()),
            findings: check::check(&doc).len(),
        })
    }

    /// The CLI's export: written to `out` (whole, never onto the library) or to `sink`
    /// (standard output), then kept as an automatic version (导出时) — only once written.
    pub fn export_out(
        &mut self,
        draft: i64,
        o: &ExportOptions,
        out: Option<&Path>,
        mut sink: impl std::io::Write,
    ) -> Result<()> {
        let made = self.export(draft, o)?;
        match out {
            Some(path) => self.write_export(path, &made.bytes)?,
            None => sink
                .write_all(&made.bytes)
                .map_err(|e| Error::io("stdout", e))?,
        }
        self.store.save_auto_version(draft, AutoReason::Export)?;
        Ok(())
    }

    /// The folder of the last export, for the save dialog.
    pub fn export_dir(&self) -> Result<Option<String>> {
        self.store.setting(DIR_KEY)
    }

    /// Writes an export or a pack to `path`, whole or not at all — never onto the open
    /// library or its `-wal`/`-shm` (a typo would replace the writer's whole library).
    /// The one door to the disk for the CLI and the desktop.
    pub fn write_export(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        if self.store.is_library_file(path) {
            return Err(Error::OntoLibrary {
                path: path.to_path_buf(),
            });
        }
        crate::export::write_file(path, bytes)
    }

    /// Writes the export to `path` (whole or not at all), then keeps the draft as an
    /// automatic version (导出时) and remembers the format, layout, fonts or front
    /// matter and the folder for next time.
    pub fn export_to(
        &mut self,
        draft: i64,
        o: &ExportOptions,
        path: &Path,
    ) -> Result<ExportResult> {
        let made = self.export(draft, o)?;
        self.write_export(path, &made.bytes)?;
        self.store.save_auto_version(draft, AutoReason::Export)?;
        let mut settings = self.settings()?;
        settings.export_format = o.format;
        match o.format {
            ExportFormat::Docx => {
                settings.layout = o.layout;
                settings.fonts = o.fonts;
            }
            ExportFormat::Md => settings.front_matter = o.front_matter,
        }
        settings.save(&mut self.store)?;
        if let Some(dir) = path.parent() {
            self.store.set_setting(DIR_KEY, &dir.to_string_lossy())?;
        }
        Ok(ExportResult {
            path: Some(path.display().to_string()),
            findings: made.findings as u32,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Settings;
    use crate::store::Store;

    /// The desktop's export (a path from the save dialog) is refused onto the library
    /// itself, by the same check as the CLI's, and remembers nothing.
    #[test]
    fn an_export_onto_the_library_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.sqlite3");
        let mut s = Session::open(&path).unwrap();
        let draft = s.create_draft("opening-conference", None, &[]).unwrap();
        let before = s.settings().unwrap();
        let md = ExportOptions {
            format: ExportFormat::Md,
            ..ExportOptions::default()
        };
        let again = dir.path().join(".").join("lib.sqlite3");
        let err = s.export_to(draft, &md, &again).expect_err("refused");
        assert!(matches!(err, Error::OntoLibrary { .. }), "{err}");
        assert_eq!(s.settings().unwrap(), before);
        assert_eq!(s.export_dir().unwrap(), None);
        assert!(s.store.draft(draft).is_ok());
    }

    #[test]
    fn file_names_drop_what_file_systems_refuse() {
        assert_eq!(file_stem("在“五一”大会上的讲话"), "在“五一”大会上的讲话");
        assert_eq!(file_stem("a/b:c?"), "abc");
        assert_eq!(file_stem("  "), "讲稿");
    }

    /// The desktop makes the export, then asks where to save it: a writer who cancels
    /// the dialog has changed no setting (it used to save the choices first).
    #[test]
    fn a_cancelled_export_leaves_the_settings_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::with_store(Store::open_in_memory().unwrap(), "memory".into());
        let draft = s.create_draft("opening-conference", None, &[]).unwrap();
        let before = s.settings().unwrap();
        let podium = ExportOptions {
            layout: Layout::Podium,
            fonts: FontSet::Founder,
            ..ExportOptions::default()
        };
        let made = s.export(draft, &podium).unwrap();
        assert!(
            made.file_name.ends_with("（大字版）.docx"),
            "{}",
            made.file_name
        );
        assert_eq!(s.settings().unwrap(), before);
        assert_eq!(s.export_dir().unwrap(), None);
        // Written: now the choices and the folder are remembered.
        let path = dir.path().join(&made.file_name);
        s.export_to(draft, &podium, &path).unwrap();
        assert_eq!(
            s.settings().unwrap(),
            Settings {
                layout: Layout::Podium,
                fonts: FontSet::Founder,
                ..before
            }
        );
        assert_eq!(
            s.export_dir().unwrap().as_deref(),
            Some(dir.path().to_string_lossy().as_ref())
        );
    }
}
