//! The glyph cache of one face: every glyph ever exported, as its desubroutinized
//! charstring and its original FD, kept in a file of the user's cache folder, so a subset
//! costs only the characters never seen before.
//!
//! File: `JGGLYPH1`, the face's key (length u32, bytes), the glyph count (u32), per glyph
//! gid (u16), FD (u8), length (u16) and charstring, then a CRC-32 of everything before.
//! Read whole or not at all: a damaged, foreign (another face's key) or stale (the font
//! file changed: another size or time in the key) file is ignored and rewritten.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

const MAGIC: &[u8; 8] = b"JGGLYPH1";

/// What identifies a face's glyphs: the font file, the face in it, and the file's size
/// and modification time (a font updated in place gets a new key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaceKey {
    pub path: PathBuf,
    pub index: u32,
    pub size: u64,
    /// Nanoseconds since 1970 (0 when the system gives no time).
    pub modified_ns: u128,
}

impl FaceKey {
    /// The key of face `index` of the font file at `path` as it is now, `None` when the
    /// file cannot be read.
    pub fn of_file(path: &Path, index: u32) -> Option<FaceKey> {
        let meta = std::fs::metadata(path).ok()?;
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        Some(FaceKey {
            path: path.to_path_buf(),
            index,
            size: meta.len(),
            modified_ns,
        })
    }

    /// The path's own bytes (not its display form, which may merge two odd names).
    fn path_bytes(&self) -> &[u8] {
        self.path.as_os_str().as_encoded_bytes()
    }

    pub(super) fn bytes(&self) -> Vec<u8> {
        let mut k = self.path_bytes().to_vec();
        k.extend(format!("\0{}\0{}\0{}", self.index, self.size, self.modified_ns).bytes());
        k
    }

    /// The cache file's name: by path and face only, so a stale file is found, ignored
    /// and replaced rather than left beside the new one.
    fn file_name(&self) -> String {
        self.file_name_as("glyphs")
    }

    /// `<what>-<hash of path and face>.bin`, for the other caches of a face.
    pub(super) fn file_name_as(&self, what: &str) -> String {
        // FNV-1a: stable across runs and builds (std's hasher is not).
        let mut fnv = crate::assets::Fnv::default();
        fnv.write_bytes(self.path_bytes());
        fnv.write_bytes(&self.index.to_be_bytes());
        format!("{what}-{:016x}.bin", fnv.0)
    }
}

/// One cached glyph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Glyph {
    pub fd: u8,
    pub charstring: Vec<u8>,
}

/// A cached glyph as it is read: its FD and its charstring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct GlyphRef<'a> {
    pub fd: u8,
    pub charstring: &'a [u8],
}

/// Where a glyph's charstring lies in the cache's bytes.
#[derive(Debug, Clone, Copy)]
struct Stored {
    fd: u8,
    at: usize,
    len: usize,
}

/// The cached glyphs of one face, and the file they live in (none: in memory only). The
/// file's bytes are kept as read and the glyphs point into them (an export reads a few
/// thousand glyphs and uses a few hundred: no copy of each); added glyphs are appended.
#[derive(Debug)]
pub struct GlyphCache {
    file: Option<PathBuf>,
    key: Vec<u8>,
    bytes: Vec<u8>,
    glyphs: HashMap<u16, Stored>,
    changed: bool,
}

impl GlyphCache {
    /// A cache kept in memory only (nothing read or written).
    pub fn in_memory(key: &FaceKey) -> GlyphCache {
        GlyphCache {
            file: None,
            key: key.bytes(),
            bytes: Vec::new(),
            glyphs: HashMap::new(),
            changed: false,
        }
    }

    /// A cache for one subset only (no key: never saved, never compared).
    pub(super) fn scratch() -> GlyphCache {
        GlyphCache {
            file: None,
            key: Vec::new(),
            bytes: Vec::new(),
            glyphs: HashMap::new(),
            changed: false,
        }
    }

    /// The face's cache in folder `dir`: what its file holds when it is whole and of this
    /// key, else empty (and the file replaced at the next `save`).
    pub fn open(dir: &Path, key: &FaceKey) -> GlyphCache {
        let file = dir.join(key.file_name());
        let key = key.bytes();
        let read = std::fs::read(&file).ok().and_then(|d| parse(d, &key));
        let changed = read.is_none();
        let (bytes, glyphs) = read.unwrap_or_default();
        GlyphCache {
            changed,
            bytes,
            glyphs,
            file: Some(file),
            key,
        }
    }

    /// The face's cache in the user's cache folder, beside `fonts-index.json`; in memory
    /// only when the system names no such folder.
    pub fn open_default(key: &FaceKey) -> GlyphCache {
        match crate::layout::font_index::index_path() {
            Some(index) => GlyphCache::open(index.parent().unwrap_or(Path::new(".")), key),
            None => GlyphCache::in_memory(key),
        }
    }

    /// How many glyphs it holds.
    pub fn len(&self) -> usize {
        self.glyphs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.glyphs.is_empty()
    }

    /// The file it is kept in.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    pub(super) fn get(&self, gid: u16) -> Option<GlyphRef<'_>> {
        let s = self.glyphs.get(&gid)?;
        Some(GlyphRef {
            fd: s.fd,
            charstring: self.bytes.get(s.at..s.at + s.len)?,
        })
    }

    pub(super) fn insert(&mut self, gid: u16, glyph: Glyph) {
        let stored = Stored {
            fd: glyph.fd,
            at: self.bytes.len(),
            len: glyph.charstring.len(),
        };
        self.bytes.extend_from_slice(&glyph.charstring);
        self.glyphs.insert(gid, stored);
        self.changed = true;
    }

    /// Writes the file when something was added (or it was unreadable): a temporary file
    /// beside it renamed into place, so another process reads the old file or the new one,
    /// never half of one. False when it could not be written; a cache is only a speed-up,
    /// so the caller goes on.
    pub fn save(&mut self) -> bool {
        let Some(file) = &self.file else { return true };
        if !self.changed {
            return true;
        }
        let written = file
            .parent()
            .is_some_and(|dir| std::fs::create_dir_all(dir).is_ok())
            && crate::export::write_file(file, &self.serialize()).is_ok();
        self.changed &= !written;
        written
    }

    fn serialize(&self) -> Vec<u8> {
        let mut gids: Vec<&u16> = self.glyphs.keys().collect();
        gids.sort_unstable();
        let size: usize = self.glyphs.values().map(|g| g.len + 5).sum();
        let mut out = Vec::with_capacity(24 + self.key.len() + size);
        out.extend_from_slice(MAGIC);
        out.extend((self.key.len() as u32).to_be_bytes());
        out.extend_from_slice(&self.key);
        out.extend((gids.len() as u32).to_be_bytes());
        for gid in gids {
            let Some(g) = self.get(*gid) else { continue };
            out.extend(gid.to_be_bytes());
            out.push(g.fd);
            // A charstring is well under 64 KB (Type 2 limits it to 65,535 bytes).
            out.extend((g.charstring.len() as u16).to_be_bytes());
            out.extend_from_slice(g.charstring);
        }
        out.extend(crc32fast::hash(&out).to_be_bytes());
        out
    }
}

/// A small reader of the cache file: every read checked, `None` at the first surprise.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }
    fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|b| u16::from_be_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// The file's bytes and where each glyph lies in them; `None` unless whole and of `key`.
fn parse(data: Vec<u8>, key: &[u8]) -> Option<(Vec<u8>, HashMap<u16, Stored>)> {
    let (body, crc) = data.split_at_checked(data.len().checked_sub(4)?)?;
    if crc32fast::hash(body).to_be_bytes() != crc {
        return None;
    }
    let mut r = Reader(body);
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let key_len = r.u32()? as usize;
    if r.take(key_len)? != key {
        return None;
    }
    let count = r.u32()? as usize;
    let mut glyphs = HashMap::with_capacity(count.min(65_536));
    for _ in 0..count {
        let gid = r.u16()?;
        let fd = r.take(1)?[0];
        let len = usize::from(r.u16()?);
        let at = body.len() - r.0.len();
        r.take(len)?;
        glyphs.insert(gid, Stored { fd, at, len });
    }
    r.0.is_empty().then_some(())?;
    Some((data, glyphs))
}
