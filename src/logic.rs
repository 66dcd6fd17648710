//! Template logic, run by Tera at every render: `{% if 名称 %}…{% endif %}` (a part shown
//! when a slot is filled or a flag is 是), `{% for 名 in 名单 %}…{{名}}…{% endfor %}` (a
//! part repeated over a list slot's entries), and `{{议程|主持词}}` (the host script made
//! from an agenda, [`crate::agenda`]).
//!
//! The writer's `{{名称}}` stays our slot: Tera's own variable delimiters are set to two
//! control characters nobody can type, and only this translation writes them. Tera's
//! identifiers are ASCII, so the Chinese names inside `{% … %}` are mapped to `z0`, `z1` …
//! and back. A loop variable prints as a reference to its list entry (`{{名单#2}}`), which
//! render fills like any slot value: an entry is never read as markup.
//!
//! Logic runs at render time, not when the draft is made: a list edited or a flag switched
//! later changes the speech at once, and moving an agenda entry renumbers the script.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::draft::Draft;
use crate::slot::{self, SlotKind};

/// Tera's variable delimiters: written only by [`translate`] (control characters are
/// removed from the writer's text first), so they can never clash with `{{名称}}`.
const VAR_START: &str = "\u{2}\u{2}";
const VAR_END: &str = "\u{3}\u{3}";

/// What is wrong with a template's logic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// `{% if %}` or `{% for %}` never closed.
    Unclosed { tag: String },
    /// `{% endif %}`, `{% else %}` … without the tag it belongs to.
    NotOpen { tag: String },
    /// A word Tera has but templates do not use (or a typo): `{% iff %}`.
    UnknownTag { word: String },
    /// `{% for 名 in 名单 %}` written otherwise.
    BadFor,
    /// `{%` without `%}`, or `{#` without `#}`.
    NoEnd,
    /// Tera could not read the expression in this tag.
    Expression { tag: String },
}

/// The Chinese sentence for a problem (the faces add the file and place).
pub fn problem_zh(p: &Problem) -> String {
    match p {
        Problem::Unclosed { tag } => {
            format!("“{{% {tag} %}}”没有结束，请在这部分末尾加上“{{% end{tag} %}}”。")
        }
        Problem::NotOpen { tag } => {
            format!("“{{% {tag} %}}”前面缺少对应的“{{% if %}}”或“{{% for %}}”。")
        }
        Problem::UnknownTag { word } => {
            format!("不认识“{{% {word} %}}”：模板里只能用 if、elif、else、endif、for、endfor。")
        }
        Problem::BadFor => "重复的写法是“{% for 名 in 名单 %}……{% endfor %}”。".into(),
        Problem::NoEnd => "“{%”或“{#”没有对应的“%}”或“#}”。".into(),
        Problem::Expression { tag } => format!("“{{%{tag}%}}”里的条件看不懂，请检查名称和写法。"),
    }
}

/// A problem at a byte of the text it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogicError {
    pub byte: usize,
    pub problem: Problem,
}

/// Does this text hold logic (and so stays one piece in a draft, worked out at render)?
pub fn is_logic(text: &str) -> bool {
    has_tags(text) || script_slot(text).is_some()
}

/// Whether the text holds template tags (`{% %}`, `{# #}`), which a writer reads as code
/// rather than speech: the editor folds such an item and shows what it prints.
pub fn has_tags(text: &str) -> bool {
    text.contains("{%") || text.contains("{#")
}

/// The list slot of a `{{名单|主持词}}` in the text.
fn script_slot(text: &str) -> Option<slot::SlotRef> {
    if !text.contains("主持词") {
        return None;
    }
    slot::pieces(text).into_iter().find_map(|p| match p {
        slot::Piece::Slot(s) if s.filters.contains(&slot::Filter::Script) => Some(s),
        _ => None,
    })
}

/// A text translated for Tera.
#[derive(Debug, Clone)]
struct Translation {
    code: String,
    /// Slot names used in tags: `z{i}` is `names[i]`.
    names: Vec<String>,
    /// Names bound by `{% for %}` (not slots).
    loop_vars: Vec<String>,
    /// (byte in `code`, byte in the text) where each tag starts, to place Tera's errors.
    anchors: Vec<(usize, usize)>,
}

struct Open {
    tag: &'static str,
    at: usize,
    /// For a loop: (variable, list).
    binds: Option<(String, String)>,
}

fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// A tag's inside with every non-ASCII name replaced by its `z{i}`; quoted strings kept.
fn map_names(inner: &str, names: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '"' || c == '\'' {
            out.push(c);
            for (_, d) in chars.by_ref() {
                out.push(d);
                if d == c {
                    break;
                }
            }
        } else if is_ident_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !is_ident_char(d) {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            let word = &inner[i..end];
            if word.is_ascii() {
                out.push_str(word);
            } else {
                let k = names.iter().position(|n| n == word).unwrap_or_else(|| {
                    names.push(word.to_string());
                    names.len() - 1
                });
                out.push_str(&format!("z{k}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn ident(names: &mut Vec<String>, name: &str) -> String {
    map_names(name, names)
}

/// One `{% … %}` tag: checks its place in the nesting and writes it translated.
fn tag(
    inner: &str,
    at: usize,
    stack: &mut Vec<Open>,
    t: &mut Translation,
) -> Result<(), LogicError> {
    let err = |problem| Err(LogicError { byte: at, problem });
    let words: Vec<&str> = inner.trim_matches('-').split_whitespace().collect();
    let first = words.first().copied().unwrap_or("");
    match first {
        "if" => stack.push(Open {
            tag: "if",
            at,
            binds: None,
        }),
        "elif" | "else" if stack.last().is_some_and(|o| o.tag == "if") => {}
        "endif" | "endfor" => {
            let want = &first[3..];
            match stack.pop() {
                Some(o) if o.tag == want => {}
                _ => return err(Problem::NotOpen { tag: first.into() }),
            }
        }
        "elif" | "else" => return err(Problem::NotOpen { tag: first.into() }),
        "for" => match words.as_slice() {
            [_, var, "in", list] if var.chars().all(is_ident_char) => {
                t.loop_vars.push(var.to_string());
                stack.push(Open {
                    tag: "for",
                    at,
                    binds: Some((var.to_string(), list.to_string())),
                });
            }
            _ => return err(Problem::BadFor),
        },
        word => {
            return err(Problem::UnknownTag {
                word: word.to_string(),
            })
        }
    }
    t.anchors.push((t.code.len(), at));
    t.code.push_str("{%");
    t.code.push_str(&map_names(inner, &mut t.names));
    t.code.push_str("%}");
    Ok(())
}

/// The writer's text → Tera source. Tags are checked here first, so most mistakes get a
/// precise Chinese message before Tera sees them.
fn translate(text: &str) -> Result<Translation, LogicError> {
    let mut t = Translation {
        code: String::with_capacity(text.len() + 32),
        names: Vec::new(),
        loop_vars: Vec::new(),
        anchors: Vec::new(),
    };
    let mut stack: Vec<Open> = Vec::new();
    let mut pos = 0;
    // Once no `}}` follows, none follows later: text of many unclosed `{{` stays linear.
    let mut no_slot_close = false;
    let literal = |t: &mut Translation, s: &str| {
        t.code
            .extend(s.chars().filter(|c| !matches!(c, '\u{2}' | '\u{3}')));
    };
    while let Some(found) = text[pos..].find('{') {
        let at = pos + found;
        let rest = &text[at..];
        let (close, skip) = if rest.starts_with("{%") {
            ("%}", 2)
        } else if rest.starts_with("{#") {
            ("#}", 2)
        } else if rest.starts_with("{{") {
            ("}}", 2)
        } else {
            literal(&mut t, &text[pos..at + 1]);
            pos = at + 1;
            continue;
        };
        literal(&mut t, &text[pos..at]);
        let found = if close == "}}" && no_slot_close {
            None
        } else {
            rest[skip..].find(close)
        };
        let Some(len) = found else {
            if close == "}}" {
                no_slot_close = true;
                // Not a slot: left to the slot check, literal here.
                literal(&mut t, "{{");
                pos = at + 2;
                continue;
            }
            return Err(LogicError {
                byte: at,
                problem: Problem::NoEnd,
            });
        };
        let inner = &rest[skip..skip + len];
        match close {
            "%}" => tag(inner, at, &mut stack, &mut t)?,
            "#}" => {} // a comment for whoever edits the template
            _ => slot_ref(inner, &stack, &mut t),
        }
        pos = at + skip + len + 2;
    }
    literal(&mut t, &text[pos..]);
    if let Some(open) = stack.pop() {
        return Err(LogicError {
            byte: open.at,
            problem: Problem::Unclosed {
                tag: open.tag.into(),
            },
        });
    }
    Ok(t)
}

/// `{{名|filters}}`: a loop variable becomes a reference to its list entry, filled by
/// render; any other slot stays as written.
fn slot_ref(inner: &str, stack: &[Open], t: &mut Translation) {
    let name = inner.split('|').next().unwrap_or("").trim();
    let bound = stack
        .iter()
        .rev()
        .find_map(|o| o.binds.as_ref().filter(|(var, _)| var == name));
    match bound {
        Some((var, list)) => {
            let filters = &inner[inner.find('|').unwrap_or(inner.len())..];
            let var = ident(&mut t.names, var);
            t.code.push_str(&format!(
                "{{{{{list}#{VAR_START} {var} {VAR_END}{filters}}}}}"
            ));
        }
        None => {
            t.code.push_str("{{");
            t.code.push_str(inner);
            t.code.push_str("}}");
        }
    }
}

fn engine() -> tera::Tera {
    let mut tera = tera::Tera::default();
    // Our delimiters are valid by construction (two bytes, distinct); a refusal would
    // only leave Tera's defaults, which the translation never relies on for slots.
    let _ = tera.set_delimiters(tera::Delimiters {
        variable_start: VAR_START.into(),
        variable_end: VAR_END.into(),
        ..tera::Delimiters::default()
    });
    tera
}

/// Compiled templates by their Tera source, per thread (render is called for every
/// keystroke's preview; compiling is the costly part).
struct Cache {
    tera: tera::Tera,
    by_code: HashMap<String, String>,
}

thread_local! {
    static CACHE: RefCell<Option<Cache>> = const { RefCell::new(None) };
}

/// The Tera source compiled under a name, or the place and problem Tera found.
fn compiled(t: &Translation, cache: &mut Cache) -> Result<String, LogicError> {
    if let Some(name) = cache.by_code.get(&t.code) {
        return Ok(name.clone());
    }
    if cache.by_code.len() >= 512 {
        *cache = Cache {
            tera: engine(),
            by_code: HashMap::new(),
        };
    }
    let name = format!("t{}", cache.by_code.len());
    if let Err(e) = cache.tera.add_raw_template(&name, &t.code) {
        let at = match e.kind() {
            tera::ErrorKind::SyntaxError(report) => report.span().range.start,
            _ => 0,
        };
        // The tag the error falls in.
        let (code_at, byte) = t
            .anchors
            .iter()
            .rev()
            .find(|(c, _)| *c <= at)
            .copied()
            .unwrap_or((0, 0));
        let tag = t.code[code_at..]
            .split("%}")
            .next()
            .unwrap_or("")
            .trim_start_matches("{%");
        let tag = translate_back(tag, &t.names);
        return Err(LogicError {
            byte,
            problem: Problem::Expression { tag },
        });
    }
    cache.by_code.insert(t.code.clone(), name.clone());
    Ok(name)
}

fn translate_back(code: &str, names: &[String]) -> String {
    let mut out = code.to_string();
    // Longest index first, so z1 does not eat the start of z12.
    for (i, n) in names.iter().enumerate().rev() {
        out = out.replace(&format!("z{i}"), n);
    }
    out
}

fn with_cache<R>(f: impl FnOnce(&mut Cache) -> R) -> R {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        let cache = c.get_or_insert_with(|| Cache {
            tera: engine(),
            by_code: HashMap::new(),
        });
        f(cache)
    })
}

/// Checks a template's logic as the template is read: the tags, their nesting and
/// what Tera makes of each expression.
pub fn check(text: &str) -> Result<(), LogicError> {
    if !is_logic(text) {
        return Ok(());
    }
    let t = translate(text)?;
    with_cache(|cache| compiled(&t, cache)).map(|_| ())
}

/// The slot names any stored text uses, in order: a logic text's names in its tags and its
/// slots outside loops (a loop variable is not a slot), else [`slot::names_in`].
pub fn slots_in(text: &str, into: &mut Vec<String>) {
    if is_logic(text) {
        names_in(text, into);
    } else {
        slot::names_in(text, into);
    }
}

/// The slot names a logic text uses (tags, slots outside loops, the agenda), in order.
pub fn names_in(text: &str, into: &mut Vec<String>) {
    let Ok(t) = translate(text) else {
        slot::names_in(text, into);
        return;
    };
    let mut found: Vec<String> = t
        .names
        .iter()
        .filter(|n| !t.loop_vars.contains(n))
        .cloned()
        .collect();
    for piece in slot::pieces(text) {
        if let slot::Piece::Slot(s) = piece {
            if !t.loop_vars.contains(&s.name) {
                found.push(s.name);
            }
        }
    }
    for name in found {
        if !into.contains(&name) {
            into.push(name);
        }
    }
}

/// A value as Tera sees it: a list is its entries' numbers (a loop prints references to
/// them), a flag true or false, anything else its text (empty when not filled, false).
fn value(draft: &Draft, name: &str) -> tera::Value {
    let v = draft.values.get(name).map_or("", |v| v.trim());
    match draft.slot_def(name).kind {
        SlotKind::List => {
            let n = slot::list_entries(v).count();
            tera::Value::from((1..=n).map(|k| k.to_string()).collect::<Vec<_>>())
        }
        SlotKind::Flag => tera::Value::from(slot::flag_value(v) == Some(true)),
        _ => tera::Value::from(v),
    }
}

/// The host script put in place of `{{议程|主持词}}`.
fn with_script(text: &str, draft: &Draft) -> String {
    let Some(s) = script_slot(text) else {
        return text.to_string();
    };
    let value = draft.values.get(&s.name).map_or("", String::as_str);
    let entries: Vec<&str> = slot::list_entries(value).collect();
    let script = crate::agenda::script(&s.name, &entries);
    // No entries yet: the slot shows as unfilled, as any empty slot does.
    let script = if script.is_empty() {
        format!("{{{{{}}}}}", s.name)
    } else {
        script
    };
    format!("{}{script}{}", &text[..s.range.start], &text[s.range.end..])
}

/// The outline markup a logic text gives with the draft's values now; None when the
/// logic is broken (render then shows the text as stored, and the check reports it).
pub fn expand(text: &str, draft: &Draft) -> Option<String> {
    let text = with_script(text, draft);
    if !text.contains("{%") && !text.contains("{#") {
        return Some(text);
    }
    let t = translate(&text).ok()?;
    let mut ctx = tera::Context::new();
    for (i, name) in t.names.iter().enumerate() {
        if !t.loop_vars.contains(name) {
            ctx.insert(format!("z{i}"), &value(draft, name));
        }
    }
    with_cache(|cache| {
        let name = compiled(&t, cache).ok()?;
        cache.tera.render(&name, &ctx).ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn draft(values: &[(&str, &str)], defs: &[(&str, SlotKind)]) -> Draft {
        Draft {
            id: 1,
            title: String::new(),
            template_id: None,
            speech_type: "host".into(),
            meeting: None,
            shared: vec![],
            speaker: None,
            date: None,
            greeting: None,
            slot_defs: defs
                .iter()
                .map(|(n, k)| slot::SlotDef {
                    kind: *k,
                    ..slot::SlotDef::plain(n)
                })
                .collect(),
            values: values
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
            nodes: vec![],
            created_at: 0,
            updated_at: 0,
        }
    }

    #[test]
    fn conditions_loops_and_chinese_names() {
        let text = "{% if 有表彰 %}表彰{{单位}}。{% else %}不表彰。{% endif %}\n\n{% for 集体 in 先进集体名单 %}- {{集体}}\n{% endfor %}";
        let defs = [("有表彰", SlotKind::Flag), ("先进集体名单", SlotKind::List)];
        let d = draft(&[("有表彰", "是"), ("先进集体名单", "甲\n乙")], &defs);
        assert_eq!(
            expand(text, &d).unwrap(),
            "表彰{{单位}}。\n\n- {{先进集体名单#1}}\n- {{先进集体名单#2}}\n"
        );
        let d = draft(&[("有表彰", "否")], &defs);
        assert_eq!(expand(text, &d).unwrap(), "不表彰。\n\n");
        // A text slot is true when filled.
        let d = draft(&[("单位", "市总工会")], &[]);
        assert_eq!(expand("{% if 单位 %}有{% endif %}", &d).unwrap(), "有");
        let d = draft(&[], &[]);
        assert_eq!(expand("{% if 单位 %}有{% endif %}", &d).unwrap(), "");
    }

    #[test]
    fn writers_text_cannot_reach_tera() {
        // Braces, stars, underscores and control characters in plain text stay text.
        let d = draft(&[], &[]);
        let text = "{% if 甲 %}{% endif %}{{a_b|中文}} *x* {单} \u{2}\u{2}z0\u{3}\u{3}";
        assert_eq!(expand(text, &d).unwrap(), "{{a_b|中文}} *x* {单} z0");
    }

    #[test]
    fn mistakes_are_placed_and_named() {
        let e = check("开头\n{% if 甲 %}没有结束").unwrap_err();
        assert_eq!(e.byte, 7);
        assert_eq!(e.problem, Problem::Unclosed { tag: "if".into() });
        let e = check("{% endfor %}").unwrap_err();
        assert_eq!(
            e.problem,
            Problem::NotOpen {
                tag: "endfor".into()
            }
        );
        let e = check("甲{% iff 甲 %}{% endif %}").unwrap_err();
        assert_eq!(e.byte, 3);
        assert!(matches!(e.problem, Problem::UnknownTag { .. }));
        assert_eq!(
            check("{% for 甲 %}{% endfor %}").unwrap_err().problem,
            Problem::BadFor
        );
        assert_eq!(check("{% if 甲 ").unwrap_err().problem, Problem::NoEnd);
        let e = check("乙{% if 甲 == %}{% endif %}").unwrap_err();
        assert_eq!(e.byte, 3);
        assert_eq!(
            e.problem,
            Problem::Expression {
                tag: " if 甲 == ".into()
            }
        );
        assert!(!problem_zh(&e.problem).contains("z0"));
    }

    #[test]
    fn many_unclosed_slots_translate_in_linear_time() {
        let text = format!("{{% if 甲 %}}{}{{% endif %}}", "{{".repeat(100_000));
        let t = translate(&text).unwrap();
        assert_eq!(t.code.len(), text.len() - "甲".len() + "z0".len());
    }

    #[test]
    fn names_leave_loop_variables_out() {
        let mut names = Vec::new();
        names_in(
            "{% if 有表彰 %}{% for 集体 in 名单 %}{{集体}}{{单位}}{% endfor %}{% endif %}",
            &mut names,
        );
        assert_eq!(names, ["有表彰", "名单", "单位"]);
        let mut names = Vec::new();
        names_in("{{议程|主持词}}", &mut names);
        assert_eq!(names, ["议程"]);
    }
}
