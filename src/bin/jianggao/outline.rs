//! Outline edits: add a block, insert, edit, move and remove items.

use std::process::ExitCode;

use clap::Args;
use jianggao::app::Session;
use jianggao::outline::{LeadStyle, NewNode, NodeKind};
use jianggao::store::{BlockRef, Place};
use jianggao::{Error, Result};

#[derive(Args)]
pub struct AddArgs {
    draft: i64,
    /// Block id or built-in key
    block: String,
    #[arg(long, value_name = "ITEM", conflicts_with = "after")]
    under: Option<i64>,
    #[arg(long, value_name = "ITEM")]
    after: Option<i64>,
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

#[derive(Args)]
pub struct InsertArgs {
    draft: i64,
    text: String,
    #[arg(long, value_enum, default_value_t = NodeKind::Paragraph)]
    kind: NodeKind,
    #[arg(long, value_enum, value_name = "STYLE")]
    lead: Option<LeadStyle>,
    #[command(flatten)]
    place: PlaceArgs,
}

#[derive(Args)]
pub struct EditArgs {
    draft: i64,
    item: i64,
    #[arg(long)]
    text: Option<String>,
    #[arg(long, value_enum, value_name = "STYLE")]
    lead: Option<LeadStyle>,
    #[arg(long, value_enum)]
    kind: Option<NodeKind>,
}

#[derive(Args)]
pub struct MoveArgs {
    draft: i64,
    item: i64,
    #[command(flatten)]
    place: RequiredPlace,
}

#[derive(Args)]
pub struct ItemArgs {
    draft: i64,
    item: i64,
}

fn place(under: Option<i64>, after: Option<i64>, before: Option<i64>) -> Place {
    match (under, after, before) {
        (Some(u), _, _) => Place::Under(u),
        (_, Some(a), _) => Place::After(a),
        (_, _, Some(b)) => Place::Before(b),
        _ => Place::End,
    }
}

fn print_ids(ids: Vec<i64>) -> Result<ExitCode> {
    for id in ids {
        println!("{id}");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn add(mut s: Session, a: AddArgs) -> Result<ExitCode> {
    let at = place(a.under, a.after, None);
    print_ids(s.insert_block(a.draft, &BlockRef::parse(&a.block), at)?)
}

pub fn insert(open: impl Fn() -> Result<Session>, a: InsertArgs) -> Result<ExitCode> {
    let mut node = NewNode::new(a.kind, a.text.trim());
    if node.kind == NodeKind::Item {
        node.lead = a.lead;
    } else if a.lead.is_some() {
        return Err(Error::usage("--lead goes with --kind item"));
    }
    let at = place(a.place.under, a.place.after, a.place.before);
    print_ids(open()?.insert_nodes(a.draft, vec![node], at)?)
}

pub fn edit(open: impl Fn() -> Result<Session>, a: EditArgs) -> Result<ExitCode> {
    if a.text.is_none() && a.lead.is_none() && a.kind.is_none() {
        return Err(Error::usage(
            "nothing to change: give --text, --lead or --kind",
        ));
    }
    open()?.edit_node(a.draft, a.item, a.text.as_deref(), a.lead, a.kind)?;
    Ok(ExitCode::SUCCESS)
}

pub fn move_item(mut s: Session, a: MoveArgs) -> Result<ExitCode> {
    let p = a.place;
    s.move_node(a.draft, a.item, place(p.under, p.after, p.before))?;
    Ok(ExitCode::SUCCESS)
}

pub fn remove(mut s: Session, a: ItemArgs) -> Result<ExitCode> {
    s.remove_node(a.draft, a.item)?;
    Ok(ExitCode::SUCCESS)
}
