//! Heading numbers (一、 （一） 1. （1）) and item leads (一是, 一要, 第一，首先，…).
//! Both are computed on every render from positions in the tree, never stored.

use crate::numerals::number_zh;
use crate::outline::LeadStyle;

/// The number of the `n`-th (1-based) heading at `level` (1–4).
pub fn heading_number(level: usize, n: usize) -> String {
    let zh = number_zh(n as u64);
    match level {
        1 => format!("{zh}、"),
        2 => format!("（{zh}）"),
        3 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

/// The lead of the `n`-th (1-based) of `count` items of one style under one parent.
/// 首先/其次/再次/最后: the last item is always 最后; from the fourth on the middle ones
/// read 此外 so no word repeats next to itself.
pub fn lead(style: LeadStyle, n: usize, count: usize) -> String {
    let zh = number_zh(n as u64);
    match style {
        LeadStyle::Shi => format!("{zh}是"),
        LeadStyle::Yao => format!("{zh}要"),
        LeadStyle::Di => format!("第{zh}，"),
        LeadStyle::Juhua => format!("第{zh}句话，"),
        LeadStyle::Paren => format!("（{zh}）"),
        LeadStyle::Arabic => format!("{n}."),
        LeadStyle::Order => {
            let word = if n == 1 {
                "首先"
            } else if n == count {
                "最后"
            } else if n == 2 {
                "其次"
            } else if n == 3 {
                "再次"
            } else {
                "此外"
            };
            format!("{word}，")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert_eq!(heading_number(1, 1), "一、");
        assert_eq!(heading_number(1, 11), "十一、");
        assert_eq!(heading_number(2, 2), "（二）");
        assert_eq!(heading_number(3, 3), "3.");
        assert_eq!(heading_number(4, 12), "（12）");
    }

    #[test]
    fn leads() {
        assert_eq!(lead(LeadStyle::Shi, 2, 3), "二是");
        assert_eq!(lead(LeadStyle::Yao, 10, 10), "十要");
        assert_eq!(lead(LeadStyle::Di, 1, 1), "第一，");
        let order: Vec<String> = (1..=5).map(|n| lead(LeadStyle::Order, n, 5)).collect();
        assert_eq!(order, ["首先，", "其次，", "再次，", "此外，", "最后，"]);
        assert_eq!(lead(LeadStyle::Order, 2, 2), "最后，");
        assert_eq!(lead(LeadStyle::Order, 1, 1), "首先，");
    }
}
