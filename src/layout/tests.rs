use super::*;
use crate::document::{Meta, Node};

pub(crate) fn doc(texts: &[&str]) -> Document {
    Document {
        title: "在全市总工会表彰大会上的讲话".into(),
        speaker: Some("王建华".into()),
        date: Some("（2026年4月28日）".into()),
        greeting: Some("同志们：".into()),
        speech_type: "commendation".into(),
        meta: Meta::default(),
        unfilled: vec![],
        nodes: texts
            .iter()
            .enumerate()
            .map(|(i, t)| Node {
                id: i as i64 + 1,
                kind: NodeKind::Paragraph,
                level: None,
                number: None,
                lead: None,
                text: t.to_string(),
                runs: plain(t),
                note: None,
                children: vec![],
            })
            .collect(),
    }
}

fn body_texts(pages: &[PlacedPage]) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| &p.lines)
        .filter(|l| l.style == LineStyle::Body)
        .map(PlacedLine::text)
        .collect()
}

fn official(texts: &[&str]) -> Vec<PlacedPage> {
    lay_out(&doc(texts), &LayoutProfile::official(), &Metrics::grid())
}

/// Breaks one paragraph of grid cells into line texts (28 cells, no indent).
fn broken(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let m = Metrics::grid();
    let widths: Vec<f32> = chars.iter().map(|c| m.em(*c) * 15.75).collect();
    lines(&chars, &widths, 442.2, 0.0)
        .into_iter()
        .map(|(a, b)| chars[a..b].iter().collect())
        .collect()
}

#[test]
fn a_full_official_page_holds_22_lines_of_28_characters() {
    // Paragraphs of 28 × k characters fill whole lines; the page must hold 22 of them.
    let para = "工".repeat(26 + 28 * 3);
    let texts: Vec<&str> = (0..12).map(|_| para.as_str()).collect();
    let pages = official(&texts);
    assert!(pages.len() >= 2);
    let second = &pages[1];
    assert_eq!(second.lines.len(), 22);
    for l in &second.lines {
        let n = l.text().chars().count();
        assert_eq!(n, if l.indent { 26 } else { 28 }, "{}", l.text());
    }
    // The 22 lines fill the 225 mm block: the last line ends at its bottom.
    let last = second.lines.last().map(|l| l.top + l.height).unwrap_or(0.0);
    let block_bottom = pt(16838 - 1984);
    assert!(
        (block_bottom - last).abs() < 1.0,
        "{last} vs {block_bottom}"
    );
}

#[test]
fn lines_hold_28_characters_and_the_first_is_indented() {
    let text = "工".repeat(60);
    let pages = official(&[&text]);
    let lens: Vec<usize> = body_texts(&pages)
        .iter()
        .map(|t| t.chars().count())
        .collect();
    assert_eq!(lens, vec![26, 28, 6]);
    let first = pages[0]
        .lines
        .iter()
        .find(|l| l.style == LineStyle::Body)
        .map(|l| l.runs[0].x);
    // Two characters (2 × 16 pt) in from the 28 mm margin.
    assert_eq!(first, Some(pt(1587) + 32.0));
}

#[test]
fn one_closing_mark_hangs_in_the_margin() {
    let lines = broken(&format!("{}。后面的话", "工".repeat(28)));
    assert_eq!(lines[0].chars().count(), 29);
    assert!(lines[0].ends_with('。'));
    assert_eq!(lines[1], "后面的话");
}

#[test]
fn two_closing_marks_take_the_character_before_them_down() {
    // 工×27 then 字”。: ” would be the 29th; two marks cannot hang, so 字 goes down.
    let lines = broken(&format!("{}字”。后面的话", "工".repeat(27)));
    assert_eq!(lines[0], "工".repeat(27));
    assert!(lines[1].starts_with("字”。"), "{lines:?}");
}

#[test]
fn an_opening_mark_never_ends_a_line() {
    let lines = broken(&format!("{}“四风”问题", "工".repeat(27)));
    assert!(!lines[0].ends_with('“'), "{lines:?}");
    assert!(lines[1].starts_with("“四"), "{lines:?}");
}

#[test]
fn dashes_numbers_and_latin_words_are_not_split() {
    for (tail, token) in [
        ("——后面的话", "——"),
        ("……后面的话", "……"),
        ("12.5%的增长", "12.5%"),
        ("Word文档", "Word"),
    ] {
        let lines = broken(&format!("{}{tail}", "工".repeat(27)));
        assert!(
            lines.iter().any(|l| l.contains(token)),
            "{token} split: {lines:?}"
        );
    }
}

#[test]
fn no_single_character_last_line() {
    // 57 characters: 28 + 28 + 1 would leave one alone.
    let lines = broken(&"工".repeat(57));
    assert_eq!(
        lines.last().map(|l| l.chars().count()),
        Some(2),
        "{lines:?}"
    );
    // A closing mark after it does not count as a character.
    let lines = broken(&format!("{}。", "工".repeat(57)));
    assert!(
        lines.last().is_some_and(|l| l.chars().count() >= 3),
        "{lines:?}"
    );
}

#[test]
fn a_heading_never_ends_a_page() {
    // 20 lines of body, then a heading: it would be the 21st or 22nd line.
    let mut d = doc(&[&"工".repeat(26 + 28 * 15)]);
    let heading = |id: i64| Node {
        id,
        kind: NodeKind::Heading,
        level: Some(1),
        number: Some("一、".into()),
        lead: None,
        text: "标题".into(),
        runs: plain("标题"),
        note: None,
        children: vec![],
    };
    let body = |id: i64| Node {
        kind: NodeKind::Paragraph,
        level: None,
        number: None,
        text: "工".repeat(100),
        runs: plain(&"工".repeat(100)),
        ..heading(id)
    };
    d.nodes.push(heading(10));
    d.nodes.push(body(11));
    let pages = lay_out(&d, &LayoutProfile::official(), &Metrics::grid());
    for p in &pages {
        let last = p.lines.last().map(|l| l.style);
        assert_ne!(
            last,
            Some(LineStyle::Heading1),
            "page {} ends with a heading",
            p.number
        );
    }
    assert!(pages[1].lines[0].style == LineStyle::Heading1);
}

#[test]
fn pages_are_numbered_outside_with_dashes() {
    let texts: Vec<String> = (0..40).map(|_| "工".repeat(20)).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let pages = official(&refs);
    assert_eq!(pages[0].folio.text(), "— 1 —");
    assert_eq!(pages[1].folio.text(), "— 2 —");
    // Odd right, even left.
    assert!(pages[0].folio.runs[0].x > pages[1].folio.runs[0].x + 200.0);
    let total: usize = pages.iter().map(|p| p.lines.len()).sum();
    assert_eq!(total, 1 + 2 + 1 + 1 + 40);
}

#[test]
fn podium_pages_keep_lines_in_the_block_and_never_leave_a_widow() {
    let texts: Vec<String> = (0..30).map(|i| "工".repeat(30 + i * 7)).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let profile = LayoutProfile::podium();
    let pages = lay_out(&doc(&refs), &profile, &Metrics::grid());
    let bottom = pt(profile.page.height - profile.page.bottom);
    for p in &pages {
        for l in &p.lines {
            assert!(l.top + l.height <= bottom + 0.01);
        }
        // A paragraph's last line is not alone at the top of a page.
        if let (Some(first), Some(prev)) = (p.lines.first(), p.number.checked_sub(2)) {
            let before = pages[prev]
                .lines
                .iter()
                .filter(|l| l.node == first.node)
                .count();
            let here = p.lines.iter().filter(|l| l.node == first.node).count();
            assert!(before == 0 || here >= 2, "widow on page {}", p.number);
        }
    }
}

/// Slots left blank in the title and the head lines are marked as in the body, so a
/// profile that highlights them (podium) does so there too, as the .docx does.
#[test]
fn blank_slots_in_the_title_and_head_lines_are_marked() {
    let mut d = doc(&["正文。"]);
    d.title = "在【年份】表彰大会上的讲话".into();
    d.date = Some("（【日期】）".into());
    d.unfilled = vec!["年份".into(), "日期".into()];
    let pages = lay_out(&d, &LayoutProfile::podium(), &Metrics::default());
    let marked: Vec<(LineStyle, String)> = pages[0]
        .lines
        .iter()
        .flat_map(|l| l.runs.iter().map(move |r| (l.style, r)))
        .filter(|(_, r)| r.unfilled)
        .map(|(s, r)| (s, r.text.clone()))
        .collect();
    assert_eq!(
        marked,
        vec![
            (LineStyle::Title, "【年份】".to_string()),
            (LineStyle::Head, "【日期】".to_string())
        ]
    );
}
