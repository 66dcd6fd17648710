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
