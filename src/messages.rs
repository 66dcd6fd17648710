//! What the desktop tells the writer when something fails: a clear Chinese sentence for
//! every [`Error`], chosen by the variant and the values it carries — never by reading
//! the English text the CLI prints, and never Rust or SQL text.

use crate::error::{Error, ErrorKind, NotOurs, RangeProblem, TextOf, Thing, Unreadable};

/// The message for the writer.
pub fn zh(e: &Error) -> String {
    const UNCHANGED: &str = "段落库没有改动。";
    match e {
        Error::NotFound { what, .. } => format!("找不到{}，它可能已被删除。", thing(*what)),
        Error::EmptyText {
            what: TextOf::VersionName,
        } => "版本名称不能为空。".into(),
        Error::EmptyText {
            what: TextOf::MeetingName,
        } => "会议名称不能为空。".into(),
        Error::EmptyText { .. } => "内容不能为空。".into(),
        Error::MeetingNotEmpty { drafts, .. } => {
            format!("这个会议里还有 {drafts} 篇讲稿，请先把它们移出会议，再删除会议。")
        }
        Error::InAnotherMeeting { .. } => {
            "这篇讲稿已在另一个会议里，请先把它从那个会议移出。".into()
        }
        Error::NotInMeeting { .. } => "这篇讲稿不在任何会议里。".into(),
        Error::TextTooLong { chars, limit, .. } => {
            format!("文字太长（{chars} 字），一次最多 {limit} 字。")
        }
        Error::SlotMarkup { line, column, .. } => format!(
            "第 {line} 行第 {column} 列的占位项写法不对：占位项写成 {{{{名称}}}}，两边各两个花括号。"
        ),
        Error::BadSlotName { .. } => "占位项名称不对。".into(),
        // Already a Chinese sentence naming the slot, the value and what fits.
        Error::BadSlotValue { .. } => e.to_string(),
        Error::BadListEntry {
            slot,
            entry,
            text,
            problem,
        } => match problem {
            crate::error::ListProblem::BrokenSlot { .. } => format!(
                "“{slot}”第 {entry} 项“{text}”的占位项写法不对：占位项写成 {{{{名称}}}}，两边各两个花括号。未作修改。"
            ),
            crate::error::ListProblem::NamesItself => format!(
                "“{slot}”第 {entry} 项“{text}”用到了“{slot}”自己，无法填写。未作修改。"
            ),
        },
        Error::BadLogic {
            file,
            line,
            column,
            problem,
        } => format!(
            "文件“{file}”第 {line} 行第 {column} 列：{}",
            crate::logic::problem_zh(problem)
        ),
        Error::NotAHeading { .. } => "只有标题下面才能放内容。".into(),
        Error::MoveIntoItself { .. } => "不能把一项移到它自己的下面。".into(),
        Error::HasChildren { .. } => "这个标题下还有内容，请先移走或删除下面的内容。".into(),
        Error::LeadOnItemsOnly { .. } => "只有条目才有“一是、二是”这样的引导语。".into(),
        Error::TooDeep { .. } => "标题最多四级（一、（一）1.（1）），不能再往下放。".into(),
        Error::BadUserRule { literal, why } => match *why {
            "empty" => "规则要查的文字不能为空。".into(),
            "long" => format!(
                "规则里的文字太长：最多 {} 个字。",
                crate::check::table::USER_RULE_LIMIT
            ),
            "line" => "规则里的文字不能换行。".into(),
            "same" => format!("“{literal}”的建议写法和它本身一样，没有保存。"),
            "exists" => format!("已经有查“{literal}”的规则了；要改请先删去原来那条。"),
            "level" => "请选择级别：必改、建议或提示。".into(),
            _ => "这条规则没有保存。".into(),
        },
        Error::NoSuchRule { .. } => "没有这条审校规则。".into(),
        Error::EmptyTag => "标签不能为空。".into(),
        Error::TagTooLong { limit, .. } => format!("标签太长：最长 {limit} 个字。"),
        Error::UnknownSpeechType { .. } => "没有这种讲话类型。".into(),
        Error::UnknownLeadStyle { .. } => "没有这种引导语样式。".into(),
        Error::UnknownKind { .. } => "没有这种条目类型（只有标题、条目、段落）。".into(),
        Error::NoSuchSplit { .. } => {
            "这一段的拆分已无法还原：拆出的条目已改动或不在这个候选段里。未作修改。".into()
        }
        Error::BadSetting { name, allowed, .. } => match *name {
            "rate" => format!("语速应为每分钟 {allowed} 字，未作修改。"),
            "target" => format!("目标字数应为 {allowed} 字，未作修改。"),
            _ => "设置的取值不对，未作修改。".into(),
        },
        Error::NoHomeDir => "找不到存放资料库的目录，请在设置中选择资料库位置。".into(),
        Error::NotALibrary {
            why: NotOurs::OtherApplication(_) | NotOurs::OtherTables(_),
            ..
        } => "这个文件是别的程序的数据库，不是讲稿工坊的资料库，没有打开；文件未作任何改动。请另选一个资料库，或新建一个。".into(),
        Error::NotALibrary { .. } | Error::CannotOpenLibrary { .. } => {
            "这个文件不是讲稿工坊的资料库，无法打开；文件未作任何改动。".into()
        }
        Error::NoSuchFolder { dir } => format!(
            "文件夹“{}”不存在，资料库没有建立。请先建立这个文件夹，或另选位置。",
            dir.display()
        ),
        Error::ReadOnlyLibrary { .. } => {
            "资料库文件是只读的，无法打开；请检查文件的权限。文件未作任何改动。".into()
        }
        Error::MigrationFailed { .. } => {
            "这个资料库无法升级到本程序使用的格式，没有打开；文件未作任何改动。".into()
        }
        Error::OntoLibrary { .. } => {
            "不能存到资料库文件本身上，那样会覆盖整个资料库。请换一个文件名；资料库未作改动。".into()
        }
        Error::SchemaTooNew { .. } => {
            "这个资料库是用更新版本的讲稿工坊建立的，本程序无法打开；文件未作任何改动。".into()
        }
        Error::TooLarge {
            file: None,
            size_mb,
            limit_mb,
            ..
        } => format!("粘贴的文字有 {size_mb} MB，太长了：一次最多导入 {limit_mb} MB。{UNCHANGED}"),
        Error::TooLarge {
            file: Some(f),
            size_mb,
            limit_mb,
            pack: false,
        } => format!(
            "“{}”有 {size_mb} MB，太大了：一次最多导入 {limit_mb} MB 的文件。{UNCHANGED}",
            file_part(f)
        ),
        Error::TooLarge {
            file: Some(f),
            size_mb,
            limit_mb,
            pack: true,
        } => format!(
            "“{}”有 {size_mb} MB，太大了：资料包最大 {limit_mb} MB。{UNCHANGED}",
            file_part(f)
        ),
        Error::Unreadable { file, why } => {
            let f = file_part(file);
            match why {
                Unreadable::NotText => format!(
                    "“{f}”不是文本文件，无法导入：只能导入 .txt（UTF-8、UTF-16 或 GB18030/GBK 编码）、.md 和 .docx 文件。{UNCHANGED}"
                ),
                Unreadable::NotDocx(_) => format!(
                    "“{f}”不是有效的 Word 文档（.docx），无法导入。旧的 .doc 文件请先在 Word 或 WPS 中另存为 .docx。{UNCHANGED}"
                ),
                Unreadable::Inflates { .. } => format!(
                    "“{f}”解压后过大，可能已损坏或不是正常的 Word 文档，没有导入。{UNCHANGED}"
                ),
                Unreadable::Damaged(_) => format!(
                    "“{f}”已损坏，无法读取。请在 Word 或 WPS 中打开它，另存一份后再导入。{UNCHANGED}"
                ),
            }
        }
        Error::BadPack { file, .. } => match file {
            Some(f) => format!("“{}”不是讲稿工坊的资料包，或已损坏。{UNCHANGED}", file_part(f)),
            None => format!("这不是讲稿工坊的资料包，或已损坏。{UNCHANGED}"),
        },
        Error::PackTooNew { .. } => {
            format!("这个资料包来自更新版本的讲稿工坊，请先升级本程序。{UNCHANGED}")
        }
        Error::InPack { phrase, index, source } => format!(
            "资料包里第 {index} 条{}有问题：{}",
            if *phrase { "金句" } else { "段落" },
            zh(source)
        ),
        Error::DamagedVersion { .. } => "这个版本已损坏，无法读取；讲稿没有改动。".into(),
        Error::NoNamedVersion { .. } => {
            "这篇讲稿还没有保存过版本，无法比较。请先“保存版本”，或选择要比较的版本。".into()
        }
        Error::VersionOfAnotherDraft { .. } => {
            "这个版本属于另一篇讲稿，不能用来标出本稿的修改。请从本稿的版本中选择；没有导出任何文件。"
                .into()
        }
        Error::ChangesNeedDocx => {
            "只有 Word 文档（.docx）能标出自某个版本以来的修改，Markdown、PDF、OFD 不能；没有导出任何文件。"
                .into()
        }
        Error::BadBackup { .. } => {
            "这个文件不是完整的讲稿工坊资料库备份，不能用来恢复；资料库没有改动。".into()
        }
        Error::NoBackupsInMemory => "临时资料库没有备份。".into(),
        Error::DocxTooLarge => "讲稿太大，无法存成 Word 文档。".into(),
        Error::LayoutFailed { format, why } => {
            format!("无法生成 {format} 文件（{why}），没有写入任何文件。")
        }
        Error::NoChineseFont => {
            "本机没有任何含中文字符的字体，无法排版。请先安装中文字体（如思源宋体）。"
                .into()
        }
        Error::NoCups => "本机没有安装打印系统（CUPS），无法打印。可以先导出 PDF，再用别的程序打印。".into(),
        Error::PrintUnsupported => {
            "这个系统上还不能直接打印。请先导出 PDF，再打开 PDF 打印。".into()
        }
        Error::NoPrinter { installed: 0 } => {
            "本机还没有添加打印机（或打印服务没有启动），没有打印。".into()
        }
        Error::NoPrinter { .. } => "本机没有默认打印机，请选择一台打印机。".into(),
        Error::NoSuchPrinter { name } => {
            format!("找不到打印机“{name}”，它可能已被删除。请重新选择打印机。")
        }
        Error::PrintTimedOut { secs, .. } => format!(
            "打印系统 {secs} 秒内没有回应，已停止等待，没有打印。请检查打印服务（CUPS）是否在运行。"
        ),
        // CUPS's own words (English): shown as they are, after what failed.
        Error::PrintFailed { message, .. } => {
            format!("打印机没有接受这份讲稿，打印系统报告：{message}")
        }
        Error::BadPageRange { text, pages, why } => format!(
            "页码范围“{text}”不对：{}。这份讲稿共 {pages} 页，页码写成 1-3,5 这样。没有打印。",
            range_zh(why)
        ),
        Error::BadCopies { max, .. } => format!("份数应在 1 到 {max} 之间。没有打印。"),
        Error::Usage(_) => "输入的内容无法接受，未作修改。".into(),
        Error::Syntax {
            line, column, file, ..
        } => format!("文件“{file}”第 {line} 行第 {column} 列有格式错误，未作修改。"),
        Error::Io { path, source } => {
            let file = file_part(&path.to_string_lossy());
            match source.kind() {
                std::io::ErrorKind::PermissionDenied => {
                    format!("没有权限读写“{file}”，请换一个位置。")
                }
                std::io::ErrorKind::NotFound => format!("找不到“{file}”。"),
                _ => format!("读写“{file}”时出错，请检查磁盘空间和位置后重试。"),
            }
        }
        Error::Db(_) | Error::Json(_) => {
            "资料库读写出错，这次修改没有保存。请重试；如果反复出现，请重新启动程序。".into()
        }
    }
}

fn range_zh(why: &RangeProblem) -> String {
    match why {
        RangeProblem::Unreadable => "只能写页码和页码范围".into(),
        RangeProblem::Zero => "页码从 1 开始".into(),
        RangeProblem::Backwards { from, to } => format!("{from}-{to} 前大后小"),
        RangeProblem::PastEnd { page } => format!("没有第 {page} 页"),
    }
}

/// A short heading for the kind of failure.
pub fn kind_zh(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::NotFound => "找不到",
        ErrorKind::BadInput => "无法完成",
        ErrorKind::Internal => "出错了",
    }
}

fn thing(what: Thing) -> &'static str {
    match what {
        Thing::Draft => "这篇讲稿",
        Thing::Item => "这一项",
        Thing::Block => "这个段落",
        Thing::Phrase => "这条金句",
        Thing::Template => "这个模板",
        Thing::Tag => "这个标签",
        Thing::Version => "这个版本",
        Thing::Backup => "这个备份文件",
        Thing::Rule => "这条本单位规则",
        Thing::Ignore => "这条“这里不改”",
        Thing::Meeting => "这个会议",
    }
}

/// A file's name without its folder.
fn file_part(name: &str) -> String {
    std::path::Path::new(name)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::NodeKind;

    #[test]
    fn no_english_reaches_the_writer() {
        let errors = [
            Error::not_found(Thing::Draft, 3),
            Error::EmptyText {
                what: crate::error::TextOf::Item,
            },
            Error::SlotMarkup {
                what: crate::error::TextOf::Item,
                line: 1,
                column: 4,
                message: "unclosed {{".into(),
            },
            Error::MoveIntoItself { node: 3 },
            Error::usage("something new and unexpected"),
            Error::Db(rusqlite::Error::InvalidQuery),
            Error::io("/tmp/x.docx", std::io::Error::other("boom")),
            Error::SchemaTooNew {
                found: 9,
                supported: 1,
            },
            Error::NotAHeading {
                node: 2,
                kind: NodeKind::Item,
            },
            Error::NotALibrary {
                path: "/x/contacts.db".into(),
                why: NotOurs::OtherTables(vec!["contacts".into()]),
            },
            Error::NotALibrary {
                path: "/x/a.db".into(),
                why: NotOurs::NotSqlite,
            },
            Error::NoSuchFolder {
                dir: "/资料/新建".into(),
            },
            Error::ReadOnlyLibrary {
                path: "/x/lib.sqlite3".into(),
            },
            Error::MigrationFailed {
                path: "/x/lib.sqlite3".into(),
                to: 2,
                why: "table search_map already exists".into(),
            },
            Error::OntoLibrary {
                path: "/x/lib.sqlite3".into(),
            },
            Error::not_found(Thing::Version, 4),
            Error::not_found(Thing::Backup, "x.sqlite3"),
            Error::EmptyText {
                what: crate::error::TextOf::VersionName,
            },
            Error::DamagedVersion { version: 4 },
            Error::NoNamedVersion { draft: 1 },
            Error::BadBackup {
                file: "x.sqlite3".into(),
                why: "damaged".into(),
            },
            Error::NoBackupsInMemory,
            Error::VersionOfAnotherDraft {
                version: 4,
                draft: 1,
                owner: 2,
            },
            Error::ChangesNeedDocx,
            Error::NoChineseFont,
            Error::MeetingNotEmpty {
                meeting: 1,
                drafts: 2,
            },
            Error::InAnotherMeeting {
                draft: 1,
                meeting: 2,
            },
            Error::NotInMeeting { draft: 3 },
            Error::EmptyText {
                what: crate::error::TextOf::MeetingName,
            },
            Error::not_found(Thing::Meeting, 5),
            Error::NoCups,
            Error::PrintTimedOut {
                program: "lp",
                secs: 60,
            },
            Error::PrintUnsupported,
            Error::NoPrinter { installed: 0 },
            Error::NoPrinter { installed: 2 },
            Error::BadCopies { copies: 0, max: 99 },
            Error::BadPageRange {
                text: "7".into(),
                pages: 4,
                why: RangeProblem::PastEnd { page: 7 },
            },
        ];
        for e in errors {
            let m = zh(&e);
            // Names the writer meets as they are: file formats and the print system.
            let rest = ["docx", "PDF", "CUPS"]
                .iter()
                .fold(m.clone(), |m, name| m.replace(name, ""));
            assert!(
                !rest.chars().any(|c| c.is_ascii_alphabetic()) || m.contains("docx"),
                "{m}"
            );
        }
    }

    /// The message comes from the variant: a tag that happens to hold "deep" or "level"
    /// is still a tag problem, not a heading-depth one.
    #[test]
    fn a_long_tag_with_deep_in_it_gets_the_tag_message() {
        let e = Error::TagTooLong {
            tag: "deep level tag ".repeat(4),
            limit: 40,
        };
        assert!(e.to_string().contains("deep"));
        let m = zh(&e);
        assert!(m.starts_with("标签太长"), "{m}");
        assert!(!m.contains("四级"), "{m}");
    }

    #[test]
    fn import_errors_name_the_file_in_chinese() {
        let file = |f: &str, why| Error::unreadable(f, why);
        let cases = [
            (
                Error::TooLarge {
                    file: Some("/home/w/旧稿/“十四五”讲话.txt".into()),
                    size_mb: 50,
                    limit_mb: 16,
                    pack: false,
                },
                "“十四五”讲话.txt”有 50 MB，太大了：一次最多导入 16 MB 的文件。",
            ),
            (
                file("图片 level tag.txt", Unreadable::NotText),
                "“图片 level tag.txt”不是文本文件",
            ),
            (
                file("a.docx", Unreadable::NotDocx("not a zip archive")),
                "“a.docx”不是有效的 Word 文档",
            ),
            (
                file(
                    "炸弹.docx",
                    Unreadable::Inflates {
                        mb: Some(900),
                        limit_mb: 32,
                    },
                ),
                "“炸弹.docx”解压后过大",
            ),
            (
                file("坏.docx", Unreadable::Damaged("unexpected end".into())),
                "“坏.docx”已损坏",
            ),
            (
                Error::TooLarge {
                    file: None,
                    size_mb: 17,
                    limit_mb: 16,
                    pack: false,
                },
                "粘贴的文字有 17 MB",
            ),
        ];
        for (e, want) in cases {
            let m = zh(&e);
            assert!(m.contains(want), "{e} → {m}");
            assert!(m.ends_with("段落库没有改动。"), "{m}");
        }
    }

    #[test]
    fn slot_value_messages_stay_as_they_are() {
        let e = Error::BadSlotValue {
            slot: "年份".into(),
            kind: crate::slot::SlotKind::Year,
            value: "abc".into(),
            expected: "四位年份，如 2026",
        };
        assert_eq!(zh(&e), "“年份”的值“abc”不对：应填四位年份，如 2026");
        let def = crate::slot::SlotDef {
            kind: crate::slot::SlotKind::List,
            ..crate::slot::SlotDef::plain("议程")
        };
        let e = crate::slot::validate(&def, "奏唱国歌\n请{{领导同志讲话").unwrap_err();
        assert_eq!(
            zh(&e),
            "“议程”第 2 项“请{{领导同志讲话”的占位项写法不对：占位项写成 {{名称}}，两边各两个花括号。未作修改。"
        );
        let e = crate::slot::validate(&def, "宣读{{议程}}").unwrap_err();
        assert_eq!(
            zh(&e),
            "“议程”第 1 项“宣读{{议程}}”用到了“议程”自己，无法填写。未作修改。"
        );
        let def = crate::slot::SlotDef {
            kind: crate::slot::SlotKind::Flag,
            ..crate::slot::SlotDef::plain("部署换届")
        };
        let e = crate::slot::validate(&def, "对").unwrap_err();
        assert_eq!(zh(&e), "“部署换届”的值“对”不对：应填“是”或“否”");
    }

    #[test]
    fn a_refused_pack_entry_says_which_and_why() {
        let e = Error::InPack {
            phrase: false,
            index: 2,
            source: Box::new(Error::EmptyTag),
        };
        assert!(e.to_string().starts_with("pack block 2: "), "{e}");
        assert_eq!(zh(&e), "资料包里第 2 条段落有问题：标签不能为空。");
    }
}
