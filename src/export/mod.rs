//! Exporters: each reads the [`Document`](crate::document::Document) and nothing else.

pub mod docx;
pub mod markdown;

use std::io::Write as _;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes an exported file through a temporary file beside it and a rename, so a failed
/// or interrupted export never leaves a half-written file, and an older copy stays whole
/// until the new one is complete.
///
/// No fsync: an export is made again from the library in a moment, and the library itself
/// commits without one (WAL with `synchronous = NORMAL`); waiting for the disk would be
/// most of an export's time.
pub fn write_file(path: &Path, data: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.jianggao-tmp"));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(data))
        .and_then(|_| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_file_whole_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("讲话.docx");
        write_file(&path, b"first").unwrap();
        write_file(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_failed_write_names_the_file_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-folder").join("a.md");
        let e = write_file(&path, b"x").unwrap_err();
        assert!(e.to_string().contains("a.md"), "{e}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
