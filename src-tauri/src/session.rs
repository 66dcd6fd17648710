//! The app's state: the open library, undo histories, and what was deleted and can be
//! brought back. The commands lock it for the length of one call.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jianggao::store::{Block, Phrase, Store};
use jianggao::undo::{History, Snapshot};
use jianggao::Error;

use crate::dto::UiError;

pub struct Session {
    pub store: Store,
    pub path: PathBuf,
    pub histories: HashMap<i64, History>,
    /// Deleted drafts, most recent last, for 撤销删除.
    pub deleted_drafts: Vec<Snapshot>,
    pub deleted_blocks: Vec<Block>,
    pub deleted_phrases: Vec<Phrase>,
    /// The (draft, node) of the last text edit, so typing in one item is one undo step.
    pub last_edit: Option<(i64, i64)>,
}

impl Session {
    pub fn open(path: &Path) -> Result<Session, UiError> {
        let store = Store::open(path).map_err(ui_error)?;
        Ok(Session {
            store,
            path: path.to_path_buf(),
            histories: HashMap::new(),
            deleted_drafts: Vec::new(),
            deleted_blocks: Vec::new(),
            deleted_phrases: Vec::new(),
            last_edit: None,
        })
    }

    pub fn history(&mut self, draft: i64) -> &mut History {
        self.histories.entry(draft).or_default()
    }

    /// Records the state of a draft before a change.
    pub fn record(&mut self, draft: i64) -> Result<(), UiError> {
        let snap = Snapshot::take(&self.store, draft).map_err(ui_error)?;
        self.history(draft).record(snap);
        self.last_edit = None;
        Ok(())
    }
}

/// Every core error reaches the web view as a Chinese sentence.
pub fn ui_error(e: Error) -> UiError {
    let kind = match e.kind() {
        jianggao::ErrorKind::NotFound => "notFound",
        jianggao::ErrorKind::BadInput => "badInput",
        jianggao::ErrorKind::Internal => "internal",
    };
    if e.kind() == jianggao::ErrorKind::Internal {
        eprintln!("jianggao-desktop: {e}");
    }
    UiError {
        message: jianggao::messages::zh(&e),
        kind: kind.into(),
    }
}

pub fn bad_input(message: impl Into<String>) -> UiError {
    UiError {
        message: message.into(),
        kind: "badInput".into(),
    }
}

/// Where the library lives: `JIANGGAO_DB`, else the location chosen in the settings
/// (remembered in `desktop.json` in the app's config folder), else the default file.
pub fn library_path(config_dir: Option<&Path>) -> Result<PathBuf, UiError> {
    if let Some(p) = std::env::var_os(jianggao::store::DB_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    if let Some(p) = config_dir.and_then(read_config) {
        return Ok(p);
    }
    Store::default_path().map_err(ui_error)
}

fn read_config(dir: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(dir.join("desktop.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v.get("library")?.as_str().map(PathBuf::from)
}

pub fn write_config(dir: &Path, library: &Path) -> Result<(), UiError> {
    std::fs::create_dir_all(dir).map_err(|e| ui_error(Error::io(dir, e)))?;
    let v = serde_json::json!({ "library": library.to_string_lossy() });
    std::fs::write(dir.join("desktop.json"), v.to_string())
        .map_err(|e| ui_error(Error::io(dir.join("desktop.json"), e)))
}
