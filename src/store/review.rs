//! Writing an accepted review into a draft: head lines, texts, added and removed items,
//! notes and slot values in one transaction (`review::edits` decided them).

use std::collections::HashMap;

use super::drafts::{checked_values, edit_outline, touch, write_values};
use super::{check_text, Store};
use crate::error::{Result, TextOf};
use crate::outline::edit::{Adopt, Place};
use crate::review::{Anchor, Head, ReviewEdits};

impl Store {
    /// Applies the edits of an accepted review: all of them or none.
    pub fn apply_review(&mut self, draft: i64, e: &ReviewEdits) -> Result<()> {
        let values = self.check_review(draft, e)?;
        self.write(|tx| {
            for (h, text) in &e.heads {
                let column = match h {
                    Head::Title => "title",
                    Head::Speaker => "speaker",
                    Head::Date => "date_line",
                    Head::Greeting => "greeting",
                };
                tx.execute(
                    &format!("UPDATE drafts SET {column} = ?2 WHERE id = ?1"),
                    (draft, text.as_deref().map(str::trim)),
                )?;
            }
            write_values(tx, draft, &values)?;
            edit_outline(tx, draft, |o| {
                for (id, text) in &e.texts {
                    o.edit(*id, Some(text), None, None)?;
                }
                // Several paragraphs added after one place keep their order.
                let mut last: HashMap<Anchor, i64> = HashMap::new();
                for ins in &e.inserts {
                    let place = match last.get(&ins.anchor) {
                        Some(&prev) => Place::After(prev),
                        None => match ins.anchor {
                            Anchor::After(id) => Place::After(id),
                            Anchor::FirstUnder(id) => {
                                match o.find(id).and_then(|h| h.children.first()) {
                                    Some(first) => Place::Before(first.id),
                                    None => Place::Under(id),
                                }
                            }
                            Anchor::Top => match o.nodes().first() {
                                Some(first) => Place::Before(first.id),
                                None => Place::End,
                            },
                        },
                    };
                    let ids = o.insert(place, vec![ins.node.clone()], Adopt::UnlessLed)?;
                    if let Some(&id) = ids.first() {
                        last.insert(ins.anchor, id);
                        if let Some(note) = &ins.note {
                            o.set_note(id, Some(note))?;
                        }
                    }
                }
                for (id, note) in &e.notes {
                    let old = o.find(*id).and_then(|n| n.note.clone());
                    let joined = match old {
                        Some(old) if !old.is_empty() => format!("{old}\n{note}"),
                        _ => note.clone(),
                    };
                    o.set_note(*id, Some(&joined))?;
                }
                for id in &e.removes {
                    o.remove(*id)?;
                }
                Ok(())
            })?;
            touch(tx, draft)
        })
    }

    /// Checks every text and slot value of the edits without writing (so the caller can
    /// refuse before keeping a version); returns the values checked.
    pub fn check_review(
        &self,
        draft: i64,
        e: &ReviewEdits,
    ) -> Result<Vec<(crate::slot::SlotDef, String)>> {
        for (_, t) in &e.texts {
            check_text(TextOf::Item, t)?;
        }
        for i in &e.inserts {
            check_text(TextOf::Item, &i.node.text)?;
        }
        for (h, t) in &e.heads {
            if let (Head::Title, Some(t)) = (h, t) {
                check_text(TextOf::Title, t)?;
            }
        }
        let d = self.draft(draft)?;
        checked_values(&d.slot_defs, &e.values)
    }
}
