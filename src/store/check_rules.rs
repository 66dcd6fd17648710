//! The check's own rows: the writer's 本单位 rules, the places left alone in a draft
//! (这里不改) and the rules switched off everywhere (不再提示).

use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::{check_draft, now, Store};
use crate::check::table::UserRule;
use crate::check::{Finding, Level};
use crate::error::{Error, Result, Thing};

/// A rule left alone in one draft: at one place (part, node and the text found), or with
/// those None everywhere in the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ignore {
    pub id: i64,
    pub rule: String,
    pub part: Option<String>,
    pub node: Option<i64>,
    pub text: Option<String>,
}

impl Ignore {
    /// An ignore not stored yet: at an item (`node`, which is in the body), in a head
    /// line or the title (`part`), only where the rule found `text`; with none of them
    /// the rule everywhere in the draft.
    pub fn new(rule: &str, node: Option<i64>, part: Option<&str>, text: Option<&str>) -> Ignore {
        let part = part.or(node.map(|_| "body"));
        Ignore {
            id: 0,
            rule: rule.to_string(),
            part: part.map(String::from),
            node,
            text: text.map(String::from),
        }
    }

    /// Whether this ignore covers a finding.
    pub fn covers(&self, f: &Finding) -> bool {
        self.rule == f.rule
            && self.part.as_deref().is_none_or(|p| p == f.part)
            && (self.part.is_none() || self.node == f.node)
            && self.text.as_deref().is_none_or(|t| t == f.text)
    }
}

fn level_of(s: &str) -> Level {
    // The column's CHECK allows only the three.
    Level::parse(s).unwrap_or(Level::Note)
}

pub(crate) fn insert_user_rule(tx: &Transaction, rule: UserRule) -> Result<i64> {
    let rule = rule.cleaned()?;
    let taken: Option<i64> = tx
        .query_row(
            "SELECT id FROM user_rules WHERE literal = ?1",
            [&rule.literal],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(Error::BadUserRule {
            literal: rule.literal,
            why: "exists",
        });
    }
    tx.execute(
        "INSERT INTO user_rules(literal, suggestions, level, reason, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            rule.literal,
            rule.to.join("\n"),
            rule.level.zh(),
            rule.reason,
            now()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// The writer's rules with their ids, oldest first.
    pub fn user_rules(&self) -> Result<Vec<(i64, UserRule)>> {
        let mut st = self.conn().prepare(
            "SELECT id, literal, suggestions, level, reason FROM user_rules ORDER BY id",
        )?;
        let rows = st.query_map([], |r| {
            let to: String = r.get(2)?;
            let level: String = r.get(3)?;
            Ok((
                r.get(0)?,
                UserRule {
                    literal: r.get(1)?,
                    to: to.lines().map(String::from).collect(),
                    level: level_of(&level),
                    reason: r.get(4)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Keeps a new rule; a second rule for the same literal is refused.
    pub fn add_user_rule(&mut self, rule: UserRule) -> Result<i64> {
        self.write(|tx| insert_user_rule(tx, rule))
    }

    /// Removes a rule by its id; returns it (for 撤销).
    pub fn remove_user_rule(&mut self, id: i64) -> Result<UserRule> {
        let rule = self
            .user_rules()?
            .into_iter()
            .find(|(i, _)| *i == id)
            .map(|(_, r)| r)
            .ok_or(Error::NotFound {
                what: Thing::Rule,
                id: id.to_string(),
            })?;
        self.write(|tx| Ok(tx.execute("DELETE FROM user_rules WHERE id = ?1", [id])?))?;
        Ok(rule)
    }

    /// What the check leaves alone in a draft.
    pub fn ignores(&self, draft: i64) -> Result<Vec<Ignore>> {
        check_draft(self.conn(), draft)?;
        let mut st = self.conn().prepare(
            "SELECT id, rule, part, node_id, text FROM check_ignores WHERE draft_id = ?1
             ORDER BY id",
        )?;
        let rows = st.query_map([draft], |r| {
            Ok(Ignore {
                id: r.get(0)?,
                rule: r.get(1)?,
                part: r.get(2)?,
                node: r.get(3)?,
                text: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Leaves a rule alone in a draft (`ignore.id` is not read); returns the new id.
    pub fn add_ignore(&mut self, draft: i64, ignore: &Ignore) -> Result<i64> {
        check_draft(self.conn(), draft)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO check_ignores(draft_id, rule, part, node_id, text, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    draft,
                    ignore.rule,
                    ignore.part,
                    ignore.node,
                    ignore.text,
                    now()
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Takes ignores back: one by id, or all of the draft's (None). Returns how many.
    pub fn remove_ignores(&mut self, draft: i64, id: Option<i64>) -> Result<usize> {
        check_draft(self.conn(), draft)?;
        let n = self.write(|tx| {
            Ok(match id {
                Some(id) => tx.execute(
                    "DELETE FROM check_ignores WHERE draft_id = ?1 AND id = ?2",
                    [draft, id],
                )?,
                None => tx.execute("DELETE FROM check_ignores WHERE draft_id = ?1", [draft])?,
            })
        })?;
        if let (Some(id), 0) = (id, n) {
            return Err(Error::NotFound {
                what: Thing::Ignore,
                id: id.to_string(),
            });
        }
        Ok(n)
    }

    /// The rules switched off in every draft.
    pub fn muted_rules(&self) -> Result<Vec<String>> {
        let mut st = self
            .conn()
            .prepare("SELECT rule FROM check_muted ORDER BY created_at, rule")?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Switches a rule off (true) or on again (false); returns whether anything changed.
    pub fn set_muted(&mut self, rule: &str, muted: bool) -> Result<bool> {
        self.write(|tx| {
            Ok(match muted {
                true => tx.execute(
                    "INSERT OR IGNORE INTO check_muted(rule, created_at) VALUES (?1, ?2)",
                    params![rule, now()],
                )?,
                false => tx.execute("DELETE FROM check_muted WHERE rule = ?1", [rule])?,
            } > 0)
        })
    }
}
