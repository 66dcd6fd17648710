//! The Tauri commands, one file a screen. Each one takes the window's arguments, calls
//! one function of the core's app layer on the locked session, and returns its view
//! (errors as Chinese sentences). Files and dialogs are opened only from Rust.

pub mod drafts;
pub mod editor;
pub mod files;
pub mod import;
pub mod library;
pub mod settings;
