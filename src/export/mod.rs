//! Exporters: each reads the [`Document`](crate::document::Document) and nothing else.

pub mod docx;
pub mod markdown;
