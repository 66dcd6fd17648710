//! Helpers shared by integration tests: drafts of the built-in templates with every slot
//! filled, as a writer would hand them over.

#![allow(dead_code)] // each test binary uses its own share of these

use jianggao::document::Document;
use jianggao::render;
use jianggao::slot::{self, SlotKind};
use jianggao::store::Store;

/// Whether an independent reader (`program`, run with `version_arg`) is installed. A
/// missing one fails the test under JIANGGAO_REQUIRE_READERS=1 (CI); otherwise the test
/// says so and skips that check.
pub fn have_reader(program: &str, version_arg: &str) -> bool {
    let found = std::process::Command::new(program)
        .arg(version_arg)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok();
    if !found {
        assert!(
            std::env::var("JIANGGAO_REQUIRE_READERS").as_deref() != Ok("1"),
            "{program} is required (JIANGGAO_REQUIRE_READERS=1) but not installed"
        );
        eprintln!("skipping: {program} is not installed");
    }
    found
}

/// A value of the right kind for a slot: its example when that is valid.
pub fn value_for(def: &slot::SlotDef) -> String {
    if !def.example.trim().is_empty() && slot::validate(def, &def.example).is_ok() {
        return def.example.clone();
    }
    match def.kind {
        SlotKind::Number => "12".into(),
        SlotKind::Year => "2026".into(),
        SlotKind::Date => "2026-01-15".into(),
        SlotKind::Ordinal => "三".into(),
        SlotKind::Percent => "12.5".into(),
        SlotKind::Money => "1200万元".into(),
        SlotKind::Flag => "是".into(),
        SlotKind::List => format!("{}甲\n{}乙", def.name, def.name),
        _ => format!("{}内容", def.name),
    }
}

/// Fills every slot the draft uses with [`value_for`], again until none is new: a list's
/// entries (议程) may name more slots.
pub fn fill_all(store: &mut Store, draft: i64) {
    loop {
        let values: Vec<(String, String)> = store
            .draft(draft)
            .unwrap()
            .slots()
            .iter()
            .filter(|s| !s.filled)
            .map(|s| (s.def.name.clone(), value_for(&s.def)))
            .collect();
        if values.is_empty() {
            return;
        }
        store.set_slots(draft, &values).unwrap();
    }
}

/// Every built-in template's draft with every slot filled, rendered: (template id, document).
pub fn template_drafts() -> Vec<(String, Document)> {
    let mut store = Store::open_in_memory().unwrap();
    let templates = store.templates(None).unwrap();
    templates
        .iter()
        .map(|t| {
            let id = store.create_draft(&t.id, None, &[]).unwrap();
            fill_all(&mut store, id);
            (t.id.clone(), render::render(&store.draft(id).unwrap()))
        })
        .collect()
}

/// The annual commendation draft with its head slots filled (year, unit, date, speaker,
/// office): the store holding it and its id.
pub fn commendation_draft() -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let values: Vec<(String, String)> = [
        ("年份", "2026"),
        ("单位", "市总工会"),
        ("日期", "2026-04-28"),
        ("讲话人", "王明"),
        ("职务", "市总工会主席"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let id = store
        .create_draft("commendation-annual", None, &values)
        .unwrap();
    (store, id)
}
