//! Export with options: the bytes and a file name from the draft, then the file written
//! (`export::write_file`); the writer's choices and folder are remembered only once the
//! file is written, so a cancelled or failed export changes nothing.

use std::path::Path;

use super::settings::ExportFormat;
use super::view::{ExportArgs, ExportResult};
use super::Session;
use crate::check;
use crate::document::Document;
use crate::error::Result;
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
        })
    }

    /// Makes the export in memory; writes and remembers nothing.
    pub fn export(&self, draft: i64, o: &ExportOptions) -> Result<Export> {
        let doc = render(&self.store.draft(draft)?);
        let bytes = document_bytes(&doc, o)?;
        let suffix = if o.format == ExportFormat::Docx && o.layout == Layout::Podium {
            "（大字版）"
        } else {
            ""
        };
        Ok(Export {
            bytes,
            file_name: format!("{}{suffix}.{}", file_stem(&doc.title), o.format.extension()),
            findings: check::check(&doc).len(),
        })
    }

    /// Makes the export for a file or a pipe the caller writes (the CLI), keeping the
    /// draft as it was exported as an automatic version (导出时): what went out to be
    /// printed or sent can always be found again.
    pub fn export_and_keep(&mut self, draft: i64, o: &ExportOptions) -> Result<Export> {
        let made = self.export(draft, o)?;
        self.store.save_auto_version(draft, AutoReason::Export)?;
        Ok(made)
    }

    /// The folder of the last export, for the save dialog.
    pub fn export_dir(&self) -> Result<Option<String>> {
        self.store.setting(DIR_KEY)
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
        crate::export::write_file(path, &made.bytes)?;
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
