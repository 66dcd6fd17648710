//! The leader's revised .docx back into the draft, tested as a person would: LibreOffice
//! itself plays the reviewer (scripts/uno/reviewer.py, python3-uno, headless): it opens
//! our export, turns on record changes, inserts a sentence, deletes a phrase, replaces a
//! word and adds a paragraph, saves as .docx; python-docx (≥ 1.2) adds a comment.
//! `review --dry-run --json` lists exactly those changes and the comment; accepting them
//! gives the expected Markdown with leads regenerated; the same edits without record
//! changes give the same draft by diff. Bad input changes nothing (the library's bytes).
//!
//! The reviewer needs soffice, python3-uno and python-docx ≥ 1.2 in the Python that
//! scripts/setup.sh makes (`$JIANGGAO_PYTHON`, else ~/.cache/jianggao/pyenv/bin/python).
//! When one is missing the test prints a note and passes, unless
//! JIANGGAO_REQUIRE_READERS=1 (CI sets it).

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use serde_json::{json, Value};

fn cmd(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::cargo_bin("jianggao").unwrap();
    c.arg("--db").arg(db).env_remove("JIANGGAO_DB").args(args);
    c
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = cmd(db, args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

/// The library's bytes (and its -wal's), to prove a refused command wrote nothing.
fn library_bytes(db: &Path) -> Vec<u8> {
    let mut b = std::fs::read(db).unwrap();
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    b.extend(std::fs::read(PathBuf::from(wal)).unwrap_or_default());
    b
}

fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("JIANGGAO_PYTHON") {
        return p.into();
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_default();
    cache.join("jianggao/pyenv/bin/python")
}

/// Whether the reviewer can run here; a missing piece fails the test under CI.
fn reviewer_ready() -> bool {
    let found = Process::new(python())
        .args([
            "-c",
            "import uno, docx; assert tuple(map(int, docx.__version__.split('.')[:2])) >= (1, 2)",
        ])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
        && Process::new("soffice")
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .is_ok();
    if !found {
        if std::env::var("JIANGGAO_REQUIRE_READERS").as_deref() == Ok("1") {
            panic!("soffice, python3-uno and python-docx >= 1.2 are required (JIANGGAO_REQUIRE_READERS=1); run scripts/setup.sh");
        }
        eprintln!("note: the LibreOffice reviewer is not available; skipping");
    }
    found
}

fn reviewer(src: &Path, out: &Path, plan: &Value, track: bool) {
    let plan_file = out.with_extension("json");
    std::fs::write(&plan_file, plan.to_string()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/uno/reviewer.py");
    let mut p = Process::new(python());
    p.arg(script).arg(src).arg(out).arg(&plan_file);
    if !track {
        p.arg("--no-track");
    }
    let status = p.status().unwrap();
    assert!(status.success(), "reviewer failed: {status}");
}

/// A draft from a built-in template with every slot filled; returns (library, draft).
fn library(dir: &Path) -> (PathBuf, String) {
    let db = dir.join("lib.sqlite3");
    let mut args = vec!["new", "--template", "opening-conference"];
    let values = [
        "会议名称=全县工会干部培训班",
        "仪式=开班式",
        "职务=县总工会主席",
        "讲话人=张三",
        "日期=2026-03-02",
        "地区=全县",
        "主题=奋进新征程",
        "活动名称=技能比武",
        "单位=县总工会",
    ];
    for v in &values {
        args.extend(["--set", v]);
    }
    let draft = ok(&db, &args).trim().to_string();
    (db, draft)
}

/// A library with a draft, exported as .docx: (library, draft, the file).
fn exported(dir: &Path) -> (PathBuf, String, PathBuf) {
    let (db, d) = library(dir);
    let export = dir.join("送审稿.docx");
    let out = export.to_str().unwrap();
    ok(&db, &["export", &d, "--format", "docx", "--out", out]);
    (db, d, export)
}

/// The id of the node whose text starts with `start`.
fn node_id(db: &Path, draft: &str, start: &str) -> i64 {
    let doc: Value = serde_json::from_str(&ok(db, &["show", draft, "--format", "json"])).unwrap();
    fn walk(nodes: &Value, start: &str) -> Option<i64> {
        nodes.as_array()?.iter().find_map(|n| {
            if n["text"].as_str()?.starts_with(start) {
                return n["id"].as_i64();
            }
            walk(&n["children"], start)
        })
    }
    walk(&doc["nodes"], start).unwrap_or_else(|| panic!("no node starts with {start}"))
}

fn plan() -> Value {
    json!({
        "author": "王主任",
        "edits": [
            {"op": "insert", "after": "作为长期政治任务", "text": "，做到常学常新"},
            {"op": "delete", "text": "，新技术、新业态、新模式加速涌现"},
            {"op": "replace", "text": "端正学习态度", "with": "摆正学习态度"},
            {"op": "paragraph", "after": "听党话、跟党走。", "text": "二是坚持问题导向，深入基层调研。"}
        ],
        "comment": {"on": "三是守牢", "text": "这一条再具体些。"}
    })
}

/// The Markdown the accepted review must give: the edits, the added item's lead 二是
/// regenerated (its first sentence bold like its neighbours') and the items after it
/// renumbered (二是 → 三是, 三是 → 四是).
fn expected(before: &str) -> String {
    let mut md = before
        .replace("作为长期政治任务，", "作为长期政治任务，做到常学常新，")
        .replace("，新技术、新业态、新模式加速涌现", "")
        .replace("端正学习态度", "摆正学习态度")
        .replace("**三是守牢", "**四是守牢")
        .replace("**二是加强思想教育", "**三是加强思想教育");
    let at = md.find("**三是加强思想教育").unwrap();
    md.insert_str(at, "**二是坚持问题导向，深入基层调研**。\n\n");
    md
}

#[test]
fn a_review_made_in_libreoffice_comes_back_into_the_draft() {
    if !reviewer_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, d, export) = exported(dir.path());
    let version = serde_json::from_str::<Value>(&ok(&db, &["versions", &d, "--json"])).unwrap()[0]
        ["id"]
        .as_i64()
        .unwrap();
    let before = ok(&db, &["show", &d, "--format", "md"]);
    // A second library in the same state, for the review made without tracking.
    let db2 = dir.path().join("lib2.sqlite3");
    std::fs::copy(&db, &db2).unwrap();

    let tracked = dir.path().join("修改稿-修订.docx");
    reviewer(&export, &tracked, &plan(), true);
    let view: Value = serde_json::from_str(&ok(
        &db,
        &[
            "review",
            &d,
            tracked.to_str().unwrap(),
            "--dry-run",
            "--json",
        ],
    ))
    .unwrap();
    let id = |start: &str| json!(node_id(&db, &d, start));
    assert_eq!(
        view,
        json!({
            "base_version": version,
            "tracked": true,
            "changes": [
                {"node": id("当前，全县"), "kind": "delete",
                 "old": "，新技术、新业态、新模式加速涌现", "new": null, "author": "王主任"},
                {"node": id("深化理论武装"), "kind": "insert",
                 "old": null, "new": "，做到常学常新", "author": "王主任"},
                {"node": null, "kind": "insert",
                 "old": null, "new": "二是坚持问题导向，深入基层调研。", "author": "王主任"},
                {"node": id("端正学习态度") , "kind": "replace",
                 "old": "端正学习态度", "new": "摆正学习态度", "author": "王主任"},
            ],
            "comments": [{"node": id("守牢意识形态"), "text": "这一条再具体些。", "author": "王主任"}],
        })
    );
    let note_node = node_id(&db, &d, "守牢意识形态");
    ok(
        &db,
        &["review", &d, tracked.to_str().unwrap(), "--accept-all"],
    );
    let after = ok(&db, &["show", &d, "--format", "md"]);
    assert_eq!(after, expected(&before));
    let doc = ok(&db, &["show", &d, "--format", "json"]);
    assert!(
        doc.contains("\"note\": \"王主任：这一条再具体些。\""),
        "{doc}"
    );
    assert!(ok(&db, &["show", &d]).contains("批注 王主任：这一条再具体些。"));
    assert_eq!(node_id(&db, &d, "守牢意识形态"), note_node, "ids kept");
    let versions: Value = serde_json::from_str(&ok(&db, &["versions", &d, "--json"])).unwrap();
    assert_eq!(versions[0]["name"], "修改稿");

    // The same edits without record changes: compared by diff, the same draft.
    let plain = dir.path().join("修改稿-直接改.docx");
    reviewer(&export, &plain, &plan(), false);
    let view: Value = serde_json::from_str(&ok(
        &db2,
        &["review", &d, plain.to_str().unwrap(), "--dry-run", "--json"],
    ))
    .unwrap();
    assert_eq!(view["tracked"], false);
    assert_eq!(view["base_version"], version);
    assert_eq!(view["changes"].as_array().unwrap().len(), 4, "{view}");
    ok(
        &db2,
        &["review", &d, plain.to_str().unwrap(), "--accept-all"],
    );
    assert_eq!(ok(&db2, &["show", &d, "--format", "md"]), after);
}

#[test]
fn bad_files_and_a_deleted_draft_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, d, export) = exported(dir.path());
    let good = std::fs::read(&export).unwrap();
    let file = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_string()
    };
    let truncated = file("truncated.docx", &good[..good.len() / 2]);
    let entity = dir.path().join("entity.docx");
    revised(&export, &entity, false, |_| {
        "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
            .to_string()
    });
    let entity = entity.to_str().unwrap().to_string();
    let huge = dir.path().join("huge.docx");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(20 * 1024 * 1024)
        .unwrap();
    let huge = huge.to_str().unwrap().to_string();
    let other = ok(&db, &["new", "--template", "opening-conference"])
        .trim()
        .to_string();
    ok(&db, &["delete", &other]);
    ok(&db, &["drafts"]);
    let start = library_bytes(&db);
    let cases: [(&str, &str, &str, i32); 4] = [
        (&d, &truncated, "not a .docx", 2),
        (&d, &entity, "not valid XML", 2),
        (&d, &huge, "20 MB", 2),
        (&other, export.to_str().unwrap(), "no draft", 1),
    ];
    for (draft, path, says, code) in cases {
        for extra in [&["--dry-run"][..], &["--accept-all"][..]] {
            let out = cmd(&db, &["review", draft, path])
                .args(extra)
                .assert()
                .code(code)
                .get_output()
                .clone();
            let err = String::from_utf8(out.stderr).unwrap();
            assert!(err.contains(says), "{path}: {err}");
            assert_eq!(err.lines().count(), 1, "{err}");
        }
        assert!(library_bytes(&db) == start, "{path} changed the library");
    }
    // Without --accept-all the list is shown and nothing is written.
    cmd(&db, &["review", &d, export.to_str().unwrap()])
        .assert()
        .code(2);
    assert!(library_bytes(&db) == start);
}

/// Our export read by independent programs: python-docx finds the custom properties,
/// LibreOffice opens the file.
#[test]
fn the_export_names_its_origin_for_other_readers() {
    if !reviewer_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (db, d, export) = exported(dir.path());
    let out = Process::new(python())
        .arg("-c")
        .arg(
            "import sys, docx\n\
             d = docx.Document(sys.argv[1])\n\
             part = [p for p in d.part.package.iter_parts() if p.partname == '/docProps/custom.xml'][0]\n\
             from lxml import etree\n\
             x = etree.fromstring(part.blob)\n\
             for p in x: print(p.get('name'), p[0].text)",
        )
        .arg(&export)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let props = String::from_utf8(out.stdout).unwrap();
    let versions: Value = serde_json::from_str(&ok(&db, &["versions", &d, "--json"])).unwrap();
    assert!(props.contains(&format!("JianggaoDraft {d}\n")), "{props}");
    assert!(
        props.contains(&format!("JianggaoVersion {}\n", versions[0]["id"])),
        "{props}"
    );
    assert!(props.contains("JianggaoLibrary "), "{props}");
    let profile = tempfile::tempdir().unwrap();
    let status = Process::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&export)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(dir.path().join("送审稿.txt")).unwrap();
    assert!(
        text.contains("在全县工会干部培训班开班式上的讲话"),
        "{text}"
    );
}

/// A copy of `export` with `document.xml` edited by `edit` (a reviewer's plain edits)
/// and without custom.xml when `foreign`.
fn revised(export: &Path, out: &Path, foreign: bool, edit: impl Fn(String) -> String) {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::fs::File::open(export).unwrap()).unwrap();
    let mut zout = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut body = String::new();
        f.read_to_string(&mut body).unwrap();
        if foreign && name == "docProps/custom.xml" {
            continue;
        }
        if name == "word/document.xml" {
            body = edit(body);
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zout.write_all(body.as_bytes()).unwrap();
    }
    std::fs::write(out, zout.finish().unwrap().into_inner()).unwrap();
}

mod session {
    use super::*;
    use jianggao::app::{ExportOptions, Session};
    use jianggao::review::SlotChoice;

    fn draft_text(s: &Session, d: i64, node: i64) -> String {
        s.store.draft(d).unwrap().find(node).unwrap().text.clone()
    }

    fn start() -> (tempfile::TempDir, Session, i64, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let (db, d) = library(dir.path());
        let mut s = Session::open(&db).unwrap();
        let d: i64 = d.parse().unwrap();
        let export = dir.path().join("a.docx");
        s.export_to(d, &ExportOptions::default(), &export).unwrap();
        (dir, s, d, export)
    }

    fn node(s: &Session, d: i64, start: &str) -> i64 {
        let doc = jianggao::render::render(&s.store.draft(d).unwrap());
        let id = doc.walk().find(|n| n.text.starts_with(start)).unwrap().id;
        id
    }

    /// A heading renumbered by hand and reworded stays a heading with its stored text
    /// only; a filled slot's value changed is a slot change, plain text by default,
    /// the value everywhere when asked.
    #[test]
    fn numbers_typed_by_hand_and_slot_values() {
        let (dir, mut s, d, export) = start();
        let file = dir.path().join("b.docx");
        revised(&export, &file, false, |x| {
            x.replace("二、突出重点，扎实推进", "三、突出重点，全力推进")
                .replace("当前，全县正处在", "当前，全市正处在")
        });
        let view = s.review(d, &file).unwrap();
        let kinds: Vec<(&str, Option<&str>)> = view
            .changes
            .iter()
            .map(|c| (c.kind.as_str(), c.slot.as_deref()))
            .collect();
        assert!(kinds.contains(&("slot", Some("地区"))), "{kinds:?}");
        let heading = node(&s, d, "突出重点");
        let para = node(&s, d, "当前，");
        let before = draft_text(&s, d, para);
        assert!(before.contains("{{地区}}"), "{before}");
        let done = s.accept_review(d, &file, None, SlotChoice::Text).unwrap();
        assert!(
            done.notes.iter().any(|n| n.contains("地区")),
            "{:?}",
            done.notes
        );
        assert_eq!(draft_text(&s, d, heading), "突出重点，全力推进各项工作");
        let doc = jianggao::render::render(&s.store.draft(d).unwrap());
        assert_eq!(doc.find(heading).unwrap().number.as_deref(), Some("二、"));
        assert_eq!(
            draft_text(&s, d, para),
            before.replacen("{{地区}}", "全市", 1)
        );
        assert_eq!(s.store.draft(d).unwrap().values["地区"], "全县");
        // Undone in one step; then the value everywhere.
        assert!(s.undo(d).unwrap());
        assert_eq!(draft_text(&s, d, para), before);
        s.accept_review(d, &file, None, SlotChoice::Value).unwrap();
        assert_eq!(draft_text(&s, d, para), before);
        assert_eq!(s.store.draft(d).unwrap().values["地区"], "全市");
    }

    /// A section deleted whole (its heading and everything under it) goes; numbers
    /// after it are regenerated.
    #[test]
    fn a_whole_section_deleted() {
        let (dir, mut s, d, export) = start();
        let doc = jianggao::render::render(&s.store.draft(d).unwrap());
        let heading = doc
            .nodes
            .iter()
            .find(|n| n.text.starts_with("准确把握"))
            .unwrap();
        let texts: Vec<String> = std::iter::once(heading.display_text())
            .chain(heading.children.iter().map(|c| c.display_text()))
            .collect();
        let file = dir.path().join("b.docx");
        revised(&export, &file, false, |mut x| {
            for t in &texts {
                assert!(x.contains(t.as_str()), "{t}");
                x = x.replace(t.as_str(), "");
            }
            x
        });
        let view = s.review(d, &file).unwrap();
        assert_eq!(view.changes.len(), texts.len(), "{view:?}");
        assert!(view.changes.iter().all(|c| c.kind == "delete"));
        let done = s.accept_review(d, &file, None, SlotChoice::Text).unwrap();
        assert!(done.notes.is_empty(), "{:?}", done.notes);
        let after = jianggao::render::render(&s.store.draft(d).unwrap());
        assert!(after.find(heading.id).is_none());
        let next = after
            .nodes
            .iter()
            .find(|n| n.text.starts_with("突出重点"))
            .unwrap();
        assert_eq!(next.number.as_deref(), Some("一、"));
    }

    /// A paragraph deleted with tracking on, as Word writes it (its runs in `w:del`, its
    /// mark deleted): one whole deletion by its author; accepted, the item goes.
    #[test]
    fn a_paragraph_deleted_with_tracking_as_word_writes_it() {
        let (dir, mut s, d, export) = start();
        let para = node(&s, d, "当前，");
        let text = jianggao::render::render(&s.store.draft(d).unwrap())
            .find(para)
            .unwrap()
            .display_text();
        let file = dir.path().join("b.docx");
        revised(&export, &file, false, |x| {
            let t = x.find(&format!("<w:t>{text}</w:t>")).expect("one run");
            let start = x[..t].rfind("<w:p>").unwrap();
            let end = t + x[t..].find("</w:p>").unwrap();
            let runs = x[start + "<w:p>".len()..end]
                .replace("<w:t>", "<w:delText>")
                .replace("</w:t>", "</w:delText>");
            format!(
                "{}<w:p><w:pPr><w:rPr><w:del w:id=\"1\" w:author=\"李处长\"/></w:rPr></w:pPr>\
                 <w:del w:id=\"2\" w:author=\"李处长\">{runs}</w:del>{}",
                &x[..start],
                &x[end..]
            )
        });
        let view = s.review(d, &file).unwrap();
        assert!(view.tracked);
        assert_eq!(view.changes.len(), 1, "{view:?}");
        let c = &view.changes[0];
        assert_eq!(
            (
                c.node,
                c.kind.as_str(),
                c.old.as_deref(),
                c.author.as_deref()
            ),
            (Some(para), "delete", Some(text.as_str()), Some("李处长"))
        );
        s.accept_review(d, &file, None, SlotChoice::Text).unwrap();
        assert!(s.store.draft(d).unwrap().find(para).is_none());
    }

    /// An item the writer changed after the export is not overwritten; a file without
    /// provenance is compared with the draft as it is, with a warning; a chosen subset.
    #[test]
    fn changed_since_foreign_files_and_a_subset() {
        let (dir, mut s, d, export) = start();
        let file = dir.path().join("b.docx");
        revised(&export, &file, false, |x| {
            x.replace("深化理论武装", "强化理论武装")
                .replace("加强思想教育", "抓好思想教育")
        });
        let first = node(&s, d, "深化理论武装");
        s.edit_text(d, first, "写稿人自己改过的一句。").unwrap();
        let view = s.review(d, &file).unwrap();
        assert_eq!(view.changes.len(), 2, "{view:?}");
        let done = s.accept_review(d, &file, None, SlotChoice::Text).unwrap();
        assert_eq!(draft_text(&s, d, first), "写稿人自己改过的一句。");
        assert!(
            done.notes.iter().any(|n| n.contains("导出后又改过")),
            "{:?}",
            done.notes
        );
        assert!(draft_text(&s, d, node(&s, d, "抓好思想教育")).contains("抓好思想教育"));

        let foreign = dir.path().join("c.docx");
        revised(&export, &foreign, true, |x| {
            x.replace("守牢意识形态阵地", "筑牢意识形态阵地")
        });
        let view = s.review(d, &foreign).unwrap();
        assert_eq!(view.base_version, None);
        assert!(
            view.warnings[0].contains("不是讲稿工坊导出的"),
            "{:?}",
            view.warnings
        );
        let kinds: Vec<_> = view.changes.iter().map(|c| c.old.clone()).collect();
        assert!(kinds.contains(&Some("守".into())), "{kinds:?}");
        let n = view.changes.len();
        assert!(s
            .accept_review(d, &foreign, Some(&[n]), SlotChoice::Text)
            .is_err());
        // Compared with the present draft, the writer's own later edits show as changes
        // too (the warning says so): take only the reviewer's.
        let theirs = view
            .changes
            .iter()
            .position(|c| c.old.as_deref() == Some("守"))
            .unwrap();
        s.accept_review(d, &foreign, Some(&[theirs]), SlotChoice::Text)
            .unwrap();
        assert_eq!(draft_text(&s, d, first), "写稿人自己改过的一句。");
        assert!(s
            .store
            .draft(d)
            .unwrap()
            .texts()
            .iter()
            .any(|t| t.contains("筑牢意识形态阵地")));
    }
}
