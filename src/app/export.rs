//! Export with options: the bytes and a file name from the draft, then the file written
//! (`Session::write_export`: never onto the library, through `export::write_file`); the writer's choices and folder are remembered only once the
//! file is written, so a cancelled or failed export changes nothing.

use std::path::Path;

use super::changes::Changes;
use super::settings::ExportFormat;
use super::view::{ExportArgs, ExportResult};
use super::Session;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::export::docx::tracked::ChangeStyle;
use crate::export::docx::{self, DocxOptions, FontSet, Layout, PageNumbers, Provenance};
use crate::export::markdown::{to_markdown, MarkdownOptions};
use crate::export::pdf;
use crate::layout::fonts::{self, FoundFonts, Substitution};
use crate::layout::LayoutProfile;
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

/// The faces of the export's font set found on this system, for a PDF or an OFD.
pub fn found_fonts(o: &ExportOptions) -> Result<Option<FoundFonts>> {
    match o.format {
        ExportFormat::Pdf | ExportFormat::Ofd => fonts::find(o.fonts, fonts::system())
            .map(Some)
            .ok_or(Error::NoChineseFont),
        ExportFormat::Docx | ExportFormat::Md => Ok(None),
    }
}

/// The layout profile of the export: its layout with the page numbers asked for.
pub(super) fn profile(o: &ExportOptions) -> LayoutProfile {
    let p = LayoutProfile::for_layout(o.layout);
    match o.page_numbers {
        Some(n) => p.with_page_numbers(n),
        None => p,
    }
}

/// The document as the bytes of the chosen format; a .docx names where it came from.
/// A PDF or OFD is drawn with `found` (see [`found_fonts`]).
pub fn document_bytes(
    doc: &Document,
    o: &ExportOptions,
    provenance: Option<Provenance>,
    found: Option<&FoundFonts>,
) -> Result<Vec<u8>> {
    match o.format {
        ExportFormat::Md => Ok(to_markdown(
            doc,
            MarkdownOptions {
                front_matter: o.front_matter,
            },
        )
        .into_bytes()),
        ExportFormat::Docx => {
            let mut opts = DocxOptions::new(o.layout, o.fonts, o.page_numbers);
            opts.provenance = provenance;
            docx::to_docx(doc, &opts)
        }
        ExportFormat::Pdf | ExportFormat::Ofd => {
            let found = match found {
                Some(f) => f.clone(),
                None => fonts::find(o.fonts, fonts::system()).ok_or(Error::NoChineseFont)?,
            };
            match o.format {
                ExportFormat::Ofd => crate::export::ofd::to_ofd(doc, &profile(o), &found),
                _ => pdf::to_pdf(doc, &profile(o), &found),
            }
        }
    }
}

/// A draft rendered, with what its export's name and count need, and (`changes_from`)
/// the changes it shows.
struct Made {
    doc: Document,
    file_name: String,
    /// Check findings, counted where the result shows them (not for the CLI, which
    /// prints none: the check's rules cost as much as the rest of a PDF export).
    findings: usize,
    changes: Option<Changes>,
    /// PDF and OFD: the faces found for the font set.
    fonts: Option<FoundFonts>,
}

impl Made {
    /// Which face stood in for which (PDF and OFD).
    fn substitutions(&self) -> Vec<Substitution> {
        self.fonts
            .as_ref()
            .map(FoundFonts::substitutions)
            .unwrap_or_default()
    }

    /// The bytes: the plain document, or the changes since a version as tracked changes
    /// or the 花脸稿; a .docx names where it came from.
    fn bytes(&self, o: &ExportOptions, provenance: Provenance) -> Result<Vec<u8>> {
        match &self.changes {
            Some(c) => c.docx(&self.doc, o, provenance),
            None => document_bytes(&self.doc, o, Some(provenance), self.fonts.as_ref()),
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
            page_numbers: settings.page_numbers_override(),
            front_matter: args.front_matter,
            changes_from: args.changes_from,
            change_style: match args.marked {
                true => ChangeStyle::Marked,
                false => ChangeStyle::Tracked,
            },
        })
    }

    fn render_export(&self, draft: i64, o: &ExportOptions, count: bool) -> Result<Made> {
        let doc = render(&self.store.draft(draft)?);
        let suffix = match (o.format, o.layout, o.changes_from.map(|_| o.change_style)) {
            (ExportFormat::Docx, _, Some(ChangeStyle::Marked)) => "（花脸稿）",
            (ExportFormat::Docx, _, Some(ChangeStyle::Tracked)) => "（修订）",
            (ExportFormat::Md, _, _) => "",
            (_, Layout::Podium, None) => "（大字版）",
            _ => "",
        };
        let changes = match o.changes_from {
            Some(version) => Some(self.changes_since(draft, version, &doc, o)?),
            None => None,
        };
        Ok(Made {
            file_name: format!("{}{suffix}.{}", file_stem(&doc.title), o.format.extension()),
            findings: match count {
                true => self.findings(draft, &doc, None)?.len(),
                false => 0,
            },
            doc,
            changes,
            fonts: found_fonts(o)?,
        })
    }

    fn provenance(&self, draft: i64, version: Option<i64>) -> Result<Provenance> {
        Ok(Provenance {
            library: self.store.library_id()?,
            draft,
            version,
        })
    }

    /// Makes the export in memory; writes and remembers nothing. A .docx names the
    /// newest version when that holds the draft as it is (else no version).
    pub fn export(&self, draft: i64, o: &ExportOptions) -> Result<Export> {
        let made = self.render_export(draft, o, true)?;
        let version = self.store.version_of_present(draft)?;
        let bytes = made.bytes(o, self.provenance(draft, version)?)?;
        Ok(Export {
            bytes,
            file_name: made.file_name,
            findings: made.findings,
        })
    }

    /// Makes the export naming the automatic version (导出时) it is a copy of, and hands
    /// the bytes to `write` inside the transaction that keeps that version: a file not
    /// written keeps no version (and prunes none).
    fn export_keeping(
        &mut self,
        draft: i64,
        o: &ExportOptions,
        count: bool,
        write: impl FnOnce(&[u8]) -> Result<()> + Send,
    ) -> Result<Made> {
        let made = self.render_export(draft, o, count)?;
        let prov = self.provenance(draft, None)?;
        if o.format == ExportFormat::Docx {
            // A .docx names the version it is the copy of.
            self.store
                .with_auto_version(draft, AutoReason::Export, &made.doc, |version| {
                    let prov = Provenance {
                        version: Some(version),
                        ..prov
                    };
                    write(&made.bytes(o, prov)?)
                })?;
            return Ok(made);
        }
        // The other formats do not: the version is kept on another thread while this one
        // makes the file (this thread is running; a new one may wait a moment for a
        // core), and the file is written inside the version's transaction as above.
        let store = &mut self.store;
        let doc = &made.doc;
        std::thread::scope(|s| {
            let (file, made_file) = std::sync::mpsc::sync_channel::<Result<Vec<u8>>>(1);
            let keeper = s.spawn(move || {
                store.with_auto_version(draft, AutoReason::Export, doc, |_| {
                    let bytes = made_file.recv().unwrap_or_else(|_| {
                        Err(Error::io(
                            "export",
                            std::io::Error::other("no file was made"),
                        ))
                    })?;
                    write(&bytes)
                })
            });
            // The keeper gone (its version failed) leaves nothing to hand over.
            let _ = file.send(made.bytes(o, prov));
            keeper
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })?;
        Ok(made)
    }

    /// The CLI's export: written to `out` (whole, never onto the library) or to `sink`
    /// (standard output), kept as an automatic version (导出时) only once written.
    pub fn export_out(
        &mut self,
        draft: i64,
        o: &ExportOptions,
        out: Option<&Path>,
        mut sink: impl std::io::Write + Send,
    ) -> Result<Vec<Substitution>> {
        if let Some(path) = out {
            self.check_export_path(path)?;
        }
        let made = self.export_keeping(draft, o, false, |bytes| match out {
            Some(path) => crate::export::write_file(path, bytes),
            None => sink.write_all(bytes).map_err(|e| Error::io("stdout", e)),
        })?;
        Ok(made.substitutions())
    }

    /// The folder of the last export, for the save dialog.
    pub fn export_dir(&self) -> Result<Option<String>> {
        self.store.setting(DIR_KEY)
    }

    /// Writes an export or a pack to `path`, whole or not at all — never onto the open
    /// library or its `-wal`/`-shm` (a typo would replace the writer's whole library).
    /// The one door to the disk for the CLI and the desktop.
    pub fn write_export(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        self.check_export_path(path)?;
        crate::export::write_file(path, bytes)
    }

    fn check_export_path(&self, path: &Path) -> Result<()> {
        if self.store.is_library_file(path) {
            return Err(Error::OntoLibrary {
                path: path.to_path_buf(),
            });
        }
        Ok(())
    }

    /// Writes the export to `path` (whole or not at all) as the copy of an automatic
    /// version (导出时, kept only when the file is written), then remembers the format,
    /// layout, fonts or front matter and the folder for next time.
    pub fn export_to(
        &mut self,
        draft: i64,
        o: &ExportOptions,
        path: &Path,
    ) -> Result<ExportResult> {
        self.check_export_path(path)?;
        let made = self.export_keeping(draft, o, true, |bytes| {
            crate::export::write_file(path, bytes)
        })?;
        let mut settings = self.settings()?;
        settings.export_format = o.format;
        match o.format {
            ExportFormat::Docx | ExportFormat::Pdf | ExportFormat::Ofd => {
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
            substitutions: made.substitutions(),
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

    /// The window's 修订稿 / 花脸稿 choice reaches the export: its own file name, and a
    /// version of the draft to compare with.
    #[test]
    fn the_window_asks_for_the_changes_since_a_version() {
        let mut s = Session::with_store(Store::open_in_memory().unwrap(), "memory".into());
        let draft = s.create_draft("opening-conference", None, &[]).unwrap();
        let v = s.save_version(draft, "初稿", None).unwrap();
        s.rename_draft(draft, "改过的标题").unwrap();
        let args = |marked| ExportArgs {
            format: ExportFormat::Docx,
            layout: Layout::Official,
            fonts: FontSet::Windows,
            front_matter: false,
            changes_from: Some(v),
            marked,
        };
        let tracked = s.export_options(&args(false)).unwrap();
        assert_eq!(
            (tracked.changes_from, tracked.change_style),
            (Some(v), ChangeStyle::Tracked)
        );
        assert_eq!(
            s.export(draft, &tracked).unwrap().file_name,
            "改过的标题（修订）.docx"
        );
        let marked = s.export_options(&args(true)).unwrap();
        assert_eq!(
            s.export(draft, &marked).unwrap().file_name,
            "改过的标题（花脸稿）.docx"
        );
    }

    fn custom_props(bytes: &[u8]) -> String {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        zip.by_name("docProps/custom.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    }

    /// The file names the version kept with it; a second export of the same state
    /// names the same version; a failed one keeps none and names nothing.
    #[test]
    fn a_docx_export_names_its_library_draft_and_version() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::open(&dir.path().join("lib.sqlite3")).unwrap();
        let d = s.create_draft("opening-conference", None, &[]).unwrap();
        let o = ExportOptions::default();
        let lib = s
            .store
            .library_id()
            .unwrap()
            .expect("made by the migration");
        assert_eq!(lib.len(), 32, "{lib}");
        // Made without writing: no version holds the present state yet, none is named.
        let made = s.export(d, &o).unwrap();
        assert!(!custom_props(&made.bytes).contains("JianggaoVersion"));
        assert!(s.store.versions(d).unwrap().is_empty());

        let a = dir.path().join("a.docx");
        s.export_to(d, &o, &a).unwrap();
        let versions = s.store.versions(d).unwrap();
        assert_eq!(versions.len(), 1);
        let v = versions[0].id;
        let props = custom_props(&std::fs::read(&a).unwrap());
        for (name, value) in [
            ("JianggaoLibrary", lib.clone()),
            ("JianggaoDraft", d.to_string()),
            ("JianggaoVersion", v.to_string()),
        ] {
            assert!(
                props.contains(&format!("name=\"{name}\"><vt:lpwstr>{value}</vt:lpwstr>")),
                "{props}"
            );
        }
        // The same state again (and the in-memory export now): the same version.
        let b = dir.path().join("b.docx");
        s.export_out(d, &o, Some(&b), std::io::sink()).unwrap();
        assert_eq!(s.store.versions(d).unwrap().len(), 1);
        assert!(custom_props(&std::fs::read(&b).unwrap()).contains(&format!("<vt:lpwstr>{v}<")));
        assert!(custom_props(&s.export(d, &o).unwrap().bytes).contains(&format!("<vt:lpwstr>{v}<")));

        // Edited, then a file that cannot be written: no version kept, none pruned.
        let first = s.store.draft(d).unwrap().nodes[0].id;
        s.edit_text(d, first, "新的第一段").unwrap();
        let before = s.store.versions(d).unwrap();
        let nowhere = dir.path().join("missing-folder").join("c.docx");
        assert!(s.export_to(d, &o, &nowhere).is_err());
        assert!(s
            .export_out(d, &o, Some(&nowhere), std::io::sink())
            .is_err());
        assert_eq!(s.store.versions(d).unwrap(), before);
        assert!(!nowhere.exists());
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
