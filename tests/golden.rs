//! Golden tests over all built-in content: every template renders with every slot
//! filled, numbered correctly, with nothing left for the check to find; every built-in
//! block does too.

mod common;

use common::fill_all;
use jianggao::document::{Document, Node};
use jianggao::outline::NodeKind;
use jianggao::slot;
use jianggao::store::{Place, Store};
use jianggao::{assets, check, numerals, render, types};

/// Checks heading numbers and item leads against positions, recursively.
fn assert_numbering(nodes: &[Node], depth: usize) {
    let mut headings = 0;
    let mut items = std::collections::HashMap::<String, usize>::new();
    for n in nodes {
        match n.kind {
            NodeKind::Heading => {
                headings += 1;
                assert_eq!(n.level, Some(depth + 1), "level of {:?}", n.text);
                let expected = match depth + 1 {
                    1 => format!("{}、", numerals::number_zh(headings)),
                    2 => format!("（{}）", numerals::number_zh(headings)),
                    3 => format!("{headings}."),
                    _ => format!("（{headings}）"),
                };
                assert_eq!(n.number.as_deref(), Some(expected.as_str()), "{:?}", n.text);
                assert_numbering(&n.children, depth + 1);
            }
            NodeKind::Item => {
                let lead = n.lead.clone().expect("items have a lead");
                // Group by the lead's last character (是, 要, ，): the style.
                let style = lead.chars().last().unwrap().to_string();
                let k = items.entry(style).or_default();
                *k += 1;
                if lead.ends_with('是') || lead.ends_with('要') {
                    assert!(
                        lead.starts_with(&numerals::number_zh(*k as u64)),
                        "{lead} is not number {k}"
                    );
                }
                assert!(n.children.is_empty());
            }
            NodeKind::Paragraph => assert!(n.number.is_none() && n.lead.is_none()),
        }
    }
}

fn assert_clean(doc: &Document, what: &str) {
    let texts: Vec<String> = std::iter::once(doc.title.clone())
        .chain(doc.head_lines().map(|(_, t)| t.to_string()))
        .chain(doc.walk().map(Node::display_text))
        .collect();
    for t in &texts {
        assert!(
            !t.contains("{{") && !t.contains("}}"),
            "{what}: slot syntax left in {t:?}"
        );
        assert!(!t.contains('【'), "{what}: unfilled marker in {t:?}");
        assert!(!t.contains("**"), "{what}: markup left in {t:?}");
    }
    assert!(doc.unfilled.is_empty(), "{what}: {:?}", doc.unfilled);
    let findings = check::check(doc);
    assert!(findings.is_empty(), "{what}: {findings:#?}");
}

/// Speech types whose templates have no numbered headings.
const UNNUMBERED_TYPES: &[&str] = &["host", "greeting"];

#[test]
fn every_template_renders_clean_and_numbered() {
    let mut store = Store::open_in_memory().unwrap();
    let templates = store.templates(None).unwrap();
    assert_eq!(templates.len(), assets::templates().unwrap().len());
    for t in &templates {
        let id = store.create_draft(&t.id, None, &[]).unwrap();
        let before = render::render(&store.draft(id).unwrap());
        assert!(!before.nodes.is_empty(), "{} has an empty outline", t.id);
        // A host script follows the agenda and a 致辞 is a few paragraphs: by custom
        // neither has 一、 headings. Every other type has.
        let headings = before.walk().any(|n| n.kind == NodeKind::Heading);
        assert_eq!(
            headings,
            !UNNUMBERED_TYPES.contains(&t.speech_type.as_str()),
            "{} ({}): headings {headings}",
            t.id,
            t.speech_type
        );
        // Every block a template names exists.
        for s in &t.sections {
            for key in &s.blocks {
                store
                    .block(key)
                    .unwrap_or_else(|_| panic!("{}: no block {key}", t.id));
            }
        }
        fill_all(&mut store, id);
        let doc = render::render(&store.draft(id).unwrap());
        assert_clean(&doc, &t.id);
        assert_numbering(&doc.nodes, 0);
    }
}

#[test]
fn every_builtin_block_renders_clean() {
    let mut store = Store::open_in_memory().unwrap();
    let lib = assets::library().unwrap();
    let draft = store.create_draft("plenary-annual", None, &[]).unwrap();
    // Every block once at the top level (the template's own blocks taken out first),
    // then fill everything: a repeated sentence between two blocks is a finding too.
    let template_nodes: Vec<i64> = store
        .draft(draft)
        .unwrap()
        .nodes
        .iter()
        .map(|n| n.id)
        .collect();
    for id in template_nodes {
        store.remove_node(draft, id).unwrap();
    }
    for b in &lib.blocks {
        store.insert_block(draft, &b.key, Place::End).unwrap();
    }
    fill_all(&mut store, draft);
    let doc = render::render(&store.draft(draft).unwrap());
    assert_clean(&doc, "all blocks");
    assert_numbering(&doc.nodes, 0);
}

#[test]
fn starter_library_is_big_enough_and_tagged() {
    let lib = assets::library().unwrap();
    assert!(lib.blocks.len() >= 190, "{} blocks", lib.blocks.len());
    assert!(lib.phrases.len() >= 250, "{} phrases", lib.phrases.len());
    for b in &lib.blocks {
        assert!(!b.tags.is_empty(), "block {} has no tag", b.key);
        assert!(!b.text.trim().is_empty(), "block {} is empty", b.key);
    }
    let templates = assets::templates().unwrap();
    for t in types::SPEECH_TYPES {
        let n = templates.iter().filter(|x| x.speech_type == t.id).count();
        // Three of the first types have one template; every other has two, and blocks and
        // phrases enough of its own to draft a whole speech.
        if ["work_meeting", "closing", "symposium"].contains(&t.id) {
            assert!(n >= 1, "{} has {n} templates", t.id);
            continue;
        }
        assert!(n >= 2, "{} has {n} templates", t.id);
        let blocks = lib
            .blocks
            .iter()
            .filter(|b| b.types.iter().any(|x| x == t.id));
        let phrases = lib
            .phrases
            .iter()
            .filter(|p| p.types.iter().any(|x| x == t.id));
        let (b, p) = (blocks.count(), phrases.count());
        assert!(b >= 13 && p >= 10, "{}: {b} blocks, {p} phrases", t.id);
    }
    // Keys are unique across files.
    let mut keys: Vec<&str> = lib.blocks.iter().map(|b| b.key.as_str()).collect();
    keys.sort();
    let before = keys.len();
    keys.dedup();
    assert_eq!(before, keys.len(), "duplicate block keys");
}

#[test]
fn builtin_slots_are_described() {
    // Every slot a built-in text uses has a kind and label somewhere, so the slot form
    // can show a proper field for it.
    let cat = assets::catalogue();
    let templates = assets::templates().unwrap();
    let lib = assets::library().unwrap();
    let mut names = Vec::new();
    for b in &lib.blocks {
        slot::names_in(&b.text, &mut names);
    }
    for p in &lib.phrases {
        slot::names_in(&p.text, &mut names);
    }
    for n in &names {
        assert!(
            cat.contains_key(n),
            "slot {n} is used by a block but not in the catalogue"
        );
    }
    for t in &templates {
        let mut names = Vec::new();
        for text in [&t.title]
            .into_iter()
            .chain(t.speaker.iter())
            .chain(t.date.iter())
        {
            slot::names_in(text, &mut names);
        }
        for n in &names {
            assert!(
                cat.contains_key(n) || t.slots.iter().any(|s| &s.name == n),
                "template {}: slot {n} is not described",
                t.id
            );
        }
    }
}

#[test]
fn every_builtin_file_parses() {
    for (file, src) in assets::all_files() {
        assert!(
            toml::from_str::<toml::Table>(src).is_ok(),
            "{file} is not valid TOML"
        );
    }
    assets::library().unwrap();
    assets::templates().unwrap();
    let slots = assets::slots_file().unwrap();
    let mut names: Vec<&str> = slots.iter().map(|s| s.name.as_str()).collect();
    names.sort();
    let n = names.len();
    names.dedup();
    assert_eq!(
        n,
        names.len(),
        "a slot is described twice in assets/slots.toml"
    );
    assert_eq!(assets::catalogue().len(), n);
}

/// A host script's agenda lines (下面进行第N项议程) run 第一项, 第二项 … in order, as many as
/// the script announces (共有N项议程), the last one said to be the last.
#[test]
fn host_scripts_announce_their_agenda_in_order() {
    let mut store = Store::open_in_memory().unwrap();
    let hosts = store.templates(Some("host")).unwrap();
    assert!(hosts.len() >= 2);
    for t in &hosts {
        let id = store.create_draft(&t.id, None, &[]).unwrap();
        fill_all(&mut store, id);
        let doc = render::render(&store.draft(id).unwrap());
        let texts: Vec<String> = doc.walk().map(Node::display_text).collect();
        let announced = texts
            .iter()
            .find_map(|t| {
                let n = t.split("共有").nth(1)?.split("项议程").next()?;
                numerals::parse_number(n)
            })
            .unwrap_or_else(|| panic!("{}: no 共有N项议程", t.id));
        let items: Vec<&String> = texts
            .iter()
            .filter(|t| t.starts_with("下面进行第"))
            .collect();
        assert_eq!(items.len() as u64, announced, "{}: {items:?}", t.id);
        for (i, line) in items.iter().enumerate() {
            let ordinal = format!("下面进行第{}项", numerals::number_zh(i as u64 + 1));
            assert!(
                line.starts_with(&ordinal),
                "{}: {line} is not {ordinal}",
                t.id
            );
        }
        let last = items.last().unwrap();
        assert!(last.contains("最后一项"), "{}: {last}", t.id);
    }
}

/// The templates with logic, lists and flags both ways: a flag 否 drops its part (and the
/// headings after it renumber), an empty list drops the honour list, a filled one reads
/// one collective a paragraph; every way renders clean and numbered.
#[test]
fn template_logic_both_ways() {
    let mut store = Store::open_in_memory().unwrap();
    let render_with = |store: &mut Store, template: &str, values: &[(&str, &str)]| {
        let id = store.create_draft(template, None, &[]).unwrap();
        let values: Vec<(String, String)> = values
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        store.set_slots(id, &values).unwrap();
        fill_all(store, id);
        let doc = render::render(&store.draft(id).unwrap());
        assert_clean(&doc, template);
        assert_numbering(&doc.nodes, 0);
        doc.walk().map(Node::display_text).collect::<Vec<_>>()
    };
    let on = render_with(&mut store, "plenary-annual", &[("部署换届", "是")]);
    let off = render_with(&mut store, "plenary-annual", &[("部署换届", "否")]);
    let part = "扎实做好基层工会换届选举工作";
    let at = on
        .iter()
        .position(|t| t.ends_with(part))
        .expect("the part is shown");
    assert_eq!(on[at], format!("四、{part}"));
    assert!(
        on.iter()
            .any(|t| t == "五、坚持从严治会，全面加强工会自身建设"),
        "{on:#?}"
    );
    assert!(
        on[at + 2].starts_with("一是严把程序关。"),
        "{:?}",
        on[at + 2]
    );
    assert!(!off.iter().any(|t| t.contains(part)));
    assert!(
        off.iter()
            .any(|t| t == "四、坚持从严治会，全面加强工会自身建设"),
        "{off:#?}"
    );
    assert_eq!(on.len(), off.len() + 5);

    let list = "市第一人民医院护理部\n\n城东供电公司运维检修班\n江北区实验小学教研组";
    let with = render_with(&mut store, "commendation-annual", &[("先进集体名单", list)]);
    let at = with
        .iter()
        .position(|t| t == "这次受到表彰的先进集体是：")
        .unwrap();
    assert_eq!(
        with[at + 1..at + 5],
        [
            "市第一人民医院护理部；",
            "城东供电公司运维检修班；",
            "江北区实验小学教研组。",
            "让我们向他们表示热烈的祝贺！"
        ]
    );
    // Not filled: the honour list is left out, not shown as 【先进集体名单】.
    let id = store
        .create_draft("commendation-annual", None, &[])
        .unwrap();
    let without = render::render(&store.draft(id).unwrap());
    assert!(!without
        .walk()
        .any(|n| n.display_text().contains("先进集体是")));
}

/// A five-item agenda: the host script announces five, numbers them in order, calls the
/// last the last and cues each by its kind; moving entries renumbers and re-cues.
#[test]
fn the_agenda_makes_the_host_script_and_follows_moves() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store.create_draft("host-commendation", None, &[]).unwrap();
    let agenda = [
        "奏唱国歌",
        "请{{宣读人}}同志宣读表彰决定",
        "为先进集体颁奖",
        "请{{报告人}}同志作工作报告",
        "请{{讲话领导}}同志讲话",
    ];
    let script = |store: &mut Store, agenda: &[&str]| {
        store
            .set_slots(id, &[("议程".to_string(), agenda.join("\n"))])
            .unwrap();
        fill_all(store, id);
        let doc = render::render(&store.draft(id).unwrap());
        assert_clean(&doc, "host-commendation");
        doc.walk().map(Node::display_text).collect::<Vec<_>>()
    };
    let texts = script(&mut store, &agenda);
    assert!(texts.contains(&"今天的会议共有五项议程。".to_string()));
    let announced = |texts: &[String]| -> Vec<(String, String)> {
        texts
            .iter()
            .enumerate()
            .filter(|(_, t)| t.starts_with("下面进行第"))
            .map(|(i, t)| {
                let ordinal = t
                    .split("项")
                    .next()
                    .unwrap()
                    .trim_start_matches("下面进行第")
                    .to_string();
                // The cue is the first full-width bracketed paragraph after it.
                let cue = texts[i + 1..]
                    .iter()
                    .find(|c| c.starts_with('（') && c.ends_with('）') && c != &"（掌声）")
                    .unwrap()
                    .clone();
                (ordinal, cue)
            })
            .collect()
    };
    let first = announced(&texts);
    assert_eq!(
        first,
        [
            ("一", "（奏唱国歌）"),
            ("二", "（宣读完毕）"),
            ("三", "（颁奖完毕）"),
            ("四", "（报告完毕）"),
            ("五", "（讲话完毕）")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let last = texts
        .iter()
        .find(|t| t.starts_with("下面进行第五项"))
        .unwrap();
    assert!(
        last.starts_with("下面进行第五项，也就是最后一项议程：请市委常委"),
        "{last}"
    );
    // The speech moves to the front and the anthem to the end: ordinals and cues follow.
    let moved = [agenda[4], agenda[1], agenda[2], agenda[3], agenda[0]];
    let texts = script(&mut store, &moved);
    let cues: Vec<String> = announced(&texts).into_iter().map(|(_, c)| c).collect();
    assert_eq!(
        cues,
        [
            "（讲话完毕）",
            "（宣读完毕）",
            "（颁奖完毕）",
            "（报告完毕）",
            "（奏唱国歌）"
        ]
    );
    let first_line = texts
        .iter()
        .find(|t| t.starts_with("下面进行第一项"))
        .unwrap();
    assert!(first_line.ends_with("同志讲话。"), "{first_line}");
    assert!(texts
        .iter()
        .any(|t| t == "下面进行第五项，也就是最后一项议程：奏唱国歌。"));
}
