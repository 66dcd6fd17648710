//! 打印: the draft's PDF — made as the export makes it (`export::profile`, the font set,
//! `layout::lay_out`, `pdf::pages_to_pdf`), so the paper is the PDF page for page — sent to
//! a printer through the system's print path (`crate::print`). Printing writes nothing
//! to the library; bad copies or pages are refused before anything is made or sent.

use super::export::{found_fonts, profile};
use super::settings::ExportFormat;
use super::view::{ExportArgs, PrintArgs, PrintResult};
use super::Session;
use crate::error::{Error, Result};
use crate::export::pdf;
use crate::layout::fonts::Substitution;
use crate::print::{self, LpOptions};
use crate::render::render;

/// A draft made into its PDF with the print choices checked; [`PrintJob::send`] hands it
/// to the printer (apart, so the desktop sends it without holding the library's lock).
#[derive(Debug, Clone)]
pub struct PrintJob {
    pub pdf: Vec<u8>,
    /// The printer asked for; None for the default.
    pub printer: Option<String>,
    pub title: String,
    pub copies: u32,
    /// `lp -P`: None for every page.
    pub page_list: Option<String>,
    /// Pages of one copy.
    pub pages: usize,
    pub duplex: bool,
    pub substitutions: Vec<Substitution>,
}

impl Session {
    /// The PDF to print, as `export --format pdf` with the same layout, font set and page
    /// numbers makes it; copies and pages checked against it.
    pub fn print_job(&self, draft: i64, args: &PrintArgs) -> Result<PrintJob> {
        let copies = print::check_copies(args.copies)?;
        let options = self.export_options(&ExportArgs {
            format: ExportFormat::Pdf,
            layout: args.layout,
            fonts: match args.fonts {
                Some(f) => f,
                None => self.settings()?.fonts,
            },
            front_matter: false,
            changes_from: None,
            marked: false,
        })?;
        let doc = render(&self.store.draft(draft)?);
        let found = found_fonts(&options)?.ok_or(Error::NoChineseFont)?;
        let profile = profile(&options);
        let pages = crate::layout::lay_out(&doc, &profile, &found.metrics());
        let chosen = print::choose_pages(&args.pages, pages.len())?;
        Ok(PrintJob {
            pdf: pdf::pages_to_pdf(&doc, &pages, &found, profile.mark_unfilled)?,
            printer: args.printer.clone(),
            title: doc.title,
            copies,
            page_list: chosen.list,
            pages: chosen.count,
            duplex: args.duplex,
            substitutions: found.substitutions(),
        })
    }

    /// Makes the PDF and sends it (the CLI's `print`).
    pub fn print_draft(&self, draft: i64, args: &PrintArgs) -> Result<PrintResult> {
        self.print_job(draft, args)?.send()
    }
}

impl PrintJob {
    /// Sends the PDF to the printer asked for (it must be installed) or the default one.
    pub fn send(self) -> Result<PrintResult> {
        let printer = print::choose_printer(&print::printers()?, self.printer.as_deref())?;
        let options = LpOptions {
            printer,
            copies: self.copies,
            pages: self.page_list,
            duplex: self.duplex,
            title: self.title,
        };
        let job = print::send(&options, &self.pdf)?;
        Ok(PrintResult {
            printer: options.printer,
            pages: self.pages as u32,
            copies: self.copies,
            job,
            substitutions: self.substitutions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::docx::Layout;
    use crate::store::Store;

    fn args(copies: u32, pages: &str) -> PrintArgs {
        PrintArgs {
            printer: None,
            layout: Layout::Official,
            fonts: None,
            copies,
            pages: pages.into(),
            duplex: false,
        }
    }

    /// The job is the export's PDF (the same bytes: the writer puts no date in it), its
    /// pages counted; bad choices are refused before anything is made.
    #[test]
    fn the_job_is_the_exports_pdf_and_bad_choices_are_refused() {
        if crate::layout::fonts::find(
            crate::layout::FontSet::Windows,
            crate::layout::fonts::system(),
        )
        .is_none()
        {
            eprintln!("note: no Chinese font installed; skipping");
            return;
        }
        let s = Session::with_store(Store::open_in_memory().unwrap(), "memory".into());
        let mut s = s;
        let draft = s.create_draft("opening-conference", None, &[]).unwrap();
        let job = s.print_job(draft, &args(2, "")).unwrap();
        let export = s
            .export(
                draft,
                &s.export_options(&ExportArgs {
                    format: ExportFormat::Pdf,
                    layout: Layout::Official,
                    fonts: s.settings().unwrap().fonts,
                    front_matter: false,
                    changes_from: None,
                    marked: false,
                })
                .unwrap(),
            )
            .unwrap();
        assert_eq!(job.pdf, export.bytes);
        assert!(job.pages >= 1);
        assert_eq!((job.copies, job.page_list.as_deref()), (2, None));
        let one = s.print_job(draft, &args(1, "1")).unwrap();
        assert_eq!((one.pages, one.page_list.as_deref()), (1, Some("1")));

        let past = format!("{}", job.pages + 1);
        assert!(matches!(
            s.print_job(draft, &args(1, &past)),
            Err(Error::BadPageRange { pages, .. }) if pages == job.pages
        ));
        assert!(matches!(
            s.print_job(draft, &args(0, "")),
            Err(Error::BadCopies { .. })
        ));
        assert!(matches!(
            s.print_job(draft + 100, &args(1, "")),
            Err(Error::NotFound { .. })
        ));
    }
}
