//! The last subset made of each TrueType face, kept whole (the font program as the PDF
//! stores it), so an export whose characters in that face did not change — the Latin
//! face's digits and letters, the 楷体 of the headings, while the body is edited — uses
//! it instead of subsetting again (`subsetter` takes about a millisecond a face). CFF
//! faces do not need it: their glyph cache makes any subset in a fraction of that.
//!
//! File `last-<hash>.bin` beside the glyph caches: `JGLAST01`, the face's key (length
//! u32, bytes), the glyph ids (count u32, u16 each), the program (length u32, bytes), a
//! CRC-32 of everything before. A file that is damaged, of another face or of other
//! glyphs is not used; the next subset replaces it.

use std::path::PathBuf;

use super::FaceKey;

const MAGIC: &[u8; 8] = b"JGLAST01";

/// Where a face's last subset is kept.
#[derive(Debug, Clone)]
pub struct LastSubset {
    file: PathBuf,
    key: Vec<u8>,
}

impl LastSubset {
    /// The face's last subset in folder `dir`.
    pub fn open(dir: &std::path::Path, key: &FaceKey) -> LastSubset {
        LastSubset {
            file: dir.join(key.file_name_as("last")),
            key: key.bytes(),
        }
    }

    /// In the user's cache folder, beside `fonts-index.json`; `None` when the system names
    /// no such folder.
    pub fn open_default(key: &FaceKey) -> Option<LastSubset> {
        let index = crate::layout::font_index::index_path()?;
        Some(LastSubset::open(index.parent()?, key))
    }

    fn header(&self, gids: &[u16]) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.key.len() + 2 * gids.len());
        out.extend_from_slice(MAGIC);
        out.extend((self.key.len() as u32).to_be_bytes());
        out.extend_from_slice(&self.key);
        out.extend((gids.len() as u32).to_be_bytes());
        for g in gids {
            out.extend(g.to_be_bytes());
        }
        out
    }

    /// The program kept for exactly `gids` (in this order), if that is what the file holds.
    pub fn get(&self, gids: &[u16]) -> Option<Vec<u8>> {
        let data = std::fs::read(&self.file).ok()?;
        let (body, crc) = data.split_at_checked(data.len().checked_sub(4)?)?;
        let header = self.header(gids);
        let rest = body.strip_prefix(header.as_slice())?;
        let (len, program) = rest.split_at_checked(4)?;
        let len = u32::from_be_bytes(len.try_into().ok()?) as usize;
        (program.len() == len && crc32fast::hash(body).to_be_bytes() == crc)
            .then(|| program.to_vec())
    }

    /// Keeps `program` as the subset of `gids`. False when it could not be written (the
    /// next export subsets again; nothing else is lost).
    pub fn put(&self, gids: &[u16], program: &[u8]) -> bool {
        let mut out = self.header(gids);
        out.extend((program.len() as u32).to_be_bytes());
        out.extend_from_slice(program);
        out.extend(crc32fast::hash(&out).to_be_bytes());
        self.file
            .parent()
            .is_some_and(|dir| std::fs::create_dir_all(dir).is_ok())
            && crate::export::write_file(&self.file, &out).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(dir: &std::path::Path) -> FaceKey {
        let font = dir.join("face.ttf");
        std::fs::write(&font, b"not really a font").unwrap();
        FaceKey::of_file(&font, 0).unwrap()
    }

    #[test]
    fn the_same_glyphs_get_the_program_back_and_nothing_else_does() {
        let dir = tempfile::tempdir().unwrap();
        let last = LastSubset::open(dir.path(), &key(dir.path()));
        assert_eq!(last.get(&[0, 5, 9]), None);
        assert!(last.put(&[0, 5, 9], b"program"));
        assert_eq!(last.get(&[0, 5, 9]).as_deref(), Some(&b"program"[..]));
        assert_eq!(last.get(&[0, 9, 5]), None);
        assert_eq!(last.get(&[0, 5]), None);
        assert_eq!(last.get(&[0, 5, 9, 11]), None);
        // Another face (same file, another index) does not read it.
        let other = FaceKey {
            index: 1,
            ..key(dir.path())
        };
        let file = dir.path().join(other.file_name_as("last"));
        std::fs::copy(dir.path().join(key(dir.path()).file_name_as("last")), &file).unwrap();
        assert_eq!(LastSubset::open(dir.path(), &other).get(&[0, 5, 9]), None);
    }

    #[test]
    fn a_damaged_file_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let k = key(dir.path());
        let last = LastSubset::open(dir.path(), &k);
        assert!(last.put(&[0, 1], b"abcdefgh"));
        let file = dir.path().join(k.file_name_as("last"));
        let mut data = std::fs::read(&file).unwrap();
        let n = data.len();
        data[n - 6] ^= 1;
        std::fs::write(&file, &data).unwrap();
        assert_eq!(last.get(&[0, 1]), None);
        std::fs::write(&file, &data[..n / 2]).unwrap();
        assert_eq!(last.get(&[0, 1]), None);
    }
}
