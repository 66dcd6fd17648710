//! Chinese numerals: 12 → 十二, 2026 → 二〇二六 (digit by digit, as years are written),
//! 12.5 → 十二点五, and back.

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const GROUP_UNITS: [&str; 4] = ["", "万", "亿", "万亿"];

/// Digit by digit, for years: "2026" → "二〇二六". Non-digits are kept.
pub fn digits_zh(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => DIGITS[d as usize],
            None => c,
        })
        .collect()
}

/// A 4-digit group, 0 < n < 10000, without the leading-一十 rule.
fn group_zh(n: u64) -> String {
    const UNITS: [&str; 4] = ["千", "百", "十", ""];
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero = false;
    for (d, unit) in digits.iter().zip(UNITS) {
        if *d == 0 {
            zero = !out.is_empty();
        } else {
            if zero {
                out.push('零');
                zero = false;
            }
            out.push(DIGITS[*d as usize]);
            out.push_str(unit);
        }
    }
    out
}

/// Positional numeral: 10 → 十, 12 → 十二, 105 → 一百零五, 100010 → 十万零一十.
pub fn number_zh(n: u64) -> String {
    if n == 0 {
        return "零".into();
    }
    let mut groups = Vec::new();
    let mut m = n;
    while m > 0 {
        groups.push(m % 10000);
        m /= 10000;
    }
    if groups.len() > GROUP_UNITS.len() {
        return digits_zh(&n.to_string());
    }
    let mut out = String::new();
    let mut pending_zero = false;
    for i in (0..groups.len()).rev() {
        let g = groups[i];
        if g == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if !out.is_empty() && (pending_zero || g < 1000) {
            out.push('零');
        }
        pending_zero = false;
        out.push_str(&group_zh(g));
        out.push_str(GROUP_UNITS[i]);
    }
    // 一十二 is written 十二 at the start of a number.
    if out.starts_with("一十") {
        out.remove(0);
    }
    out
}

/// "12.5" → "十二点五", "86" → "八十六"; None if `s` is not a plain decimal.
pub fn decimal_zh(s: &str) -> Option<String> {
    let s = s.trim();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || int.len() > 16 {
        return None;
    }
    let mut out = number_zh(int.parse().ok()?);
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push('点');
        out.push_str(&digits_zh(f));
    }
    Some(out)
}

fn digit_value(c: char) -> Option<u64> {
    match c {
        '〇' | '零' | '0' => Some(0),
        '一' => Some(1),
        '二' | '两' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => c.to_digit(10).map(u64::from),
    }
}

/// Reads "18", "十八", "一百零五", "二〇二六" as a number.
pub fn parse_number(s: &str) -> Option<u64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    // Digit-by-digit form (years): every char a digit, no units.
    if s.chars().count() > 1 && s.chars().all(|c| digit_value(c).is_some() && c != '两') {
        return s.chars().try_fold(0u64, |acc, c| {
            acc.checked_mul(10)?.checked_add(digit_value(c)?)
        });
    }
    let mut total = 0u64; // completed 亿/万 groups
    let mut group = 0u64; // current group below 万
    let mut digit: Option<u64> = None;
    for c in s.chars() {
        if let Some(d) = digit_value(c) {
            if digit.is_some() && d != 0 {
                return None; // two digits in a row without a unit: not positional
            }
            digit = if d == 0 { None } else { Some(d) };
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            '亿' => 100_000_000,
            _ => return None,
        };
        if unit < 10_000 {
            group += digit.unwrap_or(1) * unit;
        } else {
            group += digit.unwrap_or(0);
            total = (total + group).checked_mul(unit)?;
            group = 0;
        }
        digit = None;
    }
    Some(total + group + digit.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positional() {
        for (n, s) in [
            (0, "零"),
            (1, "一"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (21, "二十一"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (1000, "一千"),
            (1001, "一千零一"),
            (2026, "二千零二十六"),
            (10000, "一万"),
            (10010, "一万零一十"),
            (100010, "十万零一十"),
            (120000, "十二万"),
            (100000000, "一亿"),
            (100000001, "一亿零一"),
        ] {
            assert_eq!(number_zh(n), s, "{n}");
        }
    }

    #[test]
    fn round_trip() {
        for n in (0..3000).chain([10000, 10010, 100010, 120000, 100000001, 1234567]) {
            assert_eq!(parse_number(&number_zh(n)), Some(n), "{}", number_zh(n));
        }
        assert_eq!(parse_number("二〇二六"), Some(2026));
        assert_eq!(parse_number("十八"), Some(18));
        assert_eq!(parse_number("两百"), Some(200));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(
            parse_number("九九九九九九九九九九九九九九九九九九九九九"),
            None
        );
    }

    #[test]
    fn digits_and_decimals() {
        assert_eq!(digits_zh("2026"), "二〇二六");
        assert_eq!(decimal_zh("12.5").as_deref(), Some("十二点五"));
        assert_eq!(decimal_zh("0.05").as_deref(), Some("零点〇五"));
        assert_eq!(decimal_zh("1.2.3"), None);
        assert_eq!(decimal_zh("x"), None);
    }
}
