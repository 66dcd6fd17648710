//! The ZIP container of a .docx, written directly.
//!
//! A general ZIP writer sets up a fresh compressor for every part; each one allocates and
//! clears a few hundred kilobytes, which cost more than compressing the parts of a speech.
//! Here one raw-deflate compressor is reused for every part. The subset written is what
//! OOXML needs and every reader accepts: no ZIP64, no extra fields, no data descriptors,
//! a fixed 1980-01-01 timestamp (so the same document gives the same bytes).

use flate2::{Compress, Compression, FlushCompress, Status};

use crate::error::{Error, Result};

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_CENTRAL: u32 = 0x0605_4b50;
/// ZIP 2.0: what deflate needs.
const VERSION: u16 = 20;
const STORED: u16 = 0;
const DEFLATED: u16 = 8;
/// MS-DOS time 00:00:00 and date 1980-01-01 (year 0 from 1980, month 1, day 1).
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

/// Builds a ZIP archive in memory, one part after another.
pub struct Package {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
    deflate: Option<Compress>,
}

impl Package {
    pub fn with_capacity(bytes: usize) -> Package {
        Package {
            out: Vec::with_capacity(bytes),
            central: Vec::with_capacity(1024),
            entries: 0,
            deflate: None,
        }
    }

    /// Adds a part; `compress` asks for deflate (kept stored if deflate would not shrink it).
    pub fn add(&mut self, name: &str, data: &[u8], compress: bool) -> Result<()> {
        let compressed = if compress {
            Some(self.deflated(data)?).filter(|c| c.len() < data.len())
        } else {
            None
        };
        let (method, body) = match &compressed {
            Some(c) => (DEFLATED, c.as_slice()),
            None => (STORED, data),
        };
        let crc = crc32fast::hash(data);
        let offset = u32_of(self.out.len())?;
        let name_len = u16::try_from(name.len()).map_err(|_| too_large())?;
        self.entries = self.entries.checked_add(1).ok_or_else(too_large)?;

        let (size, packed) = (u32_of(data.len())?, u32_of(body.len())?);
        let out = &mut self.out;
        put32(out, LOCAL_HEADER);
        put16(out, VERSION);
        put16(out, 0); // flags
        put16(out, method);
        put16(out, DOS_TIME);
        put16(out, DOS_DATE);
        put32(out, crc);
        put32(out, packed);
        put32(out, size);
        put16(out, name_len);
        put16(out, 0); // extra field length
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(body);

        let c = &mut self.central;
        put32(c, CENTRAL_HEADER);
        put16(c, VERSION); // made by: MS-DOS attributes, ZIP 2.0
        put16(c, VERSION);
        put16(c, 0); // flags
        put16(c, method);
        put16(c, DOS_TIME);
        put16(c, DOS_DATE);
        put32(c, crc);
        put32(c, packed);
        put32(c, size);
        put16(c, name_len);
        put16(c, 0); // extra field length
        put16(c, 0); // comment length
        put16(c, 0); // disk number
        put16(c, 0); // internal attributes
        put32(c, 0); // external attributes
        put32(c, offset);
        c.extend_from_slice(name.as_bytes());
        Ok(())
    }

    /// The archive's bytes: the parts, then the central directory and its end record.
    pub fn finish(mut self) -> Result<Vec<u8>> {
        let offset = u32_of(self.out.len())?;
        let size = u32_of(self.central.len())?;
        self.out.append(&mut self.central);
        let out = &mut self.out;
        put32(out, END_OF_CENTRAL);
        put16(out, 0); // this disk
        put16(out, 0); // disk with the central directory
        put16(out, self.entries);
        put16(out, self.entries);
        put32(out, size);
        put32(out, offset);
        put16(out, 0); // comment length
        Ok(self.out)
    }

    fn deflated(&mut self, data: &[u8]) -> Result<Vec<u8>> {
        // Level 1: a third of the time of the default level for a file a third larger;
        // the XML of a speech is repetitive enough either way.
        // A fresh compressor is ready; a used one is reset (which keeps its memory).
        let z = match &mut self.deflate {
            Some(z) => {
                z.reset();
                z
            }
            None => self
                .deflate
                .insert(Compress::new(Compression::new(1), false)),
        };
        let mut packed = Vec::with_capacity(data.len() / 3 + 256);
        loop {
            let read = usize::try_from(z.total_in()).map_err(|_| too_large())?;
            let rest = data.get(read..).unwrap_or_default();
            let status = z
                .compress_vec(rest, &mut packed, FlushCompress::Finish)
                .map_err(|e| Error::io("docx", std::io::Error::other(e)))?;
            if status == Status::StreamEnd {
                return Ok(packed);
            }
            // Out of room: grow and go on where it stopped.
            packed.reserve(packed.capacity().max(4096));
        }
    }
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32_of(n: usize) -> Result<u32> {
    u32::try_from(n).map_err(|_| too_large())
}

fn too_large() -> Error {
    Error::DocxTooLarge
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn archive(parts: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut p = Package::with_capacity(0);
        for (name, data, compress) in parts {
            p.add(name, data, *compress).unwrap();
        }
        p.finish().unwrap()
    }

    #[test]
    fn another_reader_gets_every_part_back() {
        let long =
            "<w:p><w:r><w:t>同志们：今年以来，全市各级工会组织……</w:t></w:r></w:p>".repeat(500);
        let bytes = archive(&[
            ("[Content_Types].xml", b"<Types/>", false),
            ("word/document.xml", long.as_bytes(), true),
            ("word/empty.xml", b"", true),
            ("docProps/app.xml", "x".repeat(70_000).as_bytes(), true),
        ]);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(zip.len(), 4);
        let expected: [(&str, Vec<u8>, zip::CompressionMethod); 4] = [
            (
                "[Content_Types].xml",
                b"<Types/>".to_vec(),
                zip::CompressionMethod::Stored,
            ),
            (
                "word/document.xml",
                long.into_bytes(),
                zip::CompressionMethod::Deflated,
            ),
            ("word/empty.xml", Vec::new(), zip::CompressionMethod::Stored),
            (
                "docProps/app.xml",
                "x".repeat(70_000).into_bytes(),
                zip::CompressionMethod::Deflated,
            ),
        ];
        for (i, (name, data, method)) in expected.iter().enumerate() {
            let mut f = zip.by_index(i).unwrap();
            assert_eq!(f.name(), *name);
            assert_eq!(f.compression(), *method, "{name}");
            let mut got = Vec::new();
            // The reader checks each part's CRC while reading.
            f.read_to_end(&mut got).unwrap();
            assert_eq!(&got, data, "{name}");
        }
    }

    #[test]
    fn same_parts_give_the_same_bytes() {
        let parts: &[(&str, &[u8], bool)] =
            &[("a.xml", b"<a/>", false), ("b.xml", &[b'b'; 5000], true)];
        assert_eq!(archive(parts), archive(parts));
    }

    #[test]
    fn incompressible_parts_are_stored() {
        // Bytes with no repetition: deflate would grow them.
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                // xorshift64: no pattern deflate can use.
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 56) as u8
            })
            .collect();
        let bytes = archive(&[("noise.bin", &noise, true)]);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut f = zip.by_index(0).unwrap();
        assert_eq!(f.compression(), zip::CompressionMethod::Stored);
        let mut got = Vec::new();
        f.read_to_end(&mut got).unwrap();
        assert_eq!(got, noise);
    }
}
