//! The check (审校) rules through the library and the CLI, and `check --fix`.

use assert_cmd::Command;
use jianggao::check::{check_with, CheckOptions};
use jianggao::outline::{NewNode, NodeKind};
use jianggao::render;
use jianggao::store::{Place, Store};

fn draft_with(store: &mut Store, texts: &[&str]) -> i64 {
    let t = store.templates(None).unwrap()[0].id.clone();
    let id = store.create_draft(&t, Some("测试讲话"), &[]).unwrap();
    for n in store.draft(id).unwrap().nodes {
        store.remove_node(id, n.id).unwrap();
    }
    let nodes = texts
        .iter()
        .map(|t| NewNode::new(NodeKind::Paragraph, *t))
        .collect();
    store.insert_nodes(id, nodes, Place::End).unwrap();
    id
}

fn rules(store: &Store, id: i64, opts: &CheckOptions) -> Vec<&'static str> {
    let doc = render::render(&store.draft(id).unwrap());
    check_with(&doc, opts).into_iter().map(|f| f.rule).collect()
}

#[test]
fn every_rule_fires_on_a_bad_draft() {
    let mut store = Store::open_in_memory().unwrap();
    let long = "工会工作要紧紧围绕中心、服务大局，".repeat(40);
    let id = draft_with(
        &mut store,
        &[
            "同志们,今天开会。",
            "学习《工会法和“五一”精神。",
            "1、加强组织领导。",
            "一是加强学习。二是抓好落实。四是强化保障。",
            "我们要把职工群众的利益放在首位，真心实意办实事。",
            "我们要把职工群众的利益放在首位，真心实意办实事。",
            &long,
            "短段落。",
            "又一段。",
        ],
    );
    let found = rules(
        &store,
        id,
        &CheckOptions {
            target_chars: Some(100),
            ..Default::default()
        },
    );
    for r in [
        "half-width-punct",
        "unpaired",
        "enumeration-comma",
        "numbering",
        "repeated-sentence",
        "long-paragraph",
        "over-length",
    ] {
        assert!(found.contains(&r), "{r} not in {found:?}");
    }
}

#[test]
fn fixes_go_into_the_stored_text_and_skip_what_is_not_there() {
    let mut store = Store::open_in_memory().unwrap();
    let id = draft_with(
        &mut store,
        &[
            "**一是加强领导,**落实责任,抓好{{单位}}工作。",
            "1、加强组织领导。",
        ],
    );
    store
        .set_slots(id, &[("单位".into(), "市总工会,区总工会".into())])
        .unwrap();
    let doc = render::render(&store.draft(id).unwrap());
    let findings = check_with(&doc, &CheckOptions::default());
    let report = store.apply_fixes(id, &findings).unwrap();
    assert_eq!(report.fixed.len(), 3, "{report:#?}");
    // The comma inside the slot value is not in the stored text: not fixed.
    assert_eq!(report.not_fixed.len(), 1, "{report:#?}");
    let d = store.draft(id).unwrap();
    assert_eq!(
        d.nodes[0].text,
        "**一是加强领导，**落实责任，抓好{{单位}}工作。"
    );
    assert_eq!(d.nodes[1].text, "1.加强组织领导。");
}

#[test]
fn cli_check_fix_and_target() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite3");
    let id = {
        let mut store = Store::open(&db).unwrap();
        draft_with(&mut store, &["同志们,今天开会。"])
    };
    let cmd = || {
        let mut c = Command::cargo_bin("jianggao").unwrap();
        c.arg("--db").arg(&db).env_remove("JIANGGAO_DB");
        c
    };
    let out = cmd()
        .args(["check", &id.to_string(), "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The template's head lines leave unfilled slots; the paragraph has a half-width comma.
    let hw: Vec<&serde_json::Value> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "half-width-punct")
        .collect();
    assert_eq!(hw.len(), 1);
    assert_eq!(hw[0]["fix"], "，");
    let out = cmd()
        .args(["check", &id.to_string(), "--fix", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["fixed"].as_array().unwrap().len(), 1);
    let left = v["findings"].as_array().unwrap();
    assert!(
        left.iter().all(|f| f["rule"] == "unfilled-slot"),
        "{left:?}"
    );
    cmd()
        .args(["check", &id.to_string(), "--target", "3"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("over-length"));
}

/// An unfilled slot's finding names the slot, so the window can jump to its field without
/// reading the name back out of `【名称】`; other findings name none.
#[test]
fn unfilled_slot_findings_name_their_slot() {
    let mut store = Store::open_in_memory().unwrap();
    let id = draft_with(&mut store, &["在{{测试占位}}大会上,"]);
    let doc = render::render(&store.draft(id).unwrap());
    let found = check_with(&doc, &CheckOptions::default());
    let unfilled: Vec<_> = found
        .iter()
        .filter(|f| f.rule == "unfilled-slot" && f.node.is_some())
        .collect();
    assert_eq!(unfilled.len(), 1, "{found:?}");
    assert_eq!(unfilled[0].slot.as_deref(), Some("测试占位"));
    assert!(found
        .iter()
        .filter(|f| f.rule != "unfilled-slot")
        .all(|f| f.slot.is_none()));
}

#[test]
fn cli_check_levels_classes_and_written_fixes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite3");
    let id = {
        let mut store = Store::open(&db).unwrap();
        draft_with(
            &mut store,
            &["我们要再接再励，认真的学习大会精神。要学好《工会法》、《劳动法》。"],
        )
    };
    let cmd = || {
        let mut c = Command::cargo_bin("jianggao").unwrap();
        c.arg("--db").arg(&db).env_remove("JIANGGAO_DB");
        c
    };
    let json = |args: &[&str]| -> Vec<serde_json::Value> {
        let out = cmd().args(args).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array().cloned().unwrap_or_default()
    };
    let id = id.to_string();
    let all = json(&["check", &id, "--json", "--class", "错别字,的地得,标点"]);
    let rules: Vec<&str> = all.iter().filter_map(|f| f["rule"].as_str()).collect();
    assert_eq!(rules, ["typos/再接再励", "de/re1", "punctuation/》、《"]);
    assert_eq!(all[0]["level"], "必改");
    assert_eq!(all[0]["class"], "错别字");
    assert!(all[0]["basis"].as_str().is_some());
    assert_eq!(all[1]["level"], "建议");
    assert!(all[1].get("fix").is_none(), "a 建议 finding has no fix");
    let must = json(&[
        "check",
        &id,
        "--json",
        "--level",
        "必改",
        "--class",
        "错别字",
    ]);
    assert_eq!(must.len(), 1);
    // --fix applies the 必改 fixes only; the 建议 finding stays.
    let out = cmd()
        .args(["check", &id, "--fix", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fixed: Vec<&str> = v["fixed"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert_eq!(fixed, ["typos/再接再励", "punctuation/》、《"]);
    let store = Store::open(&db).unwrap();
    let text = &store.draft(id.parse().unwrap()).unwrap().nodes[0].text;
    assert_eq!(
        text,
        "我们要再接再厉，认真的学习大会精神。要学好《工会法》《劳动法》。"
    );
    cmd()
        .args(["check", &id, "--class", "无此类"])
        .assert()
        .code(2);
}

// ---- 本单位 rules, 这里不改, 不再提示 ----

use jianggao::app::{IgnoreScope, Session};
use jianggao::check::table::UserRule;
use jianggao::check::Level;

fn session_with(texts: &[&str]) -> (Session, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let id = draft_with(&mut store, texts);
    (Session::with_store(store, "memory".into()), id)
}

fn user_rule(literal: &str, to: &[&str], level: Level) -> UserRule {
    UserRule {
        literal: literal.into(),
        to: to.iter().map(|t| t.to_string()).collect(),
        level,
        reason: String::new(),
    }
}

fn found(s: &Session, id: i64) -> Vec<(String, String)> {
    s.draft_findings(id)
        .unwrap()
        .into_iter()
        .filter(|f| f.class == Some("本单位"))
        .map(|f| (f.rule.to_string(), f.text))
        .collect()
}

#[test]
fn user_rules_find_fix_and_leave_the_right_form_alone() {
    let (mut s, id) = session_with(&["市总今年办了十件实事。", "市总工会的同志们辛苦了。"]);
    s.add_user_rule(user_rule("市总", &["市总工会"], Level::Must))
        .unwrap();
    s.add_user_rule(user_rule("弱势群体", &[], Level::Should))
        .unwrap();
    // The short name is found; the full name, which starts with it, is not.
    assert_eq!(
        found(&s, id),
        [("本单位/市总".to_string(), "市总".to_string())]
    );
    let all = s.draft_findings(id).unwrap();
    let f = all.iter().find(|f| f.class == Some("本单位")).unwrap();
    assert_eq!((f.level, f.basis), (Some(Level::Must), Some("本单位规定")));
    // 必改 with one suggestion: --fix writes it.
    let n = s.fix_findings(id, None, Some("本单位/市总")).unwrap();
    assert_eq!(n, 1);
    let text = s.store.draft(id).unwrap().nodes[0].text.clone();
    assert_eq!(text, "市总工会今年办了十件实事。");
    assert!(found(&s, id).is_empty());
    // A second rule for the same literal, an empty one, one suggesting itself: refused.
    for bad in [
        user_rule("市总", &["市总工会"], Level::Must),
        user_rule("  ", &[], Level::Must),
        user_rule("职工", &["职工"], Level::Must),
        user_rule("甲\n乙", &[], Level::Must),
    ] {
        assert!(s.add_user_rule(bad).is_err());
    }
    assert_eq!(s.store.user_rules().unwrap().len(), 2);
}

#[test]
fn ignored_places_and_muted_rules_stay_quiet() {
    let (mut s, id) = session_with(&["弱势群体甲。", "弱势群体乙。"]);
    s.add_user_rule(user_rule("弱势群体", &[], Level::Should))
        .unwrap();
    assert_eq!(found(&s, id).len(), 2);
    // 这里不改 at the first place: the second is still found.
    let first = s
        .draft_findings(id)
        .unwrap()
        .iter()
        .position(|f| f.rule == "本单位/弱势群体")
        .unwrap();
    let ig = s.ignore_finding(id, first, IgnoreScope::Here).unwrap();
    assert_eq!(found(&s, id).len(), 1);
    // Edits elsewhere in the item do not bring it back (matched by text, not offset).
    let node = s.store.draft(id).unwrap().nodes[0].id;
    s.edit_text(id, node, "前面加字，弱势群体甲。").unwrap();
    assert_eq!(found(&s, id).len(), 1);
    s.store.remove_ignores(id, Some(ig)).unwrap();
    assert_eq!(found(&s, id).len(), 2);
    // The rule in the whole draft.
    let i = s
        .draft_findings(id)
        .unwrap()
        .iter()
        .position(|f| f.rule == "本单位/弱势群体")
        .unwrap();
    s.ignore_finding(id, i, IgnoreScope::Draft).unwrap();
    assert!(found(&s, id).is_empty());
    assert_eq!(s.store.remove_ignores(id, None).unwrap(), 1);
    // 不再提示: in every draft, until switched on again.
    assert!(s.mute_rule("本单位/弱势群体", true).unwrap());
    assert!(found(&s, id).is_empty());
    assert!(s.mute_rule("本单位/弱势群体", false).unwrap());
    assert_eq!(found(&s, id).len(), 2);
    // Unknown rules are refused and nothing is stored.
    assert!(s.mute_rule("no-such-rule", true).is_err());
    assert!(s.store.muted_rules().unwrap().is_empty());
}

#[test]
fn packs_carry_user_rules() {
    let (mut a, _) = session_with(&["甲。"]);
    a.add_user_rule(user_rule("市总", &["市总工会"], Level::Must))
        .unwrap();
    let pack = a.store.export_pack(&[]).unwrap();
    assert_eq!(pack.rules.len(), 1);
    // A pack of some tags is a topic's blocks: the office's rules stay home.
    assert!(a
        .store
        .export_pack(&["无此标签".into()])
        .unwrap()
        .rules
        .is_empty());
    let json = pack.to_json().unwrap();
    let back = jianggao::pack::Pack::parse(json.as_bytes()).unwrap();
    let (mut b, _) = session_with(&["乙。"]);
    let report = b.store.import_pack(&back).unwrap();
    assert_eq!((report.rules.added, report.rules.skipped), (1, 0));
    assert_eq!(b.store.user_rules().unwrap()[0].1, pack.rules[0]);
    let again = b.store.import_pack(&back).unwrap();
    assert_eq!((again.rules.added, again.rules.skipped), (0, 1));
    // A bad rule in a pack refuses the whole pack.
    let mut bad = back.clone();
    bad.rules.push(user_rule("", &[], Level::Must));
    bad.phrases.push(jianggao::pack::PackPhrase {
        text: "新的一句话".into(),
        types: vec![],
        tags: vec![],
        favourite: false,
    });
    let count = |s: &Session| s.store.export_pack(&[]).unwrap().phrases.len();
    let before = count(&b);
    assert!(b.store.import_pack(&bad).is_err());
    assert_eq!(count(&b), before);
}

#[test]
fn cli_check_rules_ignore_and_mute() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib.sqlite3");
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("jianggao")
            .unwrap()
            .env("JIANGGAO_DB", &db)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (_, d, _) = run(&[
        "new",
        "--template",
        "commendation-annual",
        "--set",
        "单位=市总",
    ]);
    let d = d.trim();
    let (code, id, _) = run(&[
        "check",
        "rules",
        "add",
        "市总",
        "--to",
        "市总工会",
        "--level",
        "必改",
    ]);
    assert_eq!((code, id.trim()), (Some(0), "1"));
    let (_, list, _) = run(&["check", "rules", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(list[0]["rule"], "本单位/市总");
    assert_eq!(list[0]["to"][0], "市总工会");
    let (code, out, _) = run(&["check", d, "--class", "本单位"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("title@1: 必改 “市总”应为“市总工会”"), "{out}");
    // Left alone in the title only; the body still has it.
    let (code, _, _) = run(&[
        "check",
        "ignore",
        d,
        "--rule",
        "本单位/市总",
        "--part",
        "title",
    ]);
    assert_eq!(code, Some(0));
    let (_, out, _) = run(&["check", d, "--class", "本单位"]);
    assert!(!out.contains("title@") && out.contains("#1@"), "{out}");
    let (code, _, err) = run(&["check", "ignore", d, "--rule", "no-such"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("no check rule no-such"), "{err}");
    // Muted: quiet everywhere, exit 0 for this class.
    run(&["check", "mute", "本单位/市总"]);
    let (code, out, _) = run(&["check", d, "--class", "本单位"]);
    assert_eq!((code, out.as_str()), (Some(0), ""));
    let (_, muted, _) = run(&["check", "muted"]);
    assert_eq!(muted.trim(), "本单位/市总");
    run(&["check", "unmute", "本单位/市总"]);
    let (_, n, _) = run(&["check", "unignore", d, "--all"]);
    assert_eq!(n.trim(), "1 taken back");
    let (code, _, _) = run(&["check", "rules", "remove", "1"]);
    assert_eq!(code, Some(0));
    let (code, out, _) = run(&["check", d, "--class", "本单位"]);
    assert_eq!((code, out.as_str()), (Some(0), ""));
    let (code, _, err) = run(&["check", "rules", "remove", "1"]);
    assert_eq!(code, Some(1), "{err}");
    // `check` alone still needs a draft.
    let (code, _, _) = run(&["check"]);
    assert_eq!(code, Some(2));
}

/// A draft with thousands of one mistake: a face is shown the first 200 and one finding
/// with the count; 全部修正 still fixes every one.
#[test]
fn findings_of_one_rule_are_capped_for_display_not_for_fixing() {
    let text: String = (0..500).map(|i| format!("事项{i}完成,")).collect();
    let (mut s, id) = session_with(&[&text]);
    let shown: Vec<_> = s
        .draft_findings(id)
        .unwrap()
        .into_iter()
        .filter(|f| f.rule == "half-width-punct")
        .collect();
    assert_eq!(shown.len(), jianggao::check::SHOWN_PER_RULE + 1);
    let last = shown.last().unwrap();
    assert_eq!(last.message, "同类问题共 500 处，只列出前 200 处");
    assert_eq!((last.fix.as_deref(), last.class), (None, Some("标点")));
    let doc = render::render(&s.store.draft(id).unwrap());
    let all = check_with(&doc, &CheckOptions::default());
    assert_eq!(
        all.iter().filter(|f| f.rule == "half-width-punct").count(),
        500
    );
    assert_eq!(s.fix_findings(id, None, None).unwrap(), 500);
    let fixed = s.store.draft(id).unwrap().nodes[0].text.clone();
    assert_eq!(fixed, text.replace(',', "，"));
}

/// A fix pass over thousands of marks fixes all and lists the first REPORTED of them.
#[test]
fn a_fix_report_lists_a_thousand_and_counts_all() {
    let text: String = (0..1500).map(|i| format!("事项{i}完成,")).collect();
    let (mut s, id) = session_with(&[&text]);
    let doc = render::render(&s.store.draft(id).unwrap());
    let findings = check_with(&doc, &CheckOptions::default());
    let report = s.store.apply_fixes(id, &findings).unwrap();
    assert_eq!(report.fixed_count, 1500);
    assert_eq!(report.fixed.len(), jianggao::store::REPORTED);
    assert_eq!(report.not_fixed_count, 0);
    let fixed = s.store.draft(id).unwrap().nodes[0].text.clone();
    assert!(!fixed.contains(','));
}
