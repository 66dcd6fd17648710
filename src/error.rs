//! One error type for the core. Each variant carries what happened (which thing, which
//! value, which limit), so the faces choose an exit code from [`Error::kind`] and the
//! desktop's Chinese sentence from the variant itself (`messages::zh`), never by reading
//! the English text. `Display` is the English the CLI prints.

use std::fmt;
use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What a not-found error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thing {
    Draft,
    Item,
    Block,
    Phrase,
    Template,
    Tag,
    Version,
    Backup,
    Rule,
    Ignore,
    Meeting,
}

impl Thing {
    pub fn id(self) -> &'static str {
        match self {
            Thing::Draft => "draft",
            Thing::Item => "item",
            Thing::Block => "block",
            Thing::Phrase => "phrase",
            Thing::Template => "template",
            Thing::Tag => "tag",
            Thing::Version => "version",
            Thing::Backup => "backup",
            Thing::Rule => "rule",
            Thing::Ignore => "ignore",
            Thing::Meeting => "meeting",
        }
    }
}

/// Whose text a length or markup error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextOf {
    Title,
    Item,
    Block,
    Phrase,
    VersionName,
    VersionNote,
    MeetingName,
}

impl TextOf {
    pub fn id(self) -> &'static str {
        match self {
            TextOf::Title => "title",
            TextOf::Item => "item",
            TextOf::Block => "block",
            TextOf::Phrase => "phrase",
            TextOf::VersionName => "version name",
            TextOf::VersionNote => "version note",
            TextOf::MeetingName => "meeting name",
        }
    }
}

/// Why a file offered for import cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Not text in any encoding we read, and not .md or .docx.
    NotText,
    /// Not a .docx (not a zip, no document part, too many parts).
    NotDocx(&'static str),
    /// The document part inflates past the limit.
    Inflates { mb: Option<u64>, limit_mb: u64 },
    /// A .docx whose zip or XML is broken.
    Damaged(String),
}

/// Why a file is not one of our libraries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotOurs {
    /// Not an SQLite database at all.
    NotSqlite,
    /// Another application's database: its `PRAGMA application_id`.
    OtherApplication(i32),
    /// An SQLite database without the library's tables (some of the tables it has).
    OtherTables(Vec<String>),
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something the user named does not exist (a draft, item, block, template, tag).
    #[error("no {} {id}{}", what.id(), not_found_tail(*what))]
    NotFound { what: Thing, id: String },
    #[error("the {} text is empty", what.id())]
    EmptyText { what: TextOf },
    #[error("the {} text has {chars} characters; at most {limit} are accepted", what.id())]
    TextTooLong {
        what: TextOf,
        chars: usize,
        limit: usize,
    },
    /// A `{{slot}}` written wrongly in a text, at a 1-based line and column.
    #[error("{} text, line {line}, column {column}: {message}", what.id())]
    SlotMarkup {
        what: TextOf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{name:?} is not a slot name")]
    BadSlotName { name: String },
    /// A value that does not fit its slot's kind; `expected` says what fits, in Chinese.
    #[error("“{slot}”的值“{value}”不对：应填{expected}")]
    BadSlotValue {
        slot: String,
        kind: crate::slot::SlotKind,
        value: String,
        expected: &'static str,
    },
    /// An entry (1-based) of a list slot's value that cannot be used.
    #[error("list slot {slot:?}, entry {entry} ({text:?}): {problem:?}")]
    BadListEntry {
        slot: String,
        entry: usize,
        text: String,
        problem: ListProblem,
    },
    /// Template logic (`{% if %}`, `{% for %}`) a template file gets wrong, at its place.
    #[error("{file}, line {line}, column {column}: template logic: {problem:?}")]
    BadLogic {
        file: String,
        line: usize,
        column: usize,
        problem: crate::logic::Problem,
    },
    #[error("item {node} is a {}; only headings have items under them", kind.id())]
    NotAHeading {
        node: i64,
        kind: crate::outline::NodeKind,
    },
    #[error("cannot move item {node} next to or under itself")]
    MoveIntoItself { node: i64 },
    #[error("heading {node} has items under it; move or remove them first")]
    HasChildren { node: i64 },
    #[error("item {node} is a {}; only items have a lead", kind.id())]
    LeadOnItemsOnly {
        node: i64,
        kind: crate::outline::NodeKind,
    },
    #[error("headings would go {depth} levels deep there; at most {max} (一、（一）1.（1）)")]
    TooDeep { depth: usize, max: usize },
    /// A 本单位 rule that cannot be kept; `why`: empty, long, line, same, exists.
    #[error("the rule “{literal}” {}", user_rule_why(why))]
    BadUserRule { literal: String, why: &'static str },
    /// Muting or ignoring a rule the check does not have.
    #[error("no check rule {rule} (see `jianggao check DRAFT --json` for the rule ids)")]
    NoSuchRule { rule: String },
    #[error("a tag cannot be empty")]
    EmptyTag,
    #[error("the tag {tag:?} is longer than {limit} characters")]
    TagTooLong { tag: String, limit: usize },
    #[error("unknown speech type {id:?} (one of {known})")]
    UnknownSpeechType { id: String, known: String },
    #[error("unknown lead style {value:?} (one of {known})")]
    UnknownLeadStyle { value: String, known: String },
    #[error("unknown item kind {value:?} (heading, item or paragraph)")]
    UnknownKind { value: String },
    /// Undoing an import candidate's split enumeration that the candidate no longer holds
    /// as it was split (another index, or the text edited since).
    #[error("the candidate has no split enumeration {index} as it was split (edited since?)")]
    NoSuchSplit { index: usize },
    /// A setting outside what the app accepts (name, the value given, what is allowed).
    #[error("the setting {name} cannot be {value:?} ({allowed})")]
    BadSetting {
        name: &'static str,
        value: String,
        allowed: String,
    },
    #[error("cannot find a home directory for the library; use --db PATH")]
    NoHomeDir,
    #[error("{} is not a Jianggao library ({}); it was left untouched", path.display(), not_ours(why))]
    NotALibrary { path: PathBuf, why: NotOurs },
    /// A library named on the command line (or chosen) in a folder that is not there.
    #[error("the folder {} does not exist; create it first or name another place for the library", dir.display())]
    NoSuchFolder { dir: PathBuf },
    #[error("the library {} is read-only (check its permissions); it was left untouched", path.display())]
    ReadOnlyLibrary { path: PathBuf },
    /// Updating an older library to this program's schema failed; nothing was written.
    #[error("cannot update the library {} to schema {to} ({why}); it was left untouched", path.display())]
    MigrationFailed { path: PathBuf, to: i64, why: String },
    /// An export or pack aimed at the open library file (or its -wal/-shm).
    #[error("refusing to write onto the library itself ({}); choose another file", path.display())]
    OntoLibrary { path: PathBuf },
    #[error("cannot open the library {}: {why}", path.display())]
    CannotOpenLibrary { path: PathBuf, why: String },
    #[error("the library database was made by a newer Jianggao (schema {found}, this program knows up to {supported}); it was left untouched")]
    SchemaTooNew { found: i64, supported: i64 },
    /// A file (or pasted text, `file` = None) over a size limit.
    #[error("{} is {size_mb} MB; at most {limit_mb} MB is {}", file_or_paste(file), if *pack { "read as a pack" } else { "imported" })]
    TooLarge {
        file: Option<String>,
        size_mb: u64,
        limit_mb: u64,
        pack: bool,
    },
    #[error("{file}: {}", unreadable(why))]
    Unreadable { file: String, why: Unreadable },
    #[error("{}not a Jianggao library pack ({why})", file.as_deref().map(|f| format!("{f}: ")).unwrap_or_default())]
    BadPack { file: Option<String>, why: String },
    #[error("the pack is format version {version}, newer than this program reads ({supported}); update Jianggao")]
    PackTooNew { version: u64, supported: u64 },
    /// An entry of a pack that is refused, with why.
    #[error("pack {} {index}: {source}", if *phrase { "phrase" } else { "block" })]
    InPack {
        phrase: bool,
        index: usize,
        source: Box<Error>,
    },
    /// A stored version whose body cannot be read (a damaged or foreign library file).
    #[error("version {version} is damaged and cannot be read")]
    DamagedVersion { version: i64 },
    /// A comparison with no version given, of a draft with no named version to start from.
    #[error("draft {draft} has no named version to compare with; give --from VERSION or save one with `jianggao version save`")]
    NoNamedVersion { draft: i64 },
    /// Changes to show since a version that belongs to another draft.
    #[error("version {version} is a version of draft {owner}, not of draft {draft} (see `jianggao versions {draft}`)")]
    VersionOfAnotherDraft {
        version: i64,
        draft: i64,
        owner: i64,
    },
    /// A meeting that still has drafts (how many): take them out first.
    #[error("meeting {meeting} still has {drafts} draft(s); remove them first (`jianggao meeting remove DRAFT`)")]
    MeetingNotEmpty { meeting: i64, drafts: usize },
    /// A draft belongs to one meeting at a time.
    #[error("draft {draft} is in meeting {meeting}; remove it from there first (`jianggao meeting remove {draft}`)")]
    InAnotherMeeting { draft: i64, meeting: i64 },
    #[error("draft {draft} is in no meeting")]
    NotInMeeting { draft: i64 },
    /// Changes since a version asked of an export that cannot show them (Markdown).
    #[error("--changes-from needs --format docx: Markdown has no tracked changes")]
    ChangesNeedDocx,
    /// A file offered as a backup that is not a whole Jianggao library.
    #[error("{} cannot be restored: {why}", file.display())]
    BadBackup { file: PathBuf, why: String },
    /// Backups are of a library file; a library in memory has none.
    #[error("a library in memory has no backups")]
    NoBackupsInMemory,
    #[error("the document is too large for a .docx package (over 4 GB or 65,535 parts)")]
    DocxTooLarge,
    /// The PDF or OFD could not be made (a font the system has that cannot be read).
    #[error("the {format} could not be made: {why}")]
    LayoutFailed { format: &'static str, why: String },
    /// No font on this system has Chinese characters: nothing to print the speech with.
    #[error("no font with Chinese characters is installed; install e.g. fonts-noto-cjk")]
    NoChineseFont,
    /// Printing needs CUPS (`lp`, `lpstat`), which is not installed.
    #[error(
        "cannot print: CUPS is not installed (lp and lpstat were not found); install cups-client"
    )]
    NoCups,
    /// Printing is not built for this system (Windows): export the PDF and print that.
    #[error("printing is not built for this system; export a PDF and print it")]
    PrintUnsupported,
    /// No printer chosen and no default one (`installed`: how many printers there are).
    #[error("{}", if *installed == 0 { "no printer is installed (or the CUPS scheduler is not running)".to_string() } else { format!("no default printer: choose one of the {installed} with --printer (see `jianggao printers`)") })]
    NoPrinter { installed: usize },
    #[error("no printer named {name:?} (see `jianggao printers`)")]
    NoSuchPrinter { name: String },
    /// `lp` or `lpstat` gave no answer in time (the print service hangs); it was stopped.
    #[error("{program} gave no answer in {secs} s and was stopped")]
    PrintTimedOut { program: &'static str, secs: u64 },
    /// `lp` or `lpstat` refused or failed: what it said.
    #[error("{program} failed: {message}")]
    PrintFailed {
        program: &'static str,
        message: String,
    },
    /// A page range to print that cannot be read or is outside the document.
    #[error(
        "the page range {text:?} {} (the draft has {pages} page(s); write e.g. 1-3,5)",
        range_problem(why)
    )]
    BadPageRange {
        text: String,
        pages: usize,
        why: RangeProblem,
    },
    #[error("copies must be 1 to {max}, not {copies}")]
    BadCopies { copies: u32, max: u32 },
    /// A command-line argument that does not fit (the CLI's own words).
    #[error("{0}")]
    Usage(String),
    /// A syntax error in a file the user or we wrote (template, library file).
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
    /// Our own values failed to serialise (a bug, not the writer's input).
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

fn user_rule_why(why: &str) -> String {
    match why {
        "empty" => "has nothing to match".into(),
        "long" => format!(
            "has a text over {} characters",
            crate::check::table::USER_RULE_LIMIT
        ),
        "line" => "has a line break or control character".into(),
        "same" => "suggests the text it matches".into(),
        "exists" => "exists already (remove it first)".into(),
        "level" => "has no level 必改, 建议 or 提示".into(),
        _ => why.into(),
    }
}

fn not_found_tail(what: Thing) -> &'static str {
    match what {
        Thing::Block | Thing::Phrase => " in the library",
        Thing::Template => " (see `jianggao templates`)",
        Thing::Version => " of this draft (see `jianggao versions DRAFT`)",
        _ => "",
    }
}

fn not_ours(why: &NotOurs) -> String {
    match why {
        NotOurs::NotSqlite => "not an SQLite database".into(),
        NotOurs::OtherApplication(id) => {
            format!("another application's database, application_id {id:#010x}")
        }
        NotOurs::OtherTables(t) if t.is_empty() => {
            "an SQLite database without the library's tables".into()
        }
        NotOurs::OtherTables(t) => format!(
            "an SQLite database of another program, with tables such as {}",
            t.join(", ")
        ),
    }
}

fn file_or_paste(file: &Option<String>) -> &str {
    file.as_deref().unwrap_or("the pasted text")
}

fn unreadable(why: &Unreadable) -> String {
    match why {
        Unreadable::NotText => {
            "not a text file (expected UTF-8, UTF-16 with BOM, or GB18030/GBK text, .md or .docx)"
                .into()
        }
        Unreadable::NotDocx(why) => format!("not a .docx file ({why})"),
        Unreadable::Inflates {
            mb: Some(mb),
            limit_mb,
        } => {
            format!("the document inflates to {mb} MB; at most {limit_mb} MB is read (a zip bomb?)")
        }
        Unreadable::Inflates { mb: None, limit_mb } => {
            format!("the document inflates to more than {limit_mb} MB (a zip bomb?)")
        }
        Unreadable::Damaged(why) => format!("the .docx is damaged ({why})"),
    }
}

/// What is wrong with a page range to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeProblem {
    /// Not numbers and ranges (`1-3,5`).
    Unreadable,
    /// A page 0.
    Zero,
    /// A range that runs backwards.
    Backwards { from: usize, to: usize },
    /// A page after the last one.
    PastEnd { page: usize },
}

fn range_problem(why: &RangeProblem) -> String {
    match why {
        RangeProblem::Unreadable => "is not page numbers and ranges".into(),
        RangeProblem::Zero => "names page 0; pages count from 1".into(),
        RangeProblem::Backwards { from, to } => format!("runs backwards ({from}-{to})"),
        RangeProblem::PastEnd { page } => format!("names page {page}, past the last page"),
    }
}

/// What kind of failure, for exit codes and UI treatment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    NotFound,
    BadInput,
    Internal,
}

impl fmt::Display for Thing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NotFound { .. }
            | Error::NoNamedVersion { .. }
            | Error::NoSuchRule { .. }
            | Error::VersionOfAnotherDraft { .. } => ErrorKind::NotFound,
            Error::InPack { source, .. } => source.kind(),
            Error::Db(_) | Error::Json(_) => ErrorKind::Internal,
            _ => ErrorKind::BadInput,
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub fn not_found(what: Thing, id: impl fmt::Display) -> Self {
        Error::NotFound {
            what,
            id: id.to_string(),
        }
    }

    pub fn usage(msg: impl Into<String>) -> Self {
        Error::Usage(msg.into())
    }

    pub fn unreadable(file: &str, why: Unreadable) -> Self {
        Error::Unreadable {
            file: file.to_string(),
            why,
        }
    }
}

/// What is wrong with an entry of a list slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListProblem {
    /// A `{{` that does not make a slot, at this byte of the entry.
    BrokenSlot { at: usize },
    /// The entry names its own list (or an entry of one), which cannot be filled.
    NamesItself,
}
