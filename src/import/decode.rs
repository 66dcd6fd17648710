//! Bytes → text: UTF-8 (with or without BOM), UTF-16 with a BOM, GB18030/GBK, which old
//! speeches saved on Chinese Windows machines are in, and Big5 (Traditional pages from
//! Taiwan and Hong Kong), told apart from GBK by `chardetng` — both code the same byte
//! ranges, so a Big5 file also "decodes" as GBK, into nonsense. Binary files are refused.

use crate::error::{Error, Result, Unreadable};

/// The encodings an imported text file may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    Utf16le,
    Utf16be,
    Gb18030,
    Big5,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16le => "utf-16le",
            Encoding::Utf16be => "utf-16be",
            Encoding::Gb18030 => "gb18030",
            Encoding::Big5 => "big5",
        }
    }
}

/// Decodes a text file. UTF-16 needs its BOM (Notepad writes one); without a BOM, valid
/// UTF-8 wins, and anything else must decode as GB18030 (a superset of GBK and GB2312)
/// without errors.
pub fn decode(bytes: &[u8], file_name: &str) -> Result<(String, Encoding)> {
    let (text, enc) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (utf8(rest, file_name)?, Encoding::Utf8)
    } else if bytes.starts_with(b"\xFF\xFE") {
        (
            utf16(bytes, encoding_rs::UTF_16LE, file_name)?,
            Encoding::Utf16le,
        )
    } else if bytes.starts_with(b"\xFE\xFF") {
        (
            utf16(bytes, encoding_rs::UTF_16BE, file_name)?,
            Encoding::Utf16be,
        )
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        (s.to_string(), Encoding::Utf8)
    } else if let Some(s) = big5(bytes) {
        (s, Encoding::Big5)
    } else {
        let (s, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
        if had_errors {
            return Err(not_text(file_name));
        }
        (s.into_owned(), Encoding::Gb18030)
    };
    if looks_binary(&text) {
        return Err(not_text(file_name));
    }
    Ok((text, enc))
}

/// The text, when the statistics of its bytes say Big5 (not GBK) and it decodes cleanly.
fn big5(bytes: &[u8]) -> Option<String> {
    let mut detector = chardetng::EncodingDetector::new();
    // 64 KB is plenty for the statistics and keeps a 16 MB file cheap.
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    detector.feed(sample, sample.len() == bytes.len());
    if detector.guess(None, false) != encoding_rs::BIG5 {
        return None;
    }
    let (s, had_errors) = encoding_rs::BIG5.decode_without_bom_handling(bytes);
    (!had_errors).then(|| s.into_owned())
}

fn utf8(bytes: &[u8], file_name: &str) -> Result<String> {
    std::str::from_utf8(bytes)
        .map(str::to_string)
        .map_err(|_| not_text(file_name))
}

fn utf16(bytes: &[u8], enc: &'static encoding_rs::Encoding, file_name: &str) -> Result<String> {
    let (s, _, had_errors) = enc.decode(bytes);
    if had_errors {
        return Err(not_text(file_name));
    }
    Ok(s.into_owned())
}

fn not_text(file_name: &str) -> Error {
    Error::unreadable(file_name, Unreadable::NotText)
}

/// Control characters other than tab, newline, carriage return and form feed do not occur
/// in text; a NUL or a run of them means an image, an archive or an old .doc.
fn looks_binary(text: &str) -> bool {
    let mut controls = 0usize;
    let mut total = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c == '\0' {
            return true;
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}') {
            controls += 1;
        }
    }
    controls * 100 > total.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let s = "同志们：今天召开大会。";
        assert_eq!(decode(s.as_bytes(), "a.txt").unwrap().1, Encoding::Utf8);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(decode(&bom, "a.txt").unwrap().0, s);
        let (gbk, _, _) = encoding_rs::GBK.encode(s);
        assert_eq!(
            decode(&gbk, "a.txt").unwrap(),
            (s.to_string(), Encoding::Gb18030)
        );
        let mut le = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le, "a.txt").unwrap().0, s);
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be, "a.txt").unwrap().1, Encoding::Utf16be);
    }

    #[test]
    fn big5_is_told_apart_from_gbk() {
        let trad = "各位代表，同志們：今天我們在這裡隆重召開職工代表大會，總結過去一年的工作，部署新一年的任務。";
        let (big5, _, bad) = encoding_rs::BIG5.encode(trad);
        assert!(!bad);
        // The same bytes also pass as GBK, as nonsense: the detector must choose.
        assert!(!encoding_rs::GBK.decode_without_bom_handling(&big5).1);
        assert_eq!(
            decode(&big5, "a.txt").unwrap(),
            (trad.to_string(), Encoding::Big5)
        );
        let simple = "各位代表，同志们：今天我们在这里隆重召开职工代表大会，总结过去一年的工作，部署新一年的任务。";
        let (gbk, _, _) = encoding_rs::GBK.encode(simple);
        assert_eq!(decode(&gbk, "a.txt").unwrap().1, Encoding::Gb18030);
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "a.png").is_err());
        assert!(decode(&[0u8, 1, 2, 3, 0xff, 0xfe, 0x80], "x.bin").is_err());
    }
}
