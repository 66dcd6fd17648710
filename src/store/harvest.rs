//! Storing what an import proposed: the candidate blocks the writer kept become library
//! blocks, all in one transaction; blocks whose text the library already holds are
//! skipped and reported.

use serde::Serialize;

use super::library::{check_text, clean_list, insert_block};
use super::Store;
use crate::error::{Result, TextOf};
use crate::import::Candidate;
use crate::store::NewBlock;
use crate::types;

/// A block the import added.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Accepted {
    pub id: i64,
    pub title: String,
}

/// A candidate not stored, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    pub title: String,
    /// The existing block with the same text.
    pub duplicate_of: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AcceptReport {
    pub added: Vec<Accepted>,
    pub skipped: Vec<Skipped>,
}

/// Whitespace does not make two blocks different.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

impl Store {
    /// The library block whose text equals `text` (whitespace aside), if any.
    pub fn find_duplicate_block(&self, text: &str) -> Result<Option<i64>> {
        let key = squeeze(text);
        let mut st = self.conn().prepare_cached(
            "SELECT id FROM blocks
             WHERE replace(replace(replace(replace(body, ' ', ''), char(10), ''), char(13), ''), char(9), '') = ?1
             ORDER BY id LIMIT 1",
        )?;
        let mut rows = st.query([key])?;
        Ok(match rows.next()? {
            Some(r) => Some(r.get(0)?),
            None => None,
        })
    }

    /// Marks candidates whose text the library already holds.
    pub fn flag_duplicates(&self, candidates: &mut [Candidate]) -> Result<()> {
        for c in candidates {
            c.duplicate_of = self.find_duplicate_block(&c.text)?;
        }
        Ok(())
    }

    /// Stores the candidates as library blocks with `tags` added, in one transaction:
    /// if one is invalid, none is stored. Duplicates of existing blocks (and of each
    /// other) are skipped.
    pub fn accept_candidates(
        &mut self,
        candidates: &[Candidate],
        tags: &[String],
    ) -> Result<AcceptReport> {
        let mut report = AcceptReport::default();
        let mut to_add: Vec<(String, NewBlock)> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for c in candidates {
            check_text(TextOf::Block, &c.text)?;
            for t in &c.types {
                types::find(t)?;
            }
            let key = squeeze(&c.text);
            if let Some(id) = self.find_duplicate_block(&c.text)? {
                report.skipped.push(Skipped {
                    title: c.title.clone(),
                    duplicate_of: id,
                });
                continue;
            }
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let title = if c.title.trim().is_empty() {
                "导入的段落".to_string()
            } else {
                c.title.trim().to_string()
            };
            to_add.push((
                title,
                NewBlock {
                    title: None,
                    text: c.text.clone(),
                    lead: c.lead,
                    types: clean_list(&c.types),
                    tags: clean_list(&[&c.tags[..], tags].concat()),
                },
            ));
        }
        let ids = self.write(|tx| {
            to_add
                .iter()
                .map(|(title, b)| insert_block(tx, None, b, title))
                .collect::<Result<Vec<i64>>>()
        })?;
        for ((title, _), id) in to_add.into_iter().zip(ids) {
            report.added.push(Accepted { id, title });
        }
        Ok(report)
    }
}
