//! Versions of a draft: the CLI contract (versions, version save/restore/delete, diff),
//! comparisons of real outline edits, and the size of 100 versions of a long draft.

use assert_cmd::Command;
use jianggao::diff::{compare, ChangeKind};
use jianggao::outline::{NewNode, NodeKind};
use jianggao::store::{Place, Store};
use jianggao::undo::Snapshot;
use serde_json::Value;

struct Lib {
    _dir: tempfile::TempDir,
    db: std::path::PathBuf,
}

impl Lib {
    fn new() -> Lib {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("lib.sqlite3");
        Lib { _dir: dir, db }
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("jianggao").unwrap();
        c.arg("--db")
            .arg(&self.db)
            .env_remove("JIANGGAO_DB")
            .args(args);
        c
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self
            .cmd(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    fn fails(&self, args: &[&str], code: i32) {
        self.cmd(args).assert().code(code);
    }
}

#[test]
fn save_list_compare_restore_delete() {
    let lib = Lib::new();
    let d = lib.ok(&["new", "--template", "commendation-annual"]);
    let d = d.trim();
    assert_eq!(lib.json(&["versions", d, "--json"]), serde_json::json!([]));
    // No named version yet: nothing to compare from.
    lib.fails(&["diff", d], 1);

    let out = lib.ok(&["version", "save", d, "--name", "初稿", "--note", "第一稿"]);
    let v1 = out.trim();
    assert_eq!(out, format!("{v1}\n"), "save prints the id alone");
    let list = lib.json(&["versions", d, "--json"]);
    let first = &list[0];
    let mut keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["auto", "chars", "created_at", "id", "name", "note"]);
    assert_eq!(first["name"], "初稿");
    assert_eq!(first["note"], "第一稿");
    assert_eq!(first["auto"], false);
    assert!(first["chars"].as_u64().unwrap() > 1000);
    let saved = lib.ok(&["show", d, "--format", "json"]);

    // A slot value and a text edit: one slot change, one character-level change.
    lib.ok(&["set", d, "年份=2026"]);
    let shown = lib.json(&["show", d, "--format", "json"]);
    let para = shown["nodes"][0]["id"].as_i64().unwrap().to_string();
    lib.ok(&[
        "edit",
        d,
        &para,
        "--text",
        "今天，我们隆重召开{{单位}}{{年份}}年度表彰大会。",
    ]);
    let diff = lib.json(&["diff", d, "--json"]);
    assert_eq!(diff["from"], v1.parse::<i64>().unwrap());
    assert_eq!(diff["to"], Value::Null);
    let changes = diff["changes"].as_array().unwrap();
    let slot: Vec<&Value> = changes.iter().filter(|c| c["kind"] == "slot").collect();
    assert_eq!(slot.len(), 1, "{changes:?}");
    assert_eq!(
        (&slot[0]["old"], &slot[0]["new"]),
        (&Value::Null, &"2026".into())
    );
    assert!(changes
        .iter()
        .any(|c| c["node"] == para.parse::<i64>().unwrap() && c["kind"] != "slot"));
    assert!(
        changes
            .iter()
            .all(|c| c["kind"] == "slot" || c["node"] != Value::Null),
        "a slot value is not a text change: {changes:?}"
    );
    for c in changes {
        for k in ["node", "kind", "old", "new"] {
            assert!(c.get(k).is_some(), "{k} in {c}");
        }
    }
    assert!(lib.ok(&["diff", d]).contains("slot"));

    // Restore: back as saved, ids kept; the state before is a version (恢复前).
    lib.ok(&["version", "restore", d, v1]);
    assert_eq!(lib.ok(&["show", d, "--format", "json"]), saved);
    let list = lib.json(&["versions", d, "--json"]);
    assert_eq!(list[0]["name"], "恢复前");
    assert_eq!(list[0]["auto"], true);
    let before_restore = list[0]["id"].to_string();
    let diff = lib.json(&["diff", d, "--from", v1, "--to", &before_restore, "--json"]);
    assert!(!diff["changes"].as_array().unwrap().is_empty());
    assert_eq!(
        lib.json(&["diff", d, "--from", v1, "--json"])["changes"],
        serde_json::json!([])
    );

    // Delete.
    lib.ok(&["version", "delete", d, &before_restore]);
    assert_eq!(
        lib.json(&["versions", d, "--json"])
            .as_array()
            .unwrap()
            .len(),
        list.as_array().unwrap().len() - 1
    );
}

#[test]
fn failures_exit_with_their_code_and_write_nothing() {
    let lib = Lib::new();
    let d = lib.ok(&["new", "--template", "commendation-annual"]);
    let d = d.trim();
    let other = lib.ok(&["new", "--template", "commendation-annual"]);
    let other = other.trim();
    let v = lib.ok(&["version", "save", d, "--name", "初稿"]);
    let v = v.trim();
    let before = lib.ok(&["versions", d, "--json"]);
    let shown = lib.ok(&["show", d, "--format", "json"]);
    lib.fails(&["version", "save", d, "--name", "  "], 2);
    lib.fails(&["version", "save", d, "--name", &"稿".repeat(41)], 2);
    lib.fails(&["version", "save", "999", "--name", "初稿"], 1);
    lib.fails(&["version", "restore", d, "999"], 1);
    lib.fails(&["version", "restore", other, v], 1);
    lib.fails(&["version", "delete", other, v], 1);
    lib.fails(&["diff", d, "--from", "999"], 1);
    lib.fails(&["diff", d, "--to", "999"], 1);
    lib.fails(&["versions", "999"], 1);
    lib.fails(&["version", "save", d], 2);
    assert_eq!(lib.ok(&["versions", d, "--json"]), before);
    assert_eq!(lib.ok(&["show", d, "--format", "json"]), shown);
}

#[test]
fn an_export_keeps_an_automatic_version_and_a_deleted_draft_takes_its_versions() {
    let lib = Lib::new();
    let d = lib.ok(&["new", "--template", "commendation-annual"]);
    let d = d.trim();
    lib.ok(&["export", d, "--format", "md"]);
    let out = lib.dir_file("a.docx");
    lib.ok(&["export", d, "--format", "docx", "--out", &out]);
    let list = lib.json(&["versions", d, "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1, "unchanged: kept once");
    assert_eq!(list[0]["name"], "导出时");
    lib.ok(&["delete", d]);
    let conn = rusqlite::Connection::open(&lib.db).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM versions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

impl Lib {
    fn dir_file(&self, name: &str) -> String {
        self._dir.path().join(name).to_string_lossy().into_owned()
    }
}

fn kinds(old: &Snapshot, new: &Snapshot) -> Vec<(ChangeKind, Option<i64>)> {
    compare(old, new).iter().map(|c| (c.kind, c.node)).collect()
}

#[test]
fn outline_changes_are_matched_by_id() {
    let mut s = Store::open_in_memory().unwrap();
    let d = s.create_draft("commendation-annual", None, &[]).unwrap();
    let draft = s.draft(d).unwrap();
    let headings: Vec<_> = draft
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Heading)
        .collect();
    let (h1, h2) = (headings[0], headings[1]);
    let old = Snapshot::take(&s, d).unwrap();

    // A heading renamed: one replace of the whole heading.
    s.edit_node(d, h1.id, Some("全新的标题"), None, None)
        .unwrap();
    let renamed = Snapshot::take(&s, d).unwrap();
    let c = compare(&old, &renamed);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!((c[0].kind, c[0].node), (ChangeKind::Replace, Some(h1.id)));
    assert_eq!(c[0].new.as_deref(), Some("全新的标题"));

    // An item moved under another heading; siblings shifted by it are not moves.
    let item = h1.children[1].id;
    s.move_node(d, item, Place::Under(h2.id)).unwrap();
    let moved = Snapshot::take(&s, d).unwrap();
    assert_eq!(kinds(&renamed, &moved), [(ChangeKind::Move, Some(item))]);

    // Order changed among siblings: the one taken out of order is the move.
    let last = h1.children.last().unwrap().id;
    s.move_node(d, last, Place::Before(h1.children[0].id))
        .unwrap();
    let reordered = Snapshot::take(&s, d).unwrap();
    assert_eq!(kinds(&moved, &reordered), [(ChangeKind::Move, Some(last))]);

    // A heading removed with its items: one delete. A new item: one insert.
    s.remove_node(d, h2.id).unwrap();
    let ids = s
        .insert_nodes(
            d,
            vec![NewNode::new(NodeKind::Paragraph, "新的一段。")],
            Place::End,
        )
        .unwrap();
    let after = Snapshot::take(&s, d).unwrap();
    assert_eq!(
        kinds(&reordered, &after),
        [
            (ChangeKind::Insert, Some(ids[0])),
            (ChangeKind::Delete, Some(h2.id))
        ]
    );
}

/// 100 versions of a 10,000-character draft, each after an edit, must add under 2 MB to
/// the library file.
#[test]
fn a_hundred_versions_of_a_long_draft_take_under_two_megabytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite3");
    let mut s = Store::open(&path).unwrap();
    let d = jianggao::synth::long_draft(&mut s, 10_000).unwrap();
    let size = |path: &std::path::Path| {
        // Checkpoint so the pages are in the file, not the WAL.
        let c = rusqlite::Connection::open(path).unwrap();
        c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        let pages: i64 = c.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
        let page: i64 = c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
        pages * page
    };
    let before = size(&path);
    let nodes: Vec<(i64, String)> = Snapshot::take(&s, d)
        .unwrap()
        .nodes()
        .filter(|n| n.kind != "heading")
        .map(|n| (n.id, n.text.to_string()))
        .collect();
    let mut body = 0;
    for i in 0..100 {
        // A writer's edit: a clause added in the middle of one paragraph.
        let (node, text) = &nodes[i % nodes.len()];
        let mid = text
            .char_indices()
            .nth(text.chars().count() / 2)
            .map_or(0, |(b, _)| b);
        let text = format!("{}（第{i}次修改补充的内容）{}", &text[..mid], &text[mid..]);
        s.edit_node(d, *node, Some(&text), None, None).unwrap();
        let v = s.save_version(d, &format!("第{i}稿"), None).unwrap();
        if i == 0 {
            body = jianggao::store::versions::encode(&s.version_snapshot(d, v).unwrap())
                .unwrap()
                .len();
        }
    }
    let added = size(&path) - before;
    let chars = s.versions(d).unwrap()[0].chars;
    eprintln!(
        "100 versions of a {chars}-字 draft: {added} bytes added to the library ({body} bytes a version body)"
    );
    assert!(chars >= 10_000);
    assert!(added < 2 * 1024 * 1024, "{added} bytes");
}
