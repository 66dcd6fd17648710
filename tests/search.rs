//! Library search: exact for any query length, literal, ranked, filtered; tags; use
//! statistics; packs.

use jianggao::search::{ItemKind, Sort};
use jianggao::store::{NewBlock, SearchQuery, Store};
use jianggao::{pack, synth, ErrorKind};

fn q(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        limit: 1000,
        ..SearchQuery::default()
    }
}

/// Every block whose title, tags or text contains the query, by brute force.
fn brute_force(store: &Store, query: &str) -> Vec<i64> {
    let all = store
        .search(&SearchQuery {
            kind: Some(ItemKind::Block),
            limit: 1000,
            ..SearchQuery::default()
        })
        .unwrap();
    let fold = |s: &str| s.to_lowercase();
    let mut ids: Vec<i64> = all
        .iter()
        .filter(|h| {
            let qq = fold(query);
            fold(&h.title).contains(&qq)
                || fold(&h.text).contains(&qq)
                || h.tags.iter().any(|t| fold(t).contains(&qq))
        })
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn search_is_exact_for_one_to_five_characters() {
    let mut store = Store::open_in_memory().unwrap();
    synth::fill(&mut store, 600, 7).unwrap();
    let texts: Vec<String> = store
        .search(&SearchQuery {
            kind: Some(ItemKind::Block),
            limit: 1000,
            ..SearchQuery::default()
        })
        .unwrap()
        .into_iter()
        .map(|h| h.text)
        .collect();
    assert!(texts.len() >= 600);
    // Queries cut from real texts at many places, of 1 to 5 characters, plus misses.
    let mut rng = synth::Rng::new(99);
    let mut queries: Vec<String> = vec![
        "工".into(),
        "会".into(),
        "党".into(),
        "工会".into(),
        "职工".into(),
        "2026".into(),
        "%".into(),
        "。".into(),
        "不存在的词语".into(),
    ];
    for _ in 0..120 {
        let t: Vec<char> = texts[rng.below(texts.len())].chars().collect();
        let len = 1 + rng.below(5);
        if t.len() > len {
            let at = rng.below(t.len() - len);
            queries.push(t[at..at + len].iter().collect());
        }
    }
    for query in queries {
        if query.trim().is_empty() {
            continue;
        }
        let mut found: Vec<i64> = store
            .search(&SearchQuery {
                kind: Some(ItemKind::Block),
                ..q(&query)
            })
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect();
        found.sort();
        let expected = brute_force(&store, query.trim());
        if expected.len() < 1000 {
            assert_eq!(found, expected, "query {query:?}");
        }
    }
}

#[test]
fn query_syntax_is_text() {
    let mut store = Store::open_in_memory().unwrap();
    let weird = "引号\"星号*括号(冒号:AND OR NOT NEAR^-{}[]'";
    let id = store
        .add_block(NewBlock {
            text: format!("这是一段包含{weird}的文字"),
            ..NewBlock::default()
        })
        .unwrap();
    for query in [
        "\"", "*", "(", ":", "AND", "OR", "NOT", "NEAR", "^", "-", "{", "'", "AND OR", "NEAR^",
        "号\"星", weird,
    ] {
        let hits = store.search(&q(query)).unwrap();
        assert!(
            hits.iter().any(|h| h.id == id && h.kind == ItemKind::Block),
            "{query:?} did not find the block"
        );
    }
    assert!(store.search(&q("NOT OR")).unwrap().is_empty());
}

#[test]
fn ranking_title_then_tags_then_text_then_favourites_and_use() {
    let mut store = Store::open_in_memory().unwrap();
    let add = |store: &mut Store, title: &str, text: &str, tag: &str| {
        store
            .add_block(NewBlock {
                title: Some(title.into()),
                text: text.into(),
                tags: vec![tag.into()],
                ..NewBlock::default()
            })
            .unwrap()
    };
    let in_text = add(&mut store, "第一块", "文中提到琢玉匠心一次。", "其他");
    let in_tag = add(&mut store, "第二块", "没有那个词。", "琢玉匠心");
    let in_title = add(&mut store, "琢玉匠心专段", "正文。", "其他");
    let twice = add(&mut store, "第四块", "琢玉匠心，琢玉匠心。", "其他");
    let fav = add(&mut store, "第五块", "也提到琢玉匠心。", "其他");
    store.set_favourite(ItemKind::Block, fav, true).unwrap();
    let order: Vec<i64> = store
        .search(&SearchQuery {
            kind: Some(ItemKind::Block),
            ..q("琢玉匠心")
        })
        .unwrap()
        .iter()
        .map(|h| h.id)
        .collect();
    // Title, tags, then text: favourites first, then the most recently added.
    assert_eq!(order, vec![in_title, in_tag, fav, twice, in_text]);

    // 常用: use count first. Inserting into a draft counts a use.
    let draft = store.create_draft("symposium-workers", None, &[]).unwrap();
    store
        .insert_block(draft, &in_text.to_string(), jianggao::store::Place::End)
        .unwrap();
    store
        .insert_block(draft, &in_text.to_string(), jianggao::store::Place::End)
        .unwrap();
    let used = store
        .search(&SearchQuery {
            kind: Some(ItemKind::Block),
            sort: Sort::Used,
            ..q("琢玉匠心")
        })
        .unwrap();
    assert_eq!(used[0].id, in_text);
    assert_eq!(used[0].use_count, 2);
    // Snippets mark the hit.
    assert!(used[0]
        .snippet
        .iter()
        .any(|s| s.hit && s.text == "琢玉匠心"));
}

#[test]
fn filters_kind_type_tag_favourite() {
    let mut store = Store::open_in_memory().unwrap();
    let a = store
        .add_block(NewBlock {
            text: "筑牢防汛抗旱防线。".into(),
            types: vec!["work_meeting".into()],
            tags: vec!["防汛抗旱".into()],
            ..NewBlock::default()
        })
        .unwrap();
    let b = store
        .add_block(NewBlock {
            text: "防汛抗旱无小事。".into(),
            types: vec!["commendation".into()],
            ..NewBlock::default()
        })
        .unwrap();
    let any = store
        .add_block(NewBlock {
            text: "防汛抗旱责任重于泰山。".into(),
            ..NewBlock::default()
        })
        .unwrap();
    let p = store
        .add_phrase("防汛抗旱警钟长鸣", &["防汛抗旱".into()], &[])
        .unwrap();
    fn ids_of(store: &Store, sq: SearchQuery) -> Vec<(ItemKind, i64)> {
        let mut v: Vec<(ItemKind, i64)> = store
            .search(&sq)
            .unwrap()
            .iter()
            .map(|h| (h.kind, h.id))
            .collect();
        v.sort();
        v
    }
    let ids = |sq: SearchQuery| ids_of(&store, sq);
    let base = q("防汛抗旱无小事。");
    assert_eq!(ids(base.clone()), vec![(ItemKind::Block, b)]);
    let typed = ids(SearchQuery {
        speech_type: Some("work_meeting".into()),
        kind: Some(ItemKind::Block),
        ..q("防汛抗旱")
    });
    assert_eq!(
        typed,
        vec![(ItemKind::Block, a), (ItemKind::Block, any)],
        "a type filter keeps blocks for any type"
    );
    let tagged = ids(SearchQuery {
        tag: Some("防汛抗旱".into()),
        ..q("防汛")
    });
    assert_eq!(tagged, vec![(ItemKind::Block, a), (ItemKind::Phrase, p)]);
    let phrases = ids(SearchQuery {
        kind: Some(ItemKind::Phrase),
        ..q("防汛")
    });
    assert_eq!(phrases, vec![(ItemKind::Phrase, p)]);
    store.set_favourite(ItemKind::Phrase, p, true).unwrap();
    let favs = ids_of(
        &store,
        SearchQuery {
            favourite: true,
            ..q("防汛")
        },
    );
    assert_eq!(favs, vec![(ItemKind::Phrase, p)]);
    // Without text, filters list.
    let listed = ids_of(
        &store,
        SearchQuery {
            favourite: true,
            ..SearchQuery::default()
        },
    );
    assert_eq!(listed, vec![(ItemKind::Phrase, p)]);
    assert_eq!(
        store
            .search(&SearchQuery {
                speech_type: Some("wedding".into()),
                ..q("x")
            })
            .unwrap_err()
            .kind(),
        ErrorKind::BadInput
    );
}

#[test]
fn edits_and_deletes_reach_the_index() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store
        .add_block(NewBlock {
            text: "原来的说法。".into(),
            ..NewBlock::default()
        })
        .unwrap();
    store
        .update_block(
            id,
            NewBlock {
                text: "新的提法。".into(),
                ..NewBlock::default()
            },
        )
        .unwrap();
    assert!(store.search(&q("原来的说法")).unwrap().is_empty());
    assert_eq!(store.search(&q("新的提法")).unwrap()[0].id, id);
    let gone = store.delete_block(id).unwrap();
    assert_eq!(gone.text, "新的提法。");
    assert!(store.search(&q("新的提法")).unwrap().is_empty());
    let p = store.add_phrase("久久为功", &[], &[]).unwrap();
    store
        .update_phrase(p, "久久为功、恒心如磐", &["结尾".into()], &[])
        .unwrap();
    assert_eq!(
        store
            .search(&SearchQuery {
                tag: Some("结尾".into()),
                ..q("恒心如磐")
            })
            .unwrap()
            .len(),
        1
    );
    assert_eq!(store.use_phrase(p).unwrap().use_count, 1);
    store.delete_phrase(p).unwrap();
    assert!(store.search(&q("恒心如磐")).unwrap().is_empty());
}

#[test]
fn tags_count_rename_merge_and_bulk() {
    let mut store = Store::open_in_memory().unwrap();
    let a = store
        .add_block(NewBlock {
            text: "甲段。".into(),
            tags: vec!["旧名".into()],
            ..NewBlock::default()
        })
        .unwrap();
    let b = store
        .add_block(NewBlock {
            text: "乙段。".into(),
            tags: vec!["目标".into()],
            ..NewBlock::default()
        })
        .unwrap();
    let p = store.add_phrase("丙句", &["旧名".into()], &[]).unwrap();
    let count =
        |store: &Store, name: &str| store.tags().unwrap().into_iter().find(|t| t.name == name);
    assert_eq!(
        count(&store, "旧名").map(|t| (t.blocks, t.phrases)),
        Some((1, 1))
    );
    assert!(!store.rename_tag("旧名", "新名").unwrap());
    assert!(count(&store, "旧名").is_none());
    assert_eq!(
        store
            .search(&SearchQuery {
                tag: Some("新名".into()),
                ..q("甲")
            })
            .unwrap()[0]
            .id,
        a
    );
    assert!(
        store.rename_tag("新名", "目标").unwrap(),
        "merges into an existing tag"
    );
    assert_eq!(
        count(&store, "目标").map(|t| (t.blocks, t.phrases)),
        Some((2, 1))
    );
    assert_eq!(
        store
            .tag_items(
                "批量",
                &[
                    (ItemKind::Block, a),
                    (ItemKind::Block, b),
                    (ItemKind::Phrase, p)
                ],
                true
            )
            .unwrap(),
        3
    );
    assert_eq!(
        store
            .tag_items("批量", &[(ItemKind::Block, a)], false)
            .unwrap(),
        1
    );
    assert_eq!(
        count(&store, "批量").map(|t| (t.blocks, t.phrases)),
        Some((1, 1))
    );
    // An unknown item fails the whole call.
    let before = store.tags().unwrap();
    assert_eq!(
        store
            .tag_items(
                "又一个",
                &[(ItemKind::Block, b), (ItemKind::Block, 999_999)],
                true
            )
            .unwrap_err()
            .kind(),
        ErrorKind::NotFound
    );
    assert_eq!(store.tags().unwrap(), before);
    assert_eq!(
        store.rename_tag("没有", "x").unwrap_err().kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn packs_round_trip_deduplicate_and_are_all_or_nothing() {
    let mut from = Store::open_in_memory().unwrap();
    let mine = from
        .add_block(NewBlock {
            text: "- **我的段落。**我的内容。".into(),
            tags: vec!["自建".into()],
            ..NewBlock::default()
        })
        .unwrap();
    from.set_favourite(ItemKind::Block, mine, true).unwrap();
    from.add_phrase("我的金句", &["自建".into()], &[]).unwrap();
    let pack = from.export_pack(&["自建".into()]).unwrap();
    assert_eq!((pack.blocks.len(), pack.phrases.len()), (1, 1));
    let json = pack.to_json().unwrap();
    let read = pack::Pack::parse(json.as_bytes()).unwrap();
    assert_eq!(read, pack);

    let mut to = Store::open_in_memory().unwrap();
    let r = to.import_pack(&read).unwrap();
    assert_eq!((r.blocks.added, r.phrases.added), (1, 1));
    let r = to.import_pack(&read).unwrap();
    assert_eq!(
        (r.blocks.added, r.blocks.skipped, r.phrases.skipped),
        (0, 1, 1)
    );
    let hit = to.search(&q("我的段落")).unwrap();
    assert!(hit[0].favourite);

    // The same content with other spacing and a new tag merges.
    let mut again = read.clone();
    again.blocks[0].text = "- **我的段落。** 我的内容。".into();
    again.blocks[0].tags.push("新增".into());
    let r = to.import_pack(&again).unwrap();
    assert_eq!((r.blocks.added, r.blocks.merged), (0, 1));
    assert!(to.search(&q("我的段落")).unwrap()[0]
        .tags
        .contains(&"新增".to_string()));

    // The whole built-in library exported and imported into a fresh one: all skipped.
    let all = to.export_pack(&[]).unwrap();
    let mut fresh = Store::open_in_memory().unwrap();
    let (b0, p0, _) = fresh.library_counts().unwrap();
    let r = fresh.import_pack(&all).unwrap();
    assert_eq!(r.blocks.added, 1);
    assert_eq!(r.blocks.skipped + r.blocks.merged, b0 as usize);
    assert_eq!(
        r.phrases.skipped + r.phrases.merged + r.phrases.added,
        all.phrases.len()
    );
    assert!(p0 > 0);

    // A broken entry anywhere changes nothing.
    let mut bad = read.clone();
    bad.blocks.push(pack::PackBlock {
        title: "x".into(),
        text: "坏的{{占位".into(),
        lead: Default::default(),
        types: vec![],
        tags: vec![],
        favourite: false,
    });
    bad.phrases[0].text = "全新的一句".into();
    let mut target = Store::open_in_memory().unwrap();
    let before = target.library_counts().unwrap();
    let e = target.import_pack(&bad).unwrap_err();
    assert!(e.to_string().contains("pack block 2"), "{e}");
    assert_eq!(target.library_counts().unwrap(), before);
}
