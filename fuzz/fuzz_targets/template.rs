//! The template file format (src/template.rs): `Template::parse` on any text returns the
//! template or an error with a position, never a panic; a parsed template gives its
//! starting outline.
#![no_main]

use jianggao::template::Template;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(t) = Template::parse("fuzz.toml", src) {
        let _ = t.outline(|_| None);
    }
});
