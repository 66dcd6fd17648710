//! Speech templates: TOML files a writer can read (see templates/README.md). Parsing
//! checks everything a template may get wrong and names the file, line and column.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::outline::{LeadStyle, NewNode, NodeKind};
use crate::slot::{self, SlotDef};
use crate::types;

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub id: String,
    #[serde(rename = "type")]
    pub speech_type: String,
    pub name: String,
    pub description: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub greeting: Option<String>,
    #[serde(default)]
    pub slots: Vec<SlotDef>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Section {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    #[serde(default)]
    pub lead: LeadStyle,
    #[serde(default)]
    pub blocks: Vec<String>,
    #[serde(default)]
    pub suggest: Vec<String>,
    #[serde(default)]
    pub text: String,
}

/// (line, column), 1-based, column in characters.
fn line_col(src: &str, byte: usize) -> (usize, usize) {
    let before = &src[..byte.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

fn syntax(file: &str, src: &str, byte: usize, message: impl Into<String>) -> Error {
    let (line, column) = line_col(src, byte);
    Error::Syntax {
        file: file.to_string(),
        line,
        column,
        message: message.into(),
    }
}

/// An error about a value found after parsing, placed where `needle` first appears.
pub(crate) fn syntax_at(file: &str, src: &str, needle: &str, message: String) -> Error {
    syntax(file, src, src.find(needle).unwrap_or(0), message)
}

/// Parses TOML, turning its errors into file:line:column.
pub fn from_toml<T: serde::de::DeserializeOwned>(file: &str, src: &str) -> Result<T> {
    toml::from_str(src).map_err(|e| {
        let byte = e.span().map_or(0, |s| s.start);
        syntax(file, src, byte, e.message().trim().to_string())
    })
}

/// Where a value sits in the source, for errors found after parsing: the first place the
/// text (or its first line) appears.
fn locate(src: &str, needle: &str) -> usize {
    let first_line = needle
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(needle);
    src.find(needle)
        .or_else(|| src.find(first_line.trim()))
        .unwrap_or(0)
}

/// Slot syntax inside a value; the error points into the file.
pub fn check_slots(file: &str, src: &str, text: &str) -> Result<()> {
    if let Err(e) = slot::parse(text) {
        let rest = &text[e.byte..];
        let fragment: String = rest.chars().take(12).collect();
        let byte = src.find(&fragment).unwrap_or_else(|| locate(src, text));
        return Err(syntax(file, src, byte, e.message));
    }
    Ok(())
}

/// Template logic inside a value; the error names the place in the file and the problem.
pub fn check_logic(file: &str, src: &str, text: &str) -> Result<()> {
    let Err(e) = crate::logic::check(text) else {
        return Ok(());
    };
    let fragment: String = text[e.byte..].chars().take(12).collect();
    let byte = src.find(&fragment).unwrap_or_else(|| locate(src, text));
    let (line, column) = line_col(src, byte);
    Err(Error::BadLogic {
        file: file.to_string(),
        line,
        column,
        problem: e.problem,
    })
}

pub fn check_key(file: &str, src: &str, key: &str) -> Result<()> {
    let ok = !key.is_empty()
        && key.split('-').all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if ok {
        Ok(())
    } else {
        Err(syntax(
            file,
            src,
            locate(src, key),
            format!("key {key:?} must be lowercase ASCII letters and digits joined by dashes"),
        ))
    }
}

pub fn check_type(file: &str, src: &str, t: &str) -> Result<()> {
    types::find(t).map(|_| ()).map_err(|e| {
        let needle = format!("\"{t}\"");
        syntax(file, src, locate(src, &needle), e.to_string())
    })
}

impl Template {
    /// Parses and checks a template file.
    pub fn parse(file: &str, src: &str) -> Result<Template> {
        let t: Template = from_toml(file, src)?;
        check_key(file, src, &t.id)?;
        check_type(file, src, &t.speech_type)?;
        for text in [&t.title]
            .into_iter()
            .chain(t.speaker.iter())
            .chain(t.date.iter())
            .chain(t.greeting.iter())
        {
            check_slots(file, src, text)?;
        }
        for s in &t.sections {
            check_slots(file, src, &s.text)?;
            check_logic(file, src, &s.text)?;
            if let Some(h) = &s.heading {
                check_slots(file, src, h)?;
            }
        }
        if t.sections.is_empty() {
            return Err(syntax(
                file,
                src,
                0,
                "a template needs at least one [[sections]]",
            ));
        }
        Ok(t)
    }

    /// The outline a new draft starts with. `block` looks a block key up and returns its
    /// nodes (or None when the library has no such block any more).
    pub fn outline(&self, mut block: impl FnMut(&str) -> Option<Vec<NewNode>>) -> Vec<NewNode> {
        let mut out = Vec::new();
        for s in &self.sections {
            let mut body: Vec<NewNode> = Vec::new();
            for key in &s.blocks {
                body.extend(block(key).unwrap_or_default());
            }
            if crate::logic::is_logic(&s.text) {
                // Logic stays one piece, worked out at every render (crate::logic).
                // Its items read 一是、二是 (a paragraph keeps no lead style).
                body.push(NewNode::new(NodeKind::Paragraph, s.text.trim().to_string()));
            } else {
                body.extend(crate::markup::parse_outline(&s.text, s.lead));
            }
            // Items of a section read with the section's lead style.
            for n in body.iter_mut().filter(|n| n.kind == NodeKind::Item) {
                n.lead = Some(s.lead);
            }
            match &s.heading {
                Some(h) => {
                    let mut heading = NewNode::new(NodeKind::Heading, h.clone());
                    heading.children = body;
                    out.push(heading);
                }
                None => out.extend(body),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id = "t-one"
type = "opening"
name = "测试"
description = "说明"
title = "在{{单位}}大会上的讲话"
greeting = "同志们："

[[sections]]
text = "开场白。"

[[sections]]
heading = "第一部分"
lead = "yao"
text = """
- 甲
- 乙
"""
"#;

    #[test]
    fn parses_and_builds_outline() {
        let t = Template::parse("t.toml", GOOD).unwrap();
        let o = t.outline(|_| None);
        assert_eq!(o.len(), 2);
        assert_eq!(o[1].children[1].lead, Some(LeadStyle::Yao));
    }

    #[test]
    fn logic_errors_name_line_and_column_in_chinese() {
        let bad = GOOD.replace("- 乙\n", "- 乙\n{% if 有表彰 %}\n表彰。\n");
        let e = Template::parse("t.toml", &bad).unwrap_err();
        match &e {
            Error::BadLogic {
                file, line, column, ..
            } => assert_eq!((file.as_str(), *line, *column), ("t.toml", 18, 1)),
            e => panic!("{e:?}"),
        }
        let zh = crate::messages::zh(&e);
        assert!(zh.starts_with("文件“t.toml”第 18 行第 1 列："), "{zh}");
        assert!(zh.contains("{% endif %}") && !zh.contains("Tera"), "{zh}");
        let bad = GOOD.replace("- 乙\n", "- 乙\n{% if 有表彰 and %}{% endif %}\n");
        let zh = crate::messages::zh(&Template::parse("t.toml", &bad).unwrap_err());
        assert_eq!(
            zh,
            "文件“t.toml”第 18 行第 1 列：“{% if 有表彰 and %}”里的条件看不懂，请检查名称和写法。"
        );
    }

    #[test]
    fn a_logic_section_stays_one_piece() {
        let t = Template::parse(
            "t.toml",
            &GOOD.replace(
                "- 乙\n",
                "- 乙\n\n{% for 名 in 名单 %}\n- {{名}}\n{% endfor %}\n",
            ),
        )
        .unwrap();
        let o = t.outline(|_| None);
        // The whole section, since its text holds logic.
        assert_eq!(o[1].children.len(), 1);
        assert!(o[1].children[0]
            .text
            .starts_with("- 甲\n- 乙\n\n{% for 名 in 名单 %}"));
    }

    #[test]
    fn toml_errors_name_line_and_column() {
        let bad = GOOD.replace("name = \"测试\"", "name = \"测试");
        match Template::parse("t.toml", &bad).unwrap_err() {
            Error::Syntax { file, line, .. } => {
                assert_eq!(file, "t.toml");
                assert_eq!(line, 4);
            }
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn slot_errors_point_into_the_file() {
        let bad = GOOD.replace("在{{单位}}大会", "在{{单位大会");
        match Template::parse("t.toml", &bad).unwrap_err() {
            Error::Syntax {
                line,
                column,
                message,
                ..
            } => {
                assert_eq!((line, column), (6, 11), "{message}");
            }
            e => panic!("{e:?}"),
        }
        let bad = GOOD.replace("type = \"opening\"", "type = \"speech\"");
        assert!(matches!(
            Template::parse("t.toml", &bad),
            Err(Error::Syntax { line: 3, .. })
        ));
    }
}
