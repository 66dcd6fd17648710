//! Applying the check's safe fixes to a stored draft. A finding points into the rendered
//! text (slots filled, `**` markup gone); the stored text still has `{{slots}}` and
//! markup. So a fix is applied only where the found text, widened by its neighbours until
//! it is unique, occurs exactly once in the stored text — otherwise it is skipped and
//! reported, never guessed.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::Store;
use crate::check::Finding;
use crate::error::Result;

/// A finding whose fix was not applied, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotFixed {
    #[serde(flatten)]
    pub finding: Finding,
    pub reason: String,
}

/// What a fix pass did. The lists hold at most [`REPORTED`] findings each — a pasted
/// text with millions of half-width commas is fixed whole, but nobody reads millions of
/// lines (and copying them cost more than fixing) —; the counts are complete.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FixReport {
    pub fixed: Vec<Finding>,
    pub not_fixed: Vec<NotFixed>,
    pub fixed_count: usize,
    pub not_fixed_count: usize,
}

/// How many fixed and not fixed findings a report lists.
pub const REPORTED: usize = 1000;

impl FixReport {
    fn not_fixed(&mut self, f: &Finding, reason: &str) {
        self.not_fixed_count += 1;
        if self.not_fixed.len() < REPORTED {
            self.not_fixed.push(NotFixed {
                finding: f.clone(),
                reason: reason.into(),
            });
        }
    }
}

/// How far the context may widen on each side before giving up.
const MAX_CONTEXT: usize = 12;

/// The places of short substrings in one stored text: its positions sorted by the
/// characters that start there, up to `depth` of them (prefix doubling, each round a
/// linear radix sort). A window of up to `depth` characters is then found by binary search,
/// so locating every fix costs O(n log depth + fixes · log n), not a scan per fix.
struct Occurrences {
    chars: Vec<char>,
    /// Byte offset of each character, and the length at the end.
    bytes: Vec<usize>,
    /// Character positions, sorted by their first `depth` characters.
    sorted: Vec<u32>,
    /// When the rendered text is the stored text (no slots, no markup): where each
    /// position is in `sorted`, and how many characters (up to `depth`) each sorted
    /// position shares with the one before it. A window is then judged by its neighbours
    /// in `sorted`, without a search.
    same: Option<(Vec<u32>, Vec<u32>)>,
}

impl Occurrences {
    fn new(text: &str, depth: usize) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        let n = chars.len();
        // Rank 0 stands for "past the end", so a shorter suffix sorts first.
        let mut alphabet = chars.clone();
        alphabet.sort_unstable();
        alphabet.dedup();
        let mut rank: Vec<u32> = chars
            .iter()
            .map(|c| alphabet.binary_search(c).map_or(0, |r| r as u32 + 1))
            .collect();
        let mut sorted: Vec<u32> = (0..n as u32).collect();
        sorted.sort_unstable_by_key(|&i| rank[i as usize]);
        let mut classes = alphabet.len();
        let mut h = 1;
        let mut tmp = vec![0u32; n];
        let mut count = vec![0usize; n + 2];
        while h < depth && classes < n {
            let key2 = |i: u32| rank.get(i as usize + h).copied().unwrap_or(0);
            // By the second half first, then stably by the first half.
            count.iter_mut().for_each(|c| *c = 0);
            for &i in &sorted {
                count[key2(i) as usize + 1] += 1;
            }
            for k in 1..count.len() {
                count[k] += count[k - 1];
            }
            for &i in &sorted {
                let k = key2(i) as usize;
                tmp[count[k]] = i;
                count[k] += 1;
            }
            count.iter_mut().for_each(|c| *c = 0);
            for &i in &tmp {
                count[rank[i as usize] as usize + 1] += 1;
            }
            for k in 1..count.len() {
                count[k] += count[k - 1];
            }
            for &i in &tmp {
                let k = rank[i as usize] as usize;
                sorted[count[k]] = i;
                count[k] += 1;
            }
            let next = &mut tmp;
            let mut r = 0u32;
            let mut prev: Option<(u32, u32)> = None;
            for &i in &sorted {
                let key = (rank[i as usize], key2(i));
                if prev != Some(key) {
                    r += 1;
                    prev = Some(key);
                }
                next[i as usize] = r;
            }
            classes = r as usize;
            std::mem::swap(&mut rank, &mut tmp);
            h *= 2;
        }
        Occurrences {
            chars,
            bytes,
            sorted,
            same: None,
        }
    }

    /// Prepares [`Occurrences::unique_at`]: costs O(n · depth) at most.
    fn index_itself(&mut self, depth: usize) {
        let n = self.sorted.len();
        let mut at = vec![0u32; n];
        for (k, &i) in self.sorted.iter().enumerate() {
            at[i as usize] = k as u32;
        }
        let mut shared = vec![0u32; n];
        for (k, pair) in self.sorted.windows(2).enumerate() {
            let (a, b) = (pair[0] as usize, pair[1] as usize);
            shared[k + 1] = self.chars[a..]
                .iter()
                .zip(&self.chars[b..])
                .take(depth)
                .take_while(|(x, y)| x == y)
                .count() as u32;
        }
        self.same = Some((at, shared));
    }

    /// [`Occurrences::unique`] for the window of `len` characters at `start` of the text
    /// itself (after [`Occurrences::index_itself`]).
    fn unique_at(&self, start: usize, len: usize) -> std::result::Result<usize, usize> {
        let Some((at, shared)) = &self.same else {
            return self.unique(&self.chars[start..start + len]);
        };
        let k = at[start] as usize;
        // The occurrences are the neighbours sharing at least `len` characters.
        let mut lo = k;
        while lo > 0 && shared[lo] as usize >= len {
            lo -= 1;
            if k - lo >= len {
                return Err(2);
            }
        }
        let mut hi = k + 1;
        while hi < shared.len() && shared[hi] as usize >= len {
            hi += 1;
            if hi - lo > len {
                return Err(2);
            }
        }
        let hits = &self.sorted[lo..hi];
        let first = hits.iter().min().copied().unwrap_or(start as u32) as usize;
        if hits.iter().any(|&i| i as usize >= first + len) {
            return Err(2);
        }
        Ok(self.bytes[first])
    }

    /// Where `window` occurs, as `str::match_indices` would count it (left to right, not
    /// overlapping): `Ok(byte)` when exactly once, `Err(0)` when never, `Err(2)` when more.
    fn unique(&self, window: &[char]) -> std::result::Result<usize, usize> {
        let len = window.len();
        let prefix = |i: u32| {
            let i = i as usize;
            &self.chars[i..(i + len).min(self.chars.len())]
        };
        let lo = self.sorted.partition_point(|&i| prefix(i) < window);
        // More hits than characters in the window: some do not overlap the first. Only
        // the (len + 1)-th is looked at, not the end of the hits.
        if self
            .sorted
            .get(lo + len)
            .is_some_and(|&i| prefix(i) == window)
        {
            return Err(2);
        }
        let hi = lo
            + self.sorted[lo..(lo + len).min(self.sorted.len())]
                .iter()
                .take_while(|&&i| prefix(i) == window)
                .count();
        let hits = &self.sorted[lo..hi];
        let Some(&first) = hits.iter().min() else {
            return Err(0);
        };
        if hits.iter().any(|&i| i as usize >= first as usize + len) {
            return Err(2);
        }
        Ok(self.bytes[first as usize])
    }
}

/// Where the finding's text is in `stored`, as a byte range, if unambiguous: the first
/// window around it (widened left, right or both, one character more each step) that
/// occurs exactly once. Widening step by step costs up to 39 look-ups a fix; this finds the
/// same window with a handful, because a wider window never occurs more often than a
/// narrower one inside it.
fn locate(
    rendered: &[char],
    stored: &Occurrences,
    ambiguous: &mut HashSet<Vec<char>>,
    offset: usize,
    length: usize,
) -> Option<(usize, usize)> {
    // The rendered text is the stored one: a window is found where it stands.
    let itself = stored.same.is_some();
    let unique = |from: usize, to: usize| {
        if itself {
            stored.unique_at(from, to - from)
        } else {
            stored.unique(&rendered[from..to])
        }
    };
    let r = rendered;
    if offset + length > r.len() || length == 0 {
        return None;
    }
    // Widen left, right or both: markup or a slot may sit on one side only.
    let window = |k: usize, family: usize| {
        let (left, right) = [(k, 0), (0, k), (k, k)][family];
        let from = offset.saturating_sub(left);
        (from, (offset + length + right).min(r.len()))
    };
    // Every window lies inside the widest: when that one is ambiguous, so is each.
    // Repetitive text repeats its widest windows: those known ambiguous are remembered.
    let (from, to) = window(MAX_CONTEXT, 2);
    if ambiguous.contains(&r[from..to]) {
        return None;
    }
    if unique(from, to) == Err(2) {
        ambiguous.insert(r[from..to].to_vec());
        return None;
    }
    // The first width at which a family's window occurs at most once, by bisection from
    // `lo` on; with what the look-up said there.
    let first_rare = |family: usize, mut lo: usize| {
        let mut hi = MAX_CONTEXT + 1;
        let mut found = None;
        while lo < hi {
            let mid = (lo + hi) / 2;
            let (f, t) = window(mid, family);
            match unique(f, t) {
                Err(2) => lo = mid + 1,
                other => {
                    hi = mid;
                    found = Some(other);
                }
            }
        }
        (lo, found.filter(|_| lo <= MAX_CONTEXT))
    };
    let unique_at = |k: usize, family: usize| {
        let (f, t) = window(k, family);
        unique(f, t)
    };
    // Both sides (family 2) holds the other two windows of its width, so it turns rare
    // first, at `k`: nothing is unique before `k`. At `k` the order decides: left, right,
    // both.
    let (k, both) = first_rare(2, 0);
    let mut best: Option<(usize, usize, usize)> = None;
    for family in 0..2 {
        if let Ok(at) = unique_at(k, family) {
            best = Some((k, family, at));
            break;
        }
    }
    if best.is_none() {
        if let Some(Ok(at)) = both {
            best = Some((k, 2, at));
        }
    }
    // Both sides vanished at `k` (a slot or markup on each): one side alone may still
    // turn unique later; the earliest wins, then left before right.
    if best.is_none() && both == Some(Err(0)) {
        for family in 0..2 {
            let (kf, found) = first_rare(family, k + 1);
            if let Some(Ok(at)) = found {
                if best.is_none_or(|(kb, _, _)| kf < kb) {
                    best = Some((kf, family, at));
                }
            }
        }
    }
    let (k, family, at) = best?;
    let (from, _) = window(k, family);
    let lead: usize = r[from..offset].iter().map(|c| c.len_utf8()).sum();
    let len: usize = r[offset..offset + length]
        .iter()
        .map(|c| c.len_utf8())
        .sum();
    Some((at + lead, at + lead + len))
}

/// Which stored text a finding is in.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Target {
    Node(i64),
    Column(&'static str),
}

/// One stored text with its fixes, and what locating them needs (built once per text).
struct TargetText<'f> {
    target: Target,
    rendered: Vec<char>,
    stored: String,
    /// Built on the first fix that needs it.
    occurrences: Option<Occurrences>,
    /// Widest windows found ambiguous already.
    ambiguous: HashSet<Vec<char>>,
    /// Fixes by start: (end, the finding with its fix); they never overlap. Borrowed:
    /// a finding is copied once, into the report.
    edits: BTreeMap<usize, (usize, &'f Finding)>,
    /// When this text got its first fix: the report lists texts in that order.
    first_fix: usize,
}

impl Store {
    /// Applies the fixes of `findings` (those with a `fix`) to draft `draft`, in one
    /// transaction. Findings without a fix are ignored.
    pub fn apply_fixes(&mut self, draft: i64, findings: &[Finding]) -> Result<FixReport> {
        let d = self.draft(draft)?;
        let doc = crate::render::render(&d);
        let mut report = FixReport::default();
        // Node texts by id, looked up once each (not a walk of the tree per finding).
        let rendered_nodes: HashMap<i64, &str> =
            doc.walk().map(|n| (n.id, n.text.as_str())).collect();
        let mut stored_nodes: HashMap<i64, &str> = HashMap::new();
        let mut stack: Vec<&crate::draft::OutlineNode> = d.nodes.iter().collect();
        while let Some(n) = stack.pop() {
            stored_nodes.entry(n.id).or_insert(n.text.as_str());
            stack.extend(n.children.iter());
        }
        // The widest window a fix may need: the index is sorted that deep.
        let depth = findings
            .iter()
            .filter(|f| f.fix.is_some())
            .map(|f| f.length.saturating_add(2 * MAX_CONTEXT))
            .max()
            .unwrap_or(1);
        let mut texts: Vec<TargetText> = Vec::new();
        let mut index: HashMap<Target, usize> = HashMap::new();
        let mut fixed_texts = 0;
        for f in findings {
            if f.fix.is_none() {
                continue;
            }
            let target = match (f.node, f.part) {
                (Some(id), _) => Target::Node(id),
                (None, "title") => Target::Column("title"),
                (None, "speaker") => Target::Column("speaker"),
                (None, "date") => Target::Column("date_line"),
                (None, "greeting") => Target::Column("greeting"),
                _ => continue,
            };
            let slot = match index.get(&target) {
                Some(&k) => k,
                None => {
                    let (rendered, stored) = match target {
                        Target::Node(id) => {
                            match (rendered_nodes.get(&id), stored_nodes.get(&id)) {
                                (Some(r), Some(s)) => (r.to_string(), s.to_string()),
                                _ => {
                                    report.not_fixed(f, "该段落已不存在");
                                    continue;
                                }
                            }
                        }
                        Target::Column("title") => (doc.title.clone(), d.title.clone()),
                        Target::Column("speaker") => (
                            doc.speaker.clone().unwrap_or_default(),
                            d.speaker.clone().unwrap_or_default(),
                        ),
                        Target::Column("date_line") => (
                            doc.date.clone().unwrap_or_default(),
                            d.date.clone().unwrap_or_default(),
                        ),
                        Target::Column(_) => (
                            doc.greeting.clone().unwrap_or_default(),
                            d.greeting.clone().unwrap_or_default(),
                        ),
                    };
                    texts.push(TargetText {
                        target,
                        rendered: rendered.chars().collect(),
                        stored,
                        occurrences: None,
                        ambiguous: HashSet::new(),
                        edits: BTreeMap::new(),
                        first_fix: usize::MAX,
                    });
                    index.insert(target, texts.len() - 1);
                    texts.len() - 1
                }
            };
            let t = &mut texts[slot];
            let occurrences = t.occurrences.get_or_insert_with(|| {
                let mut o = Occurrences::new(&t.stored, depth);
                if o.chars == t.rendered {
                    o.index_itself(depth);
                }
                o
            });
            let Some((start, end)) = locate(
                &t.rendered,
                occurrences,
                &mut t.ambiguous,
                f.offset,
                f.length,
            ) else {
                report.not_fixed(
                    f,
                    "在原文中无法唯一定位（可能在占位项的值或加粗标记里），请手动修改",
                );
                continue;
            };
            if t.stored[start..end] != f.text {
                report.not_fixed(f, "原文与检查结果不一致，请重新检查");
                continue;
            }
            // The fixes are disjoint: only the last one starting before `end` can overlap.
            let overlaps = t
                .edits
                .range(..end)
                .next_back()
                .is_some_and(|(_, (e, _))| start < *e);
            if overlaps {
                report.not_fixed(f, "与另一处修改重叠");
                continue;
            }
            if t.edits.is_empty() {
                t.first_fix = fixed_texts;
                fixed_texts += 1;
            }
            t.edits.insert(start, (end, f));
        }
        texts.retain(|t| !t.edits.is_empty());
        texts.sort_by_key(|t| t.first_fix);
        self.write(|tx| {
            for t in &texts {
                // One pass, left to right.
                let mut text = String::with_capacity(t.stored.len());
                let mut at = 0;
                for (s, (e, f)) in &t.edits {
                    let fix = f.fix.as_deref().unwrap_or_default();
                    text.push_str(&t.stored[at..*s]);
                    text.push_str(fix);
                    at = *e;
                }
                text.push_str(&t.stored[at..]);
                match t.target {
                    // Prepared once for all the nodes (a draft may have thousands).
                    Target::Node(id) => tx
                        .prepare_cached(
                            "UPDATE nodes SET text = ?2 WHERE id = ?1 AND draft_id = ?3",
                        )?
                        .execute((id, &text, draft))?,
                    Target::Column(col) => tx.execute(
                        &format!("UPDATE drafts SET {col} = ?2 WHERE id = ?1"),
                        (draft, &text),
                    )?,
                };
            }
            if !texts.is_empty() {
                tx.execute(
                    "UPDATE drafts SET updated_at = ?2 WHERE id = ?1",
                    (draft, super::now()),
                )?;
            }
            Ok(())
        })?;
        for t in texts {
            report.fixed_count += t.edits.len();
            let room = REPORTED.saturating_sub(report.fixed.len());
            report
                .fixed
                .extend(t.edits.into_values().take(room).map(|(_, f)| f.clone()));
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::{Occurrences, MAX_CONTEXT};
    use proptest::prelude::*;

    fn locate(
        rendered: &str,
        stored: &str,
        offset: usize,
        length: usize,
    ) -> Option<(usize, usize)> {
        let r: Vec<char> = rendered.chars().collect();
        let depth = length + 2 * MAX_CONTEXT;
        let mut index = Occurrences::new(stored, depth);
        if index.chars == r {
            index.index_itself(depth);
        }
        super::locate(&r, &index, &mut Default::default(), offset, length)
    }

    /// What the fix pass did before the index: `match_indices`, stopping at two hits.
    fn unique_by_scan(stored: &str, window: &str) -> Result<usize, usize> {
        let mut hits = stored.match_indices(window).map(|(at, _)| at);
        match (hits.next(), hits.next()) {
            (Some(at), None) => Ok(at),
            (None, _) => Err(0),
            _ => Err(2),
        }
    }

    /// The fix pass's search before the index: widen one step at a time, scanning.
    fn locate_by_scan(
        rendered: &str,
        stored: &str,
        offset: usize,
        length: usize,
    ) -> Option<(usize, usize)> {
        let r: Vec<char> = rendered.chars().collect();
        if offset + length > r.len() || length == 0 {
            return None;
        }
        for k in 0..=MAX_CONTEXT {
            let mut alive = false;
            for (left, right) in [(k, 0), (0, k), (k, k)] {
                let from = offset.saturating_sub(left);
                let to = (offset + length + right).min(r.len());
                let window: String = r[from..to].iter().collect();
                match unique_by_scan(stored, &window) {
                    Ok(at) => {
                        let lead: usize = r[from..offset].iter().map(|c| c.len_utf8()).sum();
                        let len: usize = r[offset..offset + length]
                            .iter()
                            .map(|c| c.len_utf8())
                            .sum();
                        return Some((at + lead, at + lead + len));
                    }
                    Err(n) => alive |= n > 0,
                }
            }
            if !alive {
                return None;
            }
        }
        None
    }

    proptest! {
        #[test]
        fn locate_finds_what_widening_step_by_step_found(
            stored in "[ab,{}]{0,60}",
            rendered in "[ab,]{1,40}",
            offset in 0usize..40,
            length in 1usize..3,
        ) {
            prop_assert_eq!(
                locate(&rendered, &stored, offset, length),
                locate_by_scan(&rendered, &stored, offset, length)
            );
            // Rendered text that mostly is the stored text, as in a real draft.
            prop_assert_eq!(
                locate(&rendered, &rendered, offset, length),
                locate_by_scan(&rendered, &rendered, offset, length)
            );
        }

        #[test]
        fn the_index_counts_like_match_indices(
            stored in "[ab,甲{}]{0,40}",
            window in "[ab,甲]{1,6}",
            depth in 1usize..10,
        ) {
            let depth = depth.max(window.chars().count());
            let mut index = Occurrences::new(&stored, depth);
            let w: Vec<char> = window.chars().collect();
            prop_assert_eq!(index.unique(&w), unique_by_scan(&stored, &window));
            // Windows of the text itself, judged by their neighbours.
            index.index_itself(depth);
            let chars: Vec<char> = stored.chars().collect();
            for start in 0..chars.len() {
                for len in 1..=depth.min(chars.len() - start) {
                    let w: String = chars[start..start + len].iter().collect();
                    prop_assert_eq!(index.unique_at(start, len), unique_by_scan(&stored, &w));
                }
            }
        }
    }

    #[test]
    fn locates_only_when_unique() {
        // Stored text has a slot and markup; the rendered one has the value.
        let stored = "**一是强化引领,**在{{单位}}开展工作,好。";
        let rendered = "一是强化引领,在市总工会开展工作,好。";
        let first = rendered.chars().position(|c| c == ',').unwrap();
        let (s, e) = locate(rendered, stored, first, 1).unwrap();
        assert_eq!(&stored[s..e], ",");
        assert_eq!(&stored[..s], "**一是强化引领");
        let second = rendered
            .chars()
            .skip(first + 1)
            .position(|c| c == ',')
            .unwrap()
            + first
            + 1;
        let (s, _) = locate(rendered, stored, second, 1).unwrap();
        assert_eq!(&stored[s - "开展工作".len()..s], "开展工作");
        // A mark inside a slot value is not in the stored text at all.
        assert_eq!(locate("甲,乙", "{{名}}", 1, 1), None);
    }
}
