//! One error type for the core. Each variant maps to one CLI exit code and one
//! Chinese message for the desktop UI, so faces never show raw Rust or SQL text.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something the user named does not exist (a draft, item, block, template).
    #[error("{0}")]
    NotFound(String),
    /// The user's input is not acceptable (bad value, bad move, bad markup).
    #[error("{0}")]
    Invalid(String),
    /// A syntax error in a file the user or we wrote (template, library file).
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the library database was made by a newer Jianggao (schema {found}, this program knows up to {supported}); it was left untouched")]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
}

/// What kind of failure, for exit codes and UI treatment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    NotFound,
    BadInput,
    Internal,
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Invalid(_) | Error::Syntax { .. } | Error::SchemaTooNew { .. } => {
                ErrorKind::BadInput
            }
            Error::Io { .. } => ErrorKind::BadInput,
            Error::Db(_) => ErrorKind::Internal,
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::Invalid(msg.into())
    }

    pub fn not_found(msg: impl Into<String>) -> Self {
        Error::NotFound(msg.into())
    }
}
