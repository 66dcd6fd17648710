//! Library search: the pure half (src/search.rs: index tokens, query → index phrase,
//! occurrences, snippets) and the query run against an in-memory library seeded with the
//! starter blocks and phrases. Any query is text, never FTS syntax, so searching must
//! never fail. The first byte picks the options; the rest is `query\0text`.
#![no_main]

use jianggao::search::{self, ItemKind, Sort};
use jianggao::store::{SearchQuery, Store};
use libfuzzer_sys::fuzz_target;

thread_local! {
    // Opening seeds the library, which costs far more than one search: once per process.
    static STORE: Store = Store::open_in_memory().expect("in-memory library");
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(input) = std::str::from_utf8(rest) else {
        return;
    };
    let (query, text) = input.split_once('\u{0}').unwrap_or((input, input));

    if let Some(p) = search::phrase(query) {
        let (search::Phrase::Char(s) | search::Phrase::Bigrams(s)) = p;
        // One quoted phrase: no quote or other syntax inside it.
        let inner = &s[1..s.len() - 1];
        assert!(!inner.contains('"'), "quote inside the phrase {s:?}");
    }
    let mut tokens = String::new();
    search::index_text(text, &mut tokens);
    search::index_bigrams(text, &mut tokens);
    let _ = search::block_search_text(text);
    let _ = search::occurrences(text, query);
    let before = usize::from(sel & 0x0f);
    let width = usize::from(sel >> 4) * 4;
    for seg in search::snippet(text, query, before, width) {
        assert!(!seg.text.is_empty());
    }

    let q = SearchQuery {
        text: query.to_string(),
        kind: match sel % 3 {
            0 => None,
            1 => Some(ItemKind::Block),
            _ => Some(ItemKind::Phrase),
        },
        speech_type: None,
        tag: (sel & 0x08 != 0).then(|| text.chars().take(8).collect()),
        favourite: sel & 0x10 != 0,
        sort: match (sel >> 5) % 3 {
            0 => Sort::Relevance,
            1 => Sort::Used,
            _ => Sort::Recent,
        },
        limit: usize::from(sel >> 6) * 7,
    };
    STORE.with(|store| {
        if let Err(e) = store.search(&q) {
            panic!("search {q:?} failed: {e}");
        }
    });
});
