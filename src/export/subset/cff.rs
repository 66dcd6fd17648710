//! The few parts of a CFF (Adobe TN #5176) the subset reads and writes: INDEX, DICT,
//! FDSelect, and the whole bare CID-keyed table written in one pass with every offset known
//! beforehand (offsets are 5-byte integers, so their size does not depend on their value).
//! A name-keyed (SID-keyed) font is read as a CID-keyed one with a single Font DICT: its
//! top-level Private DICT is FD 0 of every glyph. Every read is bounds-checked and answers
//! `None` on bad bytes: the bytes are a font file anyone can put on the system.

/// Operators (two-byte ones as 1200 + second byte).
const OP_CHARSET: u16 = 15;
const OP_CHAR_STRINGS: u16 = 17;
const OP_PRIVATE: u16 = 18;
const OP_SUBRS: u16 = 19;
pub(super) const OP_FONT_BBOX: u16 = 5;
const OP_FONT_MATRIX: u16 = 1207;
const OP_CHARSTRING_TYPE: u16 = 1206;
const OP_ROS: u16 = 1230;
const OP_CID_COUNT: u16 = 1234;
const OP_FD_ARRAY: u16 = 1236;
const OP_FD_SELECT: u16 = 1237;
const OP_FONT_NAME: u16 = 1238;
const OP_SYNTHETIC_BASE: u16 = 1220;

/// `0.001 0 0 0.001 0 0 FontMatrix`, the default a Top DICT without one means (0.001 as
/// a real: nibbles `.001` and the end). Written out for a name-keyed font: a CID-keyed
/// font's matrix is the Top DICT's times the glyph's Font DICT's, and readers have
/// differed on what an absent one means there, so both are written (as `subsetter` does).
const DEFAULT_MATRIX: &[u8] = &[
    30, 0xa0, 0x01, 0xff, 139, 139, 30, 0xa0, 0x01, 0xff, 139, 139, 12, 7,
];
/// `1 0 0 1 0 0 FontMatrix`: the Font DICT made of a name-keyed font's Private DICT scales
/// nothing more, so its glyphs are scaled by the Top DICT's matrix alone, as before.
const IDENTITY_MATRIX: &[u8] = &[140, 139, 139, 140, 139, 139, 12, 7];

/// The first SID of the String INDEX (0–390 are the standard strings).
const FIRST_CUSTOM_SID: i32 = 391;

fn u16_at(d: &[u8], pos: usize) -> Option<u16> {
    let b = d.get(pos..pos.checked_add(2)?)?;
    Some(u16::from_be_bytes([b[0], b[1]]))
}

/// An INDEX: a count, offsets and the objects' bytes.
pub(super) struct Index<'a> {
    count: usize,
    off_size: usize,
    offsets: &'a [u8],
    data: &'a [u8],
}

impl<'a> Index<'a> {
    /// The INDEX starting at `pos` and the position just after it.
    pub fn read(cff: &'a [u8], pos: usize) -> Option<(Index<'a>, usize)> {
        let count = usize::from(u16_at(cff, pos)?);
        if count == 0 {
            return Some((Index::empty(), pos + 2));
        }
        let off_size = usize::from(*cff.get(pos + 2)?);
        if !(1..=4).contains(&off_size) {
            return None;
        }
        let offsets_start = pos + 3;
        let data_start = offsets_start + (count + 1) * off_size;
        let offsets = cff.get(offsets_start..data_start)?;
        let mut index = Index {
            count,
            off_size,
            offsets,
            data: &[],
        };
        // Offsets count from the byte before the data, so the first is 1.
        let end = data_start + index.offset(count)?.checked_sub(1)?;
        index.data = cff.get(data_start..end)?;
        Some((index, end))
    }

    fn empty() -> Index<'a> {
        Index {
            count: 0,
            off_size: 1,
            offsets: &[],
            data: &[],
        }
    }

    fn offset(&self, i: usize) -> Option<usize> {
        let b = self
            .offsets
            .get(i * self.off_size..(i + 1) * self.off_size)?;
        Some(b.iter().fold(0, |v, &x| (v << 8) | usize::from(x)))
    }

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        if i >= self.count {
            return None;
        }
        let start = self.offset(i)?.checked_sub(1)?;
        let end = self.offset(i + 1)?.checked_sub(1)?;
        self.data.get(start..end)
    }
}

/// One DICT entry: its operator, its operands (integers; `None` for a real number) and
/// its bytes as written (operands and operator), for copying.
pub(super) struct Entry<'a> {
    pub op: u16,
    pub args: Vec<Option<i32>>,
    pub raw: &'a [u8],
}

/// The entries of a DICT, or `None` when its bytes are not a DICT.
pub(super) fn dict(d: &[u8]) -> Option<Vec<Entry<'_>>> {
    let mut entries = Vec::new();
    let (mut pos, mut start) = (0, 0);
    let mut args = Vec::new();
    while pos < d.len() {
        let b0 = d[pos];
        let (arg, len) = match b0 {
            0..=21 => {
                let (op, len) = match b0 {
                    12 => (1200 + u16::from(*d.get(pos + 1)?), 2),
                    _ => (u16::from(b0), 1),
                };
                pos += len;
                let args = std::mem::take(&mut args);
                entries.push(Entry {
                    op,
                    args,
                    raw: &d[start..pos],
                });
                start = pos;
                continue;
            }
            28 => (Some(i32::from(u16_at(d, pos + 1)? as i16)), 3),
            29 => {
                let b = d.get(pos + 1..pos + 5)?;
                (Some(i32::from_be_bytes([b[0], b[1], b[2], b[3]])), 5)
            }
            30 => (None, real_len(d.get(pos..)?)?),
            32..=246 => (Some(i32::from(b0) - 139), 1),
            247..=250 => {
                let b1 = i32::from(*d.get(pos + 1)?);
                (Some((i32::from(b0) - 247) * 256 + b1 + 108), 2)
            }
            251..=254 => {
                let b1 = i32::from(*d.get(pos + 1)?);
                (Some(-(i32::from(b0) - 251) * 256 - b1 - 108), 2)
            }
            _ => return None,
        };
        args.push(arg);
        pos += len;
    }
    // Operands with no operator after them: not a DICT.
    args.is_empty().then_some(entries)
}

/// The length of a real number operand (30 then nibbles up to an 0xf nibble).
fn real_len(d: &[u8]) -> Option<usize> {
    let end = d
        .iter()
        .skip(1)
        .position(|b| b >> 4 == 0xf || b & 0xf == 0xf)?;
    Some(end + 2)
}

fn find<'e, 'a>(entries: &'e [Entry<'a>], op: u16) -> Option<&'e Entry<'a>> {
    entries.iter().find(|e| e.op == op)
}

/// The integer operand `i` of the operator `op`, if the DICT has it.
fn int_arg(entries: &[Entry<'_>], op: u16, i: usize) -> Option<usize> {
    let v = (*find(entries, op)?.args.get(i)?)?;
    usize::try_from(v).ok()
}

/// Why a face's CFF cannot be subset here (the caller then uses `subsetter`).
pub(super) type Why = &'static str;

/// A CFF table as far as the subset needs it.
pub(super) struct Font<'a> {
    cff: &'a [u8],
    pub name: &'a [u8],
    pub top: Vec<Entry<'a>>,
    pub char_strings: Index<'a>,
    /// FDSelect and FDArray of a CID-keyed font (empty for a name-keyed one).
    pub fd_select: &'a [u8],
    pub font_dicts: Index<'a>,
    /// A name-keyed font's Private DICT and where it starts: FD 0 of every glyph.
    name_keyed: Option<(&'a [u8], usize)>,
    pub global_subrs: Index<'a>,
}

impl<'a> Font<'a> {
    pub fn parse(cff: &'a [u8]) -> Result<Font<'a>, Why> {
        const BAD: Why = "damaged CFF table";
        let header_size = usize::from(*cff.get(2).ok_or(BAD)?);
        if cff.first() != Some(&1) {
            return Err("not a CFF version 1 table");
        }
        let (names, pos) = Index::read(cff, header_size).ok_or(BAD)?;
        let (tops, pos) = Index::read(cff, pos).ok_or(BAD)?;
        let (_strings, pos) = Index::read(cff, pos).ok_or(BAD)?;
        let (global_subrs, _) = Index::read(cff, pos).ok_or(BAD)?;
        let name = names.get(0).ok_or(BAD)?;
        let top = dict(tops.get(0).ok_or(BAD)?).ok_or(BAD)?;
        if int_arg(&top, OP_CHARSTRING_TYPE, 0).is_some_and(|t| t != 2) {
            return Err("charstrings not of Type 2");
        }
        if find(&top, OP_SYNTHETIC_BASE).is_some() {
            return Err("a synthetic font");
        }
        let at = |op| int_arg(&top, op, 0).ok_or(BAD);
        let (char_strings, _) = Index::read(cff, at(OP_CHAR_STRINGS)?).ok_or(BAD)?;
        let mut font = Font {
            cff,
            name,
            top: Vec::new(),
            char_strings,
            fd_select: &[],
            font_dicts: Index::empty(),
            name_keyed: None,
            global_subrs,
        };
        if find(&top, OP_ROS).is_some() {
            font.font_dicts = Index::read(cff, at(OP_FD_ARRAY)?).ok_or(BAD)?.0;
            font.fd_select = cff.get(at(OP_FD_SELECT)?..).ok_or(BAD)?;
            if font.font_dicts.len() == 0 || font.font_dicts.len() > 256 {
                return Err(BAD);
            }
        } else {
            font.name_keyed = Some(private_at(cff, &top).ok_or(BAD)?);
        }
        font.top = top;
        Ok(font)
    }

    /// How many Font DICTs the glyphs use (1 for a name-keyed font).
    pub fn fd_count(&self) -> usize {
        match self.name_keyed {
            Some(_) => 1,
            None => self.font_dicts.len(),
        }
    }

    /// The Font DICT (FD) glyph `gid` uses, from FDSelect (formats 0 and 3).
    pub fn fd_of(&self, gid: u16) -> Option<u8> {
        if self.name_keyed.is_some() {
            return Some(0);
        }
        let s = self.fd_select;
        let fd = match *s.first()? {
            0 => *s.get(1 + usize::from(gid))?,
            3 => {
                let n = usize::from(u16_at(s, 1)?);
                let first = |i: usize| u16_at(s, 3 + 3 * i);
                if gid >= first(n)? {
                    return None; // past the sentinel
                }
                // The last range starting at or before gid (ranges are sorted).
                let (mut lo, mut hi) = (0, n);
                while hi - lo > 1 {
                    let mid = (lo + hi) / 2;
                    if first(mid)? <= gid {
                        lo = mid
                    } else {
                        hi = mid
                    }
                }
                if n == 0 || first(lo)? > gid {
                    return None;
                }
                *s.get(3 + 3 * lo + 2)?
            }
            _ => return None,
        };
        (usize::from(fd) < self.font_dicts.len()).then_some(fd)
    }

    /// The Private DICT of Font DICT `fd`: its bytes and where they start.
    pub fn private(&self, fd: u8) -> Option<(&'a [u8], usize)> {
        if let Some(private) = self.name_keyed {
            return (fd == 0).then_some(private);
        }
        private_at(self.cff, &dict(self.font_dicts.get(usize::from(fd))?)?)
    }

    /// The local subroutines of Font DICT `fd` (`Ok(None)`: it has none).
    pub fn local_subrs(&self, fd: u8) -> Result<Option<Index<'a>>, Why> {
        const BAD: Why = "damaged Private DICT";
        let (private, at) = self.private(fd).ok_or(BAD)?;
        let entries = dict(private).ok_or(BAD)?;
        // Subrs counts from the start of its Private DICT.
        let Some(offset) = int_arg(&entries, OP_SUBRS, 0) else {
            return Ok(None);
        };
        let (subrs, _) = Index::read(self.cff, at + offset).ok_or(BAD)?;
        Ok(Some(subrs))
    }

    /// Font DICT `fd` as written in the subset: its own entries without Private (written
    /// anew) and FontName (a string the subset does not carry), and its Private DICT
    /// without Subrs, since the subset's charstrings call none.
    /// A name-keyed font's one Font DICT is the identity matrix alone.
    pub fn font_dict(&self, fd: u8) -> Option<FontDict> {
        let keep = |e: &&Entry, drop: &[u16]| !drop.contains(&e.op);
        let own = match self.name_keyed {
            Some(_) => IDENTITY_MATRIX.to_vec(),
            None => dict(self.font_dicts.get(usize::from(fd))?)?
                .iter()
                .filter(|e| keep(e, &[OP_PRIVATE, OP_FONT_NAME]))
                .flat_map(|e| e.raw)
                .copied()
                .collect(),
        };
        let private = dict(self.private(fd)?.0)?;
        let private = private.iter().filter(|e| keep(e, &[OP_SUBRS]));
        Some(FontDict {
            own,
            private: private.flat_map(|e| e.raw).copied().collect(),
        })
    }

    /// The bytes of a Top DICT entry, operator included (empty when absent).
    pub fn top_raw(&self, op: u16) -> &'a [u8] {
        find(&self.top, op).map_or(&[], |e| e.raw)
    }

    /// The subset's Top DICT FontMatrix: a CID-keyed font's as it is (absent stays
    /// absent, its FDs' matrices being copied as they are); a name-keyed font's, written
    /// out even when it is the default, since its Font DICT's is the identity.
    pub fn top_matrix(&self) -> &'a [u8] {
        match (self.name_keyed, self.top_raw(OP_FONT_MATRIX)) {
            (Some(_), []) => DEFAULT_MATRIX,
            (_, raw) => raw,
        }
    }
}

/// The Private DICT a DICT's `Private` entry points to: its bytes and where they start.
fn private_at<'a>(cff: &'a [u8], entries: &[Entry<'_>]) -> Option<(&'a [u8], usize)> {
    let size = int_arg(entries, OP_PRIVATE, 0)?;
    let offset = int_arg(entries, OP_PRIVATE, 1)?;
    Some((cff.get(offset..offset.checked_add(size)?)?, offset))
}

/// A Font DICT ready to write: its entries but Private, and its Private DICT.
pub(super) struct FontDict {
    own: Vec<u8>,
    private: Vec<u8>,
}

/// A DICT integer in its shortest form.
fn int(out: &mut Vec<u8>, v: i32) {
    match v {
        -107..=107 => out.push((v + 139) as u8),
        108..=1131 => out.extend([((v - 108) / 256 + 247) as u8, ((v - 108) % 256) as u8]),
        -1131..=-108 => out.extend([((-v - 108) / 256 + 251) as u8, ((-v - 108) % 256) as u8]),
        -32768..=32767 => out.extend([28, (v >> 8) as u8, v as u8]),
        _ => int5(out, v),
    }
}

/// A DICT integer in five bytes whatever its value, so the DICT's size is known first.
fn int5(out: &mut Vec<u8>, v: i32) {
    out.push(29);
    out.extend(v.to_be_bytes());
}

fn op(out: &mut Vec<u8>, op: u16) {
    match op {
        1200.. => out.extend([12, (op - 1200) as u8]),
        _ => out.push(op as u8),
    }
}

/// The smallest offset size holding `max`.
fn off_size(max: usize) -> u8 {
    match max {
        0..=0xff => 1,
        0x100..=0xffff => 2,
        0x1_0000..=0xff_ffff => 3,
        _ => 4,
    }
}

/// The size an INDEX of `count` objects of `data_len` bytes in all takes.
fn index_size(count: usize, data_len: usize) -> usize {
    match count {
        0 => 2,
        _ => 3 + (count + 1) * usize::from(off_size(data_len + 1)) + data_len,
    }
}

pub(super) fn write_index(out: &mut Vec<u8>, items: &[&[u8]]) {
    let count = items.len() as u16;
    out.extend(count.to_be_bytes());
    if count == 0 {
        return;
    }
    let total: usize = items.iter().map(|i| i.len()).sum();
    let size = off_size(total + 1);
    out.push(size);
    let mut offset = 1usize;
    let width = usize::from(size);
    out.extend(&offset.to_be_bytes()[8 - width..]);
    for item in items {
        offset += item.len();
        out.extend(&offset.to_be_bytes()[8 - width..]);
    }
    for item in items {
        out.extend_from_slice(item);
    }
}

/// What the subset holds: glyph i is `glyphs[i]` (its desubroutinized charstring and its
/// FD among `font_dicts`, already renumbered).
pub(super) struct Subset<'s> {
    pub name: &'s [u8],
    pub bbox: &'s [u8],
    pub matrix: &'s [u8],
    pub glyphs: Vec<(&'s [u8], u8)>,
    pub font_dicts: Vec<FontDict>,
}

/// The FDSelect ranges (format 3): the first glyph of each run of one FD.
fn fd_ranges(glyphs: &[(&[u8], u8)]) -> Vec<(u16, u8)> {
    let mut ranges: Vec<(u16, u8)> = Vec::new();
    for (i, &(_, fd)) in glyphs.iter().enumerate() {
        if ranges.last().is_none_or(|r| r.1 != fd) {
            ranges.push((i as u16, fd));
        }
    }
    ranges
}

impl Subset<'_> {
    /// The Top DICT with the given offsets of charset, FDSelect, CharStrings, FDArray.
    fn top_dict(&self, offsets: [usize; 4]) -> Vec<u8> {
        let mut d = Vec::with_capacity(64);
        // ROS Adobe-Identity-0: the two strings are the String INDEX's only ones.
        int(&mut d, FIRST_CUSTOM_SID);
        int(&mut d, FIRST_CUSTOM_SID + 1);
        int(&mut d, 0);
        op(&mut d, OP_ROS);
        d.extend_from_slice(self.bbox);
        d.extend_from_slice(self.matrix);
        int(&mut d, self.glyphs.len() as i32);
        op(&mut d, OP_CID_COUNT);
        let ops = [OP_CHARSET, OP_FD_SELECT, OP_CHAR_STRINGS, OP_FD_ARRAY];
        for (o, at) in ops.into_iter().zip(offsets) {
            int5(&mut d, at as i32);
            op(&mut d, o);
        }
        d
    }

    /// The bare CFF table. Glyph count ≤ 65,535 and sizes < 2 GB are the caller's checks.
    pub fn write(&self) -> Vec<u8> {
        let n = self.glyphs.len();
        let strings: [&[u8]; 2] = [b"Adobe", b"Identity"];
        let ranges = fd_ranges(&self.glyphs);
        let top_len = self.top_dict([0; 4]).len();
        let charstrings_len: usize = self.glyphs.iter().map(|g| g.0.len()).sum();
        // Each Font DICT: its own entries, then Private's size and offset in 5 bytes each.
        let fd_lens: Vec<usize> = self.font_dicts.iter().map(|f| f.own.len() + 11).collect();

        let charset = 4
            + index_size(1, self.name.len())
            + index_size(1, top_len)
            + index_size(2, strings.iter().map(|s| s.len()).sum())
            + index_size(0, 0);
        let charset_len = if n > 1 { 5 } else { 1 };
        let fd_select = charset + charset_len;
        let char_strings = fd_select + 5 + 3 * ranges.len();
        let fd_array = char_strings + index_size(n, charstrings_len);
        let mut private = fd_array + index_size(fd_lens.len(), fd_lens.iter().sum());

        let mut out = Vec::with_capacity(private + charstrings_len / 8);
        out.extend([1, 0, 4, 4]);
        write_index(&mut out, &[self.name]);
        write_index(
            &mut out,
            &[&self.top_dict([charset, fd_select, char_strings, fd_array])],
        );
        write_index(&mut out, &strings);
        write_index(&mut out, &[]);
        // charset format 2: one range, CID i for glyph i (glyph 0 is .notdef, not listed).
        out.push(2);
        if n > 1 {
            out.extend(1u16.to_be_bytes());
            out.extend(((n - 2) as u16).to_be_bytes());
        }
        out.push(3);
        out.extend((ranges.len() as u16).to_be_bytes());
        for (first, fd) in &ranges {
            out.extend(first.to_be_bytes());
            out.push(*fd);
        }
        out.extend((n as u16).to_be_bytes());
        let programs: Vec<&[u8]> = self.glyphs.iter().map(|g| g.0).collect();
        write_index(&mut out, &programs);
        let dicts: Vec<Vec<u8>> = self
            .font_dicts
            .iter()
            .map(|f| {
                let mut d = f.own.clone();
                int5(&mut d, f.private.len() as i32);
                int5(&mut d, private as i32);
                op(&mut d, OP_PRIVATE);
                private += f.private.len();
                d
            })
            .collect();
        let dicts: Vec<&[u8]> = dicts.iter().map(Vec::as_slice).collect();
        write_index(&mut out, &dicts);
        for f in &self.font_dicts {
            out.extend_from_slice(&f.private);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_read_back_as_written() {
        for v in [
            0, 1, -1, 107, 108, -108, 1131, -1131, 1132, -1132, 32767, -32768, 70000,
        ] {
            let mut d = Vec::new();
            int(&mut d, v);
            op(&mut d, OP_CID_COUNT);
            int5(&mut d, v);
            op(&mut d, OP_CHARSET);
            let e = dict(&d).unwrap();
            assert_eq!(
                (e[0].op, e[0].args.as_slice()),
                (OP_CID_COUNT, &[Some(v)][..])
            );
            assert_eq!(
                (e[1].op, e[1].args.as_slice()),
                (OP_CHARSET, &[Some(v)][..])
            );
        }
    }

    #[test]
    fn the_written_matrices_are_dicts_of_six_operands() {
        for m in [DEFAULT_MATRIX, IDENTITY_MATRIX] {
            let e = dict(m).unwrap();
            assert_eq!((e.len(), e[0].op, e[0].args.len()), (1, OP_FONT_MATRIX, 6));
        }
        // 0.001 is a real (no integer value), the zeros and ones integers.
        let e = dict(DEFAULT_MATRIX).unwrap();
        assert_eq!(e[0].args, [None, Some(0), Some(0), None, Some(0), Some(0)]);
        let e = dict(IDENTITY_MATRIX).unwrap();
        assert_eq!(
            e[0].args,
            [Some(1), Some(0), Some(0), Some(1), Some(0), Some(0)]
        );
    }

    #[test]
    fn an_index_reads_back_and_bad_bytes_are_refused() {
        let mut out = vec![9];
        let big = vec![7u8; 300];
        write_index(&mut out, &[b"ab", b"", &big]);
        assert_eq!(out.len() - 1, index_size(3, 302));
        let (i, end) = Index::read(&out, 1).unwrap();
        assert_eq!((i.len(), end), (3, out.len()));
        assert_eq!(
            (i.get(0), i.get(1), i.get(2)),
            (Some(&b"ab"[..]), Some(&[][..]), Some(&big[..]))
        );
        assert!(Index::read(&out[..out.len() - 1], 1).is_none());
        assert!(dict(&[139, 139]).is_none(), "operands without an operator");
        assert!(dict(&[255]).is_none());
    }
}
