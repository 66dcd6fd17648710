//! Desubroutinizing Type 2 charstrings (Adobe TN #5177): every `callsubr`/`callgsubr`
//! replaced by the subroutine's body, so the subset needs no Subrs. The bytes of numbers
//! and operators are copied as they are; only the subroutine number before each call is
//! taken out, and `return` dropped. The operand count is followed to know the stems a
//! `hintmask` covers (its mask is that many bits).
//!
//! Costs one pass over the glyph's program and its subroutines, nothing per font: a glyph
//! never exported costs microseconds.

use super::cff::{Index, Why};

const BAD: Why = "damaged charstring";
/// TN #5177's limits: subroutines nest at most 10 deep, the stack holds 48 operands.
const MAX_DEPTH: u8 = 10;
const MAX_STACK: usize = 48;
/// A glyph's program without calls fits the cache's 16-bit length; and a font whose calls
/// multiply (a subroutine calling another thousands of times, ten deep) is stopped after
/// this many operands and operators, far above any real glyph's few hundred.
const MAX_LEN: usize = 65_535;
const MAX_STEPS: u32 = 200_000;

/// The number added to a subroutine number, by the count of subroutines (TN #5177, 4.7).
fn bias(count: usize) -> i32 {
    match count {
        0..1240 => 107,
        1240..33900 => 1131,
        _ => 32768,
    }
}

enum End {
    Return,
    EndChar,
}

struct Desub<'a, 'o> {
    global: &'a Index<'a>,
    local: Option<&'a Index<'a>>,
    out: &'o mut Vec<u8>,
    /// Operands on the stack now.
    stack: usize,
    /// The last operand if it is an integer just written: where it starts in `out`, value.
    last: Option<(usize, i32)>,
    stems: usize,
    /// Bytes of a hint mask, fixed at the first `hintmask`/`cntrmask`.
    mask: Option<usize>,
    /// Where the glyph starts in `out`, and the operands and operators read so far.
    start: usize,
    steps: u32,
}

/// `charstring` without subroutine calls, appended to `out`.
pub(super) fn desubroutinize(
    charstring: &[u8],
    global: &Index<'_>,
    local: Option<&Index<'_>>,
    out: &mut Vec<u8>,
) -> Result<(), Why> {
    let start = out.len();
    let mut d = Desub {
        global,
        local,
        out,
        stack: 0,
        last: None,
        stems: 0,
        mask: None,
        start,
        steps: 0,
    };
    let result = d.run(charstring, 0).map(|_| ());
    if result.is_err() {
        d.out.truncate(start);
    }
    result
}

impl Desub<'_, '_> {
    fn push(&mut self, bytes: &[u8], value: Option<i32>) -> Result<(), Why> {
        if self.stack == MAX_STACK {
            return Err(BAD);
        }
        self.stack += 1;
        self.last = value.map(|v| (self.out.len(), v));
        self.out.extend_from_slice(bytes);
        Ok(())
    }

    /// An operator that clears the stack, written.
    fn operator(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
        self.stack = 0;
        self.last = None;
    }

    fn count_stems(&mut self) {
        // An odd count carries the width first; the stems are the pairs.
        self.stems += self.stack / 2;
    }

    fn run(&mut self, cs: &[u8], depth: u8) -> Result<End, Why> {
        if depth > MAX_DEPTH {
            return Err("subroutines nested too deep");
        }
        let mut pos = 0;
        while let Some(&b0) = cs.get(pos) {
            self.steps += 1;
            if self.steps > MAX_STEPS || self.out.len() - self.start > MAX_LEN {
                return Err("charstring too long without its subroutines");
            }
            let (len, value) = match b0 {
                28 => {
                    let b = cs.get(pos + 1..pos + 3).ok_or(BAD)?;
                    (3, Some(i32::from(i16::from_be_bytes([b[0], b[1]]))))
                }
                32..=246 => (1, Some(i32::from(b0) - 139)),
                247..=250 => {
                    let b1 = i32::from(*cs.get(pos + 1).ok_or(BAD)?);
                    (2, Some((i32::from(b0) - 247) * 256 + b1 + 108))
                }
                251..=254 => {
                    let b1 = i32::from(*cs.get(pos + 1).ok_or(BAD)?);
                    (2, Some(-(i32::from(b0) - 251) * 256 - b1 - 108))
                }
                // A 16.16 fixed number: never a subroutine number.
                255 => (5, None),
                _ => (0, None),
            };
            if len > 0 {
                self.push(cs.get(pos..pos + len).ok_or(BAD)?, value)?;
                pos += len;
                continue;
            }
            pos += 1;
            match b0 {
                1 | 3 | 18 | 23 => {
                    self.count_stems();
                    self.operator(&[b0]);
                }
                19 | 20 => {
                    // Stems given just before the first mask are an implicit vstem.
                    if self.mask.is_none() {
                        self.count_stems();
                        self.mask = Some(self.stems.div_ceil(8));
                    }
                    let n = self.mask.unwrap_or(0);
                    let mask = cs.get(pos..pos + n).ok_or(BAD)?;
                    self.operator(&[b0]);
                    self.out.extend_from_slice(mask);
                    pos += n;
                }
                10 | 29 => {
                    let (at, number) = self.last.take().ok_or("computed subroutine number")?;
                    self.out.truncate(at);
                    self.stack -= 1;
                    let subrs = if b0 == 29 {
                        Some(self.global)
                    } else {
                        self.local
                    };
                    let subrs = subrs.ok_or("call to absent subroutines")?;
                    let index = usize::try_from(number + bias(subrs.len())).map_err(|_| BAD)?;
                    let body = subrs.get(index).ok_or("call to a missing subroutine")?;
                    if let End::EndChar = self.run(body, depth + 1)? {
                        return Ok(End::EndChar);
                    }
                }
                11 => return Ok(End::Return),
                14 => {
                    // endchar with four operands is the deprecated seac (an accented
                    // glyph of two others): not kept whole by a subset.
                    if self.stack >= 4 {
                        return Err("seac accents are not supported");
                    }
                    self.operator(&[14]);
                    return Ok(End::EndChar);
                }
                12 => {
                    let b1 = *cs.get(pos).ok_or(BAD)?;
                    pos += 1;
                    // Only the flex operators; the arithmetic and storage ones are
                    // deprecated and would make subroutine numbers computed.
                    if !(34..=37).contains(&b1) {
                        return Err("deprecated charstring operator");
                    }
                    self.operator(&[12, b1]);
                }
                4..=8 | 21 | 22 | 24..=27 | 30 | 31 => self.operator(&[b0]),
                _ => return Err(BAD),
            }
        }
        // A program ending without endchar or return: the caller's glyph goes on.
        Ok(End::Return)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An INDEX of `items` read back.
    fn index(items: &[&[u8]], buf: &mut Vec<u8>) {
        super::super::cff::write_index(buf, items);
    }

    fn run(program: &[u8], global: &[&[u8]], local: &[&[u8]]) -> Result<Vec<u8>, Why> {
        let (mut g, mut l) = (Vec::new(), Vec::new());
        index(global, &mut g);
        index(local, &mut l);
        let (g, _) = Index::read(&g, 0).unwrap();
        let (l, _) = Index::read(&l, 0).unwrap();
        let mut out = Vec::new();
        desubroutinize(program, &g, Some(&l), &mut out)?;
        Ok(out)
    }

    #[test]
    fn calls_are_inlined_and_masks_sized_by_the_stems_before_them() {
        // Local subr 0 (number -107 with bias 107): "1 2 hstem return"; global subr 0:
        // "rmoveto" ending the glyph. Three stems (one implicit before hintmask): 1 byte.
        let local: &[&[u8]] = &[&[140, 141, 1, 11]];
        let global: &[&[u8]] = &[&[21, 14]];
        let program = [32, 10, 142, 143, 144, 145, 19, 0xE0, 139, 139, 32, 29, 99];
        let out = run(&program, global, local).unwrap();
        assert_eq!(
            out,
            [140, 141, 1, 142, 143, 144, 145, 19, 0xE0, 139, 139, 21, 14]
        );
    }

    #[test]
    fn bad_programs_are_refused_without_panicking() {
        let recursive: &[&[u8]] = &[&[32, 10]];
        assert!(
            run(&[32, 10], &[], recursive).is_err(),
            "calls itself forever"
        );
        assert!(run(&[32, 10], &[], &[]).is_err(), "no such subroutine");
        assert!(run(&[10], &[], &[]).is_err(), "no number to call");
        assert!(run(&[28, 1], &[], &[]).is_err(), "cut number");
        assert_eq!(
            run(&[19, 14], &[], &[]),
            Ok(vec![19, 14]),
            "no stems: an empty mask"
        );
        assert!(run(&[139, 139, 1, 19], &[], &[]).is_err(), "mask cut off");
        assert!(run(&[12, 10], &[], &[]).is_err(), "arithmetic");
        assert!(run(&[139; 49], &[], &[]).is_err(), "stack overflow");
        assert!(run(&[139, 139, 139, 139, 14], &[], &[]).is_err(), "seac");
        // Subroutine 0 calls 1 six hundred times, which calls the empty 2 as often:
        // 360,000 calls, stopped.
        let calls_1: Vec<u8> = [33, 10].repeat(600);
        let calls_2: Vec<u8> = [34, 10].repeat(600);
        let subrs: &[&[u8]] = &[&calls_1, &calls_2, &[11]];
        assert_eq!(
            run(&[32, 10, 14], &[], subrs),
            Err("charstring too long without its subroutines")
        );
    }
}
