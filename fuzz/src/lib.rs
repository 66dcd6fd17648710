//! What the import targets share: one import, then what the import wizard does with the
//! result. The targets differ only in the file name, which chooses the reader.

/// `import::analyze` on arbitrary bytes: Ok or Err, never a panic; then outlines, shapes
/// and merged cards, and every candidate's slots must read strictly (it is stored as is
/// when the writer accepts it; stray braces in the source become full-width ones).
pub fn import(data: &[u8], name: &str) {
    let Ok(analysis) = jianggao::import::analyze(data, name) else {
        return;
    };
    let _ = analysis.outline();
    for c in &analysis.candidates {
        let _ = (c.shape(), c.derived_title());
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
