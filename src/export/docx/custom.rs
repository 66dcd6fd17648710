//! `docProps/custom.xml`: where an exported .docx came from (library, draft, version),
//! so the file can find its way back when the leader's revised copy is brought in
//! (`review`). Word, WPS and LibreOffice keep custom properties when they save a file.
//! Every value is a string (`vt:lpwstr`): LibreOffice rewrites numbers as `vt:r8`
//! doubles, and a string survives any office suite unchanged.

use super::{escape, XML_DECL};

/// The property names, also read back by `review`.
pub const LIBRARY: &str = "JianggaoLibrary";
pub const DRAFT: &str = "JianggaoDraft";
pub const VERSION: &str = "JianggaoVersion";

pub const PART: &str = "docProps/custom.xml";
pub const CONTENT_TYPE: &str = "<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/>";
pub const RELATIONSHIP: &str = "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties\" Target=\"docProps/custom.xml\"/>";

/// Where an export came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Provenance {
    /// The library's random identity (`Store::library_id`).
    pub library: Option<String>,
    pub draft: i64,
    /// The version the file is a copy of (None: made without keeping one).
    pub version: Option<i64>,
}

/// The custom properties part.
pub fn custom_xml(p: &Provenance) -> String {
    let mut s = format!(
        "{XML_DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" \
         xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
    );
    let draft = p.draft.to_string();
    let version = p.version.map(|v| v.to_string());
    let props = [
        (LIBRARY, p.library.as_deref()),
        (DRAFT, Some(draft.as_str())),
        (VERSION, version.as_deref()),
    ];
    // pid 0 and 1 are reserved; custom properties start at 2.
    for (pid, (name, value)) in (2..).zip(props.iter().filter_map(|(n, v)| Some((n, (*v)?)))) {
        s.push_str(&format!(
            "<property fmtid=\"{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}\" pid=\"{pid}\" name=\"{name}\"><vt:lpwstr>{}</vt:lpwstr></property>",
            escape(value)
        ));
    }
    s.push_str("</Properties>");
    s
}
