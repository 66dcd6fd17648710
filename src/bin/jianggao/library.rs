//! The library: blocks, phrases, search, tags and packs.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use jianggao::app::{self, Session};
use jianggao::outline::LeadStyle;
use jianggao::pack::Pack;
use jianggao::search::{ItemKind, Sort};
use jianggao::store::{BlockRef, Hit, NewBlock, SearchQuery};
use jianggao::Result;

use crate::print_json;

/// A library search: any text of one or more characters, taken literally.
#[derive(Args)]
pub struct SearchArgs {
    query: String,
    #[arg(long = "type", value_name = "TYPE")]
    speech_type: Option<String>,
    #[arg(long)]
    tag: Option<String>,
    /// Only favourites
    #[arg(long)]
    favourite: bool,
    #[arg(long, value_enum, default_value_t = Sort::Relevance)]
    sort: Sort,
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct SearchAll {
    #[command(flatten)]
    pub args: SearchArgs,
    #[arg(long, value_enum)]
    pub kind: Option<ItemKind>,
}

/// A block's content as the writer gives it: the text inline or from a file.
#[derive(Args)]
pub struct BlockContent {
    #[arg(long, conflicts_with = "file", required_unless_present = "file")]
    text: Option<String>,
    /// A text file (UTF-8, UTF-16 with BOM or GB18030/GBK, as `import` reads)
    #[arg(long)]
    file: Option<PathBuf>,
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    tag: Vec<String>,
    #[arg(long = "type", value_name = "TYPE")]
    speech_type: Vec<String>,
    #[arg(long, value_enum, value_name = "STYLE")]
    lead: Option<LeadStyle>,
}

impl BlockContent {
    fn block(self) -> Result<NewBlock> {
        let text = match (self.text, self.file) {
            (Some(t), _) => t,
            (None, Some(f)) => app::read_text_file(&f)?,
            (None, None) => return Err(jianggao::Error::usage("give --text or --file")),
        };
        Ok(NewBlock {
            title: self.title,
            text,
            lead: self.lead.unwrap_or_default(),
            types: self.speech_type,
            tags: self.tag,
        })
    }
}

#[derive(Subcommand)]
pub enum BlocksCmd {
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
        #[command(flatten)]
        content: BlockContent,
    },
    /// Delete a block (drafts keep their copies)
    Delete { block: String },
    /// Add a block of your own
    Add(BlockContent),
    /// Show one block
    Show {
        block: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum PhrasesCmd {
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

#[derive(Args)]
pub struct TagsArgs {
    #[command(subcommand)]
    cmd: Option<TagsCmd>,
    #[arg(long)]
    json: bool,
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
pub enum PackCmd {
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

/// A hit's snippet with the matches in 〔〕.
fn snippet(h: &Hit) -> String {
    h.snippet
        .iter()
        .map(|s| {
            if s.hit {
                format!("〔{}〕", s.text)
            } else {
                s.text.clone()
            }
        })
        .collect()
}

/// `search`, `blocks search`, `phrases search`: one search, hits printed with snippets.
pub fn search(s: &Session, a: SearchArgs, kind: Option<ItemKind>) -> Result<ExitCode> {
    let hits = s.store.search(&SearchQuery {
        text: a.query,
        kind,
        speech_type: a.speech_type,
        tag: a.tag,
        favourite: a.favourite,
        sort: a.sort,
        limit: a.limit,
    })?;
    if a.json {
        return print_json(&hits);
    }
    for h in hits {
        let mark = if h.favourite { "★" } else { " " };
        let (tags, snippet) = (h.tags.join("、"), snippet(&h));
        match h.kind {
            ItemKind::Block => println!("{:>6}{mark} {}  [{tags}]  {snippet}", h.id, h.title),
            ItemKind::Phrase => println!("{:>6}{mark} 金句  [{tags}]  {snippet}", h.id),
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn show_block(s: &Session, block: &str, json: bool) -> Result<ExitCode> {
    let b = s.store.block(BlockRef::parse(block))?;
    if json {
        return print_json(&b);
    }
    let (tags, types) = (b.tags.join("、"), b.types.join(", "));
    println!("{}  {}  [{tags}]  ({types})\n\n{}", b.id, b.title, b.text);
    Ok(ExitCode::SUCCESS)
}

fn id_of(s: &Session, block: &str) -> Result<i64> {
    Ok(s.store.block(BlockRef::parse(block))?.id)
}

pub fn blocks(open: impl Fn() -> Result<Session>, cmd: BlocksCmd) -> Result<ExitCode> {
    match cmd {
        BlocksCmd::Search(a) => return search(&open()?, a, Some(ItemKind::Block)),
        BlocksCmd::Show { block, json } => return show_block(&open()?, &block, json),
        BlocksCmd::Favourite { block, off } => {
            let mut s = open()?;
            let id = id_of(&s, &block)?;
            s.store.set_favourite(ItemKind::Block, id, !off)?;
        }
        BlocksCmd::Edit { block, content } => {
            let (new, mut s) = (content.block()?, open()?);
            let id = id_of(&s, &block)?;
            s.store.update_block(id, new)?;
        }
        BlocksCmd::Delete { block } => {
            let mut s = open()?;
            let id = id_of(&s, &block)?;
            s.delete_block(id)?;
        }
        BlocksCmd::Add(content) => println!("{}", open()?.store.add_block(content.block()?)?),
    }
    Ok(ExitCode::SUCCESS)
}

pub fn phrases(mut s: Session, cmd: PhrasesCmd) -> Result<ExitCode> {
    match cmd {
        PhrasesCmd::Add {
            text,
            tag,
            speech_type,
        } => println!("{}", s.store.add_phrase(&text, &tag, &speech_type)?),
        PhrasesCmd::Search(a) => return search(&s, a, Some(ItemKind::Phrase)),
        PhrasesCmd::Use { phrase } => println!("{}", s.store.use_phrase(phrase)?.text),
        PhrasesCmd::Favourite { phrase, off } => {
            s.store.set_favourite(ItemKind::Phrase, phrase, !off)?
        }
        PhrasesCmd::Delete { phrase } => s.delete_phrase(phrase)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn items(block: &[i64], phrase: &[i64]) -> Vec<(ItemKind, i64)> {
    let blocks = block.iter().map(|id| (ItemKind::Block, *id));
    blocks
        .chain(phrase.iter().map(|id| (ItemKind::Phrase, *id)))
        .collect()
}

pub fn tags(mut s: Session, a: TagsArgs) -> Result<ExitCode> {
    match a.cmd {
        None if a.json => return print_json(&s.store.tags()?),
        None => {
            for t in s.store.tags()? {
                println!("{}  段落块 {}，金句 {}", t.name, t.blocks, t.phrases);
            }
        }
        Some(TagsCmd::Rename { old, new }) => {
            if s.store.rename_tag(&old, &new)? {
                println!("merged {old:?} into {new:?}");
            }
        }
        Some(TagsCmd::Add { tag, block, phrase }) => {
            let n = s.store.tag_items(&tag, &items(&block, &phrase), true)?;
            println!("{n}");
        }
        Some(TagsCmd::Remove { tag, block, phrase }) => {
            let n = s.store.tag_items(&tag, &items(&block, &phrase), false)?;
            println!("{n}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn pack_export(s: &Session, file: &Path, tags: &[String]) -> Result<ExitCode> {
    let pack = s.store.export_pack(tags)?;
    s.write_export(file, pack.to_json()?.as_bytes())?;
    eprintln!(
        "jianggao: wrote {} blocks and {} phrases to {}",
        pack.blocks.len(),
        pack.phrases.len(),
        file.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn pack(open: impl Fn() -> Result<Session>, cmd: PackCmd) -> Result<ExitCode> {
    let (file, json) = match cmd {
        PackCmd::Export { file, tag } => return pack_export(&open()?, &file, &tag),
        PackCmd::Import { file, json } => (file, json),
    };
    let pack = Pack::read_file(&file)?;
    let report = open()?.store.import_pack(&pack)?;
    if json {
        return print_json(&report);
    }
    let rules = ("check rules", report.rules);
    let with_rules = report.rules != Default::default();
    let lines = [("blocks", report.blocks), ("phrases", report.phrases)];
    for (what, c) in lines.into_iter().chain(with_rules.then_some(rules)) {
        println!(
            "{what}: {} added, {} merged, {} skipped",
            c.added, c.merged, c.skipped
        );
    }
    Ok(ExitCode::SUCCESS)
}
