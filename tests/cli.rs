//! The CLI contract: commands, JSON shapes, exit codes, and that failures write nothing.

use assert_cmd::Command;
use predicates::prelude::*;
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

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("jianggao").unwrap();
        c.arg("--db").arg(&self.db).env_remove("JIANGGAO_DB");
        c
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self
            .cmd()
            .args(args)
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

    fn new_draft(&self, args: &[&str]) -> String {
        let out = self.ok(&[&["new"], args].concat());
        let id = out.trim().to_string();
        assert!(id.parse::<i64>().is_ok(), "new printed {out:?}");
        assert_eq!(out, format!("{id}\n"), "new prints the id alone");
        id
    }

    fn dir(&self) -> &std::path::Path {
        self._dir.path()
    }
}

#[test]
fn types_and_templates() {
    let lib = Lib::new();
    let types = lib.json(&["types", "--json"]);
    let ids: Vec<&str> = types
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    for t in [
        "opening",
        "commendation",
        "plenary",
        "work_meeting",
        "closing",
        "symposium",
        "host",
        "congress",
        "greeting",
        "mobilization",
        "report",
        "party_lecture",
    ] {
        assert!(ids.contains(&t), "{t} missing");
    }
    let t = lib.json(&["templates", "--type", "commendation", "--json"]);
    let t = t.as_array().unwrap();
    assert!(t.len() >= 2);
    assert!(t
        .iter()
        .all(|x| x["type"] == "commendation" && x["id"].is_string()));
    lib.cmd()
        .args(["templates", "--type", "wedding"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown speech type"));
}

/// Walks `show --format json` nodes depth first.
fn flat(nodes: &Value, out: &mut Vec<Value>) {
    for n in nodes.as_array().unwrap() {
        out.push(n.clone());
        if let Some(c) = n.get("children") {
            flat(c, out);
        }
    }
}

#[test]
fn a_speech_from_start_to_markdown() {
    let lib = Lib::new();
    let slots = lib.dir().join("slots.json");
    std::fs::write(
        &slots,
        r#"{"届次": "十八", "先进集体数": 30, "先进个人数": "120"}"#,
    )
    .unwrap();
    let id = lib.new_draft(&[
        "--template",
        "commendation-annual",
        "--set",
        "单位=市总工会",
        "--set",
        "年份=2026",
        "--set",
        "日期=2026-04-28",
        "--slots",
        slots.to_str().unwrap(),
    ]);
    lib.ok(&["set", &id, "讲话人=王建华", "职务=市总工会主席"]);

    let doc = lib.json(&["show", &id, "--format", "json"]);
    assert_eq!(
        doc["title"],
        "在市总工会2026年度先进集体和先进个人表彰大会上的讲话"
    );
    let mut nodes = Vec::new();
    flat(&doc["nodes"], &mut nodes);
    let headings: Vec<&Value> = nodes.iter().filter(|n| n["kind"] == "heading").collect();
    assert_eq!(headings[0]["number"], "一、");
    assert_eq!(headings[0]["level"], 1);
    assert_eq!(headings[1]["number"], "二、");
    let items: Vec<&Value> = nodes.iter().filter(|n| n["kind"] == "item").collect();
    assert_eq!(items[0]["lead"], "一是");
    assert!(nodes
        .iter()
        .all(|n| n["id"].is_i64() && n["text"].is_string()));

    // Add a block under the first heading, after its first child.
    let h1 = headings[0]["id"].to_string();
    let added = lib.ok(&["add", &id, "general-new-employment-forms", "--under", &h1]);
    assert!(!added.trim().is_empty());
    let doc = lib.json(&["show", &id, "--format", "json"]);
    let first = &doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "heading")
        .unwrap()["children"];
    let last = first.as_array().unwrap().last().unwrap();
    assert_eq!(last["id"].to_string(), added.lines().last().unwrap());

    // Move the second heading before the first: numbers follow.
    let h2 = headings[1]["id"].to_string();
    lib.ok(&["move", &id, &h2, "--before", &h1]);
    let doc = lib.json(&["show", &id, "--format", "json"]);
    let hs: Vec<&Value> = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "heading")
        .collect();
    assert_eq!(hs[0]["id"].to_string(), h2);
    assert_eq!(hs[0]["number"], "一、");
    assert_eq!(hs[1]["number"], "二、");

    // Outline view shows ids and numbers.
    let outline = lib.ok(&["show", &id]);
    assert!(outline.contains(&format!("#{h2}")) && outline.contains("一、"));

    // Some slots remain: check finds them and exits 1.
    let out = lib
        .cmd()
        .args(["check", &id, "--json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let findings: Value = serde_json::from_slice(&out).unwrap();
    let f = &findings.as_array().unwrap()[0];
    for field in ["rule", "message", "node", "offset"] {
        assert!(f.get(field).is_some(), "finding lacks {field}: {f}");
    }
    // Fill the rest from the slot list, then the check is clean.
    let slots = lib.json(&["slots", &id, "--json"]);
    let mut fill = vec!["set".to_string(), id.clone()];
    for s in slots.as_array().unwrap() {
        if s["filled"] == false {
            fill.push(format!(
                "{}={}",
                s["name"].as_str().unwrap(),
                s["example"].as_str().unwrap()
            ));
        }
    }
    let fill: Vec<&str> = fill.iter().map(String::as_str).collect();
    lib.ok(&fill);
    lib.cmd().args(["check", &id]).assert().success().stdout("");

    let stats = lib.json(&["stats", &id, "--json"]);
    let chars = stats["chars"].as_u64().unwrap();
    assert!(chars > 1000, "{stats}");
    let minutes = stats["minutes"].as_f64().unwrap();
    assert!((minutes - chars as f64 / 220.0).abs() < 0.06, "{stats}");
    let slow = lib.json(&["stats", &id, "--rate", "110", "--json"]);
    assert!(slow["minutes"].as_f64().unwrap() > minutes * 1.9);

    let out = lib.dir().join("speech.md");
    lib.ok(&[
        "export",
        &id,
        "--format",
        "md",
        "--front-matter",
        "--out",
        out.to_str().unwrap(),
    ]);
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("---\ntitle: \"在市总工会2026年度"), "{md}");
    assert!(md.contains("date: 2026-04-28") && md.contains("speaker: \"王建华\""));
    assert!(md.contains("\n# 在市总工会2026年度先进集体和先进个人表彰大会上的讲话\n"));
    assert!(
        md.contains("\n## 一、"),
        "level-1 headings as ## with their number"
    );
    assert!(md.contains("王建华"));
    assert!(!md.contains("{{") && !md.contains('【'));
    // Without --out it goes to stdout, without front matter by default.
    let plain = lib.ok(&["export", &id, "--format", "md"]);
    assert!(plain.starts_with("# 在市总工会"));
}

#[test]
fn profile_values_carry_over() {
    let lib = Lib::new();
    lib.new_draft(&[
        "--template",
        "opening-congress",
        "--set",
        "单位=县总工会",
        "--set",
        "讲话人=李明",
    ]);
    let id = lib.new_draft(&["--template", "plenary-annual"]);
    let slots = lib.json(&["slots", &id, "--json"]);
    let unit = slots
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "单位")
        .unwrap();
    assert_eq!(unit["value"], "县总工会");
    assert_eq!(lib.json(&["profile", "--json"])["讲话人"], "李明");
}

#[test]
fn failures_exit_with_the_right_code_and_write_nothing() {
    let lib = Lib::new();
    lib.cmd()
        .args(["new", "--template", "no-such"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no template"));
    lib.cmd()
        .args([
            "new",
            "--template",
            "commendation-annual",
            "--set",
            "年份=明年",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("年份"));
    lib.cmd()
        .args(["new", "--template", "commendation-annual", "--set", "oops"])
        .assert()
        .code(2);
    let bad = lib.dir().join("bad.json");
    std::fs::write(&bad, "[1, 2]").unwrap();
    lib.cmd()
        .args([
            "new",
            "--template",
            "commendation-annual",
            "--slots",
            bad.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("JSON object"));
    std::fs::write(&bad, [0xff, 0xfe, 0x00]).unwrap();
    lib.cmd()
        .args([
            "new",
            "--template",
            "commendation-annual",
            "--slots",
            bad.to_str().unwrap(),
        ])
        .assert()
        .code(2);
    assert_eq!(lib.json(&["drafts", "--json"]), serde_json::json!([]));

    let id = lib.new_draft(&["--template", "closing-congress"]);
    let before = lib.ok(&["show", &id, "--format", "json"]);
    lib.cmd()
        .args(["show", "999"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no draft 999"));
    lib.cmd().args(["move", &id, "1"]).assert().code(2); // usage: no place given
    lib.cmd()
        .args(["move", &id, "1", "--under", "1"])
        .assert()
        .code(2);
    lib.cmd().args(["remove", &id, "99999"]).assert().code(1);
    lib.cmd()
        .args(["add", &id, "no-such-block"])
        .assert()
        .code(1);
    lib.cmd()
        .args(["set", &id, "日期=二月三十日"])
        .assert()
        .code(2);
    lib.cmd()
        .args(["stats", &id, "--rate", "0"])
        .assert()
        .code(2);
    lib.cmd()
        .args([
            "export",
            &id,
            "--format",
            "md",
            "--out",
            "/nonexistent/dir/x.md",
        ])
        .assert()
        .code(2);
    lib.cmd().args(["frobnicate"]).assert().code(2);
    assert_eq!(lib.ok(&["show", &id, "--format", "json"]), before);
    // Each failure said one clear line.
    let out = lib
        .cmd()
        .args(["show", "999"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);
}

#[test]
fn a_database_from_the_future_is_left_untouched() {
    let lib = Lib::new();
    {
        let conn = rusqlite::Connection::open(&lib.db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&lib.db).unwrap();
    lib.cmd()
        .arg("drafts")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("newer"));
    assert_eq!(std::fs::read(&lib.db).unwrap(), before);
}

#[test]
fn the_environment_variable_names_the_library() {
    let lib = Lib::new();
    let other = lib.dir().join("other.sqlite3");
    let mut c = Command::cargo_bin("jianggao").unwrap();
    c.env("JIANGGAO_DB", &other)
        .args(["new", "--template", "symposium-workers"])
        .assert()
        .success();
    assert!(other.exists());
    assert!(!lib.db.exists());
}

#[test]
fn blocks_and_phrases() {
    let lib = Lib::new();
    let found = lib.json(&[
        "blocks",
        "search",
        "职工",
        "--type",
        "commendation",
        "--limit",
        "5",
        "--json",
    ]);
    let found = found.as_array().unwrap();
    assert!(!found.is_empty() && found.len() <= 5);
    assert!(found.iter().all(|b| b["id"].is_i64()));
    let tagged = lib.json(&["blocks", "search", "", "--tag", "表彰", "--json"]);
    assert!(tagged.as_array().unwrap().iter().all(|b| b["tags"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t == "表彰")));

    let file = lib.dir().join("block.txt");
    std::fs::write(&file, "# 抓好安全生产\n- **压实责任。**层层落实{{单位}}安全责任。\n- **排查隐患。**常态开展隐患排查。").unwrap();
    let id = lib.ok(&[
        "blocks",
        "add",
        "--file",
        file.to_str().unwrap(),
        "--tag",
        "安全生产",
        "--type",
        "work_meeting",
    ]);
    let id = id.trim();
    let b = lib.json(&["blocks", "show", id, "--json"]);
    assert_eq!(b["title"], "抓好安全生产");
    assert_eq!(b["tags"], serde_json::json!(["安全生产"]));
    lib.cmd()
        .args(["blocks", "add", "--text", "在{{单位 大会上"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 1, column 2"));
    for q in ["\"", "*", "(", ":", "AND", "NEAR", "%", "_"] {
        lib.cmd().args(["blocks", "search", q]).assert().success();
        lib.cmd().args(["phrases", "search", q]).assert().success();
    }
    let pid = lib.ok(&["phrases", "add", "一张蓝图绘到底", "--tag", "结尾"]);
    let p = lib.json(&["phrases", "search", "蓝图", "--json"]);
    let mine = p
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"].as_i64() == pid.trim().parse().ok())
        .unwrap();
    assert_eq!(mine["tags"], serde_json::json!(["结尾"]));

    // A section block added at the end becomes the next 一、 heading.
    let d = lib.new_draft(&["--template", "work-meeting-annual"]);
    let top = lib.ok(&["add", &d, id]);
    let doc = lib.json(&["show", &d, "--format", "json"]);
    let node = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"].as_i64() == top.trim().parse().ok())
        .unwrap()
        .clone();
    assert_eq!(node["kind"], "heading");
    assert_eq!(node["children"][1]["lead"], "二是");
}

#[test]
fn drafts_list_duplicate_rename_delete() {
    let lib = Lib::new();
    let a = lib.new_draft(&[
        "--template",
        "opening-conference",
        "--title",
        "在培训班上的讲话",
    ]);
    let b = lib.ok(&["duplicate", &a]);
    lib.ok(&["rename", b.trim(), "在培训班结业式上的讲话"]);
    let list = lib.json(&["drafts", "--json"]);
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"在培训班上的讲话") && titles.contains(&"在培训班结业式上的讲话"));
    lib.ok(&["delete", &a]);
    assert_eq!(lib.json(&["drafts", "--json"]).as_array().unwrap().len(), 1);
    lib.cmd().args(["delete", &a]).assert().code(1);
}

#[test]
fn insert_and_edit_items() {
    let lib = Lib::new();
    let d = lib.new_draft(&["--template", "symposium-workers"]);
    let h = lib.ok(&["insert", &d, "新的一部分", "--kind", "heading"]);
    let i1 = lib.ok(&[
        "insert",
        &d,
        "第一条意见",
        "--kind",
        "item",
        "--lead",
        "di",
        "--under",
        h.trim(),
    ]);
    let i2 = lib.ok(&[
        "insert",
        &d,
        "第二条意见",
        "--kind",
        "item",
        "--under",
        h.trim(),
    ]);
    let doc = lib.json(&["show", &d, "--format", "json"]);
    let node = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"].as_i64() == h.trim().parse().ok())
        .unwrap()
        .clone();
    assert_eq!(node["children"][0]["lead"], "第一，");
    assert_eq!(
        node["children"][1]["lead"], "第二，",
        "a new item joins its siblings' style"
    );
    lib.ok(&["edit", &d, i2.trim(), "--text", "改写后的意见"]);
    lib.ok(&["move", &d, i2.trim(), "--before", i1.trim()]);
    let md = lib.ok(&["show", &d, "--format", "md"]);
    assert!(
        md.contains("第一，改写后的意见") && md.contains("第二，第一条意见"),
        "{md}"
    );
    lib.cmd().args(["edit", &d, i1.trim()]).assert().code(2);
    lib.cmd()
        .args(["edit", &d, i1.trim(), "--lead", "bogus"])
        .assert()
        .code(2);
}

/// The commands listed under "Commands:" in a help text, with their one-line descriptions.
fn listed_commands(help: &str) -> Vec<(String, String)> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| {
            let l = l.trim();
            let (name, about) = l.split_once(char::is_whitespace)?;
            Some((name.to_string(), about.trim().to_string()))
        })
        .filter(|(name, _)| name != "help")
        .collect()
}

/// Every command's `--help` starts with its own description (a doc comment on the wrong
/// variant once gave `search` the profile command's help, and `profile` none).
#[test]
fn every_command_has_its_own_help() {
    let lib = Lib::new();
    let top = lib.ok(&["--help"]);
    let commands = listed_commands(&top);
    assert!(commands.len() >= 24, "{top}");
    let mut checked = 0;
    for (name, about) in &commands {
        assert!(!about.is_empty(), "{name} has no description");
        let help = lib.ok(&[name, "--help"]);
        assert_eq!(help.lines().next(), Some(about.as_str()), "{name} --help");
        checked += 1;
        for (sub, sub_about) in listed_commands(&help) {
            let sub_help = lib.ok(&[name, &sub, "--help"]);
            assert_eq!(
                sub_help.lines().next(),
                Some(sub_about.as_str()),
                "{name} {sub} --help"
            );
            checked += 1;
        }
    }
    assert!(checked >= 40, "{checked}");
    let search = lib.ok(&["search", "--help"]);
    assert!(
        search.starts_with("Search blocks and phrases together"),
        "{search}"
    );
    let profile = lib.ok(&["profile", "--help"]);
    assert!(
        profile.starts_with("Show or set remembered profile values"),
        "{profile}"
    );
}

/// `blocks add --file` reads the encodings `import` reads, GBK among them.
#[test]
fn blocks_add_reads_a_gbk_file() {
    let lib = Lib::new();
    let path = lib.dir().join("gbk.txt");
    let (gbk, _, _) = encoding_rs::GBK.encode("做好困难职工帮扶，落实送温暖工作。");
    std::fs::write(&path, &gbk).unwrap();
    let id = lib.ok(&["blocks", "add", "--file", path.to_str().unwrap()]);
    let b = lib.json(&["blocks", "show", id.trim(), "--json"]);
    assert_eq!(b["text"], "做好困难职工帮扶，落实送温暖工作。");
}

/// The one line a failing command prints on stderr.
fn one_line_error(c: &mut Command, code: i32) -> String {
    let out = c.assert().code(code).get_output().clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("jianggao: "), "{err}");
    assert!(out.stdout.is_empty());
    err
}

fn companions_absent(db: &std::path::Path) {
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut n = db.as_os_str().to_owned();
        n.push(suffix);
        assert!(!std::path::Path::new(&n).exists(), "{n:?} was created");
    }
}

#[test]
fn another_programs_database_is_refused_and_left_untouched() {
    for schema in [
        "CREATE TABLE contacts(name); INSERT INTO contacts VALUES ('张三');",
        // A table named like ours used to fail half-way and leave the file changed.
        "CREATE TABLE templates(x); INSERT INTO templates VALUES (1);",
    ] {
        let lib = Lib::new();
        rusqlite::Connection::open(&lib.db)
            .unwrap()
            .execute_batch(schema)
            .unwrap();
        let before = std::fs::read(&lib.db).unwrap();
        let err = one_line_error(lib.cmd().arg("drafts"), 2);
        assert!(err.contains("not a Jianggao library"), "{err}");
        assert_eq!(std::fs::read(&lib.db).unwrap(), before);
        companions_absent(&lib.db);
    }
}

#[test]
fn an_empty_file_becomes_a_library() {
    let lib = Lib::new();
    std::fs::write(&lib.db, b"").unwrap();
    lib.new_draft(&["--template", "symposium-workers"]);
    assert_eq!(&std::fs::read(&lib.db).unwrap()[68..72], b"JGGF");
}

#[test]
fn a_library_in_a_missing_folder_is_refused() {
    let lib = Lib::new();
    let db = lib.dir().join("no-such-folder").join("lib.sqlite3");
    let mut c = Command::cargo_bin("jianggao").unwrap();
    c.arg("--db")
        .arg(&db)
        .arg("drafts")
        .env_remove("JIANGGAO_DB");
    let err = one_line_error(&mut c, 2);
    assert!(err.contains("no-such-folder"), "{err}");
    assert!(!lib.dir().join("no-such-folder").exists());
}

/// `--out` naming the library (by a hard link, a symlink, `x/../`, its -wal) is refused,
/// and so is `pack export` onto it: the library stays a library.
#[cfg(unix)]
#[test]
fn exports_never_land_on_the_library() {
    let lib = Lib::new();
    let id = lib.new_draft(&["--template", "symposium-workers"]);
    let before = std::fs::read(&lib.db).unwrap();
    std::fs::create_dir(lib.dir().join("x")).unwrap();
    std::fs::hard_link(&lib.db, lib.dir().join("hard.sqlite3")).unwrap();
    std::os::unix::fs::symlink(&lib.db, lib.dir().join("soft.sqlite3")).unwrap();
    for target in [
        "lib.sqlite3",
        "hard.sqlite3",
        "soft.sqlite3",
        "x/../lib.sqlite3",
        "./x/../lib.sqlite3-wal",
        "lib.sqlite3-shm",
    ] {
        let out = lib.dir().join(target);
        let err = one_line_error(
            lib.cmd()
                .args(["export", &id, "--format", "md", "--out"])
                .arg(&out),
            2,
        );
        assert!(err.contains("onto the library"), "{err}");
        let err = one_line_error(lib.cmd().args(["pack", "export"]).arg(&out), 2);
        assert!(err.contains("onto the library"), "{err}");
    }
    assert_eq!(std::fs::read(&lib.db).unwrap(), before);
    assert!(std::fs::symlink_metadata(lib.dir().join("soft.sqlite3"))
        .unwrap()
        .is_symlink());
    let drafts = lib.json(&["drafts", "--json"]);
    assert_eq!(drafts.as_array().unwrap().len(), 1);
    // Beside it, any other name is fine.
    let md = lib.dir().join("x").join("lib.md");
    lib.cmd()
        .args(["export", &id, "--format", "md", "--out"])
        .arg(&md)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&md).unwrap().contains("职工"));
}

/// A usage error is one line on stderr like every other failure, exit 2; help and
/// version print normally.
#[test]
fn usage_errors_are_one_line() {
    let lib = Lib::new();
    for args in [
        &["draftz"][..],
        &["show", "--bogus"],
        &["export", "1", "--format", "xx"],
        &["export"],
        &[],
        &["blocks"],
    ] {
        let err = one_line_error(lib.cmd().args(args), 2);
        assert!(!err.contains("Usage:\n"), "{err}");
    }
    let err = one_line_error(lib.cmd().arg("draftz"), 2);
    assert!(err.contains("'drafts'"), "{err}");
    let help = lib.ok(&["--help"]);
    assert!(
        help.lines().count() > 5 && help.contains("Usage:"),
        "{help}"
    );
    let version = lib.ok(&["--version"]);
    assert!(version.starts_with("jianggao "), "{version}");
    assert!(lib.ok(&["export", "--help"]).contains("--out"));
}

/// `export --format pdf|ofd` writes the file and names on stderr every face that stood
/// in for one of the font set's faces; with no Chinese font at all it fails writing
/// nothing (exit 2).
#[test]
fn pdf_and_ofd_exports_name_their_stand_in_faces() {
    let lib = Lib::new();
    let id = lib.new_draft(&["--template", "commendation-annual"]);
    for (format, magic) in [("pdf", &b"%PDF-"[..]), ("ofd", &b"PK"[..])] {
        let out = lib.dir().join(format!("x.{format}"));
        let o = lib
            .cmd()
            .args([
                "export", &id, "--format", format, "--fonts", "gb2312", "--out",
            ])
            .arg(&out)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        if o.status.code() == Some(2) {
            assert!(stderr.contains("font with Chinese"), "{stderr}");
            assert!(!out.exists());
            continue;
        }
        assert!(o.status.success(), "{stderr}");
        assert!(std::fs::read(&out).unwrap().starts_with(magic));
        // 仿宋_GB2312 is an office font no Linux distribution ships.
        assert!(
            stderr.contains("字体替代：仿宋_GB2312 未安装，用 "),
            "{stderr}"
        );
    }
}

/// `set` takes a list slot one entry a line and a flag as 是/否; a broken entry or any
/// other flag value is refused and changes nothing; the host script follows the agenda.
#[test]
fn list_and_flag_slots_through_set() {
    let lib = Lib::new();
    let host = lib.new_draft(&["--template", "host-commendation"]);
    lib.ok(&[
        "set",
        &host,
        "议程=奏唱国歌\n\n请{{讲话领导}}同志讲话",
        "讲话领导=赵立新",
    ]);
    let md = lib.ok(&["show", &host, "--format", "md"]);
    assert!(md.contains("今天的会议共有两项议程。"), "{md}");
    assert!(
        md.contains("下面进行第二项，也就是最后一项议程：请赵立新同志讲话。"),
        "{md}"
    );
    let err = one_line_error(
        lib.cmd()
            .args(["set", &host, "议程=奏唱国歌\n请{{讲话领导同志讲话"]),
        2,
    );
    assert!(err.contains("议程") && err.contains("entry 2"), "{err}");
    let err = one_line_error(lib.cmd().args(["set", &host, "议程=宣读{{议程}}"]), 2);
    assert!(err.contains("NamesItself"), "{err}");
    assert_eq!(lib.ok(&["show", &host, "--format", "md"]), md);

    let plenary = lib.new_draft(&["--template", "plenary-annual"]);
    let part = "扎实做好基层工会换届选举工作";
    assert!(!lib.ok(&["show", &plenary, "--format", "md"]).contains(part));
    lib.ok(&["set", &plenary, "部署换届=是"]);
    assert!(lib
        .ok(&["show", &plenary, "--format", "md"])
        .contains(&format!("## 四、{part}")));
    let err = one_line_error(lib.cmd().args(["set", &plenary, "部署换届=对"]), 2);
    assert!(err.contains("部署换届"), "{err}");
    assert!(lib.ok(&["show", &plenary, "--format", "md"]).contains(part));
}
