//! `import::analyze` on arbitrary bytes named as a .md file: Ok or Err, never a panic;
//! then what the import wizard does with the result (outlines, shapes, merging cards).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(analysis) = jianggao::import::analyze(data, "fuzz.md") {
        let _ = analysis.outline();
        for c in &analysis.candidates {
            let _ = (c.shape(), c.derived_title());
            // A candidate is stored as is when the writer accepts it: its slots must read
            // strictly (stray braces in the source become full-width ones).
            if let Err(e) = jianggao::slot::parse(&c.text) {
                panic!(
                    "candidate text {:?} has a broken slot: {}",
                    c.text, e.message
                );
            }
        }
        for pair in analysis.candidates.windows(2) {
            let _ = pair[0].merge(&pair[1]).shape();
        }
    }
});
