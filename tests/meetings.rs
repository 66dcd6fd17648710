//! Meetings (schema v6): shared slot values filled once for every draft of a meeting,
//! joining and leaving, deleting, undo and versions across them, the migration from a
//! v5 library, and the stage cues of a host script in every export.

use std::io::Read as _;

use jianggao::app::{ExportOptions, Session};
use jianggao::error::Error;
use jianggao::export::docx::{to_docx, DocxOptions, FontSet, Layout};
use jianggao::export::markdown::{to_markdown, MarkdownOptions};
use jianggao::render::render;
use jianggao::store::{Store, SCHEMA_VERSION};
use rusqlite::Connection;

fn session() -> Session {
    Session::with_store(Store::open_in_memory().unwrap(), "memory".into())
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn title(s: &Session, d: i64) -> String {
    render(&s.store.draft(d).unwrap()).title
}

/// A meeting with a host script and a leader's speech: the writer's week in two drafts.
fn meeting_with_two(s: &mut Session) -> (i64, i64, i64) {
    let m = s.create_meeting("全市工会工作会议").unwrap();
    let host = s.create_draft("host-work-meeting", None, &[]).unwrap();
    let speech = s.create_draft("work-meeting-annual", None, &[]).unwrap();
    s.add_to_meeting(m, host).unwrap();
    s.add_to_meeting(m, speech).unwrap();
    (m, host, speech)
}

#[test]
fn a_value_filled_once_is_printed_by_every_draft_of_the_meeting() {
    let mut s = session();
    let (m, host, speech) = meeting_with_two(&mut s);
    // Filled from the host script: a meeting slot, so it is the meeting's.
    s.set_slots(host, &pairs(&[("会议名称", "二〇二六年全市工会工作会议")]))
        .unwrap();
    assert!(title(&s, host).contains("二〇二六年全市工会工作会议"));
    let meeting = s.meeting(m).unwrap();
    assert_eq!(
        meeting.values.get("会议名称").map(String::as_str),
        Some("二〇二六年全市工会工作会议")
    );
    // Filled in the meeting itself: every draft prints it.
    s.set_meeting_slots(m, &pairs(&[("日期", "2026-03-12")]))
        .unwrap();
    for d in [host, speech] {
        let doc = render(&s.store.draft(d).unwrap());
        assert_eq!(doc.meta.date.as_deref(), Some("2026-03-12"), "draft {d}");
        assert!(!doc.unfilled.contains(&"日期".to_string()));
    }
    // The speaker is the draft's own: the host's name does not become the leader's.
    s.set_slots(host, &pairs(&[("讲话人", "周立新")])).unwrap();
    s.set_slots(speech, &pairs(&[("讲话人", "郑广文")]))
        .unwrap();
    assert_eq!(
        render(&s.store.draft(host).unwrap())
            .meta
            .speaker
            .as_deref(),
        Some("周立新")
    );
    assert_eq!(
        render(&s.store.draft(speech).unwrap())
            .meta
            .speaker
            .as_deref(),
        Some("郑广文")
    );
    assert!(!s.meeting(m).unwrap().values.contains_key("讲话人"));
}

#[test]
fn joining_takes_up_unset_values_and_keeps_different_ones_as_exceptions() {
    let mut s = session();
    let m = s.create_meeting("职代会").unwrap();
    s.set_meeting_slots(m, &pairs(&[("届次", "三")])).unwrap();
    let a = s
        .create_draft(
            "work-meeting-annual",
            None,
            &pairs(&[("单位", "县总工会"), ("届次", "五")]),
        )
        .unwrap();
    let joined = s.add_to_meeting(m, a).unwrap();
    assert_eq!(joined.taken, ["单位"]);
    assert_eq!(joined.kept, ["届次"]);
    let meeting = s.meeting(m).unwrap();
    assert_eq!(
        meeting.values.get("单位").map(String::as_str),
        Some("县总工会")
    );
    assert_eq!(meeting.drafts[0].exceptions, pairs(&[("届次", "五")]));
    // Setting the slot from the draft sets the meeting and drops the exception.
    s.set_slots(a, &pairs(&[("届次", "六")])).unwrap();
    let meeting = s.meeting(m).unwrap();
    assert_eq!(meeting.values.get("届次").map(String::as_str), Some("六"));
    assert!(meeting.drafts[0].exceptions.is_empty());
    // A draft is in one meeting at a time.
    let other = s.create_meeting("另一个会").unwrap();
    assert!(matches!(
        s.add_to_meeting(other, a),
        Err(Error::InAnotherMeeting { meeting, .. }) if meeting == m
    ));
}

#[test]
fn leaving_copies_the_values_down_and_a_meeting_with_drafts_is_not_deleted() {
    let mut s = session();
    let (m, host, speech) = meeting_with_two(&mut s);
    s.set_meeting_slots(
        m,
        &pairs(&[("会议名称", "全市劳动竞赛推进会"), ("日期", "2026-05-06")]),
    )
    .unwrap();
    let before = render(&s.store.draft(host).unwrap());
    assert!(matches!(
        s.delete_meeting(m),
        Err(Error::MeetingNotEmpty { drafts: 2, .. })
    ));
    assert_eq!(s.meeting(m).unwrap().drafts.len(), 2, "nothing changed");
    s.remove_from_meeting(host).unwrap();
    assert_eq!(
        render(&s.store.draft(host).unwrap()),
        before,
        "reads the same"
    );
    s.set_meeting_slots(m, &pairs(&[("会议名称", "改了名的会")]))
        .unwrap();
    assert!(
        !title(&s, host).contains("改了名的会"),
        "no longer follows it"
    );
    assert!(matches!(
        s.remove_from_meeting(host),
        Err(Error::NotInMeeting { .. })
    ));
    s.remove_from_meeting(speech).unwrap();
    s.delete_meeting(m).unwrap();
    assert!(s.meetings().unwrap().is_empty());
}

#[test]
fn a_copy_of_a_meeting_draft_is_in_the_meeting() {
    let mut s = session();
    let (m, host, _) = meeting_with_two(&mut s);
    s.set_meeting_slots(m, &pairs(&[("会议名称", "全市工会女职工工作会议")]))
        .unwrap();
    let copy = s.duplicate_draft(host).unwrap();
    assert_eq!(title(&s, copy), title(&s, host));
    assert_eq!(s.meeting(m).unwrap().drafts.len(), 3);
}

#[test]
fn a_deleted_draft_comes_back_into_its_meeting() {
    let mut s = session();
    let (m, host, _) = meeting_with_two(&mut s);
    s.set_meeting_slots(m, &pairs(&[("会议名称", "全市职工代表大会")]))
        .unwrap();
    let before = title(&s, host);
    s.delete_draft(host).unwrap();
    assert_eq!(s.meeting(m).unwrap().drafts.len(), 1);
    let back = s.undo_delete_draft().unwrap().unwrap();
    assert_eq!(title(&s, back), before);
    let meeting = s.meeting(m).unwrap();
    assert_eq!(meeting.drafts.len(), 2);
    assert!(meeting.drafts.iter().all(|d| d.exceptions.is_empty()));
}

#[test]
fn versions_print_as_they_were_and_restore_outside_the_meeting() {
    let mut s = session();
    let (m, host, _) = meeting_with_two(&mut s);
    s.set_meeting_slots(m, &pairs(&[("会议名称", "全市工会宣传工作会议")]))
        .unwrap();
    let v = s.save_version(host, "初稿", None).unwrap();
    let printed = title(&s, host);
    // Restored after leaving the meeting: the values it read are its own now.
    s.remove_from_meeting(host).unwrap();
    s.set_slots(host, &pairs(&[("会议名称", "")])).unwrap();
    assert!(title(&s, host).contains("【会议名称】"));
    s.restore_version(host, v).unwrap();
    assert_eq!(title(&s, host), printed);
    // Restored inside the meeting: the meeting's value of today applies.
    let (m2, host2, _) = meeting_with_two(&mut s);
    s.set_meeting_slots(m2, &pairs(&[("会议名称", "第一次的名字")]))
        .unwrap();
    let v2 = s.save_version(host2, "初稿", None).unwrap();
    s.set_meeting_slots(m2, &pairs(&[("会议名称", "第二次的名字")]))
        .unwrap();
    s.restore_version(host2, v2).unwrap();
    assert!(title(&s, host2).contains("第二次的名字"));
}

#[test]
fn undo_of_a_draft_edit_keeps_the_meeting_values() {
    let mut s = session();
    let (m, host, _) = meeting_with_two(&mut s);
    s.set_meeting_slots(m, &pairs(&[("会议名称", "全市工会财务工作会议")]))
        .unwrap();
    s.rename_draft(host, "{{会议名称}}主持词（定稿）").unwrap();
    assert!(s.undo(host).unwrap());
    assert_eq!(title(&s, host), "全市工会财务工作会议主持词");
}

#[test]
fn bad_meeting_input_changes_nothing() {
    let mut s = session();
    assert!(matches!(
        s.create_meeting("  "),
        Err(Error::EmptyText { .. })
    ));
    assert!(matches!(
        s.create_meeting(&"会".repeat(201)),
        Err(Error::TextTooLong { .. })
    ));
    assert!(s.meetings().unwrap().is_empty());
    let m = s.create_meeting("表彰大会").unwrap();
    assert!(matches!(
        s.add_to_meeting(m, 999),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        s.add_to_meeting(999, 1),
        Err(Error::NotFound { .. })
    ));
    assert!(s
        .set_meeting_slots(m, &pairs(&[("日期", "下周二")]))
        .is_err());
    assert!(s.meeting(m).unwrap().values.is_empty());
}

#[test]
fn the_host_script_names_the_speeches_of_its_meeting() {
    let mut s = session();
    let (m, host, speech) = meeting_with_two(&mut s);
    // Made first: 讲话人 is remembered (常用信息) for the drafts made after it is set.
    let report = s.create_draft("report-work", None, &[]).unwrap();
    s.add_to_meeting(m, report).unwrap();
    s.set_slots(speech, &pairs(&[("讲话人", "郑广文")]))
        .unwrap();
    let speeches = s.meeting_speeches(m, Some(host)).unwrap();
    assert_eq!(speeches.len(), 2);
    assert_eq!(speeches[0].draft, speech);
    assert_eq!(speeches[0].agenda_line, "郑广文同志讲话");
    // No speaker, and a title with a slot unfilled: the type's name, never 【单位】.
    assert_eq!(speeches[1].agenda_line, "述职报告");
    s.set_meeting_slots(m, &pairs(&[("单位", "市总工会")]))
        .unwrap();
    let speeches = s.meeting_speeches(m, Some(host)).unwrap();
    assert_eq!(
        speeches[1].agenda_line, speeches[1].title,
        "no speaker: the title"
    );
    assert!(!speeches[1].title.contains('【'));
    let added = s.add_speeches_to_agenda(host, &[speech]).unwrap();
    assert_eq!(added, ["郑广文同志讲话"]);
    // Again: nothing repeated.
    assert!(s
        .add_speeches_to_agenda(host, &[speech])
        .unwrap()
        .is_empty());
    let d = s.store.draft(host).unwrap();
    assert_eq!(
        d.values.get("议程").map(String::as_str),
        Some("郑广文同志讲话")
    );
    // One item a line, after the lines there; one undo step.
    s.add_speeches_to_agenda(host, &[report]).unwrap();
    let d = s.store.draft(host).unwrap();
    let agenda = format!("郑广文同志讲话\n{}", speeches[1].title);
    assert_eq!(d.values.get("议程"), Some(&agenda));
    assert!(s.undo(host).unwrap());
    let d = s.store.draft(host).unwrap();
    assert_eq!(
        d.values.get("议程").map(String::as_str),
        Some("郑广文同志讲话")
    );
}

/// A v5 library as the code before meetings left it: the migration keeps every draft
/// and its values, and the drafts are in no meeting.
#[test]
fn migrates_a_v5_library() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite3");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("fixtures/schema_v1.sql"))
            .unwrap();
        for sql in [
            include_str!("../src/store/schema_v2.sql"),
            include_str!("../src/store/schema_v3.sql"),
            include_str!("../src/store/schema_v4.sql"),
            include_str!("../src/store/schema_v5.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 5).unwrap();
        conn.pragma_update(None, "application_id", jianggao::store::APPLICATION_ID)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO drafts(id, title, speech_type, created_at, updated_at)
                 VALUES (3, '{{会议名称}}主持词', 'host', 1, 1);
             INSERT INTO draft_slots VALUES (3, '会议名称', '全县工会工作会议');
             INSERT INTO nodes(id, draft_id, parent_id, position, kind, text, note)
                 VALUES (1, 3, NULL, 0, 'paragraph', '下面请县总工会主席讲话。（掌声）', NULL);",
        )
        .unwrap();
    }
    let mut s = Session::open(&path).unwrap();
    assert_eq!(s.store.schema_version().unwrap(), SCHEMA_VERSION);
    let d = s.store.draft(3).unwrap();
    assert_eq!(d.meeting, None);
    assert_eq!(render(&d).title, "全县工会工作会议主持词");
    let m = s.create_meeting("全县工会工作会议").unwrap();
    assert_eq!(s.add_to_meeting(m, 3).unwrap().taken, ["会议名称"]);
    assert_eq!(
        render(&s.store.draft(3).unwrap()).title,
        "全县工会工作会议主持词"
    );
}

fn document_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// A host draft with cues and a bracketed aside that is not one.
fn host_with_cues(s: &mut Session) -> i64 {
    let d = s.create_draft("host-work-meeting", None, &[]).unwrap();
    // The template's script comes from its agenda: one entry whose cue is （传达完毕）.
    s.set_slots(d, &[("议程".into(), "传达上级工会会议精神".into())])
        .unwrap();
    let nodes = jianggao::markup::parse_outline(
        "下面进行第三项议程：请市总工会主席讲话，大家欢迎。（掌声）\n\n\
         （讲话完毕）\n\n\
         全市职工书屋（含流动书屋）今年新增三十个。",
        jianggao::outline::LeadStyle::default(),
    );
    s.insert_nodes(d, nodes, jianggao::store::Place::End)
        .unwrap();
    d
}

#[test]
fn cues_are_marked_in_the_document_and_set_in_kai_in_both_docx_layouts() {
    let mut s = session();
    let d = host_with_cues(&mut s);
    let doc = render(&s.store.draft(d).unwrap());
    let cues: Vec<String> = doc
        .walk()
        .flat_map(|n| n.runs.iter().filter(|r| r.cue).map(|r| r.text.clone()))
        .collect();
    // The template's own cues (（传达完毕） …), then those of the paragraphs added last.
    assert!(cues.contains(&"（传达完毕）".to_string()), "{cues:?}");
    assert_eq!(cues[cues.len() - 2..], ["（掌声）", "（讲话完毕）"]);
    let last = doc.nodes.last().unwrap();
    assert!(last.text.contains("含流动书屋") && last.runs.iter().all(|r| !r.cue));
    for (layout, fonts, kai) in [
        (Layout::Official, FontSet::Windows, "楷体"),
        (Layout::Podium, FontSet::Gb2312, "楷体_GB2312"),
    ] {
        let xml = document_xml(&to_docx(&doc, &DocxOptions::new(layout, fonts, None)).unwrap());
        let x = roxmltree::Document::parse(&xml).unwrap();
        let runs: Vec<(String, Option<String>)> = x
            .descendants()
            .filter(|n| n.has_tag_name("r"))
            .map(|r| {
                let text: String = r
                    .descendants()
                    .filter(|t| t.has_tag_name("t"))
                    .filter_map(|t| t.text())
                    .collect();
                let face = r
                    .descendants()
                    .find(|f| f.has_tag_name("rFonts"))
                    .and_then(|f| {
                        f.attributes()
                            .find(|a| a.name() == "eastAsia")
                            .map(|a| a.value().to_string())
                    });
                (text, face)
            })
            .collect();
        for cue in ["（掌声）", "（讲话完毕）"] {
            assert!(
                runs.iter()
                    .any(|(t, f)| t == cue && f.as_deref() == Some(kai)),
                "{cue} in {kai}: {runs:?}"
            );
        }
        assert!(
            runs.iter()
                .filter(|(t, _)| t.contains("含流动书屋"))
                .all(|(_, f)| f.as_deref() != Some(kai)),
            "an aside is not a cue"
        );
    }
    // Markdown keeps a cue as written: its brackets set it apart.
    let md = to_markdown(&doc, MarkdownOptions::default());
    assert!(md.contains("大家欢迎。（掌声）"), "{md}");
    assert!(md.contains("\n（讲话完毕）\n"), "{md}");
}

#[test]
fn exports_of_a_meeting_draft_print_the_meeting_values() {
    let mut s = session();
    let (m, host, _) = meeting_with_two(&mut s);
    s.set_meeting_slots(m, &pairs(&[("会议名称", "全市工会组织工作会议")]))
        .unwrap();
    let options = ExportOptions {
        format: jianggao::app::ExportFormat::Md,
        ..ExportOptions::default()
    };
    let out = s.export(host, &options).unwrap();
    let text = String::from_utf8(out.bytes).unwrap();
    assert!(text.contains("全市工会组织工作会议主持词"), "{text}");
}

/// The CLI contract of `meeting`: ids printed alone, values shared, refusals exit 2
/// with one line and nothing changed.
#[test]
fn the_meeting_commands() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite3");
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("jianggao")
            .unwrap()
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    let out = |args: &[&str]| {
        let o = run(args);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap().trim().to_string()
    };
    let m = out(&["meeting", "new", "全市工会工作会议"]);
    let host = out(&["new", "--template", "host-work-meeting"]);
    let speech = out(&[
        "new",
        "--template",
        "work-meeting-annual",
        "--set",
        "讲话人=郑广文",
    ]);
    out(&["meeting", "add", &m, &host]);
    out(&["meeting", "add", &m, &speech]);
    out(&[
        "meeting",
        "set",
        &m,
        "会议名称=全市工会工作会议",
        "年份=2026",
    ]);
    let shown: serde_json::Value =
        serde_json::from_str(&out(&["meeting", "show", &m, "--json"])).unwrap();
    assert_eq!(shown["values"]["年份"], "2026");
    assert_eq!(shown["drafts"].as_array().unwrap().len(), 2);
    let md = out(&["export", &speech, "--format", "md"]);
    assert!(md.contains("2026") || md.contains("二〇二六"), "{md}");
    assert_eq!(
        out(&["meeting", "speeches", &m]),
        format!("{speech}  郑广文同志讲话")
    );
    assert_eq!(
        out(&["meeting", "agenda", &host, &speech]),
        "郑广文同志讲话"
    );
    let refused = run(&["meeting", "delete", &m]);
    assert_eq!(refused.status.code(), Some(2));
    let err = String::from_utf8(refused.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(out(&["meeting", "list"]).contains("全市工会工作会议"));
    out(&["meeting", "remove", &host]);
    out(&["meeting", "remove", &speech]);
    out(&["meeting", "delete", &m]);
    assert_eq!(out(&["meeting", "list"]), "");
    assert_eq!(run(&["meeting", "show", &m]).status.code(), Some(1));
}

/// The Python with python-docx that scripts/setup.sh makes (as tests/review.rs finds it).
fn python() -> std::path::PathBuf {
    if let Some(p) = std::env::var_os("JIANGGAO_PYTHON") {
        return p.into();
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cache")))
        .unwrap_or_default();
    cache.join("jianggao/pyenv/bin/python")
}

/// python-docx, an independent reader, finds each cue as a run of its own in the 楷 face
/// of the font set, and the reading text around it in the paragraph's face.
#[test]
fn python_docx_reads_the_cues_in_kai() {
    let ready = std::process::Command::new(python())
        .args(["-c", "import docx"])
        .status()
        .is_ok_and(|s| s.success());
    if !ready {
        if std::env::var("JIANGGAO_REQUIRE_READERS").as_deref() == Ok("1") {
            panic!("python-docx is required (JIANGGAO_REQUIRE_READERS=1); run scripts/setup.sh");
        }
        eprintln!("note: python-docx is not available; skipping");
        return;
    }
    let mut s = session();
    let d = host_with_cues(&mut s);
    let doc = render(&s.store.draft(d).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("podium.docx");
    let opts = DocxOptions::new(Layout::Podium, FontSet::Founder, None);
    std::fs::write(&file, to_docx(&doc, &opts).unwrap()).unwrap();
    let script = r#"
import sys, docx
from docx.oxml.ns import qn
for p in docx.Document(sys.argv[1]).paragraphs:
    for r in p.runs:
        f = r._element.rPr.rFonts if r._element.rPr is not None else None
        face = f.get(qn('w:eastAsia')) if f is not None else ''
        if r.text.strip():
            print(face or '-', r.text, sep='\t')
"#;
    let out = std::process::Command::new(python())
        .args(["-c", script])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let runs = String::from_utf8(out.stdout).unwrap();
    for cue in ["（掌声）", "（讲话完毕）", "（传达完毕）"] {
        assert!(
            runs.contains(&format!("方正楷体_GBK\t{cue}\n")),
            "{cue}: {runs}"
        );
    }
    assert!(runs.contains("大家欢迎。\n"), "{runs}");
    assert!(!runs.contains("方正楷体_GBK\t全市职工书屋"), "{runs}");
}
