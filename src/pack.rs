//! Library packs: a library (or the part with some tags) in one file, for a colleague or
//! a new computer. The format is JSON, documented in docs/pack-format.md:
//!
//! ```json
//! {"format": "jianggao-pack", "version": 1, "generator": "jianggao 0.1.0",
//!  "blocks": [{"title": "…", "text": "…", "lead": "shi", "types": [], "tags": [], "favourite": false}],
//!  "phrases": [{"text": "…", "types": [], "tags": [], "favourite": false}],
//!  "rules": [{"match": "…", "to": ["…"], "level": "必改", "reason": "…"}]}
//! ```

use serde::{Deserialize, Serialize};

use crate::check::table::UserRule;
use crate::error::{Error, Result};
use crate::outline::LeadStyle;
use crate::search::block_search_text;

pub const FORMAT: &str = "jianggao-pack";
pub const VERSION: u32 = 1;
/// Largest pack read: generous for a lifetime library, small enough to refuse by mistake.
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Pack {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub generator: String,
    #[serde(default)]
    pub blocks: Vec<PackBlock>,
    #[serde(default)]
    pub phrases: Vec<PackPhrase>,
    /// The writer's own check rules (本单位); only in a pack of the whole library.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<UserRule>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PackBlock {
    pub title: String,
    pub text: String,
    #[serde(default)]
    pub lead: LeadStyle,
    #[serde(default)]
    pub types: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub favourite: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PackPhrase {
    pub text: String,
    #[serde(default)]
    pub types: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub favourite: bool,
}

impl Pack {
    pub fn new() -> Pack {
        Pack {
            format: FORMAT.into(),
            version: VERSION,
            generator: format!("jianggao {}", env!("CARGO_PKG_VERSION")),
            blocks: Vec::new(),
            phrases: Vec::new(),
            rules: Vec::new(),
        }
    }

    /// Reads a pack, refusing other files and newer versions with a clear message.
    pub fn parse(bytes: &[u8]) -> Result<Pack> {
        let bad = |why: String| Error::BadPack { file: None, why };
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| bad(format!("not valid JSON: {e}")))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(bad("no \"format\": \"jianggao-pack\"".into()));
        }
        match value.get("version").and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) if v > u64::from(VERSION) => {
                return Err(Error::PackTooNew {
                    version: v,
                    supported: u64::from(VERSION),
                })
            }
            _ => return Err(bad("no valid \"version\"".into())),
        }
        serde_json::from_value(value).map_err(|e| bad(format!("damaged: {e}")))
    }

    /// Reads a pack file, refusing one over [`MAX_BYTES`] by its size before reading it;
    /// errors name the file.
    pub fn read_file(path: &std::path::Path) -> Result<Pack> {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.len() > MAX_BYTES {
            return Err(Error::TooLarge {
                file: Some(path.display().to_string()),
                size_mb: meta.len() >> 20,
                limit_mb: MAX_BYTES >> 20,
                pack: true,
            });
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Pack::parse(&bytes).map_err(|e| match e {
            Error::BadPack { why, .. } => Error::BadPack {
                file: Some(path.display().to_string()),
                why,
            },
            other => other,
        })
    }

    pub fn to_json(&self) -> Result<String> {
        Ok(serde_json::to_string_pretty(self)?)
    }
}

impl Default for Pack {
    fn default() -> Self {
        Pack::new()
    }
}

/// Content compared for duplicates: markup, white space and width differences removed,
/// Latin letters lowercased.
pub fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c as u32 {
            // Full-width ASCII forms → ASCII.
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A block's duplicate key.
pub fn block_key(body: &str) -> String {
    normalise(&block_search_text(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_for_duplicates() {
        assert_eq!(
            block_key("- **加强引领。**做好工作 "),
            block_key("加强引领。做好工作")
        );
        assert_eq!(normalise("ＡＢＣ　工会"), normalise("abc工会"));
        assert_ne!(normalise("工会"), normalise("公会"));
    }

    #[test]
    fn refuses_what_is_not_a_pack() {
        assert!(Pack::parse(b"\x00\x01").is_err());
        assert!(Pack::parse(b"{\"format\": \"other\"}").is_err());
        let e = Pack::parse(b"{\"format\": \"jianggao-pack\", \"version\": 9}").unwrap_err();
        assert!(e.to_string().contains("newer"));
        let p = Pack::parse(b"{\"format\": \"jianggao-pack\", \"version\": 1}").unwrap();
        assert!(p.blocks.is_empty());
    }
}
