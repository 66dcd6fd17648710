//! The Chinese names of the core's ids (item kinds, lead styles, slot kinds) for the
//! window's menus and chips. The names live in the core (`NodeKind::label`,
//! `LeadStyle::label`, `SlotKind::label`); the UI loads them once and keeps no table.

use jianggao::outline::{LeadStyle, NodeKind};
use jianggao::slot::SlotKind;

use crate::dto::{LabelView, Labels};

fn list<T: Copy>(
    all: &[T],
    id: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<LabelView> {
    all.iter()
        .map(|&x| LabelView {
            id: id(x).into(),
            label: label(x).into(),
        })
        .collect()
}

/// Every list in the core's order (`ALL`), which is the order menus show.
pub fn all_labels() -> Labels {
    Labels {
        node_kinds: list(&NodeKind::ALL, NodeKind::id, NodeKind::label),
        leads: list(&LeadStyle::ALL, LeadStyle::id, LeadStyle::label),
        slot_kinds: list(&SlotKind::ALL, SlotKind::id, SlotKind::label),
    }
}

#[tauri::command]
pub fn labels() -> Labels {
    all_labels()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_the_core_accepts_has_a_label() {
        let l = all_labels();
        let ids = |v: &[LabelView]| v.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&l.node_kinds), ["heading", "item", "paragraph"]);
        assert_eq!(l.node_kinds[0].label, "标题");
        for id in ids(&l.leads) {
            assert!(LeadStyle::parse(&id).is_ok(), "{id}");
        }
        assert_eq!(l.leads.len(), LeadStyle::ALL.len());
        assert_eq!(l.leads[0].label, "一是、二是");
        assert_eq!(l.slot_kinds.len(), SlotKind::ALL.len());
        assert!(l
            .slot_kinds
            .iter()
            .any(|k| k.id == "date" && k.label == "日期"));
    }
}
