//! Files, only where the writer chose in a native dialog: export and the library file.

use std::path::{Path, PathBuf};

use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use jianggao::app::view::{AppInfo, ExportArgs, ExportResult};
use jianggao::app::ExportFormat;

use crate::bridge::{bad_input, open_session, with, write_config, AppState, Res};

/// The end-to-end tests cannot answer a native dialog: they name a folder at launch
/// (`JIANGGAO_E2E_SAVE_DIR`). Only builds made for them (feature `e2e`) read it; in any
/// other build a variable left in the environment redirects nothing.
#[cfg(feature = "e2e")]
pub(crate) fn e2e_save_dir() -> Option<PathBuf> {
    std::env::var_os("JIANGGAO_E2E_SAVE_DIR").map(PathBuf::from)
}

#[cfg(not(feature = "e2e"))]
pub(crate) fn e2e_save_dir() -> Option<PathBuf> {
    None
}

/// Exports through the native save dialog. The file is made first, the writer chooses
/// where, and only a written file changes the remembered choices and folder.
#[tauri::command]
pub async fn export_draft(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    args: ExportArgs,
) -> Res<ExportResult> {
    let (options, name, last_dir) = with(&state, |s| {
        let options = s.export_options(&args)?;
        let made = s.export(id, &options)?;
        Ok((options, made.file_name, s.export_dir()?))
    })?;
    let chosen: Option<PathBuf> = match e2e_save_dir() {
        Some(dir) => Some(dir.join(&name)),
        None => {
            let mut dialog = app
                .dialog()
                .file()
                .set_title("导出讲稿")
                .set_file_name(&name);
            dialog = match options.format {
                ExportFormat::Md => dialog.add_filter("Markdown 文本", &["md"]),
                ExportFormat::Docx => dialog.add_filter("Word 文档", &["docx"]),
                ExportFormat::Pdf => dialog.add_filter("PDF 文档", &["pdf"]),
                ExportFormat::Ofd => dialog.add_filter("OFD 版式文件", &["ofd"]),
            };
            if let Some(dir) = last_dir.as_deref().filter(|d| Path::new(d).is_dir()) {
                dialog = dialog.set_directory(dir);
            }
            dialog.blocking_save_file().and_then(|p| p.into_path().ok())
        }
    };
    let Some(path) = chosen else {
        return Ok(ExportResult {
            path: None,
            findings: 0,
            substitutions: Vec::new(),
        });
    };
    with(&state, |s| s.export_to(id, &options, &path))
}

/// Opens another library file (or creates one) chosen in a native dialog, and remembers it.
#[tauri::command]
pub async fn choose_library(
    app: AppHandle,
    state: State<'_, AppState>,
    create: bool,
) -> Res<Option<AppInfo>> {
    let dialog = app
        .dialog()
        .file()
        .set_title(if create {
            "新建资料库"
        } else {
            "打开资料库"
        })
        .add_filter("讲稿工坊资料库", &["sqlite3", "db"]);
    let picked = if create {
        dialog.set_file_name("library.sqlite3").blocking_save_file()
    } else {
        dialog.blocking_pick_file()
    };
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    let session = open_session(Some(path.clone()))?;
    if let Ok(dir) = app.path().app_config_dir() {
        write_config(&dir, &path)?;
    }
    {
        let mut guard = state
            .0
            .lock()
            .map_err(|_| bad_input("程序内部状态出错，请重新启动讲稿工坊。"))?;
        *guard = Some(session);
    }
    with(&state, |s| s.app_info()).map(Some)
}
