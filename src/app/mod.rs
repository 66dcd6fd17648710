//! The app layer: the use cases every face calls. A face — the CLI, a Tauri command —
//! parses its input, calls one function here, and prints or converts the result; the
//! rules (which settings are valid, what an undo step is, which views the editor shows,
//! when export choices are remembered) live here and below, never in a face.
//!
//! [`Session`] is an open library with what lives only while the program runs: undo
//! histories per draft and the drafts, blocks and phrases deleted this session (for
//! 撤销). The views it returns are in [`view`].

mod backups;
mod changes;
mod check;
mod editor;
mod export;
mod import;
mod library;
mod meetings;
mod print;
mod review;
mod session;
mod settings;
mod versions;
pub mod view;

pub use backups::backup_library;
pub use changes::{AUTHOR_SLOT, DEFAULT_AUTHOR};
pub use check::{CheckRun, IgnoreScope};
pub use editor::labels;
pub use export::{file_stem, Export, ExportOptions};
pub use import::{analyze_path, candidate_view, file_view, read_text_file, slot_values_json};
pub use library::{block_view, phrase_view};
pub use meetings::{MeetingSpeech, AGENDA_SLOT};
pub use print::PrintJob;
pub use review::{skipped_zh, REVISED_NAME};
pub use session::Session;
pub use settings::{check_rate, check_target};
pub use settings::{ExportFormat, Settings, RATE_RANGE, TARGET_RANGE};
pub use versions::{count_changes, time_label, Comparison, EDITING_INTERVAL_SECS, SUGGESTED_NAMES};
