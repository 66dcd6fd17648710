//! The outline markup (src/markup.rs): `parse_outline`, `write_outline` and `**bold**`
//! spans. The first byte picks the lead style; the rest is the markup.
#![no_main]

use jianggao::markup;
use jianggao::outline::LeadStyle;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let lead = LeadStyle::ALL[usize::from(sel) % LeadStyle::ALL.len()];
    let nodes = markup::parse_outline(text, lead);
    let written = markup::write_outline(&nodes);
    let _ = markup::parse_outline(&written, lead);
    for line in text.lines() {
        // Spans are slices of the line, in order.
        let mut rest = line;
        for span in markup::spans(line) {
            let at = rest.find(span.text).expect("span not in its line");
            rest = &rest[at + span.text.len()..];
        }
    }
});
