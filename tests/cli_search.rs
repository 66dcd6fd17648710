//! The CLI faces of library search, tags, favourites, use counts and packs.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

struct Lib {
    dir: tempfile::TempDir,
}

impl Lib {
    fn new() -> Lib {
        Lib {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    fn cmd(&self, db: &str) -> Command {
        let mut c = Command::cargo_bin("jianggao").unwrap();
        c.arg("--db").arg(self.db(db)).env_remove("JIANGGAO_DB");
        c
    }

    fn ok(&self, db: &str, args: &[&str]) -> String {
        let out = self
            .cmd(db)
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    }

    fn json(&self, db: &str, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(db, args)).unwrap()
    }
}

#[test]
fn search_any_length_literally_with_snippets() {
    let lib = Lib::new();
    let id = lib.ok(
        "a",
        &[
            "blocks",
            "add",
            "--text",
            "琢玉匠心：打磨每一道工序（AND/OR*）。",
            "--tag",
            "工匠",
        ],
    );
    let id: i64 = id.trim().parse().unwrap();
    for q in [
        "琢",
        "琢玉",
        "琢玉匠",
        "琢玉匠心：",
        "(AND/OR*)",
        "（AND/OR*）",
        "OR*",
    ] {
        let hits = lib.json("a", &["search", q, "--json"]);
        let found = hits
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["id"] == id && h["kind"] == "block");
        // Full-width and half-width brackets are different characters.
        assert_eq!(found, q != "(AND/OR*)", "query {q:?}");
    }
    let hits = lib.json("a", &["blocks", "search", "匠心", "--json"]);
    let hit = &hits[0];
    assert_eq!(hit["id"], id);
    assert!(hit["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["hit"] == true && s["text"] == "匠心"));
    let text = lib.ok("a", &["blocks", "search", "匠心"]);
    assert!(text.contains("〔匠心〕"), "{text}");
    // Piping into a closed reader ends quietly.
    lib.cmd("a").args(["search", "工"]).assert().success();
}

#[test]
fn favourites_uses_and_sorting() {
    let lib = Lib::new();
    let a = lib.ok("a", &["phrases", "add", "恒心如磐第一句"]);
    let b = lib.ok("a", &["phrases", "add", "恒心如磐第二句"]);
    let (a, b) = (a.trim(), b.trim());
    lib.ok("a", &["phrases", "use", b]);
    let used = lib.json(
        "a",
        &["phrases", "search", "恒心如磐", "--sort", "used", "--json"],
    );
    assert_eq!(used[0]["id"].to_string(), b);
    assert_eq!(used[0]["use_count"], 1);
    assert_eq!(lib.ok("a", &["phrases", "use", b]).trim(), "恒心如磐第二句");
    lib.ok("a", &["phrases", "favourite", a]);
    let favs = lib.json("a", &["search", "恒心如磐", "--favourite", "--json"]);
    assert_eq!(favs.as_array().unwrap().len(), 1);
    assert_eq!(favs[0]["id"].to_string(), a);
    lib.ok("a", &["phrases", "favourite", a, "--off"]);
    assert_eq!(
        lib.json("a", &["search", "恒心如磐", "--favourite", "--json"]),
        serde_json::json!([])
    );
    lib.ok("a", &["phrases", "delete", a]);
    lib.cmd("a").args(["phrases", "delete", a]).assert().code(1);
    lib.cmd("a")
        .args(["blocks", "favourite", "no-such-block"])
        .assert()
        .code(1);
}

#[test]
fn tags_list_rename_merge_bulk() {
    let lib = Lib::new();
    let x = lib.ok(
        "a",
        &["blocks", "add", "--text", "甲段落内容。", "--tag", "旧标签"],
    );
    let y = lib.ok("a", &["phrases", "add", "乙句子", "--tag", "旧标签"]);
    let tags = lib.json("a", &["tags", "--json"]);
    let old = tags
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "旧标签")
        .unwrap()
        .clone();
    assert_eq!(
        (old["blocks"].as_i64(), old["phrases"].as_i64()),
        (Some(1), Some(1))
    );
    lib.ok("a", &["tags", "rename", "旧标签", "开场"]);
    let tags = lib.json("a", &["tags", "--json"]);
    assert!(tags
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["name"] != "旧标签"));
    let n = lib.ok(
        "a",
        &[
            "tags",
            "add",
            "批量",
            "--block",
            x.trim(),
            "--phrase",
            y.trim(),
        ],
    );
    assert_eq!(n.trim(), "2");
    let hits = lib.json("a", &["search", "", "--tag", "批量", "--json"]);
    assert_eq!(hits.as_array().unwrap().len(), 2);
    lib.cmd("a")
        .args(["tags", "add", "批量", "--block", "999999"])
        .assert()
        .code(1);
    lib.cmd("a")
        .args(["tags", "rename", "不存在", "新"])
        .assert()
        .code(1);
}

#[test]
fn packs_move_a_library_between_computers() {
    let lib = Lib::new();
    lib.ok(
        "a",
        &[
            "blocks",
            "add",
            "--text",
            "我自己写的一段话。",
            "--tag",
            "自建",
        ],
    );
    lib.ok("a", &["phrases", "add", "我自己的金句", "--tag", "自建"]);
    let pack = lib.db("mine.jgpack");
    lib.ok(
        "a",
        &["pack", "export", pack.to_str().unwrap(), "--tag", "自建"],
    );
    let json: Value = serde_json::from_slice(&std::fs::read(&pack).unwrap()).unwrap();
    assert_eq!(json["format"], "jianggao-pack");
    assert_eq!(json["version"], 1);
    assert_eq!(json["blocks"].as_array().unwrap().len(), 1);

    let report = lib.json("b", &["pack", "import", pack.to_str().unwrap(), "--json"]);
    assert_eq!(report["blocks"]["added"], 1);
    assert_eq!(report["phrases"]["added"], 1);
    let again = lib.json("b", &["pack", "import", pack.to_str().unwrap(), "--json"]);
    assert_eq!(again["blocks"]["skipped"], 1);
    assert_eq!(
        lib.json("b", &["search", "我自己写的", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Not a pack, a newer pack, a damaged pack: a clear message and nothing changes.
    let before = lib.ok("b", &["tags", "--json"]);
    for (content, msg) in [
        (&b"\x89PNG\r\n\x1a\n\x00\x00"[..], "not a Jianggao library pack"),
        (&b"{\"format\": \"jianggao-pack\", \"version\": 2}"[..], "newer"),
        (&b"{\"format\": \"jianggao-pack\", \"version\": 1, \"blocks\": [{\"title\": 5}]}"[..], "damaged"),
        (&b"{\"format\": \"jianggao-pack\", \"version\": 1, \"blocks\": [{\"title\": \"a\", \"text\": \"ok\", \"tags\": [\"t1\"]}, {\"title\": \"b\", \"text\": \"{{broken\"}]}"[..], "pack block 2"),
    ] {
        let bad = lib.db("bad.jgpack");
        std::fs::write(&bad, content).unwrap();
        lib.cmd("b").args(["pack", "import", bad.to_str().unwrap()]).assert().code(2).stderr(predicate::str::contains(msg));
    }
    assert_eq!(lib.ok("b", &["tags", "--json"]), before);
    lib.cmd("b")
        .args(["pack", "import", "/nonexistent.jgpack"])
        .assert()
        .code(2);
}
