//! The bridge between the window and the core: the open [`Session`] behind a lock, every
//! core error as a Chinese sentence, and which library file to open.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tauri::State;

use jianggao::app::Session;
use jianggao::Error;

use crate::dto::UiError;

/// The open library; None when it could not be opened at startup.
pub struct AppState(pub Mutex<Option<Session>>);

pub type Res<T> = Result<T, UiError>;

/// Runs `f` on the open session, holding the lock for the length of one call.
pub fn with<T>(
    state: &State<'_, AppState>,
    f: impl FnOnce(&mut Session) -> jianggao::Result<T>,
) -> Res<T> {
    let mut guard = state
        .0
        .lock()
        .map_err(|_| bad_input("程序内部状态出错，请重新启动讲稿工坊。"))?;
    let session = guard
        .as_mut()
        .ok_or_else(|| bad_input("资料库没有打开，请在设置中选择资料库位置。"))?;
    f(session).map_err(ui_error)
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

/// Which library was named: `JIANGGAO_DB`, else the location chosen in the settings
/// (remembered in `desktop.json` in the app's config folder); None for the default file,
/// whose folder is made the first time (a named one's folder must exist).
pub fn library_path(config_dir: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(jianggao::store::DB_ENV).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    config_dir.and_then(read_config)
}

fn read_config(dir: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(dir.join("desktop.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v.get("library")?.as_str().map(PathBuf::from)
}

pub fn write_config(dir: &Path, library: &Path) -> Res<()> {
    std::fs::create_dir_all(dir).map_err(|e| ui_error(Error::io(dir, e)))?;
    let v = serde_json::json!({ "library": library.to_string_lossy() });
    std::fs::write(dir.join("desktop.json"), v.to_string())
        .map_err(|e| ui_error(Error::io(dir.join("desktop.json"), e)))
}

/// Opens a named library, or the default one (None).
pub fn open_session(path: Option<PathBuf>) -> Res<Session> {
    Session::open_default(path).map_err(ui_error)
}
