//! The outline of a draft: a tree of headings, items (paragraphs with a generated lead)
//! and plain paragraphs. Heading levels are not stored: a heading's level is its depth
//! among headings, so moving a heading under another one re-levels it.

pub mod edit;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Headings go four levels deep: 一、 （一） 1. （1）.
pub const MAX_HEADING_LEVEL: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Heading,
    Item,
    Paragraph,
}

impl NodeKind {
    pub fn id(self) -> &'static str {
        match self {
            NodeKind::Heading => "heading",
            NodeKind::Item => "item",
            NodeKind::Paragraph => "paragraph",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "heading" => Ok(NodeKind::Heading),
            "item" => Ok(NodeKind::Item),
            "paragraph" => Ok(NodeKind::Paragraph),
            other => Err(Error::UnknownKind {
                value: other.to_string(),
            }),
        }
    }
}

/// How an item's lead is written. Counted among the items of one style under one parent.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum LeadStyle {
    /// 一是、二是
    #[default]
    Shi,
    /// 一要、二要
    Yao,
    /// 第一，第二，
    Di,
    /// 首先，其次，再次，最后，
    Order,
    /// 第一句话，
    Juhua,
    /// （一）
    Paren,
    /// 1.
    Arabic,
}

impl LeadStyle {
    pub const ALL: [LeadStyle; 7] = [
        LeadStyle::Shi,
        LeadStyle::Yao,
        LeadStyle::Di,
        LeadStyle::Order,
        LeadStyle::Juhua,
        LeadStyle::Paren,
        LeadStyle::Arabic,
    ];

    pub fn id(self) -> &'static str {
        match self {
            LeadStyle::Shi => "shi",
            LeadStyle::Yao => "yao",
            LeadStyle::Di => "di",
            LeadStyle::Order => "order",
            LeadStyle::Juhua => "juhua",
            LeadStyle::Paren => "paren",
            LeadStyle::Arabic => "arabic",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Self::ALL.into_iter().find(|l| l.id() == s).ok_or_else(|| {
            let ids: Vec<&str> = Self::ALL.iter().map(|l| l.id()).collect();
            Error::UnknownLeadStyle {
                value: s.to_string(),
                known: ids.join(", "),
            }
        })
    }

    /// An example, for lists: 一是 …
    pub fn example(self) -> &'static str {
        match self {
            LeadStyle::Shi => "一是、二是",
            LeadStyle::Yao => "一要、二要",
            LeadStyle::Di => "第一，第二，",
            LeadStyle::Order => "首先，其次，最后，",
            LeadStyle::Juhua => "第一句话，第二句话，",
            LeadStyle::Paren => "（一）（二）",
            LeadStyle::Arabic => "1. 2.",
        }
    }
}

/// The lead a node is stored with: an item always has a style (一是 unless told),
/// headings and paragraphs have none.
pub fn stored_lead(kind: NodeKind, lead: Option<LeadStyle>) -> Option<LeadStyle> {
    match kind {
        NodeKind::Item => Some(lead.unwrap_or_default()),
        _ => None,
    }
}

/// One node of an outline that is not stored yet (from markup, a template or a block).
#[derive(Debug, Clone, PartialEq)]
pub struct NewNode {
    pub kind: NodeKind,
    pub text: String,
    pub lead: Option<LeadStyle>,
    /// The library block it comes from.
    pub source_block: Option<i64>,
    pub children: Vec<NewNode>,
}

impl NewNode {
    pub fn new(kind: NodeKind, text: impl Into<String>) -> Self {
        NewNode {
            kind,
            text: text.into(),
            lead: None,
            source_block: None,
            children: Vec::new(),
        }
    }

    /// Depth of headings in this subtree, counting this node: 0 for a paragraph.
    pub fn heading_depth(&self) -> usize {
        if self.kind != NodeKind::Heading {
            return 0;
        }
        1 + self
            .children
            .iter()
            .map(NewNode::heading_depth)
            .max()
            .unwrap_or(0)
    }

    /// Every text in the subtree, for slot and syntax checks.
    pub fn texts<'a>(&'a self, out: &mut Vec<&'a str>) {
        out.push(&self.text);
        for c in &self.children {
            c.texts(out);
        }
    }
}
