//! 打印: the printers of this system, and a draft's PDF sent to one. The PDF is made under
//! the library's lock; it is handed to the print system after the lock is let go.

use tauri::State;

use jianggao::app::view::{PrintArgs, PrintResult};
use jianggao::print::Printers;

use crate::bridge::{ui_error, with, AppState, Res};

#[tauri::command(async)]
pub fn list_printers() -> Res<Printers> {
    jianggao::print::printers().map_err(ui_error)
}

#[tauri::command(async)]
pub fn print_draft(state: State<'_, AppState>, id: i64, args: PrintArgs) -> Res<PrintResult> {
    let job = with(&state, |s| s.print_job(id, &args))?;
    job.send().map_err(ui_error)
}
