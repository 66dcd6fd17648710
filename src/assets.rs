//! Built-in content compiled into the program: the slot catalogue, the starter library
//! (blocks and phrases) and the speech templates. Seeding copies them into the store.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::Result;
use crate::outline::LeadStyle;
use crate::slot::SlotDef;
use crate::template::{self, Template};

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

const SLOTS_FILE: (&str, &str) = ("assets/slots.toml", include_str!("../assets/slots.toml"));

/// A block as written in a library file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BlockDef {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub types: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub lead: LeadStyle,
    pub text: String,
}

/// A phrase as written in a library file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PhraseDef {
    pub key: String,
    pub text: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub types: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryFile {
    #[serde(default)]
    pub block: Vec<BlockDef>,
    #[serde(default)]
    pub phrase: Vec<PhraseDef>,
}

/// The whole built-in library, every file read.
#[derive(Debug, Default)]
pub struct Library {
    pub blocks: Vec<BlockDef>,
    pub phrases: Vec<PhraseDef>,
}

/// Parses one library file; errors name the file, line and column.
pub fn parse_library_file(file: &str, src: &str) -> Result<LibraryFile> {
    let lib: LibraryFile = template::from_toml(file, src)?;
    for b in &lib.block {
        template::check_key(file, src, &b.key)?;
        template::check_slots(file, src, &b.text)?;
        template::check_slots(file, src, &b.title)?;
        for t in &b.types {
            template::check_type(file, src, t)?;
        }
    }
    for p in &lib.phrase {
        template::check_key(file, src, &p.key)?;
        template::check_slots(file, src, &p.text)?;
        for t in &p.types {
            template::check_type(file, src, t)?;
        }
    }
    Ok(lib)
}

/// Reads every built-in library file.
pub fn library() -> Result<Library> {
    let mut lib = Library::default();
    for (file, src) in LIBRARY_FILES {
        let f = parse_library_file(file, src)?;
        lib.blocks.extend(f.block);
        lib.phrases.extend(f.phrase);
    }
    Ok(lib)
}

/// Reads every built-in template.
pub fn templates() -> Result<Vec<Template>> {
    TEMPLATE_FILES
        .iter()
        .map(|(file, src)| Template::parse(file, src))
        .collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SlotsFile {
    slot: Vec<SlotDef>,
}

/// The slot catalogue (assets/slots.toml). The built-in file is checked by tests, so a
/// parse failure cannot reach a user; it would degrade to fewer described slots rather
/// than failing every command.
pub fn catalogue() -> &'static BTreeMap<String, SlotDef> {
    static CATALOGUE: OnceLock<BTreeMap<String, SlotDef>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let (file, src) = SLOTS_FILE;
        template::from_toml::<SlotsFile>(file, src)
            .map(|f| f.slot.into_iter().map(|s| (s.name.clone(), s)).collect())
            .unwrap_or_default()
    })
}

/// The slot catalogue file parsed strictly, for tests.
pub fn slots_file() -> Result<Vec<SlotDef>> {
    let (file, src) = SLOTS_FILE;
    Ok(template::from_toml::<SlotsFile>(file, src)?.slot)
}

/// A digest of all built-in content, computed by build.rs; seeding runs again only
/// when it changes.
pub fn digest() -> &'static str {
    DIGEST
}

/// FNV-1a, 64 bit: a stable content hash (std's hasher may change between releases).
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// A string, ended by 0xff (a byte no UTF-8 string holds), so parts cannot run together.
    pub fn write(&mut self, s: &str) {
        self.write_bytes(s.as_bytes());
        self.write_bytes(&[0xff]);
    }

    pub fn write_bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    pub fn hash(parts: &[&str]) -> String {
        let mut h = Fnv::default();
        for p in parts {
            h.write(p);
        }
        format!("{:016x}", h.0)
    }
}

/// Every built-in file, for tests that check them all.
pub fn all_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    std::iter::once(SLOTS_FILE)
        .chain(TEMPLATE_FILES.iter().copied())
        .chain(LIBRARY_FILES.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_time_digest_is_the_hash_of_the_files() {
        let mut h = Fnv::default();
        h.write(SLOTS_FILE.1);
        for (name, src) in TEMPLATE_FILES.iter().chain(LIBRARY_FILES) {
            h.write(name);
            h.write(src);
        }
        assert_eq!(format!("{:016x}", h.0), digest());
    }
}
