//! The changes since a version in the .docx (`export --changes-from`), made through the
//! CLI as a writer would and read back by independent programs: pandoc accepts them to
//! the normal export's text and rejects them to the version's; LibreOffice (through UNO,
//! scripts/uno/count_changes.py) lists as many changes as we wrote, every one by the
//! writer, and its 全部接受/全部拒绝 give the normal export and the version; python-docx opens the file and LibreOffice prints it; the 花脸稿 carries
//! printed marks and no tracked-change markup.
//!
//! The programs come from Debian packages (pandoc, poppler-utils, libreoffice-writer-nogui,
//! python3-uno, python3-docx). When one is missing the test prints a note and passes,
//! unless JIANGGAO_REQUIRE_READERS=1 (CI sets it).

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use jianggao::app::Session;
use jianggao::export::docx::tracked::{change_count, word_date};
use serde_json::Value;

const AUTHOR: &str = "李明";

fn required() -> bool {
    std::env::var("JIANGGAO_REQUIRE_READERS").as_deref() == Ok("1")
}

/// Whether `program` can be run; a missing one fails the test under CI.
fn have(program: &str, args: &[&str]) -> bool {
    let found = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        if required() {
            panic!("{program} {args:?} is required (JIANGGAO_REQUIRE_READERS=1) but failed");
        }
        eprintln!("note: {program} {args:?} failed; skipping this reader check");
    }
    found
}

/// Debian's python3, for which python3-uno and python3-docx are built.
const PYTHON: &str = "/usr/bin/python3";

fn have_module(module: &str) -> bool {
    have(PYTHON, &["-c", &format!("import {module}")])
}

struct Lib {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Lib {
    fn new() -> Lib {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("lib.sqlite3");
        Lib { dir, db }
    }

    fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("jianggao").unwrap();
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
        String::from_utf8(out).unwrap().trim().to_string()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn export(&self, draft: &str, name: &str, extra: &[&str]) -> PathBuf {
        let out = self.path(name);
        let mut args = vec!["export", draft, "--format", "docx", "--out"];
        let out_str = out.to_str().unwrap().to_string();
        args.push(&out_str);
        args.extend_from_slice(extra);
        self.ok(&args);
        out
    }
}

/// A draft saved as 初稿, exported (the version's copy), then edited the ways a writer
/// edits — a paragraph rewritten, an item inserted, an item deleted, a heading renamed, a
/// slot filled, the last section moved under the one before (its heading one level
/// down) — and exported plain, tracked and marked.
struct Made {
    lib: Lib,
    draft: String,
    version: String,
    old: PathBuf,
    plain: PathBuf,
    tracked: PathBuf,
    marked: PathBuf,
}

fn kids<'a>(node: &'a Value, kind: &str) -> Vec<&'a Value> {
    node["children"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == kind)
        .collect()
}

fn made() -> Made {
    let lib = Lib::new();
    let d = lib.ok(&["new", "--template", "commendation-annual"]);
    lib.ok(&["profile", &format!("撰稿人={AUTHOR}")]);
    lib.ok(&[
        "set",
        &d,
        "年份=2026",
        "讲话人=赵文",
        "职务=主席",
        "日期=2026-03-09",
        "地区=全市",
        "党委=市委",
        "上级工会=省总工会",
    ]);
    let v = lib.ok(&["version", "save", &d, "--name", "初稿"]);
    let old = lib.export(&d, "old.docx", &[]);

    let doc: Value = serde_json::from_str(&lib.ok(&["show", &d, "--format", "json"])).unwrap();
    let headings: Vec<&Value> = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "heading")
        .collect();
    assert!(headings.len() >= 4, "the template has four sections");
    let id = |n: &Value| n["id"].to_string();
    let last_item = id(kids(headings[0], "item").last().unwrap());
    let paragraph = id(kids(headings[1], "paragraph").last().unwrap());
    let doomed = id(kids(headings[3], "item")[1]);
    let renamed = id(headings[2]);
    lib.ok(&[
        "edit",
        &d,
        &paragraph,
        "--text",
        "典型要靠长期培养，各级工会要把技能比武当作发现人才的窗口，常抓不懈。",
    ]);
    lib.ok(&[
        "insert",
        &d,
        "在平凡岗位上守住初心的普通劳动者。",
        "--kind",
        "item",
        "--after",
        &last_item,
    ]);
    lib.ok(&["remove", &d, &doomed]);
    lib.ok(&["edit", &d, &renamed, "--text", "珍惜荣誉，争创一流业绩"]);
    lib.ok(&["set", &d, "单位=市总工会"]);
    lib.ok(&["move", &d, &id(headings[3]), "--under", &renamed]);

    let plain = lib.export(&d, "plain.docx", &[]);
    let tracked = lib.export(&d, "tracked.docx", &["--changes-from", &v]);
    let marked = lib.export(&d, "marked.docx", &["--changes-from", &v, "--marked"]);
    Made {
        lib,
        draft: d,
        version: v,
        old,
        plain,
        tracked,
        marked,
    }
}

fn parts(path: &Path) -> HashMap<String, String> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut out = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        out.insert(f.name().to_string(), s);
    }
    out
}

/// Runs a reader; its standard output, once it has succeeded.
fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{cmd:?}: {err}");
    String::from_utf8(out.stdout).unwrap()
}

fn pandoc(path: &Path, track: &str, to: &str) -> String {
    stdout(
        Command::new("pandoc")
            .arg(format!("--track-changes={track}"))
            .args(["-t", to, "--wrap=none"])
            .arg(path),
    )
}

#[test]
fn pandoc_accepts_to_the_export_and_rejects_to_the_version() {
    if !have("pandoc", &["--version"]) {
        return;
    }
    let m = made();
    let accepted = pandoc(&m.tracked, "accept", "plain");
    assert_eq!(accepted, pandoc(&m.plain, "accept", "plain"));
    assert_eq!(
        pandoc(&m.tracked, "reject", "plain"),
        pandoc(&m.old, "accept", "plain")
    );
    assert_ne!(
        accepted,
        pandoc(&m.old, "accept", "plain"),
        "something changed"
    );

    let all = pandoc(&m.tracked, "all", "markdown");
    let spans = |class: &str| -> Vec<String> {
        all.split('[')
            .filter_map(|s| {
                let (text, rest) = s.split_once("]{.")?;
                rest.starts_with(class).then(|| text.to_string())
            })
            .collect()
    };
    let (ins, del) = (spans("insertion"), spans("deletion"));
    assert!(
        ins.iter()
            .any(|t| t.contains("在平凡岗位上守住初心的普通劳动者")),
        "{ins:?}"
    );
    assert!(
        ins.iter().any(|t| t.contains("市总工会")),
        "the filled slot: {ins:?}"
    );
    assert!(del.iter().any(|t| t.contains("【单位】")), "{del:?}");
    assert!(ins.iter().any(|t| t.contains("技能比武")), "{ins:?}");
    assert!(
        del.iter().any(|t| t.contains("要")),
        "the deleted item: {del:?}"
    );
    assert!(all.contains(&format!("author=\"{AUTHOR}\"")));
    assert!(all.contains("paragraph-insertion") && all.contains("paragraph-deletion"));
}

/// LibreOffice through UNO: each file's changes and, after `how` (`--accept`,
/// `--reject`), its paragraphs with their styles.
fn libreoffice(how: &str, files: &[&PathBuf]) -> Vec<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/uno/count_changes.py");
    let out = stdout(Command::new(PYTHON).arg(script).arg(how).args(files));
    serde_json::from_str(&out).unwrap()
}

#[test]
fn libreoffice_counts_our_changes_with_the_author_and_time() {
    if !have("soffice", &["--version"]) || !have_module("uno") {
        return;
    }
    let m = made();
    let accepted = libreoffice("--accept", &[&m.tracked, &m.plain]);
    let found = &accepted[0];
    // Accepting every change gives the normal export, rejecting every change the
    // version's, paragraph by paragraph with their styles (the moved heading's too).
    assert_eq!(accepted[0]["paragraphs"], accepted[1]["paragraphs"]);
    let rejected = libreoffice("--reject", &[&m.tracked, &m.old]);
    assert_eq!(rejected[0]["paragraphs"], rejected[1]["paragraphs"]);
    assert_ne!(accepted[0]["paragraphs"], rejected[0]["paragraphs"]);

    let session = Session::open(&m.lib.db).unwrap();
    let (draft, version) = (m.draft.parse().unwrap(), m.version.parse().unwrap());
    let written = change_count(&session.redline(draft, version, None).unwrap());
    assert!(written >= 8, "six edits and their renumbering: {written}");
    let info = session.store.version(draft, version).unwrap();
    let when = word_date(info.created_at);
    let changes = found["changes"].as_array().unwrap();
    for c in changes {
        assert_eq!(c["author"], AUTHOR, "{c}");
        assert_eq!(c["date"].as_str(), when.strip_suffix('Z'), "{c}");
    }
    let of = |kind: &str| changes.iter().filter(|c| c["type"] == kind).count();
    assert_eq!(of("Insert") + of("Delete"), written, "{found:#}");
    // The moved heading's old style (Heading1, now Heading2), listed in pieces.
    assert!(of("ParagraphFormat") >= 1, "{found:#}");
    assert_eq!(
        of("Insert") + of("Delete") + of("ParagraphFormat"),
        changes.len()
    );
    // The same dates in the file.
    let xml = &parts(&m.tracked)["word/document.xml"];
    let elements = ["<w:ins ", "<w:del ", "<w:pPrChange "];
    assert_eq!(
        xml.matches(&format!("w:date=\"{when}\"")).count(),
        elements
            .iter()
            .map(|e| xml.matches(e).count())
            .sum::<usize>()
    );
    assert_eq!(xml.matches("<w:pPrChange ").count(), 1);
}

#[test]
fn python_docx_opens_both_and_libreoffice_prints_them() {
    let m = made();
    if have_module("docx") {
        for f in [&m.tracked, &m.marked] {
            let script = "import docx, sys; print(len(docx.Document(sys.argv[1]).paragraphs))";
            let out = stdout(Command::new(PYTHON).args(["-c", script]).arg(f));
            let n: usize = out.trim().parse().unwrap();
            assert!(n > 20, "{n} paragraphs");
        }
    }
    if !have("soffice", &["--version"]) || !have("pdftotext", &["-v"]) {
        return;
    }
    let dir = m.lib.dir.path();
    let profile = format!("-env:UserInstallation=file://{}", dir.join("lo").display());
    stdout(
        Command::new("soffice")
            .arg(profile)
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
            ])
            .arg(dir)
            .args([&m.tracked, &m.marked]),
    );
    for f in [&m.tracked, &m.marked] {
        let pdf = f.with_extension("pdf");
        let text: String = stdout(Command::new("pdftotext").arg(&pdf).arg("-"))
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        // Both show the old and the new text: LibreOffice prints tracked changes.
        assert!(
            text.contains("【单位】") && text.contains("市总工会"),
            "{}",
            pdf.display()
        );
        assert!(text.contains("普通劳动者"), "{}", pdf.display());
    }
}

#[test]
fn the_marked_copy_prints_the_changes_and_tracks_none() {
    let m = made();
    let xml = &parts(&m.marked)["word/document.xml"];
    for tracked in ["<w:ins ", "<w:del ", "<w:delText", "<w:pPrChange"] {
        assert!(!xml.contains(tracked), "{tracked}");
    }
    assert!(xml.contains("<w:strike/>"));
    assert!(xml.contains("<w:u w:val=\"single\"/>"));
    assert!(xml.contains("<w:color w:val=\"FF0000\"/>"));
    let tracked = &parts(&m.tracked)["word/document.xml"];
    assert!(tracked.contains("<w:delText>") && !tracked.contains("<w:strike/>"));
    // Every other part is the normal export's.
    let plain = parts(&m.plain);
    for changed in [parts(&m.marked), parts(&m.tracked)] {
        assert_eq!(changed.len(), plain.len());
        for (name, body) in &plain {
            if name != "word/document.xml" {
                assert_eq!(Some(body), changed.get(name), "{name}");
            }
        }
    }
}

#[test]
fn bad_versions_and_markdown_are_refused_with_nothing_written() {
    let lib = Lib::new();
    let d = lib.ok(&["new", "--template", "commendation-annual"]);
    let v = lib.ok(&["version", "save", &d, "--name", "初稿"]);
    let other = lib.ok(&["new", "--template", "opening-conference"]);
    let theirs = lib.ok(&["version", "save", &other, "--name", "初稿"]);
    let versions = lib.ok(&["versions", &d, "--json"]);
    let out = lib.path("x.docx");
    let out_s = out.to_str().unwrap();
    let refused = |args: &[&str], code: i32, says: &str| {
        let a = lib.cmd(args).assert().code(code);
        let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
        assert!(err.contains(says), "{err}");
        assert!(!out.exists(), "nothing written");
        assert_eq!(
            lib.ok(&["versions", &d, "--json"]),
            versions,
            "no version kept"
        );
    };
    let docx = ["export", &d, "--format", "docx", "--out", out_s];
    refused(
        &[&docx[..], &["--changes-from", &theirs]].concat(),
        1,
        "not of draft",
    );
    refused(
        &[&docx[..], &["--changes-from", "9999"]].concat(),
        1,
        "no version 9999",
    );
    refused(&[&docx[..], &["--marked"]].concat(), 2, "--changes-from");
    let md = [
        "export",
        &d,
        "--format",
        "md",
        "--out",
        out_s,
        "--changes-from",
        &v,
    ];
    refused(&md, 2, "Markdown has no tracked changes");
}

#[test]
fn without_a_writer_in_the_profile_the_author_is_the_program() {
    let lib = Lib::new();
    let d = lib.ok(&["new", "--template", "opening-conference"]);
    let v = lib.ok(&["version", "save", &d, "--name", "初稿"]);
    lib.ok(&[
        "insert",
        &d,
        "会后各单位要抓紧传达。",
        "--kind",
        "paragraph",
    ]);
    let f = lib.export(&d, "t.docx", &["--changes-from", &v]);
    let xml = &parts(&f)["word/document.xml"];
    assert!(xml.contains("w:author=\"讲稿工坊\""));
    assert!(!xml.contains("w:author=\"李明\""));
}
