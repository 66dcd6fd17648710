//! Drafts: types and templates, new, slots, show, rename, duplicate, delete, stats,
//! check and export.

use std::io::IsTerminal as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use jianggao::app::{self, ExportFormat, ExportOptions, Session};
use jianggao::document::{Document, Node};
use jianggao::export::docx::tracked::ChangeStyle;
use jianggao::export::docx::{FontSet, Layout, PageNumbers};
use jianggao::export::markdown::{to_markdown, MarkdownOptions};
use jianggao::{render, stats, Error, Result};

use crate::{pairs, print_json, short};

#[derive(Args)]
pub struct TemplatesArgs {
    #[arg(long = "type", value_name = "TYPE")]
    speech_type: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct NewArgs {
    #[arg(long, value_name = "ID")]
    template: String,
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// A slot value, NAME=VALUE (repeatable)
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
    /// Slot values from a JSON object {"名称": "值"}
    #[arg(long, value_name = "FILE.json")]
    slots: Option<PathBuf>,
}

#[derive(Args)]
pub struct SetArgs {
    draft: i64,
    #[arg(required = true, value_name = "NAME=VALUE")]
    values: Vec<String>,
}

#[derive(Args)]
pub struct DraftJson {
    draft: i64,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct DraftArg {
    draft: i64,
}

#[derive(Args)]
pub struct RenameArgs {
    draft: i64,
    title: String,
}

#[derive(Clone, Copy, ValueEnum)]
enum ShowFormat {
    Outline,
    Md,
    Json,
}

#[derive(Args)]
pub struct ShowArgs {
    draft: i64,
    #[arg(long, value_enum, default_value_t = ShowFormat::Outline)]
    format: ShowFormat,
}

#[derive(Args)]
pub struct StatsArgs {
    draft: i64,
    /// Speaking rate, characters per minute (60–600)
    #[arg(long, default_value_t = stats::DEFAULT_RATE)]
    rate: u32,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct ExportArgs {
    draft: i64,
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Output file (default: standard output)
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Markdown: start with YAML front matter (title, type, date, speaker)
    #[arg(long)]
    front_matter: bool,
    /// docx, pdf, ofd: official (GB/T 9704) or podium (大字版, large print)
    #[arg(long, value_enum, default_value_t = Layout::Official)]
    layout: Layout,
    /// docx: the font set installed where the file will be printed; pdf, ofd: the faces
    /// embedded (those not installed here are replaced, and the replacement is named)
    #[arg(long, value_enum, default_value_t = FontSet::Windows)]
    fonts: FontSet,
    /// docx, pdf, ofd: page numbers outside (odd right, even left) or centred (default: by layout)
    #[arg(long, value_enum)]
    page_numbers: Option<PageNumbers>,
    /// docx: the changes since this version of the draft, as tracked changes (修订)
    #[arg(long, value_name = "VERSION")]
    changes_from: Option<i64>,
    /// docx: the printable 花脸稿 instead (deletions struck through, insertions underlined, red)
    #[arg(long, requires = "changes_from")]
    marked: bool,
}

pub fn types(s: Session, json: bool) -> Result<ExitCode> {
    let rows = s.type_rows()?;
    if json {
        return print_json(&rows);
    }
    for r in rows {
        println!(
            "{:<14} {}  {}（{} 个模板）",
            r.id, r.name, r.description, r.templates
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn templates(s: Session, a: TemplatesArgs) -> Result<ExitCode> {
    let list = s.store.templates(a.speech_type.as_deref())?;
    if a.json {
        return print_json(&list);
    }
    for t in list {
        println!(
            "{:<32} {:<14} {}  {}",
            t.id, t.speech_type, t.name, t.description
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn new(open: impl Fn() -> Result<Session>, a: NewArgs) -> Result<ExitCode> {
    let mut values = match &a.slots {
        Some(path) => {
            app::slot_values_json(&app::read_text_file(path)?, &path.display().to_string())?
        }
        None => Vec::new(),
    };
    values.extend(pairs(&a.set)?);
    let id = open()?.create_draft(&a.template, a.title.as_deref(), &values)?;
    println!("{id}");
    Ok(ExitCode::SUCCESS)
}

pub fn set(open: impl Fn() -> Result<Session>, a: SetArgs) -> Result<ExitCode> {
    let values = pairs(&a.values)?;
    let mut s = open()?;
    s.set_slots(a.draft, &values)?;
    for name in s.unused_slots(a.draft, &values)? {
        eprintln!(
            "jianggao: note: draft {} does not use the slot {name:?} (yet)",
            a.draft
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn slots(s: Session, a: DraftJson) -> Result<ExitCode> {
    let slots = s.store.draft(a.draft)?.slots();
    if a.json {
        return print_json(&slots);
    }
    for s in slots {
        let value = match s.filled {
            true => s.value.clone(),
            false => format!("（未填，例：{}）", s.def.example),
        };
        let profile = if s.def.profile {
            "  [常用信息]"
        } else {
            ""
        };
        let (name, kind) = (&s.def.name, s.def.kind.id());
        println!("{name:<10} {kind:<8} {value}{profile}");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn list(s: Session, json: bool) -> Result<ExitCode> {
    let list = s.store.drafts()?;
    if json {
        return print_json(&list);
    }
    for d in list {
        println!("{:>4}  {:<14} {}", d.id, d.speech_type, d.title);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_outline(doc: &Document) {
    println!("{}", doc.title);
    for (_, line) in doc.head_lines() {
        println!("{line}");
    }
    fn walk(nodes: &[Node], depth: usize) {
        for n in nodes {
            println!(
                "{:>5}  {}{}",
                format!("#{}", n.id),
                "  ".repeat(depth),
                short(&n.display_text(), 40)
            );
            for line in n.note.iter().flat_map(|t| t.lines()) {
                println!("       {}  批注 {}", "  ".repeat(depth), short(line, 40));
            }
            walk(&n.children, depth + 1);
        }
    }
    walk(&doc.nodes, 0);
}

pub fn show(s: Session, a: ShowArgs) -> Result<ExitCode> {
    let doc = render::render(&s.store.draft(a.draft)?);
    match a.format {
        ShowFormat::Outline => print_outline(&doc),
        ShowFormat::Md => print!("{}", to_markdown(&doc, MarkdownOptions::default())),
        ShowFormat::Json => return print_json(&doc),
    }
    Ok(ExitCode::SUCCESS)
}

pub fn rename(mut s: Session, a: RenameArgs) -> Result<ExitCode> {
    s.rename_draft(a.draft, &a.title)?;
    Ok(ExitCode::SUCCESS)
}

pub fn duplicate(mut s: Session, a: DraftArg) -> Result<ExitCode> {
    println!("{}", s.duplicate_draft(a.draft)?);
    Ok(ExitCode::SUCCESS)
}

pub fn delete(mut s: Session, a: DraftArg) -> Result<ExitCode> {
    s.delete_draft(a.draft)?;
    Ok(ExitCode::SUCCESS)
}

pub fn stats(open: impl Fn() -> Result<Session>, a: StatsArgs) -> Result<ExitCode> {
    let rate = app::check_rate(a.rate)?;
    let s = open()?;
    let st = stats::stats(&render::render(&s.store.draft(a.draft)?), rate);
    if a.json {
        return print_json(&st);
    }
    println!(
        "字数 {}，约 {} 分钟（每分钟 {} 字），{} 段，未填占位项 {} 个",
        st.chars, st.minutes, st.rate, st.paragraphs, st.unfilled
    );
    Ok(ExitCode::SUCCESS)
}

pub fn export(mut s: Session, a: ExportArgs) -> Result<ExitCode> {
    if a.format != ExportFormat::Md && a.out.is_none() && std::io::stdout().is_terminal() {
        return Err(Error::usage(format!(
            "a .{0} is not for the terminal: give --out FILE.{0} or redirect",
            a.format.extension()
        )));
    }
    let options = ExportOptions {
        format: a.format,
        layout: a.layout,
        fonts: a.fonts,
        page_numbers: a.page_numbers,
        front_matter: a.front_matter,
        changes_from: a.changes_from,
        change_style: if a.marked {
            ChangeStyle::Marked
        } else {
            ChangeStyle::Tracked
        },
    };
    let out = a.out.as_deref();
    let substitutions = s.export_out(a.draft, &options, out, std::io::stdout())?;
    crate::print_substitutions(&substitutions);
    Ok(ExitCode::SUCCESS)
}
