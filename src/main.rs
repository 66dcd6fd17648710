//! The `jianggao` command line: a thin face over the core library. Every rule lives in
//! the library; this file parses arguments, calls it and prints.

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jianggao::document::Document;
use jianggao::export::markdown::{to_markdown, MarkdownOptions};
use jianggao::outline::{LeadStyle, NewNode, NodeKind};
use jianggao::search::{ItemKind, Sort};
use jianggao::store::{NewBlock, Place, SearchQuery, Store, DB_ENV};
use jianggao::{check, render, stats, types, Error, ErrorKind, Result};
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
    Templates {
        #[arg(long = "type", value_name = "TYPE")]
        speech_type: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Start a draft from a template; prints the new draft's id
    New {
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
    },
    /// Set slot values of a draft (an empty value clears one)
    Set {
        draft: i64,
        #[arg(required = true, value_name = "NAME=VALUE")]
        values: Vec<String>,
    },
    /// List the slots a draft uses, with their values
    Slots {
        draft: i64,
        #[arg(long)]
        json: bool,
    },
    /// List drafts
    Drafts(JsonFlag),
    /// Show a draft
    Show {
        draft: i64,
        #[arg(long, value_enum, default_value_t = ShowFormat::Outline)]
        format: ShowFormat,
    },
    /// Copy a library block into a draft (at the end unless --under or --after)
    Add {
        draft: i64,
        /// Block id or built-in key
        block: String,
        #[arg(long, value_name = "ITEM", conflicts_with = "after")]
        under: Option<i64>,
        #[arg(long, value_name = "ITEM")]
        after: Option<i64>,
    },
    /// Write a new heading, item or paragraph into a draft
    Insert {
        draft: i64,
        text: String,
        #[arg(long, value_enum, default_value_t = KindArg::Paragraph)]
        kind: KindArg,
        #[arg(long, value_name = "STYLE")]
        lead: Option<String>,
        #[command(flatten)]
        place: PlaceArgs,
    },
    /// Change an item's text, lead style or kind
    Edit {
        draft: i64,
        item: i64,
        #[arg(long)]
        text: Option<String>,
        #[arg(long, value_name = "STYLE")]
        lead: Option<String>,
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
    },
    /// Move an item (and what is under it)
    Move {
        draft: i64,
        item: i64,
        #[command(flatten)]
        place: RequiredPlace,
    },
    /// Remove an item (and what is under it)
    Remove { draft: i64, item: i64 },
    /// Change a draft's title
    Rename { draft: i64, title: String },
    /// Copy a draft; prints the new id
    Duplicate { draft: i64 },
    /// Delete a draft
    Delete { draft: i64 },
    /// 字数 and speaking time
    Stats {
        draft: i64,
        /// Speaking rate, characters per minute
        #[arg(long, default_value_t = stats::DEFAULT_RATE)]
        rate: u32,
        #[arg(long)]
        json: bool,
    },
    /// Check a draft (exit 1 when there are findings)
    Check {
        draft: i64,
        #[arg(long)]
        json: bool,
        /// Apply the safe fixes (half-width punctuation, 1、 → 1.), then check again
        #[arg(long)]
        fix: bool,
        /// Target length in 字; a longer draft is a finding
        #[arg(long, value_name = "N")]
        target: Option<usize>,
    },
    /// Harvest old speeches (.txt, .md, .docx) into the library as blocks
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Show the cleaned text and the candidate blocks; store nothing
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
        /// A tag for every stored block (repeatable)
        #[arg(long)]
        tag: Vec<String>,
    },
    /// Export a draft
    Export {
        draft: i64,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file (default: standard output)
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Markdown: start with YAML front matter (title, type, date, speaker)
        #[arg(long)]
        front_matter: bool,
        /// docx: official (GB/T 9704) or podium (大字版, large print)
        #[arg(long, value_enum, default_value_t = LayoutArg::Official)]
        layout: LayoutArg,
        /// docx: the font set installed where the file will be printed
        #[arg(long, value_enum, default_value_t = FontsArg::Windows)]
        fonts: FontsArg,
        /// docx: page numbers outside (odd right, even left) or centred (default: by layout)
        #[arg(long, value_enum)]
        page_numbers: Option<PageNumbersArg>,
    },
    /// The block library
    #[command(subcommand)]
    Blocks(BlocksCmd),
    /// Stock phrases
    #[command(subcommand)]
    Phrases(PhrasesCmd),
    /// Show or set remembered profile values (单位, 讲话人, 职务 …)
    /// Search blocks and phrases together
    Search {
        #[command(flatten)]
        args: SearchArgs,
        #[arg(long, value_enum)]
        kind: Option<KindFilter>,
    },
    /// Tags with their counts; rename, merge, add and remove in bulk
    Tags {
        #[command(subcommand)]
        cmd: Option<TagsCmd>,
        #[arg(long)]
        json: bool,
    },
    /// Library packs: hand a library to a colleague or a new computer
    #[command(subcommand)]
    Pack(PackCmd),
    Profile {
        #[arg(value_name = "NAME=VALUE")]
        values: Vec<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
struct JsonFlag {
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct PlaceArgs {
    #[arg(long, value_name = "ITEM", conflicts_with_all = ["after", "before"])]
    under: Option<i64>,
    #[arg(long, value_name = "ITEM", conflicts_with = "before")]
    after: Option<i64>,
    #[arg(long, value_name = "ITEM")]
    before: Option<i64>,
}

#[derive(Args)]
#[group(required = true, multiple = false)]
struct RequiredPlace {
    #[arg(long, value_name = "ITEM")]
    before: Option<i64>,
    #[arg(long, value_name = "ITEM")]
    after: Option<i64>,
    #[arg(long, value_name = "ITEM")]
    under: Option<i64>,
}

fn place(under: Option<i64>, after: Option<i64>, before: Option<i64>) -> Place {
    match (under, after, before) {
        (Some(u), _, _) => Place::Under(u),
        (_, Some(a), _) => Place::After(a),
        (_, _, Some(b)) => Place::Before(b),
        _ => Place::End,
    }
}

/// A library search: any text of one or more characters, taken literally.
#[derive(Args)]
struct SearchArgs {
    query: String,
    #[arg(long = "type", value_name = "TYPE")]
    speech_type: Option<String>,
    #[arg(long)]
    tag: Option<String>,
    /// Only favourites
    #[arg(long)]
    favourite: bool,
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum SortArg {
    Relevance,
    /// 常用: most used first
    Used,
    Recent,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindFilter {
    Block,
    Phrase,
}

#[derive(Subcommand)]
enum BlocksCmd {
    /// Search blocks (title, tags, text)
    Search(SearchArgs),
    /// Mark a block as a favourite (or not, with --off)
    Favourite {
        block: String,
        #[arg(long)]
        off: bool,
    },
    /// Replace a block's text, title, tags and types
    Edit {
        block: String,
        #[arg(long, conflicts_with = "file", required_unless_present = "file")]
        text: Option<String>,
        #[arg(long)]
        file: Option<PathBuf>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        tag: Vec<String>,
        #[arg(long = "type", value_name = "TYPE")]
        speech_type: Vec<String>,
        #[arg(long, value_name = "STYLE")]
        lead: Option<String>,
    },
    /// Delete a block (drafts keep their copies)
    Delete { block: String },
    /// Add a block of your own
    Add {
        #[arg(long, conflicts_with = "file", required_unless_present = "file")]
        text: Option<String>,
        #[arg(long)]
        file: Option<PathBuf>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        tag: Vec<String>,
        #[arg(long = "type", value_name = "TYPE")]
        speech_type: Vec<String>,
        #[arg(long, value_name = "STYLE")]
        lead: Option<String>,
    },
    /// Show one block
    Show {
        block: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum PhrasesCmd {
    /// Add a phrase
    Add {
        text: String,
        #[arg(long)]
        tag: Vec<String>,
        #[arg(long = "type", value_name = "TYPE")]
        speech_type: Vec<String>,
    },
    /// Search phrases (text, tags)
    Search(SearchArgs),
    /// Print a phrase's text and count a use of it
    Use { phrase: i64 },
    /// Mark a phrase as a favourite (or not, with --off)
    Favourite {
        phrase: i64,
        #[arg(long)]
        off: bool,
    },
    /// Delete a phrase
    Delete { phrase: i64 },
}

#[derive(Subcommand)]
enum TagsCmd {
    /// Rename a tag; an existing NEW merges the two
    Rename { old: String, new: String },
    /// Put a tag on blocks and phrases
    Add {
        tag: String,
        #[arg(long, value_name = "ID")]
        block: Vec<i64>,
        #[arg(long, value_name = "ID")]
        phrase: Vec<i64>,
    },
    /// Take a tag off blocks and phrases
    Remove {
        tag: String,
        #[arg(long, value_name = "ID")]
        block: Vec<i64>,
        #[arg(long, value_name = "ID")]
        phrase: Vec<i64>,
    },
}

#[derive(Subcommand)]
enum PackCmd {
    /// Write the library (or the items with any of the tags) to a pack file
    Export {
        file: PathBuf,
        #[arg(long)]
        tag: Vec<String>,
    },
    /// Add a pack's blocks and phrases to the library (duplicates merged; all or nothing)
    Import {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ShowFormat {
    Outline,
    Md,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Md,
    Docx,
}

#[derive(Clone, Copy, ValueEnum)]
enum LayoutArg {
    Official,
    Podium,
}

#[derive(Clone, Copy, ValueEnum)]
enum FontsArg {
    Windows,
    Gb2312,
    Founder,
}

#[derive(Clone, Copy, ValueEnum)]
enum PageNumbersArg {
    Outside,
    Center,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Heading,
    Item,
    Paragraph,
}

impl From<KindArg> for NodeKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Heading => NodeKind::Heading,
            KindArg::Item => NodeKind::Item,
            KindArg::Paragraph => NodeKind::Paragraph,
        }
    }
}

fn main() -> ExitCode {
    // Output piped into `head` should end quietly, not panic on a closed pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default action of a signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
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

fn open(db: Option<PathBuf>) -> Result<Store> {
    let path = match db {
        Some(p) => p,
        None => Store::default_path()?,
    };
    Store::open(&path)
}

fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let s = serde_json::to_string_pretty(value).map_err(|e| Error::invalid(e.to_string()))?;
    println!("{s}");
    Ok(())
}

/// NAME=VALUE pairs.
fn pairs(items: &[String]) -> Result<Vec<(String, String)>> {
    items
        .iter()
        .map(|s| {
            s.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.to_string()))
                .filter(|(k, _)| !k.is_empty())
                .ok_or_else(|| Error::invalid(format!("{s:?} is not NAME=VALUE")))
        })
        .collect()
}

/// Files the writer names are read with a size limit and a clear message.
fn read_text(path: &Path) -> Result<String> {
    const LIMIT: u64 = 10 * 1024 * 1024;
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.len() > LIMIT {
        return Err(Error::invalid(format!(
            "{} is {} bytes; at most {LIMIT} are read",
            path.display(),
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec())
        .map_err(|_| Error::invalid(format!("{} is not UTF-8 text", path.display())))
}

/// `--text TEXT` or `--file FILE` (clap makes sure one is given).
fn text_or_file(text: Option<String>, file: Option<PathBuf>) -> Result<String> {
    match (text, file) {
        (Some(t), _) => Ok(t),
        (None, Some(f)) => read_text(&f),
        (None, None) => Err(Error::invalid("give --text or --file")),
    }
}

fn slots_file(path: &Path) -> Result<Vec<(String, String)>> {
    let text = read_text(path)?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Error::invalid(format!("{}: not valid JSON: {e}", path.display())))?;
    let obj = value.as_object().ok_or_else(|| {
        Error::invalid(format!(
            "{}: expected a JSON object of slot values, like {{\"届次\": \"十八\"}}",
            path.display()
        ))
    })?;
    obj.iter()
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => Ok((k.clone(), s.clone())),
            serde_json::Value::Number(n) => Ok((k.clone(), n.to_string())),
            _ => Err(Error::invalid(format!(
                "{}: the value of {k:?} must be a string or a number",
                path.display()
            ))),
        })
        .collect()
}

fn lead_arg(s: Option<&str>) -> Result<Option<LeadStyle>> {
    s.map(LeadStyle::parse).transpose()
}

fn short(text: &str, max: usize) -> String {
    let n = text.chars().count();
    if n <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}

fn print_outline(doc: &Document) {
    println!("{}", doc.title);
    for (_, line) in doc.head_lines() {
        println!("{line}");
    }
    fn walk(nodes: &[jianggao::document::Node], depth: usize) {
        for n in nodes {
            println!(
                "{:>5}  {}{}",
                format!("#{}", n.id),
                "  ".repeat(depth),
                short(&n.display_text(), 40)
            );
            walk(&n.children, depth + 1);
        }
    }
    walk(&doc.nodes, 0);
}

/// `import`: every file is analysed first, so one bad file stores nothing.
fn import(
    db: Option<PathBuf>,
    files: &[PathBuf],
    dry_run: bool,
    json: bool,
    tags: &[String],
) -> Result<ExitCode> {
    use jianggao::import::{analyze, Analysis};
    let mut analyses: Vec<Analysis> = Vec::new();
    for path in files {
        let name = path.display().to_string();
        analyses.push(analyze(&jianggao::import::read_file(path)?, &name)?);
    }
    let mut store = open(db)?;
    for a in &mut analyses {
        store.flag_duplicates(&mut a.candidates)?;
    }
    if dry_run {
        if json {
            match analyses.as_slice() {
                [one] => print_json(one)?,
                many => print_json(many)?,
            }
            return Ok(ExitCode::SUCCESS);
        }
        for a in &analyses {
            println!(
                "{}: {}{}{}，删除 {} 处，{} 个段落单元，{} 个候选段落块",
                a.file,
                a.format,
                a.encoding.map(|e| format!(" ({e})")).unwrap_or_default(),
                if a.traditional {
                    "，繁体已转简体"
                } else {
                    ""
                },
                a.removed.len(),
                a.blocks.len(),
                a.candidates.len()
            );
            for r in &a.removed {
                println!("  - [{}] {}", r.reason, short(&r.text, 40));
            }
            for b in &a.blocks {
                let prefix = b.number.as_deref().or(b.lead.as_deref()).unwrap_or("");
                let kind = serde_json::to_value(b.kind).unwrap_or_default();
                println!(
                    "  {:<9} {}{}",
                    kind.as_str().unwrap_or(""),
                    prefix,
                    short(&b.text, 40)
                );
            }
            for c in &a.candidates {
                let dup = c
                    .duplicate_of
                    .map(|d| format!("  （与段落块 {d} 重复）"))
                    .unwrap_or_default();
                println!("  + {}  [{}]{dup}", c.title, c.tags.join("、"));
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let candidates: Vec<_> = analyses
        .iter()
        .flat_map(|a| a.candidates.iter().cloned())
        .collect();
    let report = store.accept_candidates(&candidates, tags)?;
    if json {
        print_json(&report)?;
    } else {
        for a in &report.added {
            println!("added {}  {}", a.id, a.title);
        }
        for s in &report.skipped {
            println!(
                "skipped {}  (same text as block {})",
                s.title, s.duplicate_of
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `search`, `blocks search`, `phrases search`: one search, hits printed with snippets.
fn search(db: Option<PathBuf>, a: SearchArgs, kind: Option<ItemKind>) -> Result<()> {
    let store = open(db)?;
    let hits = store.search(&SearchQuery {
        text: a.query,
        kind,
        speech_type: a.speech_type,
        tag: a.tag,
        favourite: a.favourite,
        sort: match a.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Used => Sort::Used,
            SortArg::Recent => Sort::Recent,
        },
        limit: a.limit,
    })?;
    if a.json {
        return print_json(&hits);
    }
    for h in hits {
        let snippet: String = h
            .snippet
            .iter()
            .map(|s| {
                if s.hit {
                    format!("〔{}〕", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect();
        let mark = if h.favourite { "★" } else { " " };
        match h.kind {
            ItemKind::Block => println!(
                "{:>6}{mark} {}  [{}]  {snippet}",
                h.id,
                h.title,
                h.tags.join("、")
            ),
            ItemKind::Phrase => {
                println!("{:>6}{mark} 金句  [{}]  {snippet}", h.id, h.tags.join("、"))
            }
        }
    }
    Ok(())
}

fn run(cli: Cli) -> Result<ExitCode> {
    let ok = Ok(ExitCode::SUCCESS);
    match cli.cmd {
        Cmd::Types(JsonFlag { json }) => {
            let store = open(cli.db)?;
            #[derive(Serialize)]
            struct Row {
                id: &'static str,
                name: &'static str,
                description: &'static str,
                templates: usize,
            }
            let rows: Vec<Row> = types::SPEECH_TYPES
                .iter()
                .map(|t| {
                    Ok(Row {
                        id: t.id,
                        name: t.name,
                        description: t.description,
                        templates: store.templates(Some(t.id))?.len(),
                    })
                })
                .collect::<Result<_>>()?;
            if json {
                print_json(&rows)?;
            } else {
                for r in rows {
                    println!(
                        "{:<14} {}  {}（{} 个模板）",
                        r.id, r.name, r.description, r.templates
                    );
                }
            }
        }
        Cmd::Templates { speech_type, json } => {
            let store = open(cli.db)?;
            let list = store.templates(speech_type.as_deref())?;
            if json {
                print_json(&list)?;
            } else {
                for t in list {
                    println!(
                        "{:<32} {:<14} {}  {}",
                        t.id, t.speech_type, t.name, t.description
                    );
                }
            }
        }
        Cmd::New {
            template,
            title,
            set,
            slots,
        } => {
            let mut values = match &slots {
                Some(path) => slots_file(path)?,
                None => Vec::new(),
            };
            values.extend(pairs(&set)?);
            let mut store = open(cli.db)?;
            let id = store.create_draft(&template, title.as_deref(), &values)?;
            println!("{id}");
        }
        Cmd::Set { draft, values } => {
            let values = pairs(&values)?;
            let mut store = open(cli.db)?;
            store.set_slots(draft, &values)?;
            let used: Vec<String> = store
                .draft(draft)?
                .slots()
                .into_iter()
                .map(|s| s.def.name)
                .collect();
            for (name, _) in &values {
                if !used.contains(name) {
                    eprintln!("jianggao: note: draft {draft} does not use the slot {name:?} (yet)");
                }
            }
        }
        Cmd::Slots { draft, json } => {
            let store = open(cli.db)?;
            let slots = store.draft(draft)?.slots();
            if json {
                print_json(&slots)?;
            } else {
                for s in slots {
                    let value = if s.filled {
                        s.value.clone()
                    } else {
                        format!("（未填，例：{}）", s.def.example)
                    };
                    println!(
                        "{:<10} {:<8} {}{}",
                        s.def.name,
                        s.def.kind.id(),
                        value,
                        if s.def.profile {
                            "  [常用信息]"
                        } else {
                            ""
                        }
                    );
                }
            }
        }
        Cmd::Drafts(JsonFlag { json }) => {
            let store = open(cli.db)?;
            let list = store.drafts()?;
            if json {
                print_json(&list)?;
            } else {
                for d in list {
                    println!("{:>4}  {:<14} {}", d.id, d.speech_type, d.title);
                }
            }
        }
        Cmd::Show { draft, format } => {
            let store = open(cli.db)?;
            let doc = render::render(&store.draft(draft)?);
            match format {
                ShowFormat::Outline => print_outline(&doc),
                ShowFormat::Md => print!("{}", to_markdown(&doc, MarkdownOptions::default())),
                ShowFormat::Json => print_json(&doc)?,
            }
        }
        Cmd::Add {
            draft,
            block,
            under,
            after,
        } => {
            let mut store = open(cli.db)?;
            for id in store.insert_block(draft, &block, place(under, after, None))? {
                println!("{id}");
            }
        }
        Cmd::Insert {
            draft,
            text,
            kind,
            lead,
            place: p,
        } => {
            let lead = lead_arg(lead.as_deref())?;
            let mut node = NewNode::new(kind.into(), text.trim());
            if node.kind == NodeKind::Item {
                node.lead = lead;
            } else if lead.is_some() {
                return Err(Error::invalid("--lead goes with --kind item"));
            }
            let mut store = open(cli.db)?;
            for id in store.insert_nodes(draft, vec![node], place(p.under, p.after, p.before))? {
                println!("{id}");
            }
        }
        Cmd::Edit {
            draft,
            item,
            text,
            lead,
            kind,
        } => {
            if text.is_none() && lead.is_none() && kind.is_none() {
                return Err(Error::invalid(
                    "nothing to change: give --text, --lead or --kind",
                ));
            }
            let lead = lead_arg(lead.as_deref())?;
            let mut store = open(cli.db)?;
            store.edit_node(draft, item, text.as_deref(), lead, kind.map(Into::into))?;
        }
        Cmd::Move {
            draft,
            item,
            place: p,
        } => {
            let mut store = open(cli.db)?;
            store.move_node(draft, item, place(p.under, p.after, p.before))?;
        }
        Cmd::Remove { draft, item } => open(cli.db)?.remove_node(draft, item)?,
        Cmd::Rename { draft, title } => open(cli.db)?.rename_draft(draft, &title)?,
        Cmd::Duplicate { draft } => println!("{}", open(cli.db)?.duplicate_draft(draft)?),
        Cmd::Delete { draft } => open(cli.db)?.delete_draft(draft)?,
        Cmd::Stats { draft, rate, json } => {
            if rate == 0 {
                return Err(Error::invalid(
                    "--rate must be at least 1 character per minute",
                ));
            }
            let store = open(cli.db)?;
            let s = stats::stats(&render::render(&store.draft(draft)?), rate);
            if json {
                print_json(&s)?;
            } else {
                println!(
                    "字数 {}，约 {} 分钟（每分钟 {} 字），{} 段，未填占位项 {} 个",
                    s.chars, s.minutes, s.rate, s.paragraphs, s.unfilled
                );
            }
        }
        Cmd::Check {
            draft,
            json,
            fix,
            target,
        } => {
            let mut store = open(cli.db)?;
            let opts = check::CheckOptions {
                target_chars: target,
            };
            let mut findings = check::check_with(&render::render(&store.draft(draft)?), &opts);
            let mut fixed = None;
            if fix {
                let report = store.apply_fixes(draft, &findings)?;
                findings = check::check_with(&render::render(&store.draft(draft)?), &opts);
                fixed = Some(report);
            }
            let at = |f: &check::Finding| match f.node {
                Some(n) => format!("#{n}@{}", f.offset),
                None => format!("{}@{}", f.part, f.offset),
            };
            if json {
                match &fixed {
                    Some(r) => print_json(&serde_json::json!({
                        "fixed": r.fixed,
                        "not_fixed": r.not_fixed,
                        "findings": findings,
                    }))?,
                    None => print_json(&findings)?,
                }
            } else {
                if let Some(r) = &fixed {
                    for f in &r.fixed {
                        println!(
                            "fixed {}: {} → {} [{}]",
                            at(f),
                            f.text,
                            f.fix.as_deref().unwrap_or(""),
                            f.rule
                        );
                    }
                    for n in &r.not_fixed {
                        println!(
                            "not fixed {}: {} ({}) [{}]",
                            at(&n.finding),
                            n.finding.message,
                            n.reason,
                            n.finding.rule
                        );
                    }
                }
                for f in &findings {
                    println!("{}: {} [{}]", at(f), f.message, f.rule);
                }
            }
            if !findings.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
        Cmd::Import {
            files,
            dry_run,
            json,
            tag,
        } => return import(cli.db, &files, dry_run, json, &tag),
        Cmd::Export {
            draft,
            format,
            out,
            front_matter,
            layout,
            fonts,
            page_numbers,
        } => {
            let store = open(cli.db)?;
            let doc = render::render(&store.draft(draft)?);
            let bytes = match format {
                ExportFormat::Md => {
                    to_markdown(&doc, MarkdownOptions { front_matter }).into_bytes()
                }
                ExportFormat::Docx => {
                    use jianggao::export::docx::{self, FontSet, Layout, PageNumbers};
                    if out.is_none() && std::io::stdout().is_terminal() {
                        return Err(Error::invalid(
                            "a .docx is not for the terminal: give --out FILE.docx or redirect",
                        ));
                    }
                    let layout = match layout {
                        LayoutArg::Official => Layout::Official,
                        LayoutArg::Podium => Layout::Podium,
                    };
                    let fonts = match fonts {
                        FontsArg::Windows => FontSet::Windows,
                        FontsArg::Gb2312 => FontSet::Gb2312,
                        FontsArg::Founder => FontSet::Founder,
                    };
                    let page_numbers = page_numbers.map(|p| match p {
                        PageNumbersArg::Outside => PageNumbers::Outside,
                        PageNumbersArg::Center => PageNumbers::Center,
                    });
                    docx::to_docx(&doc, &docx::DocxOptions::new(layout, fonts, page_numbers))?
                }
            };
            match out {
                Some(path) => jianggao::export::write_file(&path, &bytes)?,
                None => std::io::stdout()
                    .write_all(&bytes)
                    .map_err(|e| Error::io("stdout", e))?,
            }
        }
        Cmd::Blocks(BlocksCmd::Search(args)) => search(cli.db, args, Some(ItemKind::Block))?,
        Cmd::Blocks(BlocksCmd::Favourite { block, off }) => {
            let mut store = open(cli.db)?;
            let id = store.block(&block)?.id;
            store.set_favourite(ItemKind::Block, id, !off)?;
        }
        Cmd::Blocks(BlocksCmd::Edit {
            block,
            text,
            file,
            title,
            tag,
            speech_type,
            lead,
        }) => {
            let text = text_or_file(text, file)?;
            let lead = lead_arg(lead.as_deref())?.unwrap_or_default();
            let mut store = open(cli.db)?;
            let id = store.block(&block)?.id;
            store.update_block(
                id,
                NewBlock {
                    title,
                    text,
                    lead,
                    types: speech_type,
                    tags: tag,
                },
            )?;
        }
        Cmd::Blocks(BlocksCmd::Delete { block }) => {
            let mut store = open(cli.db)?;
            let id = store.block(&block)?.id;
            store.delete_block(id)?;
        }
        Cmd::Blocks(BlocksCmd::Add {
            text,
            file,
            title,
            tag,
            speech_type,
            lead,
        }) => {
            let text = text_or_file(text, file)?;
            let lead = lead_arg(lead.as_deref())?.unwrap_or_default();
            let mut store = open(cli.db)?;
            let id = store.add_block(NewBlock {
                title,
                text,
                lead,
                types: speech_type,
                tags: tag,
            })?;
            println!("{id}");
        }
        Cmd::Blocks(BlocksCmd::Show { block, json }) => {
            let store = open(cli.db)?;
            let b = store.block(&block)?;
            if json {
                print_json(&b)?;
            } else {
                println!(
                    "{}  {}  [{}]  ({})\n\n{}",
                    b.id,
                    b.title,
                    b.tags.join("、"),
                    b.types.join(", "),
                    b.text
                );
            }
        }
        Cmd::Phrases(PhrasesCmd::Add {
            text,
            tag,
            speech_type,
        }) => {
            let mut store = open(cli.db)?;
            println!("{}", store.add_phrase(&text, &tag, &speech_type)?);
        }
        Cmd::Phrases(PhrasesCmd::Search(args)) => search(cli.db, args, Some(ItemKind::Phrase))?,
        Cmd::Phrases(PhrasesCmd::Use { phrase }) => {
            println!("{}", open(cli.db)?.use_phrase(phrase)?.text);
        }
        Cmd::Phrases(PhrasesCmd::Favourite { phrase, off }) => {
            open(cli.db)?.set_favourite(ItemKind::Phrase, phrase, !off)?;
        }
        Cmd::Phrases(PhrasesCmd::Delete { phrase }) => {
            open(cli.db)?.delete_phrase(phrase)?;
        }
        Cmd::Search { args, kind } => search(
            cli.db,
            args,
            kind.map(|k| match k {
                KindFilter::Block => ItemKind::Block,
                KindFilter::Phrase => ItemKind::Phrase,
            }),
        )?,
        Cmd::Tags { cmd, json } => {
            let mut store = open(cli.db)?;
            let items = |block: &[i64], phrase: &[i64]| -> Vec<(ItemKind, i64)> {
                block
                    .iter()
                    .map(|id| (ItemKind::Block, *id))
                    .chain(phrase.iter().map(|id| (ItemKind::Phrase, *id)))
                    .collect()
            };
            match cmd {
                None => {
                    let tags = store.tags()?;
                    if json {
                        print_json(&tags)?;
                    } else {
                        for t in tags {
                            println!("{}  段落块 {}，金句 {}", t.name, t.blocks, t.phrases);
                        }
                    }
                }
                Some(TagsCmd::Rename { old, new }) => {
                    if store.rename_tag(&old, &new)? {
                        println!("merged {old:?} into {new:?}");
                    }
                }
                Some(TagsCmd::Add { tag, block, phrase }) => {
                    let n = store.tag_items(&tag, &items(&block, &phrase), true)?;
                    println!("{n}");
                }
                Some(TagsCmd::Remove { tag, block, phrase }) => {
                    let n = store.tag_items(&tag, &items(&block, &phrase), false)?;
                    println!("{n}");
                }
            }
        }
        Cmd::Pack(PackCmd::Export { file, tag }) => {
            let store = open(cli.db)?;
            let pack = store.export_pack(&tag)?;
            jianggao::export::write_file(&file, pack.to_json()?.as_bytes())?;
            eprintln!(
                "jianggao: wrote {} blocks and {} phrases to {}",
                pack.blocks.len(),
                pack.phrases.len(),
                file.display()
            );
        }
        Cmd::Pack(PackCmd::Import { file, json }) => {
            let meta = std::fs::metadata(&file).map_err(|e| Error::io(&file, e))?;
            if meta.len() > jianggao::pack::MAX_BYTES {
                return Err(Error::invalid(format!(
                    "{} is {} MB; a pack is at most {} MB",
                    file.display(),
                    meta.len() >> 20,
                    jianggao::pack::MAX_BYTES >> 20
                )));
            }
            let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
            let pack = jianggao::pack::Pack::parse(&bytes)
                .map_err(|e| Error::invalid(format!("{}: {e}", file.display())))?;
            let report = open(cli.db)?.import_pack(&pack)?;
            if json {
                print_json(&report)?;
            } else {
                for (what, c) in [("blocks", report.blocks), ("phrases", report.phrases)] {
                    println!(
                        "{what}: {} added, {} merged, {} skipped",
                        c.added, c.merged, c.skipped
                    );
                }
            }
        }
        Cmd::Profile { values, json } => {
            let mut store = open(cli.db)?;
            if !values.is_empty() {
                store.set_profile(&pairs(&values)?)?;
            }
            let profile = store.profile()?;
            if json {
                let map: std::collections::BTreeMap<_, _> = profile.into_iter().collect();
                print_json(&map)?;
            } else {
                for (k, v) in profile {
                    println!("{k}={v}");
                }
            }
        }
    }
    ok
}
