//! 打印 through the CLI with a fake CUPS on PATH: `lpstat` and `lp` are small shell
//! scripts (`tests/fixtures/fake-cups`, shared with the e2e print flow; lp records its
//! arguments and environment and keeps a copy of the file it was given). The file sent
//! is the draft's PDF — pdftotext reads the same text as from `export --format pdf` with
//! the same layout — with the printer, copies, pages, sides and paper asked for; bad
//! input sends nothing; no CUPS, no printer, an unknown printer and lp's own refusal
//! give their messages; an lp that hangs is given up after the timeout.
//!
//! pdftotext (poppler-utils) is an independent reader: when it is missing the text
//! comparison is skipped with a note, unless JIANGGAO_REQUIRE_READERS=1.

#![cfg(unix)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// A library with a draft in it, and a folder for what the fake `lp` was given.
struct Setup {
    dir: tempfile::TempDir,
    db: PathBuf,
    draft: String,
}

/// The fake CUPS (`tests/fixtures/fake-cups`: shell scripts, lp records what it gets).
fn fake_cups() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fake-cups")
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("lib.sqlite3");
        let mut s = Setup {
            dir,
            db,
            draft: String::new(),
        };
        s.draft = s
            .ok(&[
                "new",
                "--template",
                "commendation-annual",
                "--set",
                "单位=市交通运输局",
                "--set",
                "年份=2026",
                "--set",
                "讲话人=赵立新",
            ])
            .trim()
            .to_string();
        s
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The CLI with `path` as PATH, the fake CUPS's settings cleared.
    fn cmd_with_path(&self, path: &std::ffi::OsStr) -> Command {
        let mut c = Command::cargo_bin("jianggao").unwrap();
        c.arg("--db")
            .arg(&self.db)
            .env_remove("JIANGGAO_DB")
            .env("PATH", path)
            .env("FAKE_CUPS_OUT", self.dir.path());
        for var in [
            "FAKE_CUPS_PRINTERS",
            "FAKE_CUPS_DEFAULT",
            "FAKE_CUPS_REFUSE",
        ] {
            c.env_remove(var);
        }
        c
    }

    /// The CLI with the fake CUPS first on PATH.
    fn cmd(&self) -> Command {
        let mut paths = vec![fake_cups()];
        paths.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        self.cmd_with_path(&std::env::join_paths(paths).unwrap())
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    /// A failing command: exit 2, its one line on stderr.
    fn fails(&self, cmd: &mut Command, args: &[&str]) -> String {
        let out = cmd.args(args).assert().code(2);
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    }

    fn lp_args(&self) -> Vec<String> {
        std::fs::read_to_string(self.path("lp-args"))
            .unwrap()
            .lines()
            .map(String::from)
            .collect()
    }

    fn sent(&self) -> bool {
        self.path("sent.pdf").exists()
    }
}

fn pdftotext(path: &Path) -> Option<String> {
    match std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
    {
        Ok(out) => {
            assert!(out.status.success(), "pdftotext {}", path.display());
            Some(String::from_utf8_lossy(&out.stdout).into_owned())
        }
        Err(_) if std::env::var("JIANGGAO_REQUIRE_READERS").as_deref() == Ok("1") => {
            panic!("pdftotext is required (JIANGGAO_REQUIRE_READERS=1) but was not found")
        }
        Err(_) => {
            eprintln!("note: pdftotext not found; skipping the text comparison");
            None
        }
    }
}

/// The printed file is the export's PDF, page for page, in either layout.
fn assert_sent_is_the_export(s: &Setup, layout: &str) {
    let export = s.path(&format!("export-{layout}.pdf"));
    s.ok(&[
        "export",
        &s.draft,
        "--format",
        "pdf",
        "--layout",
        layout,
        "--out",
        export.to_str().unwrap(),
    ]);
    let (Some(sent), Some(exported)) = (pdftotext(&s.path("sent.pdf")), pdftotext(&export)) else {
        return;
    };
    assert!(
        sent.contains("市交通运输局") && sent.contains("赵立新"),
        "{sent}"
    );
    assert_eq!(sent, exported, "{layout}");
}

#[test]
fn the_printer_gets_the_drafts_pdf_with_the_options_asked_for() {
    let s = Setup::new();
    let printers: Value = serde_json::from_str(&s.ok(&["printers", "--json"])).unwrap();
    assert_eq!(
        printers,
        serde_json::json!({"printers": ["Office_Laser", "PDF"], "default": "PDF"})
    );
    assert_eq!(s.ok(&["printers"]), "  Office_Laser\n* PDF\n");

    let done: Value = serde_json::from_str(&s.ok(&[
        "print",
        &s.draft,
        "--printer",
        "Office_Laser",
        "--copies",
        "2",
        "--pages",
        "1-2",
        "--duplex",
        "--json",
    ]))
    .unwrap();
    assert_eq!(done["printer"], "Office_Laser");
    assert_eq!(
        (done["pages"].as_u64(), done["copies"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(done["job"], "Office_Laser-7");
    let args = s.lp_args();
    let file = args.last().unwrap().clone();
    assert_eq!(
        args[..args.len() - 1],
        [
            "-d",
            "Office_Laser",
            "-n",
            "2",
            "-P",
            "1-2",
            "-o",
            "sides=two-sided-long-edge",
            "-o",
            "media=A4",
            "-o",
            "print-scaling=none",
            "-t",
            "在市交通运输局2026年度先进集体和先进个人表彰大会上的讲话",
        ]
    );
    assert!(file.ends_with(".pdf"), "{file}");
    assert!(!Path::new(&file).exists(), "the temporary PDF is removed");
    assert_eq!(
        std::fs::read_to_string(s.path("lp-env")).unwrap().trim(),
        "LC_ALL=C"
    );
    assert_sent_is_the_export(&s, "official");

    // The default printer, one side, every page, the podium layout.
    let line = s.ok(&["print", &s.draft, "--layout", "podium"]);
    assert!(line.starts_with("sent to PDF: "), "{line}");
    assert!(line.contains("(request PDF-7)"), "{line}");
    let args = s.lp_args();
    assert_eq!(args[..4], ["-d", "PDF", "-n", "1"]);
    assert!(!args.contains(&"-P".to_string()), "{args:?}");
    assert!(args.contains(&"sides=one-sided".to_string()), "{args:?}");
    assert_sent_is_the_export(&s, "podium");
}

#[test]
fn bad_choices_send_nothing() {
    let s = Setup::new();
    for (args, said) in [
        (vec!["--pages", "40"], "names page 40, past the last page"),
        (vec!["--pages", "2-1"], "runs backwards"),
        (vec!["--pages", "一至三"], "is not page numbers"),
        (vec!["--copies", "0"], "copies must be 1 to 99"),
        (vec!["--copies", "100"], "copies must be 1 to 99"),
        (vec!["--printer", "Lobby"], "no printer named \"Lobby\""),
    ] {
        let err = s.fails(&mut s.cmd(), &[&["print", &s.draft], &args[..]].concat());
        assert!(err.contains(said), "{args:?}: {err}");
        assert!(!s.sent(), "{args:?}: nothing sent");
    }
    let out = s.cmd().args(["print", "999"]).assert().code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("no draft 999"), "{err}");
    assert!(!s.sent());
}

#[test]
fn no_cups_no_printer_and_a_refusal_are_told() {
    let s = Setup::new();
    // No lp or lpstat anywhere on PATH.
    let empty = s.path("empty");
    std::fs::create_dir(&empty).unwrap();
    let err = s.fails(
        &mut s.cmd_with_path(empty.as_os_str()),
        &["print", &s.draft],
    );
    assert!(err.contains("CUPS is not installed"), "{err}");
    let err = s.fails(&mut s.cmd_with_path(empty.as_os_str()), &["printers"]);
    assert!(err.contains("CUPS is not installed"), "{err}");

    // lp refuses: its own words come through.
    let err = s.fails(
        s.cmd().env("FAKE_CUPS_REFUSE", "Office_Laser"),
        &["print", &s.draft, "--printer", "Office_Laser"],
    );
    assert!(
        err.contains("lp failed: Error - The printer or class is not accepting jobs."),
        "{err}"
    );

    // lp hangs (a stuck print service): given up after the timeout, nothing sent.
    let err = s.fails(
        s.cmd()
            .env("FAKE_CUPS_HANG", "1")
            .env("JIANGGAO_PRINT_TIMEOUT_SECS", "1"),
        &["print", &s.draft, "--printer", "Office_Laser"],
    );
    assert!(err.contains("lp gave no answer in 1 s"), "{err}");

    // Printers but no default, then none at all (or no scheduler running).
    let err = s.fails(s.cmd().env("FAKE_CUPS_DEFAULT", ""), &["print", &s.draft]);
    assert!(err.contains("no default printer"), "{err}");
    let mut none = s.cmd();
    none.env("FAKE_CUPS_DEFAULT", "")
        .env("FAKE_CUPS_PRINTERS", "");
    let err = s.fails(&mut none, &["print", &s.draft]);
    assert!(err.contains("no printer is installed"), "{err}");
    assert!(!s.sent());
}
