//! Library packs: `Pack::parse` on arbitrary bytes, and a pack that parses imported into
//! an in-memory library (Ok or a clean Err, all or nothing), then exported and read back.
#![no_main]

use std::cell::RefCell;

use jianggao::pack::Pack;
use jianggao::store::Store;
use libfuzzer_sys::fuzz_target;

thread_local! {
    // Seeding a library costs far more than an import; one is reused and replaced now
    // and then so it does not grow without bound.
    static STORE: RefCell<(Store, u32)> =
        RefCell::new((Store::open_in_memory().expect("in-memory library"), 0));
}

fuzz_target!(|data: &[u8]| {
    let Ok(pack) = Pack::parse(data) else {
        return;
    };
    STORE.with(|cell| {
        let mut guard = cell.borrow_mut();
        let (store, uses) = &mut *guard;
        *uses += 1;
        if *uses > 200 {
            *store = Store::open_in_memory().expect("in-memory library");
            *uses = 0;
        }
        if store.import_pack(&pack).is_ok() {
            let out = store.export_pack(&[]).expect("export after import");
            let json = out.to_json().expect("pack to JSON");
            Pack::parse(json.as_bytes()).expect("an exported pack reads back");
        }
    });
});
