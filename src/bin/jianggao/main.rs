//! The `jianggao` command line: a thin face over the core's app layer. Each command
//! parses its arguments, calls one function of `jianggao::app` (or a plain read of the
//! library), and prints. Commands are grouped by what they act on, one file a group.

mod backups;
mod check;
mod drafts;
mod import;
mod library;
mod meetings;
mod outline;
mod print;
mod profile;
mod review;
mod versions;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use jianggao::app::Session;
use jianggao::store::DB_ENV;
use jianggao::{Error, ErrorKind, Result};
use serde::Serialize;

#[derive(Parser)]
#[command(
    name = "jianggao",
    version,
    about = "讲稿工坊 Jianggao: draft a leader's speech from templates and a paragraph library"
)]
struct Cli {
    /// The library file (default: the platform data directory)
    #[arg(long, global = true, env = DB_ENV, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// List speech types
    Types(JsonFlag),
    /// List templates
    Templates(drafts::TemplatesArgs),
    /// Start a draft from a template; prints the new draft's id
    New(drafts::NewArgs),
    /// Set slot values of a draft (an empty value clears one)
    Set(drafts::SetArgs),
    /// List the slots a draft uses, with their values
    Slots(drafts::DraftJson),
    /// List drafts
    Drafts(JsonFlag),
    /// Show a draft
    Show(drafts::ShowArgs),
    /// Copy a library block into a draft (at the end unless --under or --after)
    Add(outline::AddArgs),
    /// Write a new heading, item or paragraph into a draft
    Insert(outline::InsertArgs),
    /// Change an item's text, lead style or kind
    Edit(outline::EditArgs),
    /// Move an item (and what is under it)
    Move(outline::MoveArgs),
    /// Remove an item (and what is under it)
    Remove(outline::ItemArgs),
    /// Change a draft's title
    Rename(drafts::RenameArgs),
    /// Copy a draft; prints the new id
    Duplicate(drafts::DraftArg),
    /// Delete a draft
    Delete(drafts::DraftArg),
    /// 字数 and speaking time
    Stats(drafts::StatsArgs),
    /// Check a draft (exit 1 when there are findings)
    Check(check::CheckArgs),
    /// Harvest old speeches (.txt, .md, .docx) into the library as blocks
    Import(import::ImportArgs),
    /// Export a draft
    Export(drafts::ExportArgs),
    /// Print a draft (its PDF, through CUPS)
    Print(print::PrintCmd),
    /// List the printers; the default is marked with *
    Printers(JsonFlag),
    /// The block library
    #[command(subcommand)]
    Blocks(library::BlocksCmd),
    /// Stock phrases
    #[command(subcommand)]
    Phrases(library::PhrasesCmd),
    /// Search blocks and phrases together
    Search(library::SearchAll),
    /// Tags with their counts; rename, merge, add and remove in bulk
    Tags(library::TagsArgs),
    /// Library packs: hand a library to a colleague or a new computer
    #[command(subcommand)]
    Pack(library::PackCmd),
    /// Show or set remembered profile values (单位, 讲话人, 职务 …)
    Profile(profile::ProfileArgs),
    /// List a draft's versions, newest first
    Versions(versions::ListArgs),
    /// Save, restore or delete a version of a draft
    #[command(subcommand)]
    Version(versions::VersionCmd),
    /// Compare two versions, or a version with the draft as it is now
    Diff(versions::DiffArgs),
    /// Back up the library now (into backups/ beside it); prints the file
    Backup(JsonFlag),
    /// List the library's backups, newest first
    Backups(JsonFlag),
    /// Replace the library with a backup (the library as it is is backed up first)
    RestoreBackup(backups::RestoreArgs),
    /// Meetings: drafts of one meeting sharing slot values (会议名称, 届次, 日期 …)
    #[command(subcommand)]
    Meeting(meetings::MeetingCmd),
    /// Bring the leader's revised .docx back into a draft (tracked changes, comments)
    Review(review::ReviewArgs),
}

#[derive(clap::Args)]
pub struct JsonFlag {
    #[arg(long)]
    pub json: bool,
}

fn main() -> ExitCode {
    // Output piped into `head` should end quietly, not panic on a closed pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default action of a signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("jianggao: {e}");
            match e.kind() {
                ErrorKind::NotFound => ExitCode::from(1),
                ErrorKind::BadInput | ErrorKind::Internal => ExitCode::from(2),
            }
        }
    }
}

/// `--help` and `--version` print as clap prints them; a usage error is one line on
/// stderr like every other failure (README), exit 2.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind as K;
    if matches!(e.kind(), K::DisplayHelp | K::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    eprintln!("jianggao: {}", one_line(&e));
    ExitCode::from(2)
}

/// Clap's error in one line: its first paragraph (a list of missing arguments follows on
/// lines of its own) and its tips; the usage and "For more information" are left out.
fn one_line(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let lines = text.lines().map(str::trim);
    if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        // `jianggao` or `jianggao blocks` alone: clap would print the whole help.
        let usage = lines.clone().find_map(|l| l.strip_prefix("Usage: "));
        return format!(
            "a command is needed: {} (see --help)",
            usage.unwrap_or("jianggao <COMMAND>")
        );
    }
    let first: Vec<&str> = lines
        .clone()
        .take_while(|l| !l.is_empty())
        .filter(|l| !l.starts_with("tip: "))
        .collect();
    let first = first.join(" ");
    let first = first.strip_prefix("error: ").unwrap_or(&first);
    let tips: Vec<&str> = lines.filter_map(|l| l.strip_prefix("tip: ")).collect();
    if tips.is_empty() {
        format!("{first} (see --help)")
    } else {
        format!("{first} ({})", tips.join("; "))
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let db = cli.db;
    let open = || Session::open_default(db.clone());
    match cli.cmd {
        Cmd::Types(a) => drafts::types(open()?, a.json),
        Cmd::Templates(a) => drafts::templates(open()?, a),
        Cmd::New(a) => drafts::new(open, a),
        Cmd::Set(a) => drafts::set(open, a),
        Cmd::Slots(a) => drafts::slots(open()?, a),
        Cmd::Drafts(a) => drafts::list(open()?, a.json),
        Cmd::Show(a) => drafts::show(open()?, a),
        Cmd::Add(a) => outline::add(open()?, a),
        Cmd::Insert(a) => outline::insert(open, a),
        Cmd::Edit(a) => outline::edit(open, a),
        Cmd::Move(a) => outline::move_item(open()?, a),
        Cmd::Remove(a) => outline::remove(open()?, a),
        Cmd::Rename(a) => drafts::rename(open()?, a),
        Cmd::Duplicate(a) => drafts::duplicate(open()?, a),
        Cmd::Delete(a) => drafts::delete(open()?, a),
        Cmd::Stats(a) => drafts::stats(open, a),
        Cmd::Check(a) => check::run(open()?, a),
        Cmd::Import(a) => import::run(open, a),
        Cmd::Export(a) => drafts::export(open()?, a),
        Cmd::Print(a) => print::print(open()?, a),
        Cmd::Printers(a) => print::printers(a.json),
        Cmd::Blocks(c) => library::blocks(open, c),
        Cmd::Phrases(c) => library::phrases(open()?, c),
        Cmd::Search(a) => library::search(&open()?, a.args, a.kind),
        Cmd::Tags(a) => library::tags(open()?, a),
        Cmd::Pack(c) => library::pack(open, c),
        Cmd::Profile(a) => profile::run(open()?, a),
        Cmd::Versions(a) => versions::list(open()?, a),
        Cmd::Version(c) => versions::version(open()?, c),
        Cmd::Diff(a) => versions::diff(open()?, a),
        Cmd::Backup(a) => backups::backup(open()?, a.json),
        Cmd::Backups(a) => backups::list(open()?, a.json),
        Cmd::RestoreBackup(a) => backups::restore(open()?, a),
        Cmd::Review(a) => review::run(open()?, a),
        Cmd::Meeting(c) => meetings::run(open()?, c),
    }
}

/// Which face stood in for which, one line each, in one write (standard error is not
/// buffered: a line made of pieces would be a system call per piece).
pub fn print_substitutions(subs: &[jianggao::layout::fonts::Substitution]) {
    let lines: String = subs.iter().map(|s| format!("{s}\n")).collect();
    eprint!("{lines}");
}

pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<ExitCode> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(ExitCode::SUCCESS)
}

/// NAME=VALUE pairs.
pub fn pairs(items: &[String]) -> Result<Vec<(String, String)>> {
    items
        .iter()
        .map(|s| {
            s.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.to_string()))
                .filter(|(k, _)| !k.is_empty())
                .ok_or_else(|| Error::usage(format!("{s:?} is not NAME=VALUE")))
        })
        .collect()
}

/// A text cut to `max` characters with an ellipsis, for one-line listings.
pub fn short(text: &str, max: usize) -> String {
    let n = text.chars().count();
    if n <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}
