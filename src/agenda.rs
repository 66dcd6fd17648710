//! The 主持词 generated from its agenda (`{{议程|主持词}}`): the count announced, each
//! entry introduced with its ordinal (第一项 … 也就是最后一项), the words a host says
//! around it and a cue after it, all chosen by what the entry is. Generated at every
//! render, so moving an entry renumbers and re-cues the script, as leads are.
//!
//! The output is outline markup: one paragraph a line, each entry written as the slot
//! reference `{{议程#k}}`, so its text (and the slots in it) is filled by render like any
//! value and is never read as markup.

use crate::numerals::number_zh;

/// What a host says around one kind of agenda entry.
pub struct Cue {
    /// A short name of the kind, for tests and the desktop.
    pub kind: &'static str,
    /// Words that make an entry this kind; the first row with one of them wins.
    pub words: &'static [&'static str],
    /// Lines right after the announcement (an invitation, a cue for applause).
    pub before: &'static [&'static str],
    /// The cue once the entry is done, in full-width brackets.
    pub after: &'static str,
    /// What the host says next; one of them, varied by position so two reports in one
    /// meeting are not thanked alike. Empty: nothing.
    pub follow: &'static [&'static str],
}

/// The one table of agenda kinds. Order matters: 宣读表彰决定 is a reading, not an award;
/// a report read aloud (宣读……报告) is a reading too.
pub const CUES: &[Cue] = &[
    Cue {
        kind: "国歌",
        words: &["国歌", "国际歌", "唱歌"],
        before: &["请全体起立。"],
        after: "（奏唱国歌）",
        follow: &["请坐。"],
    },
    Cue {
        kind: "颁奖",
        words: &["颁奖", "颁发", "授牌", "授旗", "颁证", "授予"],
        before: &["请受表彰的代表上台领奖，请颁奖的领导同志上台颁奖。"],
        after: "（颁奖完毕）",
        follow: &[
            "让我们用热烈的掌声，向受到表彰的集体和个人表示祝贺！（掌声）",
            "再次向获奖的同志们表示热烈祝贺！请大家回到座位。（掌声）",
        ],
    },
    Cue {
        kind: "宣读",
        words: &["宣读", "通报", "公布"],
        before: &[],
        after: "（宣读完毕）",
        follow: &["", "请大家会后认真学习，对照抓好落实。"],
    },
    Cue {
        kind: "传达",
        words: &["传达"],
        before: &[],
        after: "（传达完毕）",
        follow: &["会后，各单位要第一时间向班子成员和基层工会传达到位。"],
    },
    Cue {
        kind: "签约",
        words: &["签约", "签订", "签署"],
        before: &["请签约的同志上台。"],
        after: "（签订完毕）",
        follow: &["签下的是责任，更是承诺，希望大家言出必行、说到做到。（掌声）"],
    },
    Cue {
        kind: "表决",
        words: &["表决", "选举", "投票"],
        before: &[],
        after: "（表决完毕）",
        follow: &["结果当场公布，请工作人员做好统计。"],
    },
    Cue {
        kind: "讲话",
        words: &["讲话", "致辞", "提要求", "作指示", "讲几点意见"],
        before: &["大家欢迎！", "（掌声）"],
        after: "（讲话完毕）",
        follow: &[
            "刚才的讲话站位高、要求实，请大家认真领会，回去后抓好传达落实。",
            "讲话为我们下一步工作指明了方向，我们一定不折不扣抓好落实。",
        ],
    },
    Cue {
        kind: "报告",
        words: &["报告", "述职", "汇报"],
        before: &["大家欢迎。", "（掌声）"],
        after: "（报告完毕）",
        follow: &[
            "报告回顾工作实事求是，部署任务清楚具体，请大家认真讨论。",
            "谢谢！这个报告情况摸得准、措施定得实，请各单位对照抓好落实。",
        ],
    },
    Cue {
        kind: "发言",
        words: &["发言", "交流", "表态", "代表讲"],
        before: &[],
        after: "（发言完毕）",
        follow: &[
            "发言朴实真切，讲出了基层的实干和担当。（掌声）",
            "谢谢！发言讲的都是实打实的做法，值得大家学习借鉴。（掌声）",
        ],
    },
];

/// The cue of an entry the table has no word for.
pub const OTHER: Cue = Cue {
    kind: "其他",
    words: &[],
    before: &[],
    after: "（本项议程完毕）",
    follow: &[],
};

/// The kind of an entry, by the first row of [`CUES`] holding one of its words.
pub fn cue_of(entry: &str) -> &'static Cue {
    CUES.iter()
        .find(|c| c.words.iter().any(|w| entry.contains(w)))
        .unwrap_or(&OTHER)
}

/// The script for a list slot named `list` with these entries, as outline markup.
/// Nothing when the agenda is empty (the caller shows the unfilled slot instead).
pub fn script(list: &str, entries: &[&str]) -> String {
    let n = entries.len();
    if n == 0 {
        return String::new();
    }
    // A count of two reads 两项, an ordinal 第二项.
    let count = if n == 2 {
        "两".to_string()
    } else {
        number_zh(n as u64)
    };
    let mut lines = vec![format!("今天的会议共有{count}项议程。")];
    for (i, entry) in entries.iter().enumerate() {
        let k = i + 1;
        let ordinal = number_zh(k as u64);
        let reference = format!("{{{{{list}#{k}}}}}");
        lines.push(if k == n && n > 1 {
            format!("下面进行第{ordinal}项，也就是最后一项议程：{reference}。")
        } else if n == 1 {
            format!("下面进行第{ordinal}项，也是唯一一项议程：{reference}。")
        } else {
            format!("下面进行第{ordinal}项议程：{reference}。")
        });
        let cue = cue_of(entry);
        lines.extend(cue.before.iter().map(|l| l.to_string()));
        lines.push(cue.after.to_string());
        if let Some(follow) = cue.follow.get(i % cue.follow.len().max(1)) {
            if !follow.is_empty() {
                lines.push(follow.to_string());
            }
        }
    }
    lines.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_get_their_cues() {
        assert_eq!(cue_of("全体起立，奏唱国歌").kind, "国歌");
        assert_eq!(cue_of("宣读表彰决定").kind, "宣读");
        assert_eq!(cue_of("宣读工作报告的决议").kind, "宣读");
        assert_eq!(cue_of("为先进集体颁奖").kind, "颁奖");
        assert_eq!(cue_of("{{报告人}}同志作工作报告").kind, "报告");
        assert_eq!(cue_of("{{领导}}同志讲话").kind, "讲话");
        assert_eq!(cue_of("先进代表发言").kind, "发言");
        assert_eq!(cue_of("传达上级会议精神").kind, "传达");
        assert_eq!(cue_of("签订年度目标责任书").kind, "签约");
        assert_eq!(cue_of("合影留念").kind, "其他");
    }

    #[test]
    fn ordinals_follow_positions() {
        let s = script("议程", &["奏唱国歌", "宣读决定", "颁奖"]);
        assert!(s.starts_with("今天的会议共有三项议程。"), "{s}");
        assert!(s.contains("下面进行第一项议程：{{议程#1}}。"));
        assert!(s.contains("下面进行第三项，也就是最后一项议程：{{议程#3}}。"));
        assert!(script("议程", &["讲话"]).contains("也是唯一一项议程"));
        assert!(script("议程", &["甲", "乙"]).starts_with("今天的会议共有两项议程。"));
        assert_eq!(script("议程", &[]), "");
    }
}
