//! The slot scanner (src/slot.rs): strict and lenient scans, dates, value checks and
//! formatting. The first byte picks a slot kind and filters; the rest is the text.
#![no_main]

use jianggao::slot::{self, Filter, Piece, SlotDef, SlotKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    // The lenient scan covers the text exactly: literal pieces and slot ranges in order.
    let mut at = 0;
    for piece in slot::pieces(text) {
        match piece {
            Piece::Text(t) => {
                assert_eq!(&text[at..at + t.len()], t);
                at += t.len();
            }
            Piece::Slot(s) => {
                assert_eq!(s.range.start, at);
                at = s.range.end;
            }
        }
    }
    assert_eq!(at, text.len());
    match slot::parse(text) {
        // What the strict scan accepts, the lenient one reads the same way.
        Ok(pieces) => assert_eq!(pieces, slot::pieces(text)),
        Err(e) => {
            assert!(e.byte <= text.len());
            let _ = e.line_column(text);
        }
    }
    let mut names = Vec::new();
    slot::names_in(text, &mut names);

    // The text as a value of a slot of some kind, with some filters.
    let kind = SlotKind::ALL[usize::from(sel) % SlotKind::ALL.len()];
    let filters: Vec<Filter> = Filter::NAMES
        .iter()
        .enumerate()
        .filter(|(i, _)| sel >> 3 & (1 << i) != 0)
        .map(|(_, (_, f))| *f)
        .collect();
    let def = SlotDef {
        kind,
        ..SlotDef::plain("名称")
    };
    let _ = slot::validate(&def, text);
    let (value, next) = text.split_once('\u{0}').unwrap_or((text, ""));
    let _ = slot::format_value(kind, value, &filters, next);
    if let Some(d) = slot::Date::parse(text) {
        let _ = d.iso();
    }
    let _ = slot::unfilled_marker(text);
});
