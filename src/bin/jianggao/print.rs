//! 打印: the printers of this system, and a draft's PDF sent to one (through CUPS).

use std::process::ExitCode;

use clap::Args;
use jianggao::app::view::{PrintArgs, PrintResult};
use jianggao::app::Session;
use jianggao::export::docx::{FontSet, Layout};
use jianggao::Result;

use crate::print_json;

#[derive(Args)]
pub struct PrintCmd {
    draft: i64,
    /// The printer (default: the system's default printer; see `jianggao printers`)
    #[arg(long)]
    printer: Option<String>,
    /// official (GB/T 9704) or podium (大字版, large print)
    #[arg(long, value_enum, default_value_t = Layout::Official)]
    layout: Layout,
    /// The faces drawn (default: the font set of the settings)
    #[arg(long, value_enum)]
    fonts: Option<FontSet>,
    /// Copies, 1 to 99
    #[arg(long, default_value_t = 1)]
    copies: u32,
    /// Pages to print, e.g. 1-3,5 (default: all)
    #[arg(long, value_name = "RANGE", default_value = "")]
    pages: String,
    /// Both sides of the paper (turned on the long edge)
    #[arg(long)]
    duplex: bool,
    #[arg(long)]
    json: bool,
}

/// `printers`: one a line, the default marked with `*`.
pub fn printers(json: bool) -> Result<ExitCode> {
    let p = jianggao::print::printers()?;
    if json {
        return print_json(&p);
    }
    for name in &p.printers {
        let mark = if p.default.as_ref() == Some(name) {
            "*"
        } else {
            " "
        };
        println!("{mark} {name}");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn print(s: Session, a: PrintCmd) -> Result<ExitCode> {
    let args = PrintArgs {
        printer: a.printer,
        layout: a.layout,
        fonts: a.fonts,
        copies: a.copies,
        pages: a.pages,
        duplex: a.duplex,
    };
    let done = s.print_draft(a.draft, &args)?;
    crate::print_substitutions(&done.substitutions);
    if a.json {
        return print_json(&done);
    }
    println!("{}", sent_line(&done));
    Ok(ExitCode::SUCCESS)
}

/// "sent to PDF: 4 page(s) × 1 copy (request PDF-12)".
fn sent_line(done: &PrintResult) -> String {
    let copies = if done.copies == 1 { "copy" } else { "copies" };
    let job = done.job.as_ref().map(|j| format!(" (request {j})"));
    format!(
        "sent to {}: {} page(s) × {} {copies}{}",
        done.printer,
        done.pages,
        done.copies,
        job.unwrap_or_default()
    )
}
