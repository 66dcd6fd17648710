//! Our Markdown read back by an independent CommonMark reader (pandoc): headings keep
//! their numbers, lead sentences stay bold, and user text never turns into markup.
//! When pandoc is missing the test fails if JIANGGAO_REQUIRE_READERS=1 (CI), else skips.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use jianggao::document::Document;
use jianggao::export::markdown::{to_markdown, MarkdownOptions};
use jianggao::outline::LeadStyle;
use jianggao::render::render;
use jianggao::store::{Place, Store};

fn have(program: &str) -> bool {
    common::have_reader(program, "--version")
}

fn pandoc(input: &str, to: &str) -> String {
    let mut child = Command::new("pandoc")
        .args(["-f", "commonmark", "-t", to, "--wrap=none"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// A draft of the annual work meeting with `markup` added at its end, rendered.
fn draft_with(markup: &str) -> Document {
    let mut store = Store::open_in_memory().unwrap();
    let id = store
        .create_draft("work-meeting-annual", None, &[])
        .unwrap();
    let nodes = jianggao::markup::parse_outline(markup, LeadStyle::Yao);
    store.insert_nodes(id, nodes, Place::End).unwrap();
    render(&store.draft(id).unwrap())
}

#[test]
fn pandoc_reads_our_markdown_as_we_meant_it() {
    if !have("pandoc") {
        return;
    }
    let hostile = "# 特殊字符\n- **要防止<b>注入</b>。**1. 不是列表，*星号*、_下划线_、[链接](x)、&amp;、# 井号\n- 第二条";
    let doc = draft_with(hostile);
    let md = to_markdown(&doc, MarkdownOptions::default());
    let html = pandoc(&md, "html");

    assert!(html.contains("<h1>在"), "{html}");
    assert!(
        !html.contains("<ol") && !html.contains("<ul"),
        "no lists: {html}"
    );
    assert!(
        !html.contains("<b>") && !html.contains("<a "),
        "user text became markup: {html}"
    );
    assert!(html.contains("注入&lt;/b"), "{html}");
    // Every level-1 heading comes back as <h2> with its number.
    let h1: Vec<&str> = doc
        .nodes
        .iter()
        .filter(|n| n.level == Some(1))
        .map(|n| n.number.as_deref().unwrap())
        .collect();
    for number in &h1 {
        assert!(
            html.contains(&format!("<h2>{number}")),
            "heading {number} missing: {html}"
        );
    }
    // The lead sentence is bold, lead included. (The full stop before the closing `**`
    // moves outside it: CommonMark cannot close bold after punctuation before a letter.)
    assert!(
        html.contains("<strong>一要要防止&lt;b&gt;注入&lt;/b&gt;</strong>。1."),
        "{html}"
    );

    // The plain text pandoc reads equals our text, paragraph by paragraph.
    let plain = pandoc(&md, "plain");
    let norm = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let plain = norm(&plain);
    for node in doc.walk() {
        assert!(
            plain.contains(&norm(&node.display_text())),
            "lost: {}",
            node.display_text()
        );
    }
}

/// Bold lead sentences that hold quotes and brackets: pandoc finds each bold span with
/// its pairs of marks whole, and the text unchanged.
#[test]
fn bold_spans_keep_their_quotes_whole() {
    if !have("pandoc") {
        return;
    }
    let doc = draft_with(
        "- **持之以恒纠治“四风”。**把作风建设抓在日常。\n\
         - **落实《实施意见》**要求，逐项推进。\n\
         - **坚持“项目化”**推进，建立台账。",
    );
    let md = to_markdown(&doc, MarkdownOptions::default());
    let html = pandoc(&md, "html");
    assert!(
        html.contains("<strong>一要持之以恒纠治“四风”</strong>。把作风"),
        "{html}"
    );
    // `》**要` cannot close and `**》` would cut the pair: the title goes out whole.
    assert!(
        html.contains("<strong>二要落实</strong>《实施意见》要求"),
        "{html}"
    );
    assert!(
        html.contains("<strong>三要坚持</strong>“项目化”推进"),
        "{html}"
    );
    for span in html.split("<strong>").skip(1) {
        let bold = span.split("</strong>").next().unwrap();
        for (open, close) in [('“', '”'), ('《', '》'), ('（', '）')] {
            assert_eq!(
                bold.matches(open).count(),
                bold.matches(close).count(),
                "a pair cut by bold: {bold}"
            );
        }
    }
    let norm = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let plain = norm(&pandoc(&md, "plain"));
    for node in doc.walk() {
        assert!(plain.contains(&norm(&node.display_text())));
    }
}

/// (heading level or 0 for a paragraph, text) of every block pulldown-cmark reads.
fn commonmark_blocks(md: &str) -> Vec<(usize, String)> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut text = String::new();
    let mut level = 0;
    let mut front_matter = false;
    for event in Parser::new_ext(md, Options::ENABLE_YAML_STYLE_METADATA_BLOCKS) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => front_matter = true,
            Event::End(TagEnd::MetadataBlock(_)) => front_matter = false,
            Event::Text(_) if front_matter => {}
            Event::Start(Tag::Heading { level: l, .. }) => level = l as usize,
            Event::Start(Tag::Paragraph) => level = 0,
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph) => {
                out.push((level, std::mem::take(&mut text)))
            }
            _ => {}
        }
    }
    out
}

/// Our Markdown export read back by pulldown-cmark gives the outline as rendered: every
/// template, its slots filled (lists and flags included), title, head lines, headings at
/// their level with their numbers, items with their leads, paragraphs, in order.
#[test]
fn pulldown_cmark_reads_our_markdown_as_the_outline() {
    let mut store = Store::open_in_memory().unwrap();
    for t in store.templates(None).unwrap() {
        let id = store.create_draft(&t.id, None, &[]).unwrap();
        for _ in 0..2 {
            // Twice: a list's entries may name more slots.
            let values: Vec<(String, String)> = store
                .draft(id)
                .unwrap()
                .slots()
                .iter()
                .map(|s| {
                    let v = if s.def.example.is_empty()
                        || jianggao::slot::validate(&s.def, &s.def.example).is_err()
                    {
                        format!("{}值", s.def.name)
                    } else {
                        s.def.example.clone()
                    };
                    (s.def.name.clone(), v)
                })
                .collect();
            store.set_slots(id, &values).unwrap();
        }
        let doc = render(&store.draft(id).unwrap());
        let md = to_markdown(&doc, MarkdownOptions { front_matter: true });
        let mut expected = vec![(1, doc.title.clone())];
        expected.extend(doc.head_lines().map(|(_, t)| (0, t.to_string())));
        expected.extend(doc.walk().map(|n| {
            let level = if n.kind == jianggao::outline::NodeKind::Heading {
                n.level.unwrap_or(0) + 1
            } else {
                0
            };
            (level, n.display_text())
        }));
        assert_eq!(commonmark_blocks(&md), expected, "{}:\n{md}", t.id);
    }
}
