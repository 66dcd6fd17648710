//! A realistic synthetic library for benchmarks: blocks recombined from the sentences of
//! the built-in library, with varied lengths, tags, speech types, favourites and use
//! counts. Deterministic for a seed, so figures can be compared between runs.

use crate::assets;
use crate::outline::LeadStyle;
use crate::store::NewBlock;
use crate::types::SPEECH_TYPES;

/// xorshift64*: small, deterministic, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

const PLACES: &[&str] = &[
    "东城区",
    "南湖县",
    "北山镇",
    "西江开发区",
    "高新区",
    "临港园区",
    "滨河街道",
    "青山乡",
];
const EXTRA_TAGS: &[&str] = &[
    "基层调研",
    "职工书屋",
    "技能比武",
    "工会经费",
    "法律援助",
    "职工之家",
    "工匠学院",
    "春送岗位",
];

/// The sentences of the built-in blocks, markup and slots removed.
fn sentences() -> Vec<String> {
    let lib = assets::library().unwrap_or_default();
    let mut out = Vec::new();
    for b in &lib.blocks {
        let text = crate::search::block_search_text(&b.text);
        let mut cur = String::new();
        for c in text.chars() {
            if c == '\n' {
                continue;
            }
            cur.push(c);
            if matches!(c, '。' | '！' | '？' | '；') {
                if cur.chars().count() > 6 && !cur.contains("{{") {
                    out.push(std::mem::take(&mut cur));
                }
                cur.clear();
            }
        }
    }
    if out.is_empty() {
        out.push("各级工会要坚持以职工为中心，扎实做好服务职工工作。".into());
    }
    out
}

/// One synthetic library entry with its favourite mark and use count.
pub struct SynthBlock {
    pub block: NewBlock,
    pub favourite: bool,
    pub use_count: i64,
}

/// `n` blocks, deterministic for `seed`.
pub fn blocks(n: usize, seed: u64) -> Vec<SynthBlock> {
    let mut rng = Rng::new(seed);
    let sents = sentences();
    let lib_tags: Vec<String> = {
        let mut t: Vec<String> = assets::library()
            .unwrap_or_default()
            .blocks
            .iter()
            .flat_map(|b| b.tags.clone())
            .collect();
        t.sort();
        t.dedup();
        t.extend(EXTRA_TAGS.iter().map(|s| s.to_string()));
        t
    };
    (0..n)
        .map(|i| {
            // Lengths: mostly one paragraph of 2–4 sentences, some long, some items.
            let shape = rng.below(10);
            let count = match shape {
                0..=5 => 2 + rng.below(3),
                6..=7 => 5 + rng.below(6),
                _ => 3,
            };
            let items = shape >= 8;
            let mut lines = Vec::new();
            for k in 0..count {
                let mut s = sents[rng.below(sents.len())].clone();
                if rng.below(4) == 0 {
                    s = format!("{}{}", PLACES[rng.below(PLACES.len())], s);
                }
                if rng.below(5) == 0 {
                    s.push_str(&format!(
                        "全年完成{}项，同比增长{}.{}%。",
                        10 + rng.below(990),
                        rng.below(30),
                        rng.below(10)
                    ));
                }
                if items {
                    lines.push(format!("- {s}"));
                } else if k == 0 {
                    lines.push(s);
                } else if let Some(last) = lines.last_mut() {
                    last.push_str(&s);
                }
            }
            let text = lines.join("\n");
            let title: String = crate::search::block_search_text(&text)
                .chars()
                .take(14)
                .collect();
            let tags = (0..1 + rng.below(3))
                .map(|_| lib_tags[rng.below(lib_tags.len())].clone())
                .collect();
            let types = (0..rng.below(3))
                .map(|_| SPEECH_TYPES[rng.below(SPEECH_TYPES.len())].id.to_string())
                .collect();
            SynthBlock {
                block: NewBlock {
                    title: Some(format!("{title}（{i}）")),
                    text,
                    lead: LeadStyle::ALL[rng.below(4)],
                    types,
                    tags,
                },
                favourite: rng.below(100) == 0,
                use_count: if rng.below(10) == 0 {
                    rng.below(50) as i64
                } else {
                    0
                },
            }
        })
        .collect()
}

/// Adds `n` synthetic blocks to a library (one transaction for the blocks).
pub fn fill(store: &mut crate::store::Store, n: usize, seed: u64) -> crate::Result<()> {
    let list = blocks(n, seed);
    let news: Vec<NewBlock> = list.iter().map(|s| s.block.clone()).collect();
    let ids = store.add_blocks(&news)?;
    store.write(|tx| {
        for (id, s) in ids.iter().zip(&list) {
            if s.use_count > 0 {
                tx.execute(
                    "UPDATE blocks SET use_count = ?2 WHERE id = ?1",
                    (id, s.use_count),
                )?;
            }
        }
        Ok(())
    })?;
    for (id, s) in ids.iter().zip(&list) {
        if s.favourite {
            store.set_favourite(crate::search::ItemKind::Block, *id, true)?;
        }
    }
    store.optimize_index()
}

/// A draft of at least `min_chars` 字 from the built-in blocks, every slot filled with
/// its example: the benchmarks' standard long speech.
pub fn long_draft(store: &mut crate::store::Store, min_chars: usize) -> crate::Result<i64> {
    let id = store.create_draft("plenary-annual", None, &[])?;
    let keys: Vec<String> = assets::library()?
        .blocks
        .into_iter()
        .map(|b| b.key)
        .collect();
    for key in keys.iter().cycle() {
        let doc = crate::render::render(&store.draft(id)?);
        if crate::stats::stats(&doc, crate::stats::DEFAULT_RATE).chars >= min_chars {
            break;
        }
        store.insert_block(id, key, crate::store::Place::End)?;
    }
    let values: Vec<(String, String)> = store
        .draft(id)?
        .slots()
        .into_iter()
        .map(|s| {
            let v = if s.def.example.is_empty() {
                "示例".to_string()
            } else {
                s.def.example
            };
            (s.def.name, v)
        })
        .collect();
    store.set_slots(id, &values)?;
    Ok(id)
}
