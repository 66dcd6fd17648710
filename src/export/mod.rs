//! Exporters: each reads the [`Document`](crate::document::Document) and nothing else.

pub mod docx;
pub mod markdown;
pub mod ofd;
pub mod pdf;
pub mod subset;

use std::io::Write as _;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes an exported file through a temporary file beside it and a rename, so a failed
/// or interrupted export never leaves a half-written file, and an older copy stays whole
/// until the new one is complete. The temporary file has an unpredictable name and is
/// created exclusively (never through a link someone placed there); the rename replaces a
/// link at `path` itself rather than writing where it points.
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
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".jianggao-tmp");
    // tempfile makes its files 0600; an export is an ordinary file (0666 less the umask).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir).map_err(|e| Error::io(path, e))?;
    tmp.write_all(data).map_err(|e| Error::io(path, e))?;
    // On failure the temporary file is dropped, which deletes it.
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
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

    /// A link placed where the old predictable temporary name was cannot redirect the
    /// write; the link and its target are left alone.
    #[cfg(unix)]
    #[test]
    fn a_link_at_the_old_temporary_name_redirects_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"precious").unwrap();
        let link = dir.path().join(".a.md.jianggao-tmp");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let path = dir.path().join("a.md");
        write_file(&path, b"export").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"export");
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
    }

    /// Writing onto a symlink replaces the link, not the file it points at.
    #[cfg(unix)]
    #[test]
    fn an_export_onto_a_symlink_replaces_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"precious").unwrap();
        let path = dir.path().join("a.md");
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        write_file(&path, b"export").unwrap();
        assert!(!std::fs::symlink_metadata(&path).unwrap().is_symlink());
        assert_eq!(std::fs::read(&path).unwrap(), b"export");
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    }

    #[cfg(unix)]
    #[test]
    fn an_export_is_an_ordinary_file_not_a_private_one() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        write_file(&path, b"x").unwrap();
        let plain = dir.path().join("plain.md");
        std::fs::write(&plain, b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), mode(&plain));
    }
}
