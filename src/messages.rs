//! What the desktop tells the writer when something fails: a clear Chinese sentence for
//! every [`Error`], never Rust or SQL text. The core's own messages are English (the CLI
//! speaks English); the ones a writer can cause are recognised here and put in Chinese,
//! and anything else gets a plain sentence that says nothing was changed.

use crate::error::{Error, ErrorKind};

/// The message for the writer.
pub fn zh(e: &Error) -> String {
    match e {
        Error::NotFound(m) => not_found(m),
        Error::Invalid(m) => invalid(m),
        Error::Syntax {
            line, column, file, ..
        } => format!("文件“{file}”第 {line} 行第 {column} 列有格式错误，未作修改。"),
        Error::SchemaTooNew { .. } => {
            "这个资料库是用更新版本的讲稿工坊建立的，本程序无法打开；文件未作任何改动。".into()
        }
        Error::Io { path, source } => {
            let file = path
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            match source.kind() {
                std::io::ErrorKind::PermissionDenied => {
                    format!("没有权限读写“{file}”，请换一个位置。")
                }
                std::io::ErrorKind::NotFound => format!("找不到“{file}”。"),
                _ => format!("读写“{file}”时出错，请检查磁盘空间和位置后重试。"),
            }
        }
        Error::Db(_) => {
            "资料库读写出错，这次修改没有保存。请重试；如果反复出现，请重新启动程序。".into()
        }
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

fn not_found(m: &str) -> String {
    let what = if m.starts_with("no draft") {
        "这篇讲稿"
    } else if m.starts_with("no item") {
        "这一项"
    } else if m.starts_with("no block") {
        "这个段落"
    } else if m.starts_with("no phrase") {
        "这条金句"
    } else if m.starts_with("no template") {
        "这个模板"
    } else if m.starts_with("no tag") {
        "这个标签"
    } else {
        "要操作的内容"
    };
    format!("找不到{what}，它可能已被删除。")
}

/// The file name at the start of an import error (`name: why`), without its folder.
fn file_part(name: &str) -> String {
    std::path::Path::new(name)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string())
}

/// An error of `import::analyze` (the file name first, then why), recognised by its end so
/// that a file name cannot pass for another message.
fn import_error(m: &str) -> Option<String> {
    const UNCHANGED: &str = "段落库没有改动。";
    if m.ends_with(" MB is imported") {
        let (head, limit) = m.rsplit_once(" MB; at most ")?;
        let (name, size) = head.rsplit_once(" is ")?;
        let limit = limit.trim_end_matches(" MB is imported");
        if name == "the pasted text" {
            return Some(format!(
                "粘贴的文字有 {size} MB，太长了：一次最多导入 {limit} MB。{UNCHANGED}"
            ));
        }
        return Some(format!(
            "“{}”有 {size} MB，太大了：一次最多导入 {limit} MB 的文件。{UNCHANGED}",
            file_part(name)
        ));
    }
    if let Some(i) = m
        .rfind(": not a text file (")
        .filter(|_| m.ends_with(".md or .docx)"))
    {
        return Some(format!(
            "“{}”不是文本文件，无法导入：只能导入 .txt（UTF-8、UTF-16 或 GB18030/GBK 编码）、.md 和 .docx 文件。{UNCHANGED}",
            file_part(&m[..i])
        ));
    }
    if let Some(i) = m.rfind(": not a .docx file (").filter(|_| m.ends_with(')')) {
        return Some(format!(
            "“{}”不是有效的 Word 文档（.docx），无法导入。旧的 .doc 文件请先在 Word 或 WPS 中另存为 .docx。{UNCHANGED}",
            file_part(&m[..i])
        ));
    }
    if let Some(i) = m
        .rfind(": the document inflates to ")
        .filter(|_| m.ends_with("(a zip bomb?)"))
    {
        return Some(format!(
            "“{}”解压后过大，可能已损坏或不是正常的 Word 文档，没有导入。{UNCHANGED}",
            file_part(&m[..i])
        ));
    }
    let damaged = [
        (": the .docx is damaged (", ")"),
        (": word/document.xml is not UTF-8 XML", "XML"),
        (
            ": word/document.xml is not valid XML (",
            "the file is damaged",
        ),
        (": not a Word document (no body)", "(no body)"),
    ];
    for (marker, end) in damaged {
        if let Some(i) = m.find(marker).filter(|_| m.ends_with(end)) {
            return Some(format!(
                "“{}”已损坏，无法读取。请在 Word 或 WPS 中打开它，另存一份后再导入。{UNCHANGED}",
                file_part(&m[..i])
            ));
        }
    }
    None
}

fn invalid(m: &str) -> String {
    // Import errors start with a file name, which may hold anything: recognised first.
    if let Some(zh) = import_error(m) {
        return zh;
    }
    // Slot values are checked with Chinese messages already.
    if m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && m.contains('“') {
        return m.to_string();
    }
    if m.contains("text is empty") {
        return "内容不能为空。".into();
    }
    if let Some(rest) = m
        .split("characters; at most")
        .next()
        .filter(|_| m.contains("at most"))
    {
        let n: String = rest.chars().filter(char::is_ascii_digit).collect();
        return format!("文字太长（{n} 字），一次最多 200000 字。");
    }
    if m.contains(", line ") && m.contains("column") {
        let pos: Vec<&str> = m
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .collect();
        if let [line, col, ..] = pos.as_slice() {
            return format!(
                "第 {line} 行第 {col} 列的占位项写法不对：占位项写成 {{{{名称}}}}，两边各两个花括号。"
            );
        }
        return "占位项写法不对：占位项写成 {{名称}}，两边各两个花括号。".into();
    }
    if m.contains("next to or under itself") {
        return "不能把一项移到它自己的下面。".into();
    }
    if m.contains("has items under it") {
        return "这个标题下还有内容，请先移走或删除下面的内容。".into();
    }
    if m.contains("only items have a lead") {
        return "只有条目才有“一是、二是”这样的引导语。".into();
    }
    if m.contains("level") || m.contains("deep") {
        return "标题最多四级（一、（一）1.（1）），不能再往下放。".into();
    }
    if m.contains("is not a slot name") {
        return "占位项名称不对。".into();
    }
    if m.contains("not a Jianggao library") || m.contains("cannot open the library") {
        return "这个文件不是讲稿工坊的资料库，无法打开。".into();
    }
    if m.contains("home directory") {
        return "找不到存放资料库的目录，请在设置中选择资料库位置。".into();
    }
    if m.contains("unknown speech type") {
        return "没有这种讲话类型。".into();
    }
    if m.contains("tag") {
        return "标签不对：标签不能为空，最长 40 个字。".into();
    }
    "输入的内容无法接受，未作修改。".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_english_reaches_the_writer() {
        let errors = [
            Error::not_found("no draft 3"),
            Error::invalid("the item text is empty"),
            Error::invalid("item text, line 1, column 4: unclosed {{"),
            Error::invalid("cannot move item 3 next to or under itself"),
            Error::invalid("something new and unexpected"),
            Error::Db(rusqlite::Error::InvalidQuery),
            Error::io("/tmp/x.docx", std::io::Error::other("boom")),
            Error::SchemaTooNew {
                found: 9,
                supported: 1,
            },
        ];
        for e in errors {
            let m = zh(&e);
            assert!(
                !m.chars().any(|c| c.is_ascii_alphabetic()) || m.contains("docx"),
                "{m}"
            );
        }
    }

    #[test]
    fn import_errors_name_the_file_in_chinese() {
        let cases = [
            (
                "/home/w/旧稿/“十四五”讲话.txt is 50 MB; at most 16 MB is imported",
                "“十四五”讲话.txt”有 50 MB，太大了：一次最多导入 16 MB 的文件。",
            ),
            (
                "图片 level tag.txt: not a text file (expected UTF-8, UTF-16 with BOM, or GB18030/GBK text, .md or .docx)",
                "“图片 level tag.txt”不是文本文件",
            ),
            ("a.docx: not a .docx file (not a zip archive)", "“a.docx”不是有效的 Word 文档"),
            (
                "炸弹.docx: the document inflates to 900 MB; at most 64 MB is read (a zip bomb?)",
                "“炸弹.docx”解压后过大",
            ),
            (
                "坏.docx: word/document.xml is not valid XML (unexpected end at 1:5); the file is damaged",
                "“坏.docx”已损坏",
            ),
            ("坏.docx: the .docx is damaged (invalid Zip archive)", "“坏.docx”已损坏"),
            ("坏.docx: not a Word document (no body)", "“坏.docx”已损坏"),
            (
                "the pasted text is 17 MB; at most 16 MB is imported",
                "粘贴的文字有 17 MB",
            ),
        ];
        for (english, want) in cases {
            let m = zh(&Error::invalid(english));
            assert!(m.contains(want), "{english} → {m}");
            assert!(m.ends_with("段落库没有改动。"), "{m}");
        }
    }

    #[test]
    fn slot_value_messages_stay_as_they_are() {
        let m = "“年份”的值“abc”不对：应填四位年份，如 2026";
        assert_eq!(zh(&Error::invalid(m)), m);
    }
}
