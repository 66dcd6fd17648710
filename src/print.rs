//! Printing through the system's print path: the draft's PDF — the export's pages, so
//! the paper is the PDF page for page — handed to CUPS with `lp`; the printers listed with
//! `lpstat`. Both run with `LC_ALL=C` (CUPS translates its own messages whatever locales
//! are installed, and we read the English ones). The PDF's pages are already A4 with the
//! layout's margins, so nothing asks for fit-to-page scaling (`print-scaling=none`).
//!
//! Windows is not built here: there the path would be the same PDF handed to the Win32
//! spooler (a PDF-capable driver, or the default PDF program's `printto` verb through
//! `ShellExecuteW`), which this machine cannot test. Where no `lp` is found on a system
//! other than Unix, [`Error::PrintUnsupported`] says so (export the PDF and print that).

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use serde::Serialize;

use crate::error::{Error, RangeProblem, Result};

/// The most copies one print asks for (a typo of 1000 should not empty the paper tray).
pub const MAX_COPIES: u32 = 99;

/// The paper of both layouts (official and podium are A4, `layout::A4_OFFICIAL`).
const MEDIA: &str = "A4";

/// A job name longer than this is cut (IPP names hold 255 bytes).
const TITLE_CHARS: usize = 60;

/// The printers (CUPS destinations) and the default one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Printers {
    pub printers: Vec<String>,
    /// The system's (or the user's `lpoptions`) default; null when none is set.
    pub default: Option<String>,
}

/// Pages chosen from a document: the list `lp -P` takes, and how many pages it prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageChoice {
    /// None: every page.
    pub list: Option<String>,
    pub count: usize,
}

/// What one `lp` call sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LpOptions {
    pub printer: String,
    pub copies: u32,
    /// `lp -P`: None for every page.
    pub pages: Option<String>,
    /// Both sides, turned on the long edge (a portrait speech read like a book).
    pub duplex: bool,
    pub title: String,
}

/// `lpstat -e`: one destination a line (printers, classes, `lpoptions` instances).
pub fn parse_destinations(out: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in out.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    }
    names
}

/// `lpstat -d`: "system default destination: NAME", or "no system default destination".
pub fn parse_default(out: &str) -> Option<String> {
    out.lines()
        .find_map(|l| l.trim().strip_prefix("system default destination:"))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(String::from)
}

/// `lp`: "request id is NAME-12 (1 file(s))" → "NAME-12".
pub fn parse_request_id(out: &str) -> Option<String> {
    let rest = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("request id is "))?;
    let id = rest.split_whitespace().next()?;
    Some(id.to_string())
}

/// A page range as the writer types it (`1-3,5`; full-width digits, `，`/`、` between
/// parts and `－`/`~` in a range are read too; empty for every page), checked against
/// the document's `total` pages.
pub fn choose_pages(text: &str, total: usize) -> Result<PageChoice> {
    let bad = |why| Error::BadPageRange {
        text: text.to_string(),
        pages: total,
        why,
    };
    let plain: String = text.chars().filter_map(half_width).collect();
    if plain.is_empty() {
        return Ok(PageChoice {
            list: None,
            count: total,
        });
    }
    let mut chosen = vec![false; total];
    let mut parts = Vec::new();
    for part in plain.split(',') {
        let (from, to) = match part.split_once('-') {
            Some((a, b)) => (number(a), number(b)),
            None => (number(part), number(part)),
        };
        let (Some(from), Some(to)) = (from, to) else {
            return Err(bad(RangeProblem::Unreadable));
        };
        if from == 0 || to == 0 {
            return Err(bad(RangeProblem::Zero));
        }
        if from > to {
            return Err(bad(RangeProblem::Backwards { from, to }));
        }
        if to > total {
            return Err(bad(RangeProblem::PastEnd { page: to }));
        }
        chosen[from - 1..to].iter_mut().for_each(|c| *c = true);
        parts.push(if from == to {
            from.to_string()
        } else {
            format!("{from}-{to}")
        });
    }
    Ok(PageChoice {
        list: Some(parts.join(",")),
        count: chosen.iter().filter(|c| **c).count(),
    })
}

/// A character of a page range in the form `lp` reads; spaces dropped.
fn half_width(c: char) -> Option<char> {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        '，' | '、' | ';' | '；' => Some(','),
        '－' | '–' | '—' | '~' | '～' => Some('-'),
        c if c.is_whitespace() => None,
        c => Some(c),
    }
}

/// A page number of at most six digits (no sign, nothing else).
fn number(s: &str) -> Option<usize> {
    if s.is_empty() || s.len() > 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// How many copies: 1 to [`MAX_COPIES`].
pub fn check_copies(copies: u32) -> Result<u32> {
    if (1..=MAX_COPIES).contains(&copies) {
        Ok(copies)
    } else {
        Err(Error::BadCopies {
            copies,
            max: MAX_COPIES,
        })
    }
}

/// The printer a job goes to: the one asked for, which must be installed, else the default.
pub fn choose_printer(printers: &Printers, wanted: Option<&str>) -> Result<String> {
    match wanted.map(str::trim).filter(|w| !w.is_empty()) {
        Some(w) if printers.printers.iter().any(|p| p == w) => Ok(w.to_string()),
        Some(w) => Err(Error::NoSuchPrinter {
            name: w.to_string(),
        }),
        None => printers.default.clone().ok_or(Error::NoPrinter {
            installed: printers.printers.len(),
        }),
    }
}

/// The arguments of `lp` for `file`: printer, copies, pages, sides, paper and title.
pub fn lp_args(o: &LpOptions, file: &Path) -> Vec<OsString> {
    let sides = if o.duplex {
        "sides=two-sided-long-edge"
    } else {
        "sides=one-sided"
    };
    let mut args: Vec<OsString> = vec![
        "-d".into(),
        o.printer.clone().into(),
        "-n".into(),
        o.copies.to_string().into(),
    ];
    if let Some(pages) = &o.pages {
        args.extend(["-P".into(), pages.into()]);
    }
    for opt in [sides, &format!("media={MEDIA}"), "print-scaling=none"] {
        args.extend(["-o".into(), opt.into()]);
    }
    args.extend(["-t".into(), job_title(&o.title).into()]);
    args.push(file.as_os_str().to_owned());
    args
}

/// The job's name in the printer queue: the title on one line, cut short.
fn job_title(title: &str) -> String {
    let t: String = title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(TITLE_CHARS)
        .collect();
    match t.trim() {
        "" => "讲稿".into(),
        t => t.to_string(),
    }
}

/// The printers of this system (`lpstat -e`, `lpstat -d`). No scheduler running lists none.
pub fn printers() -> Result<Printers> {
    let printers = parse_destinations(&run("lpstat", &["-e".into()])?);
    let default = parse_default(&run("lpstat", &["-d".into()])?);
    Ok(Printers { printers, default })
}

/// Sends `pdf` with `lp`: written to a temporary file (which `lp` hands to the scheduler
/// whole before it returns; deleted after), returns the request id `lp` printed.
pub fn send(o: &LpOptions, pdf: &[u8]) -> Result<Option<String>> {
    let mut file = tempfile::Builder::new()
        .prefix("jianggao-print-")
        .suffix(".pdf")
        .tempfile()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
    file.write_all(pdf)
        .and_then(|_| file.flush())
        .map_err(|e| Error::io(file.path(), e))?;
    let out = run("lp", &lp_args(o, file.path()))?;
    Ok(parse_request_id(&out))
}

/// How long a CUPS program may take before it is given up: a print service that hangs
/// must not hang the window. `JIANGGAO_PRINT_TIMEOUT_SECS` sets it (the tests do).
fn timeout() -> std::time::Duration {
    let secs = std::env::var("JIANGGAO_PRINT_TIMEOUT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    std::time::Duration::from_secs(secs)
}

/// Runs a CUPS program in the C locale: its standard output, or why it failed. It is
/// stopped when it gives no answer within [`timeout`].
fn run(program: &'static str, args: &[OsString]) -> Result<String> {
    let failed = |e: std::io::Error| Error::PrintFailed {
        program,
        message: e.to_string(),
    };
    let mut child = Command::new(program)
        .args(args)
        .env("LC_ALL", "C")
        .env("LANG", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound if cfg!(unix) => Error::NoCups,
            std::io::ErrorKind::NotFound => Error::PrintUnsupported,
            _ => failed(e),
        })?;
    // Read on their own threads, so a program with much to say never waits on a full pipe.
    let read = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut out = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut out);
            }
            out
        })
    };
    let stdout = read(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = read(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let limit = timeout();
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(failed)? {
            break status;
        }
        if start.elapsed() >= limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::PrintTimedOut {
                program,
                secs: limit.as_secs(),
            });
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    if !status.success() {
        let stderr = String::from_utf8_lossy(&stderr);
        let message = stderr.trim();
        return Err(Error::PrintFailed {
            program,
            message: match message {
                "" => format!("exit status {status}"),
                m => m.strip_prefix(&format!("{program}: ")).unwrap_or(m).into(),
            },
        });
    }
    Ok(String::from_utf8_lossy(&stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Outputs of `lpstat` and `lp` written for these tests in the shapes CUPS 2.4 prints.

    #[test]
    fn destinations_one_a_line_each_once() {
        let out = "Office_Laser\nPDF\n\nPDF\nOffice_Laser/duplex\n";
        assert_eq!(
            parse_destinations(out),
            ["Office_Laser", "PDF", "Office_Laser/duplex"]
        );
        assert!(parse_destinations("").is_empty());
    }

    #[test]
    fn the_default_destination_or_none() {
        assert_eq!(
            parse_default("system default destination: Office_Laser\n").as_deref(),
            Some("Office_Laser")
        );
        assert_eq!(
            parse_default("system default destination: PDF/a4\n").as_deref(),
            Some("PDF/a4")
        );
        assert_eq!(parse_default("no system default destination\n"), None);
        assert_eq!(parse_default(""), None);
    }

    #[test]
    fn the_request_id_lp_prints() {
        assert_eq!(
            parse_request_id("request id is Office_Laser-117 (1 file(s))\n").as_deref(),
            Some("Office_Laser-117")
        );
        assert_eq!(parse_request_id(""), None);
    }

    #[test]
    fn page_ranges_as_written_and_as_lp_reads_them() {
        let c = choose_pages("1-3,5", 6).unwrap();
        assert_eq!((c.list.as_deref(), c.count), (Some("1-3,5"), 4));
        let c = choose_pages(" １－３，５、 2 ", 6).unwrap();
        assert_eq!((c.list.as_deref(), c.count), (Some("1-3,5,2"), 4));
        let c = choose_pages("", 6).unwrap();
        assert_eq!((c.list, c.count), (None, 6));
        let c = choose_pages("4", 4).unwrap();
        assert_eq!((c.list.as_deref(), c.count), (Some("4"), 1));
    }

    #[test]
    fn bad_page_ranges_say_why() {
        let why = |text: &str| match choose_pages(text, 4) {
            Err(Error::BadPageRange { why, pages: 4, .. }) => why,
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(why("5"), RangeProblem::PastEnd { page: 5 });
        assert_eq!(why("2-9"), RangeProblem::PastEnd { page: 9 });
        assert_eq!(why("3-1"), RangeProblem::Backwards { from: 3, to: 1 });
        assert_eq!(why("0"), RangeProblem::Zero);
        for text in ["a", "1-", "-2", "1,,2", "1-2-3", "1.5", "+1", "9999999"] {
            assert_eq!(why(text), RangeProblem::Unreadable, "{text}");
        }
    }

    #[test]
    fn copies_from_one_to_the_most() {
        assert_eq!(check_copies(1).unwrap(), 1);
        assert_eq!(check_copies(MAX_COPIES).unwrap(), MAX_COPIES);
        for n in [0, MAX_COPIES + 1] {
            assert!(matches!(check_copies(n), Err(Error::BadCopies { copies, .. }) if copies == n));
        }
    }

    #[test]
    fn the_printer_asked_for_else_the_default() {
        let p = Printers {
            printers: vec!["Office_Laser".into(), "PDF".into()],
            default: Some("PDF".into()),
        };
        assert_eq!(choose_printer(&p, None).unwrap(), "PDF");
        assert_eq!(choose_printer(&p, Some(" ")).unwrap(), "PDF");
        assert_eq!(
            choose_printer(&p, Some("Office_Laser")).unwrap(),
            "Office_Laser"
        );
        assert!(matches!(
            choose_printer(&p, Some("Lobby")),
            Err(Error::NoSuchPrinter { name }) if name == "Lobby"
        ));
        let no_default = Printers { default: None, ..p };
        assert!(matches!(
            choose_printer(&no_default, None),
            Err(Error::NoPrinter { installed: 2 })
        ));
        assert!(matches!(
            choose_printer(&Printers::default(), None),
            Err(Error::NoPrinter { installed: 0 })
        ));
    }

    fn strings(args: Vec<OsString>) -> Vec<String> {
        args.into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn lp_gets_printer_copies_pages_sides_paper_and_title() {
        let o = LpOptions {
            printer: "Office_Laser".into(),
            copies: 2,
            pages: Some("1-3,5".into()),
            duplex: true,
            title: "在全市安全生产\n工作会议上的讲话".into(),
        };
        assert_eq!(
            strings(lp_args(&o, Path::new("/tmp/a.pdf"))),
            [
                "-d",
                "Office_Laser",
                "-n",
                "2",
                "-P",
                "1-3,5",
                "-o",
                "sides=two-sided-long-edge",
                "-o",
                "media=A4",
                "-o",
                "print-scaling=none",
                "-t",
                "在全市安全生产 工作会议上的讲话",
                "/tmp/a.pdf",
            ]
        );
        let one = LpOptions {
            pages: None,
            duplex: false,
            copies: 1,
            title: "  ".into(),
            ..o
        };
        let args = strings(lp_args(&one, Path::new("/tmp/b.pdf")));
        assert!(!args.contains(&"-P".to_string()), "{args:?}");
        assert!(args.contains(&"sides=one-sided".to_string()), "{args:?}");
        assert!(!args.iter().any(|a| a.contains("fit")), "{args:?}");
        assert_eq!(args[args.len() - 2], "讲稿");
    }

    #[test]
    fn a_long_title_is_cut() {
        let t = job_title(&"长".repeat(200));
        assert_eq!(t.chars().count(), TITLE_CHARS);
    }
}
