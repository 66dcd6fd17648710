//! Finding the faces of a font set on this system (`fontdb`), and what stands in for a
//! face that is missing. The chain after the set's own names is what Linux distributions
//! ship: Fandol (texlive-lang-chinese, the only free set with all four faces), Noto CJK,
//! AR PL, WenQuanYi, Source Han; for digits and Latin letters the metric twins of Times
//! New Roman. The result names every substitution so the writer is told.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use serde::Serialize;

use super::metrics::{Face, Metrics};
use super::profile::{alt_name, FontSet, LATIN_FACE};

/// The names a face of the set may be installed under (Chinese and English names).
fn wanted(set: FontSet, face: Face) -> Vec<&'static str> {
    let f = set.faces();
    let mut names = match face {
        Face::Fang => vec![f.fang],
        Face::Kai => vec![f.kai],
        Face::Hei => vec![f.hei],
        Face::Song => vec![f.song],
        Face::Title => vec![f.title],
        Face::Latin => vec![LATIN_FACE],
    };
    names.extend(alt_name(names[0]));
    names
}

/// The stand-ins, best first, with the weight to ask for (小标宋 is a heavy Song).
pub fn fallback_chain(face: Face) -> &'static [(&'static str, u16)] {
    match face {
        Face::Fang => &[
            ("FandolFang", 400),
            ("Noto Serif CJK SC", 400),
            ("Source Han Serif SC", 400),
            ("AR PL UMing CN", 400),
            ("AR PL UKai CN", 400),
            ("WenQuanYi Zen Hei", 400),
        ],
        Face::Kai => &[
            ("FandolKai", 400),
            ("AR PL UKai CN", 400),
            ("Noto Serif CJK SC", 400),
            ("Source Han Serif SC", 400),
            ("WenQuanYi Zen Hei", 400),
        ],
        Face::Hei => &[
            ("FandolHei", 400),
            ("Noto Sans CJK SC", 400),
            ("Source Han Sans SC", 400),
            ("WenQuanYi Zen Hei", 400),
        ],
        Face::Song => &[
            ("FandolSong", 400),
            ("Noto Serif CJK SC", 400),
            ("Source Han Serif SC", 400),
            ("AR PL UMing CN", 400),
            ("WenQuanYi Zen Hei", 400),
        ],
        Face::Title => &[
            ("FandolSong", 700),
            ("Noto Serif CJK SC", 700),
            ("Source Han Serif SC", 700),
            ("Noto Sans CJK SC", 700),
            ("WenQuanYi Zen Hei", 400),
        ],
        Face::Latin => &[
            ("Liberation Serif", 400),
            ("TeX Gyre Termes", 400),
            ("Nimbus Roman", 400),
            ("DejaVu Serif", 400),
        ],
    }
}

/// One face found: its file's bytes, and what it stands for.
#[derive(Clone)]
pub struct FoundFace {
    pub face: Face,
    /// The name the font set asks for.
    pub wanted: String,
    /// The family used.
    pub family: String,
    pub data: FontData,
    pub index: u32,
    /// The file the face is in (none for a font given as bytes): the glyph cache's key.
    pub path: Option<std::path::PathBuf>,
    /// The face is bold by weight; otherwise bold is drawn (a stroke round the glyphs).
    pub weight: u16,
}

/// The writer's sentence for a substitution (the CLI prints it on stderr).
impl std::fmt::Display for Substitution {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "字体替代：{} 未安装，用 {} 代替", self.wanted, self.used)
    }
}

impl FoundFace {
    pub fn substituted(&self) -> bool {
        self.family != self.wanted
    }
}

/// A face of the set that is not installed, and what stood in for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Substitution {
    pub wanted: String,
    pub used: String,
}

/// The faces of a font set as found on this system.
#[derive(Clone)]
pub struct FoundFonts {
    faces: Vec<FoundFace>,
}

impl FoundFonts {
    /// The face for a role; every role has one (see [`find`]).
    pub fn get(&self, face: Face) -> &FoundFace {
        self.faces
            .iter()
            .find(|f| f.face == face)
            .or_else(|| self.faces.iter().find(|f| f.face != Face::Latin))
            .unwrap_or(&self.faces[0])
    }

    pub fn all(&self) -> &[FoundFace] {
        &self.faces
    }

    /// Which face stood in for which, each once.
    pub fn substitutions(&self) -> Vec<Substitution> {
        let mut out: Vec<Substitution> = Vec::new();
        for f in self.faces.iter().filter(|f| f.substituted()) {
            let s = Substitution {
                wanted: f.wanted.clone(),
                used: f.family.clone(),
            };
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// Half-width glyphs measured in the Latin face.
    pub fn metrics(&self) -> Metrics {
        let latin = self.get(Face::Latin);
        Metrics::from_font(&latin.data, latin.index).unwrap_or_default()
    }
}

/// A font file's bytes, shared by every role and export that uses the file. Memory-mapped:
/// a CJK collection is 20–30 MB and an export reads only the tables and glyphs it uses, so
/// copying the file cost more than the rest of the export.
#[derive(Clone)]
pub struct FontData(Arc<dyn AsRef<[u8]> + Send + Sync>);

impl FontData {
    /// The file mapped, else read (a file system that cannot map). The mapping stays valid
    /// while the file is replaced (package managers write a new file and rename it); a
    /// font truncated in place while an export reads it is the one case it cannot guard.
    fn open(path: &std::path::Path) -> Option<FontData> {
        let file = std::fs::File::open(path).ok()?;
        // SAFETY: the map is read-only and private to this process; see above for a file
        // changed under it (fontdb maps font files the same way).
        match unsafe { memmap2::Mmap::map(&file) } {
            Ok(map) => Some(FontData(Arc::new(map))),
            Err(_) => std::fs::read(path).ok().map(FontData::from),
        }
    }

    /// Both are the same file's bytes (one embedded font for several roles).
    pub fn same(&self, other: &FontData) -> bool {
        std::ptr::addr_eq(Arc::as_ptr(&self.0), Arc::as_ptr(&other.0))
    }
}

impl From<Vec<u8>> for FontData {
    fn from(bytes: Vec<u8>) -> FontData {
        FontData(Arc::new(bytes))
    }
}

impl std::ops::Deref for FontData {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        (*self.0).as_ref()
    }
}

/// A face's file opened once per process and shared (several roles often use one file,
/// and the desktop exports again and again).
/// A face loaded: its bytes, face index, family, weight and file.
struct Loaded {
    data: FontData,
    index: u32,
    family: String,
    weight: u16,
    path: Option<std::path::PathBuf>,
}

fn load(db: &fontdb::Database, id: fontdb::ID) -> Option<Loaded> {
    static FILES: OnceLock<Mutex<HashMap<std::path::PathBuf, FontData>>> = OnceLock::new();
    let info = db.face(id)?;
    let family = info.families.first().map(|(n, _)| n.clone())?;
    let data = match &info.source {
        fontdb::Source::File(path) => {
            let mut files = FILES.get_or_init(Default::default).lock().ok()?;
            match files.get(path) {
                Some(d) => d.clone(),
                None => {
                    let d = FontData::open(path)?;
                    files.insert(path.clone(), d.clone());
                    d
                }
            }
        }
        fontdb::Source::Binary(data) | fontdb::Source::SharedFile(_, data) => {
            FontData(data.clone())
        }
    };
    let path = match &info.source {
        fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => Some(p.clone()),
        fontdb::Source::Binary(_) => None,
    };
    Some(Loaded {
        data,
        index: info.index,
        family,
        weight: info.weight.0,
        path,
    })
}

fn query(db: &fontdb::Database, name: &str, weight: u16) -> Option<fontdb::ID> {
    db.query(&fontdb::Query {
        families: &[fontdb::Family::Name(name)],
        weight: fontdb::Weight(weight),
        ..fontdb::Query::default()
    })
}

/// Any face that has Chinese characters, for a system with none of the chain.
fn any_cjk(db: &fontdb::Database) -> Option<fontdb::ID> {
    db.faces()
        .find(|f| {
            db.with_face_data(f.id, |data, index| {
                ttf_parser::Face::parse(data, index)
                    .ok()
                    .and_then(|face| face.glyph_index('中'))
                    .is_some()
            })
            .unwrap_or(false)
        })
        .map(|f| f.id)
}

/// Finds every face of `set` in `db`, else the first of its fallback chain installed,
/// else any face with Chinese characters (the Latin face last falls back to the 仿宋
/// stand-in). `None` only when the system has no font with Chinese characters at all.
pub fn find(set: FontSet, db: &fontdb::Database) -> Option<FoundFonts> {
    let mut faces: Vec<FoundFace> = Vec::new();
    let mut last_resort = None;
    for face in Face::ALL {
        let names = wanted(set, face);
        let id = names
            .iter()
            .find_map(|n| query(db, n, 400))
            .or_else(|| {
                fallback_chain(face)
                    .iter()
                    .find_map(|(n, w)| query(db, n, *w))
            })
            .or_else(|| match face {
                Face::Latin => query(db, &faces.first()?.family, 400),
                _ => *last_resort.get_or_insert_with(|| any_cjk(db)),
            });
        let Some(Loaded {
            data,
            index,
            family,
            weight,
            path,
        }) = id.and_then(|id| load(db, id))
        else {
            continue;
        };
        // A face found under one of the set's own names is the one asked for.
        let family = if names.iter().any(|n| query(db, n, 400) == id) {
            names[0].to_string()
        } else {
            family
        };
        faces.push(FoundFace {
            face,
            wanted: names[0].to_string(),
            family,
            data,
            index,
            path,
            weight,
        });
    }
    (!faces.is_empty() && faces.iter().any(|f| f.face != Face::Latin))
        .then_some(FoundFonts { faces })
}

/// The system's fonts, once per process: from the index in the cache folder while no font
/// folder changed ([`super::font_index`]), else scanned (several milliseconds here, far more
/// with the hundreds of fonts of an office machine).
pub fn system() -> &'static fontdb::Database {
    static DB: OnceLock<fontdb::Database> = OnceLock::new();
    DB.get_or_init(|| {
        let scan = || {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            db
        };
        match super::font_index::index_path() {
            Some(index) => super::font_index::indexed(&index, &super::font_index::roots(), scan),
            None => scan(),
        }
    })
}

/// The metrics every layout of this process uses: half-width glyphs as the Latin face
/// found here draws them (the same face for every font set), else the grid.
pub fn latin_metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        find(FontSet::default(), system()).map_or_else(Metrics::grid, |f| f.metrics())
    })
}
