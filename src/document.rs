//! The document: a rendered draft with slots filled and numbers and leads applied.
//! It is the one intermediate form every exporter and the check read; none of them
//! fills slots or numbers anything again.

use serde::Serialize;

use crate::outline::NodeKind;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Document {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub greeting: Option<String>,
    pub speech_type: String,
    pub meta: Meta,
    /// Slots used but not filled, in order of first use.
    pub unfilled: Vec<String>,
    pub nodes: Vec<Node>,
}

/// Facts about the speech for front matter and document properties.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Meta {
    /// ISO date (2026-01-15) when the 日期 slot holds a date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The 讲话人 slot's value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Node {
    pub id: i64,
    pub kind: NodeKind,
    /// 1–4 for headings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<usize>,
    /// A heading's number: 一、 （二） 3. （4）
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// An item's lead: 二是, 第三，, 最后，
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// The text without number or lead, slots filled, markup removed.
    pub text: String,
    /// The same text in runs (bold, slot values, unfilled markers).
    pub runs: Vec<Run>,
    /// Reviewers' comments kept on the item (the writer's; no export prints them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Run {
    pub text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    /// The slot this run was filled from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slot: Option<String>,
    /// An unfilled slot shown as 【名称】.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unfilled: bool,
    /// A stage cue of a host script, brackets included: （掌声）, （报告完毕） (`cue`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cue: bool,
}

impl Node {
    /// The number or lead that stands before the text, if any.
    pub fn prefix(&self) -> Option<&str> {
        self.number.as_deref().or(self.lead.as_deref())
    }

    /// Runs as printed: the number or lead first. A lead joins the bold of a bold lead
    /// sentence (**一是加强引领。**), a heading number never is bold on its own.
    pub fn display_runs(&self) -> Vec<Run> {
        let mut out = Vec::with_capacity(self.runs.len() + 1);
        if let Some(prefix) = self.prefix() {
            let bold = self.lead.is_some() && self.runs.first().is_some_and(|r| r.bold);
            out.push(Run {
                text: prefix.to_string(),
                bold,
                ..Run::default()
            });
        }
        out.extend(self.runs.iter().cloned());
        out
    }

    /// The text as printed, number or lead included.
    pub fn display_text(&self) -> String {
        match self.prefix() {
            Some(p) => format!("{p}{}", self.text),
            None => self.text.clone(),
        }
    }
}

impl Document {
    /// Every node, depth first, in reading order.
    pub fn walk(&self) -> impl Iterator<Item = &Node> {
        let mut stack: Vec<&Node> = self.nodes.iter().rev().collect();
        std::iter::from_fn(move || {
            let node = stack.pop()?;
            stack.extend(node.children.iter().rev());
            Some(node)
        })
    }

    /// Finds a node by id.
    pub fn find(&self, id: i64) -> Option<&Node> {
        self.walk().find(|n| n.id == id)
    }

    /// The head lines under the title, in order: speaker, date, greeting.
    pub fn head_lines(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("speaker", self.speaker.as_deref()),
            ("date", self.date.as_deref()),
            ("greeting", self.greeting.as_deref()),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
    }
}
