//! Crash consistency: CLI commands against one library file, some of them SIGKILLed at a
//! random moment. After every kill the library must pass `PRAGMA integrity_check`, still
//! open (`jianggao drafts`), and still hold the effect of every command that exited 0;
//! a killed command's effect may or may not be there, but never half of it.
//!
//! Seeded (JIANGGAO_CRASH_SEED overrides the seed); the figures are printed with
//! `--nocapture`. No timing is asserted: the kill delays are scaled to how long the
//! commands take on this machine.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Random operations on the shared library (besides the fresh-library kills).
const OPERATIONS: usize = 260;
/// Fresh libraries killed while being created, migrated and seeded.
const FRESH_KILLS: usize = 12;

const TEMPLATES: [&str; 9] = [
    "closing-congress",
    "commendation-annual",
    "commendation-model-workers",
    "opening-conference",
    "opening-congress",
    "plenary-annual",
    "plenary-party-secretary",
    "symposium-workers",
    "work-meeting-annual",
];
const BLOCKS: [&str; 3] = [
    "general-political-theory",
    "general-party-leads-union",
    "general-new-employment-forms",
];

/// splitmix64: small, seeded, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_jianggao")
}

fn cmd(db: &Path, args: &[String]) -> Command {
    let mut c = Command::new(bin());
    c.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("JIANGGAO_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// How a command ended.
enum Outcome {
    /// Exited 0, with its stdout.
    Done(String),
    /// Exited with another code (a refusal, e.g. a draft a killed delete may have removed).
    Failed(i32, String),
    /// Killed before it finished.
    Killed,
}

/// Runs a command to the end, or kills it after `kill_after`.
fn run(db: &Path, args: &[String], kill_after: Option<Duration>) -> (Outcome, Duration) {
    let started = Instant::now();
    let mut child = cmd(db, args).spawn().expect("spawn jianggao");
    if let Some(d) = kill_after {
        std::thread::sleep(d);
        // SIGKILL; harmless when the process has already exited (it is not reaped yet).
        let _ = child.kill();
    }
    let out = child.wait_with_output().expect("wait for jianggao");
    let took = started.elapsed();
    let outcome = match (out.status.code(), out.status.signal()) {
        (Some(0), _) => Outcome::Done(String::from_utf8(out.stdout).expect("utf-8 stdout")),
        (Some(code), _) => Outcome::Failed(code, String::from_utf8_lossy(&out.stderr).into()),
        (None, Some(9)) => Outcome::Killed,
        (None, sig) => panic!("jianggao {args:?} died of signal {sig:?}"),
    };
    (outcome, took)
}

fn ok(db: &Path, args: &[&str]) -> String {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    match run(db, &args, None).0 {
        Outcome::Done(out) => out,
        Outcome::Failed(code, err) => panic!("jianggao {args:?} exited {code}: {err}"),
        Outcome::Killed => unreachable!(),
    }
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).expect("JSON output")
}

fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("open the library with rusqlite");
    conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
        .expect("integrity_check")
}

/// What the library must hold: the effects of commands that exited 0. Where a later
/// command was killed, either value is allowed.
#[derive(Default)]
struct Model {
    drafts: BTreeMap<i64, DraftModel>,
    /// Drafts whose delete exited 0, with the titles they had: must be gone. (SQLite may
    /// give the id to a later draft, which has another title.)
    deleted: Vec<(i64, Vec<String>)>,
    /// (id, text) of blocks and phrases added.
    blocks: Vec<(i64, String)>,
    phrases: Vec<(i64, String)>,
    /// Blocks stored by `import` (from the lines `added ID TITLE`).
    imported: Vec<i64>,
    /// Phrases brought in by `pack import`.
    packed: Vec<String>,
    /// Export files written by a command that exited 0.
    exports: Vec<PathBuf>,
    /// Export files whose command was killed: absent or whole.
    maybe_exports: Vec<PathBuf>,
}

struct DraftModel {
    titles: Vec<String>,
    /// Outline nodes that `add` and `insert` reported.
    nodes: Vec<i64>,
    /// A text slot of the draft and the values it may hold.
    slot: Option<(String, Vec<String>)>,
}

fn parse_ids(out: &str) -> Vec<i64> {
    out.lines()
        .map(|l| l.trim().parse().expect("an id per line"))
        .collect()
}

fn node_ids(nodes: &Value, out: &mut Vec<i64>) {
    for n in nodes.as_array().expect("nodes") {
        out.push(n["id"].as_i64().expect("node id"));
        if let Some(children) = n.get("children") {
            node_ids(children, out);
        }
    }
}

/// The quick check after a kill: integrity, the library opens, drafts and titles.
fn check_quick(db: &Path, model: &Model) {
    assert_eq!(integrity(db), "ok", "integrity_check");
    let drafts = json(db, &["drafts", "--json"]);
    let have: BTreeMap<i64, String> = drafts
        .as_array()
        .expect("drafts")
        .iter()
        .map(|d| {
            let id = d["id"].as_i64().expect("id");
            (id, d["title"].as_str().expect("title").to_string())
        })
        .collect();
    for (id, d) in &model.drafts {
        let title = have
            .get(id)
            .unwrap_or_else(|| panic!("draft {id} (created with exit 0) is gone"));
        assert!(
            d.titles.contains(title),
            "draft {id} is titled {title:?}, expected one of {:?}",
            d.titles
        );
    }
    for (id, titles) in &model.deleted {
        if let Some(title) = have.get(id) {
            assert!(
                !titles.contains(title),
                "deleted draft {id} ({title}) is back"
            );
        }
    }
}

/// The whole check: everything in the model, through the CLI.
fn check_full(db: &Path, model: &Model) {
    check_quick(db, model);
    for (id, d) in &model.drafts {
        let doc = json(db, &["show", &id.to_string(), "--format", "json"]);
        let mut have = Vec::new();
        node_ids(&doc["nodes"], &mut have);
        for n in &d.nodes {
            assert!(have.contains(n), "draft {id}: node {n} is gone");
        }
        if let Some((name, values)) = &d.slot {
            let slots = json(db, &["slots", &id.to_string(), "--json"]);
            let value = slots
                .as_array()
                .expect("slots")
                .iter()
                .find(|s| s["name"] == name.as_str())
                .map(|s| s["value"].as_str().unwrap_or("").to_string())
                .unwrap_or_default();
            assert!(
                values.contains(&value),
                "draft {id}: slot {name} is {value:?}, expected one of {values:?}"
            );
        }
    }
    for (id, text) in &model.blocks {
        let b = json(db, &["blocks", "show", &id.to_string(), "--json"]);
        assert_eq!(b["text"], text.as_str(), "block {id}");
        // The search index was written in the same transaction.
        let hits = json(db, &["blocks", "search", text, "--json"]);
        assert!(
            hits.as_array()
                .expect("hits")
                .iter()
                .any(|h| h["id"] == *id),
            "block {id} is not found by its text"
        );
    }
    for (id, text) in &model.phrases {
        let hits = json(db, &["phrases", "search", text, "--json"]);
        assert!(
            hits.as_array()
                .expect("hits")
                .iter()
                .any(|h| h["id"] == *id),
            "phrase {id} is not found by its text"
        );
    }
    for id in &model.imported {
        json(db, &["blocks", "show", &id.to_string(), "--json"]);
    }
    for text in &model.packed {
        let hits = json(db, &["phrases", "search", text, "--json"]);
        assert!(
            hits.as_array()
                .expect("hits")
                .iter()
                .any(|h| h["title"] == text.as_str()),
            "packed phrase {text} is not found"
        );
    }
    for f in &model.exports {
        assert!(whole_docx(f), "{} is not a whole .docx", f.display());
    }
    for f in &model.maybe_exports {
        assert!(
            !f.exists() || whole_docx(f),
            "{} is a partial .docx",
            f.display()
        );
    }
}

fn whole_docx(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(mut zip) = zip::ZipArchive::new(file) else {
        return false;
    };
    let ok = zip.by_name("word/document.xml").is_ok();
    ok
}

#[test]
fn killed_commands_leave_a_consistent_library() {
    let started = Instant::now();
    let seed = std::env::var("JIANGGAO_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x6a69_616e_6767_616f);
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();

    // Fresh libraries: killed while the file is created, migrated and seeded, then opened.
    let (t0, _) = (Instant::now(), ());
    ok(&dir.path().join("calibrate.sqlite3"), &["drafts"]);
    let create = t0.elapsed();
    let mut fresh_killed = 0;
    for i in 0..FRESH_KILLS {
        let db = dir.path().join(format!("fresh{i}.sqlite3"));
        let wait = create.mul_f64(rng.below(1000) as f64 / 1000.0);
        if let (Outcome::Killed, _) = run(&db, &["drafts".into()], Some(wait)) {
            fresh_killed += 1;
        }
        if db.exists() {
            assert_eq!(integrity(&db), "ok", "fresh library {i}");
        }
        ok(&db, &["drafts"]);
        assert_eq!(integrity(&db), "ok", "fresh library {i} after opening");
    }

    let db = dir.path().join("lib.sqlite3");
    ok(&db, &["drafts"]);
    let mut model = Model::default();
    let mut durations: Vec<Duration> = Vec::new();
    let (mut attempted_kills, mut killed, mut done, mut failed) = (0, 0, 0, 0);
    let mut commands = 0;
    // Per command: (exited 0, killed mid-run).
    let mut per_command: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for n in 0..OPERATIONS {
        let ids: Vec<i64> = model.drafts.keys().copied().collect();
        let draft = (!ids.is_empty()).then(|| ids[rng.below(ids.len())]);
        let choice = if draft.is_none() { 0 } else { rng.below(100) };
        let d = draft.map(|d| d.to_string()).unwrap_or_default();
        let export = dir.path().join(format!("export{n}.docx"));
        let args: Vec<String> = match choice {
            0..=14 => {
                let t = TEMPLATES[rng.below(TEMPLATES.len())];
                vec![
                    "new".into(),
                    "--template".into(),
                    t.into(),
                    "--title".into(),
                    format!("稿{n}"),
                ]
            }
            15..=29 => vec!["rename".into(), d, format!("稿{n}改")],
            30..=44 => {
                let block = BLOCKS[rng.below(BLOCKS.len())];
                vec!["add".into(), d, block.into()]
            }
            45..=59 => vec!["insert".into(), d, format!("崩溃测试段落{n}。")],
            60..=69 => match model
                .drafts
                .get(&draft.unwrap_or(0))
                .and_then(|m| m.slot.clone())
            {
                Some((name, _)) => vec!["set".into(), d, format!("{name}=单位{n}")],
                None => vec!["stats".into(), d],
            },
            70..=79 => vec![
                "blocks".into(),
                "add".into(),
                "--text".into(),
                format!("崩溃测试块{n}。"),
            ],
            80..=87 => vec!["phrases".into(), "add".into(), format!("崩溃测试金句{n}")],
            91..=93 => {
                let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/fixtures/import/website-copy.txt");
                vec![
                    "import".into(),
                    fixture.to_string_lossy().into_owned(),
                    "--tag".into(),
                    format!("崩溃{n}"),
                ]
            }
            94..=96 => {
                let pack = dir.path().join(format!("pack{n}.json"));
                let json = serde_json::json!({
                    "format": "jianggao-pack",
                    "version": 1,
                    "phrases": [{"text": format!("崩溃测试包金句{n}"), "tags": ["崩溃"]}],
                });
                std::fs::write(&pack, json.to_string()).unwrap();
                vec![
                    "pack".into(),
                    "import".into(),
                    pack.to_string_lossy().into_owned(),
                ]
            }
            88..=90 => vec![
                "export".into(),
                d,
                "--format".into(),
                "docx".into(),
                "--out".into(),
                export.to_string_lossy().into_owned(),
            ],
            _ => vec!["delete".into(), d],
        };
        // A third of the commands are killed, after up to 1.5 times a typical run.
        let kill_after = (rng.below(3) == 0).then(|| {
            let mut sorted = durations.clone();
            sorted.sort();
            let typical = sorted
                .get(sorted.len() / 2)
                .copied()
                .unwrap_or(Duration::from_millis(20));
            typical.mul_f64(rng.below(1500) as f64 / 1000.0)
        });
        if kill_after.is_some() {
            attempted_kills += 1;
        }
        let (outcome, took) = run(&db, &args, kill_after);
        commands += 1;
        let draft_id = draft.unwrap_or(0);
        match outcome {
            Outcome::Done(out) => {
                done += 1;
                per_command.entry(args[0].clone()).or_default().0 += 1;
                if kill_after.is_none() {
                    durations.push(took);
                }
                match args[0].as_str() {
                    "new" => {
                        let id = parse_ids(&out)[0];
                        let slots = json(&db, &["slots", &id.to_string(), "--json"]);
                        commands += 1;
                        let slot = slots
                            .as_array()
                            .expect("slots")
                            .iter()
                            .find(|s| s["kind"] == "text")
                            .map(|s| {
                                let name = s["name"].as_str().expect("name").to_string();
                                let value = s["value"].as_str().unwrap_or("").to_string();
                                (name, vec![value])
                            });
                        model.drafts.insert(
                            id,
                            DraftModel {
                                titles: vec![format!("稿{n}")],
                                nodes: Vec::new(),
                                slot,
                            },
                        );
                    }
                    "rename" => {
                        if let Some(m) = model.drafts.get_mut(&draft_id) {
                            m.titles = vec![args[2].clone()];
                        }
                    }
                    "add" | "insert" => {
                        if let Some(m) = model.drafts.get_mut(&draft_id) {
                            m.nodes.extend(parse_ids(&out));
                        }
                    }
                    "set" => {
                        if let Some((_, values)) = model
                            .drafts
                            .get_mut(&draft_id)
                            .and_then(|m| m.slot.as_mut())
                        {
                            let v = args[2].split_once('=').expect("NAME=VALUE").1;
                            *values = vec![v.to_string()];
                        }
                    }
                    "blocks" => model.blocks.push((parse_ids(&out)[0], args[3].clone())),
                    "phrases" => model.phrases.push((parse_ids(&out)[0], args[2].clone())),
                    "export" => model.exports.push(export),
                    "import" => model.imported.extend(out.lines().filter_map(|l| {
                        l.strip_prefix("added ")?
                            .split_whitespace()
                            .next()?
                            .parse::<i64>()
                            .ok()
                    })),
                    "pack" => model.packed.push(format!("崩溃测试包金句{n}")),
                    "delete" => {
                        if let Some(m) = model.drafts.remove(&draft_id) {
                            model.deleted.push((draft_id, m.titles));
                        }
                    }
                    _ => {}
                }
            }
            Outcome::Failed(code, err) => {
                // Only refusals are expected here, never a damaged library (exit 1 or 2
                // with a message; the check below says whether anything broke).
                failed += 1;
                assert!(code == 1 || code == 2, "{args:?} exited {code}: {err}");
            }
            Outcome::Killed => {
                killed += 1;
                per_command.entry(args[0].clone()).or_default().1 += 1;
                match args[0].as_str() {
                    "rename" => {
                        if let Some(m) = model.drafts.get_mut(&draft_id) {
                            m.titles.push(args[2].clone());
                        }
                    }
                    "set" => {
                        if let Some((_, values)) = model
                            .drafts
                            .get_mut(&draft_id)
                            .and_then(|m| m.slot.as_mut())
                        {
                            let v = args[2].split_once('=').expect("NAME=VALUE").1;
                            values.push(v.to_string());
                        }
                    }
                    "export" => model.maybe_exports.push(export),
                    // The draft may be gone now: no longer checked either way.
                    "delete" => {
                        model.drafts.remove(&draft_id);
                    }
                    _ => {}
                }
                check_quick(&db, &model);
                commands += 1;
            }
        }
        if n % 50 == 49 {
            check_full(&db, &model);
        }
    }
    check_full(&db, &model);
    eprintln!(
        "crash: seed {seed:#x}; {FRESH_KILLS} fresh libraries killed at random ({fresh_killed} \
         killed before they finished); {OPERATIONS} operations ({commands} commands in all), \
         {attempted_kills} kills attempted, {killed} killed mid-run, {done} exited 0, \
         {failed} refused; {} drafts, {} blocks, {} phrases, {} imported blocks, {} packed \
         phrases, {} exports checked; integrity ok after every kill; {:.1} s",
        model.drafts.len(),
        model.blocks.len(),
        model.phrases.len(),
        model.imported.len(),
        model.packed.len(),
        model.exports.len(),
        started.elapsed().as_secs_f64()
    );
    eprintln!("crash: per command (exited 0, killed): {per_command:?}");
}
