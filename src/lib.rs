//! Jianggao 讲稿工坊: the core library. Draft a leader's speech from templates and a
//! personal paragraph library, and export it. See ARCHITECTURE.md for the map.
//!
//! The pipeline: [`store`] (SQLite) → [`draft::Draft`] → [`render::render`] →
//! [`document::Document`] → exporters ([`export`]), [`check`] and [`stats`].

pub mod agenda;
pub mod app;
pub mod assets;
pub mod check;
pub mod cue;
pub mod diff;
pub mod document;
pub mod draft;
pub mod error;
pub mod export;
pub mod import;
pub mod layout;
pub mod logic;
pub mod markup;
pub mod messages;
pub mod numbering;
pub mod numerals;
pub mod outline;
pub mod pack;
pub mod preview;
pub mod print;
pub mod redline;
pub mod render;
pub mod review;
pub mod search;
pub mod slot;
pub mod stats;
pub mod store;
pub mod synth;
pub mod template;
pub mod types;
pub mod undo;

pub use error::{Error, ErrorKind, Result};
