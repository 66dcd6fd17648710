//! The system's fonts without scanning them on every export: what `fontdb` found is kept in a
//! small index under the user's cache folder (file, face index, family names, style, weight,
//! width — what [`super::fonts::find`] queries) with the modification times of the font
//! folders, every folder below them and fontconfig's files. An export stats those few dozen
//! paths instead of parsing the name tables of every font file, and scans again when one of
//! them changed (a font added or removed changes its folder's time, as fontconfig's own
//! cache assumes). A folder named only in a fontconfig file that is empty when the index is
//! written, and filled later without any configuration change, is the one case not seen.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

/// Raised when the index's layout changes, so an old index is scanned again.
const FORMAT: u32 = 1;

/// A modification time as (seconds, nanoseconds) since 1970; `None` for a missing path.
type Stamp = Option<(u64, u32)>;

fn stamp(path: &Path) -> Stamp {
    let t = std::fs::metadata(path).ok()?.modified().ok()?;
    let d = t.duration_since(UNIX_EPOCH).ok()?;
    Some((d.as_secs(), d.subsec_nanos()))
}

#[derive(Serialize, Deserialize)]
struct Entry {
    path: PathBuf,
    index: u32,
    /// Family names, the English one first as fontdb orders them.
    families: Vec<String>,
    post_script_name: String,
    /// 0 normal, 1 italic, 2 oblique.
    style: u8,
    weight: u16,
    /// OS/2 width class, 1–9.
    stretch: u16,
    monospaced: bool,
}

#[derive(Serialize, Deserialize)]
struct Index {
    format: u32,
    /// Every watched path with its time when the fonts were scanned.
    watched: Vec<(PathBuf, Stamp)>,
    faces: Vec<Entry>,
}

const STRETCHES: [fontdb::Stretch; 9] = [
    fontdb::Stretch::UltraCondensed,
    fontdb::Stretch::ExtraCondensed,
    fontdb::Stretch::Condensed,
    fontdb::Stretch::SemiCondensed,
    fontdb::Stretch::Normal,
    fontdb::Stretch::SemiExpanded,
    fontdb::Stretch::Expanded,
    fontdb::Stretch::ExtraExpanded,
    fontdb::Stretch::UltraExpanded,
];

impl Entry {
    fn of(face: &fontdb::FaceInfo) -> Option<Entry> {
        let fontdb::Source::File(path) = &face.source else {
            return None;
        };
        Some(Entry {
            path: path.clone(),
            index: face.index,
            families: face.families.iter().map(|(n, _)| n.clone()).collect(),
            post_script_name: face.post_script_name.clone(),
            style: match face.style {
                fontdb::Style::Normal => 0,
                fontdb::Style::Italic => 1,
                fontdb::Style::Oblique => 2,
            },
            weight: face.weight.0,
            stretch: face.stretch.to_number(),
            monospaced: face.monospaced,
        })
    }

    fn info(self) -> fontdb::FaceInfo {
        let first = fontdb::Language::English_UnitedStates;
        fontdb::FaceInfo {
            id: fontdb::ID::dummy(),
            source: fontdb::Source::File(self.path),
            index: self.index,
            // Only the first family's language is known (fontdb puts the English one
            // first); nothing here reads the others'.
            families: (self.families.into_iter().enumerate())
                .map(|(i, n)| {
                    (
                        n,
                        if i == 0 {
                            first
                        } else {
                            fontdb::Language::Unknown
                        },
                    )
                })
                .collect(),
            post_script_name: self.post_script_name,
            style: match self.style {
                1 => fontdb::Style::Italic,
                2 => fontdb::Style::Oblique,
                _ => fontdb::Style::Normal,
            },
            weight: fontdb::Weight(self.weight),
            stretch: STRETCHES
                .get(usize::from(self.stretch.max(1)) - 1)
                .copied()
                .unwrap_or_default(),
            monospaced: self.monospaced,
        }
    }
}

/// The folders fonts are installed in on this platform, and on Linux fontconfig's files
/// (a folder added there changes one of them). Folders holding a font found are added
/// when the index is written.
pub fn roots() -> Vec<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let mut out: Vec<PathBuf> = Vec::new();
    if cfg!(windows) {
        let root =
            std::env::var_os("SYSTEMROOT").map_or_else(|| "C:\\Windows".into(), PathBuf::from);
        out.push(root.join("Fonts"));
        if let Some(p) = std::env::var_os("USERPROFILE").map(PathBuf::from) {
            out.push(p.join("AppData\\Local\\Microsoft\\Windows\\Fonts"));
            out.push(p.join("AppData\\Roaming\\Microsoft\\Windows\\Fonts"));
        }
    } else if cfg!(target_os = "macos") {
        out.extend(
            [
                "/Library/Fonts",
                "/System/Library/Fonts",
                "/Network/Library/Fonts",
            ]
            .map(PathBuf::from),
        );
        out.extend(home.iter().map(|h| h.join("Library/Fonts")));
    } else {
        out.extend(["/usr/share/fonts", "/usr/local/share/fonts"].map(PathBuf::from));
        out.extend(
            [
                "/etc/fonts/fonts.conf",
                "/etc/fonts/local.conf",
                "/etc/fonts/conf.d",
            ]
            .map(PathBuf::from),
        );
        let config = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(".config")));
        if let Some(c) = config {
            out.push(c.join("fontconfig/fonts.conf"));
            out.push(c.join("fontconfig/conf.d"));
        }
        let data = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(".local/share")));
        out.extend(data.map(|d| d.join("fonts")));
        out.extend(home.iter().map(|h| h.join(".fonts")));
        out.extend(std::env::var_os("FONTCONFIG_FILE").map(PathBuf::from));
    }
    out
}

/// `roots`, the folders of the faces found, and every folder below them.
fn watched(roots: &[PathBuf], faces: &[Entry]) -> Vec<(PathBuf, Stamp)> {
    let mut paths: Vec<PathBuf> = roots.to_vec();
    paths.extend(
        faces
            .iter()
            .filter_map(|f| f.path.parent().map(Path::to_path_buf)),
    );
    paths.sort();
    paths.dedup();
    // Breadth first; a folder reached twice (a link) is walked once.
    let mut seen: std::collections::HashSet<PathBuf> =
        paths.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let mut i = 0;
    while i < paths.len() && paths.len() < 10_000 {
        if let Ok(dir) = std::fs::read_dir(&paths[i]) {
            for e in dir.flatten() {
                let p = e.path();
                if p.is_dir() && p.canonicalize().is_ok_and(|c| seen.insert(c)) {
                    paths.push(p);
                }
            }
        }
        i += 1;
    }
    paths.into_iter().map(|p| (p.clone(), stamp(&p))).collect()
}

fn read(index: &Path) -> Option<fontdb::Database> {
    let bytes = std::fs::read(index).ok()?;
    let idx: Index = serde_json::from_slice(&bytes).ok()?;
    if idx.format != FORMAT || idx.watched.iter().any(|(p, s)| stamp(p) != *s) {
        return None;
    }
    let mut db = fontdb::Database::new();
    for e in idx.faces {
        db.push_face_info(e.info());
    }
    Some(db)
}

/// Writes the index beside its final name and renames it into place, so a reader never
/// sees half of one. A failure leaves the cache as it was: the next export scans again.
fn write(index: &Path, idx: &Index) -> Option<()> {
    let dir = index.parent()?;
    std::fs::create_dir_all(dir).ok()?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).ok()?;
    serde_json::to_writer(&mut tmp, idx).ok()?;
    tmp.persist(index).ok()?;
    Some(())
}

/// The fonts as `scan` finds them, from the index at `index` while nothing under `roots`
/// changed since it was written; otherwise `scan` runs and the index is written anew.
pub fn indexed(
    index: &Path,
    roots: &[PathBuf],
    scan: impl FnOnce() -> fontdb::Database,
) -> fontdb::Database {
    if let Some(db) = read(index) {
        return db;
    }
    // The times are taken before the scan: a font added during it is seen next time.
    let before = watched(roots, &[]);
    let db = scan();
    let faces: Vec<Entry> = db.faces().filter_map(Entry::of).collect();
    let mut watched_now = watched(roots, &faces);
    for (p, s) in &mut watched_now {
        if let Some((_, b)) = before.iter().find(|(q, _)| q == p) {
            *s = *b;
        }
    }
    let _ = write(
        index,
        &Index {
            format: FORMAT,
            watched: watched_now,
            faces,
        },
    );
    db
}

/// Where the index lives: the user's cache folder.
pub fn index_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("cn", "Jianggao", "jianggao")
        .map(|d| d.cache_dir().join("fonts-index.json"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A font file of this system to copy around (the test is skipped without one).
    fn some_font() -> Option<PathBuf> {
        let db = super::super::fonts::system();
        db.faces().find_map(|f| match &f.source {
            fontdb::Source::File(p) if p.extension().is_some_and(|e| e == "ttf") => Some(p.clone()),
            _ => None,
        })
    }

    #[test]
    fn a_font_added_or_removed_is_seen_and_nothing_else_scans_again() {
        let Some(font) = some_font() else {
            eprintln!("note: no .ttf font here; skipping");
            return;
        };
        let tmp = tempfile::tempdir().unwrap();
        let fonts = tmp.path().join("fonts");
        std::fs::create_dir(&fonts).unwrap();
        let index = tmp.path().join("cache/index.json");
        let roots = vec![fonts.clone()];
        let scans = Cell::new(0);
        let load = || {
            indexed(&index, &roots, || {
                scans.set(scans.get() + 1);
                let mut db = fontdb::Database::new();
                db.load_fonts_dir(&fonts);
                db
            })
        };
        assert_eq!(load().len(), 0);
        assert_eq!(scans.get(), 1);
        // Unchanged: read from the index.
        assert_eq!(load().len(), 0);
        assert_eq!(scans.get(), 1);
        // A font in a new subfolder: its parent's time changed.
        std::fs::create_dir(fonts.join("new")).unwrap();
        let copy = fonts.join("new/added.ttf");
        std::fs::copy(&font, &copy).unwrap();
        let db = load();
        assert_eq!(scans.get(), 2);
        assert!(!db.is_empty());
        let scanned: Vec<_> = db
            .faces()
            .map(|f| (f.families.clone(), f.weight, f.index))
            .collect();
        // Read back from the index: the same faces, as `find` queries them.
        let again = load();
        assert_eq!(scans.get(), 2);
        let read: Vec<_> = again
            .faces()
            .map(|f| (f.families.clone(), f.weight, f.index))
            .collect();
        assert_eq!(
            read.iter()
                .map(|r| (&r.0[0].0, r.1, r.2))
                .collect::<Vec<_>>(),
            scanned
                .iter()
                .map(|r| (&r.0[0].0, r.1, r.2))
                .collect::<Vec<_>>()
        );
        let family = scanned[0].0[0].0.clone();
        assert!(again
            .query(&fontdb::Query {
                families: &[fontdb::Family::Name(&family)],
                ..fontdb::Query::default()
            })
            .is_some());
        // Removed: its folder's time changed again.
        std::fs::remove_file(&copy).unwrap();
        assert_eq!(load().len(), 0);
        assert_eq!(scans.get(), 3);
    }

    #[test]
    fn a_damaged_index_is_scanned_again() {
        let tmp = tempfile::tempdir().unwrap();
        let index = tmp.path().join("index.json");
        std::fs::write(&index, b"{not json").unwrap();
        let scans = Cell::new(0);
        let fonts = tmp.path().join("fonts");
        std::fs::create_dir(&fonts).unwrap();
        let db = indexed(&index, &[fonts], || {
            scans.set(1);
            fontdb::Database::new()
        });
        assert_eq!((db.len(), scans.get()), (0, 1));
        assert!(read(&index).is_some(), "the index is written anew");
    }
}
