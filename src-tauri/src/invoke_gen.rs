//! Writes `ui/src/commands.ts`, the typed wrappers the web view calls the commands with,
//! from the `#[tauri::command]` functions themselves: every `src/**/*.rs` file is parsed
//! with `syn`, and each command's name, parameters and return type become one entry of
//! `makeApi`. Kept by hand, that list drifted from the Rust signatures; generated, a
//! renamed parameter or changed type reaches TypeScript (and `vue-tsc`) at once.
//!
//! Test-only (syn is a dev-dependency): the test fails when the file is stale, and
//! `UPDATE_BINDINGS=1 cargo test -p jianggao-desktop bindings` rewrites it together with
//! `ui/src/bindings.ts`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use syn::{FnArg, GenericArgument, Item, PathArguments, ReturnType, Type};

/// Parameters Tauri fills itself; the web view never passes them.
const INJECTED: &[&str] = &["State", "AppHandle", "Window", "WebviewWindow", "Webview"];

/// One command as the web view sees it.
#[derive(Debug, PartialEq)]
pub struct Command {
    /// The Rust function name, which is the name `invoke` takes.
    pub name: String,
    /// (key as sent, TypeScript type); keys camelCase unless the command says otherwise.
    pub params: Vec<(String, String)>,
    pub ret: String,
}

/// `fix_findings` → `fixFindings`: Tauri's default renaming of argument keys, and the
/// names the UI has always called the wrappers by.
pub fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.trim_start_matches("r#").chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last(),
        _ => None,
    }
}

/// The type arguments of `Name<A, B>`.
fn type_args(seg: &syn::PathSegment) -> Vec<&Type> {
    match &seg.arguments {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| match g {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The TypeScript for a Rust type crossing the bridge (serde's JSON shapes). Named types
/// are the ts-rs types of bindings.ts and keep their names; `named` collects them.
pub fn ts_type(ty: &Type, named: &mut BTreeSet<String>) -> String {
    match ty {
        Type::Reference(r) => ts_type(&r.elem, named),
        Type::Paren(p) => ts_type(&p.elem, named),
        Type::Group(g) => ts_type(&g.elem, named),
        Type::Tuple(t) if t.elems.is_empty() => "null".into(),
        Type::Tuple(t) => {
            let parts: Vec<String> = t.elems.iter().map(|e| ts_type(e, named)).collect();
            format!("[{}]", parts.join(", "))
        }
        Type::Slice(s) => array(ts_type(&s.elem, named)),
        Type::Array(a) => array(ts_type(&a.elem, named)),
        _ => {
            let Some(seg) = last_segment(ty) else {
                return "unknown".into();
            };
            let args = type_args(seg);
            let name = seg.ident.to_string();
            match (name.as_str(), args.as_slice()) {
                (
                    "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64"
                    | "u128" | "usize" | "f32" | "f64",
                    [],
                ) => "number".into(),
                ("String" | "str" | "char" | "PathBuf" | "Path", []) => "string".into(),
                ("bool", []) => "boolean".into(),
                ("Option", [t]) => format!("{} | null", ts_type(t, named)),
                ("Vec" | "VecDeque" | "BTreeSet" | "HashSet", [t]) => array(ts_type(t, named)),
                ("Box" | "Arc" | "Rc", [t]) => ts_type(t, named),
                ("HashMap" | "BTreeMap", [k, v]) => {
                    format!("Record<{}, {}>", ts_type(k, named), ts_type(v, named))
                }
                (_, []) => {
                    named.insert(name.clone());
                    name
                }
                _ => "unknown".into(),
            }
        }
    }
}

/// `T[]`, with parentheses when T is a union (`(string | null)[]`).
fn array(elem: String) -> String {
    if elem.contains(" | ") {
        format!("({elem})[]")
    } else {
        format!("{elem}[]")
    }
}

/// What the promise resolves to: the `Ok` of `Res<T>` / `Result<T, E>` (the error is
/// the rejection), else the type itself.
fn ret_type(ret: &ReturnType, named: &mut BTreeSet<String>) -> String {
    let ReturnType::Type(_, ty) = ret else {
        return "null".into();
    };
    if let Some(seg) = last_segment(ty) {
        if matches!(seg.ident.to_string().as_str(), "Res" | "Result") {
            if let Some(ok) = type_args(seg).first() {
                return ts_type(ok, named);
            }
        }
    }
    ts_type(ty, named)
}

/// `Some(keep_snake)` for a `#[tauri::command]` or `#[tauri::command(async)]` attribute:
/// true when it says `rename_all = "snake_case"` (keys then keep their Rust names).
fn command_attr(attrs: &[syn::Attribute]) -> Option<bool> {
    let attr = attrs.iter().find(|a| {
        let segs: Vec<String> = a
            .path()
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        segs == ["tauri", "command"] || segs == ["command"]
    })?;
    let args = match &attr.meta {
        syn::Meta::List(l) => l.tokens.to_string(),
        _ => String::new(),
    };
    Some(args.contains("rename_all") && args.contains("\"snake_case\""))
}

fn collect(items: &[Item], named: &mut BTreeSet<String>, out: &mut Vec<Command>) {
    for item in items {
        match item {
            Item::Fn(f) => {
                let Some(keep_snake) = command_attr(&f.attrs) else {
                    continue;
                };
                let mut params = Vec::new();
                for input in &f.sig.inputs {
                    let FnArg::Typed(pt) = input else { continue };
                    let injected = last_segment(&pt.ty)
                        .is_some_and(|s| INJECTED.contains(&s.ident.to_string().as_str()));
                    if injected {
                        continue;
                    }
                    let syn::Pat::Ident(id) = &*pt.pat else {
                        continue;
                    };
                    let rust = id.ident.to_string();
                    let key = if keep_snake { rust } else { camel(&rust) };
                    params.push((key, ts_type(&pt.ty, named)));
                }
                out.push(Command {
                    name: f.sig.ident.to_string().trim_start_matches("r#").to_string(),
                    params,
                    ret: ret_type(&f.sig.output, named),
                });
            }
            // Inline modules (`mod x { … }`), but not `#[cfg(test)] mod tests`.
            Item::Mod(m) if !m.attrs.iter().any(|a| a.path().is_ident("cfg")) => {
                if let Some((_, inner)) = &m.content {
                    collect(inner, named, out);
                }
            }
            _ => {}
        }
    }
}

/// The commands of one Rust source text, in source order.
pub fn commands_in(src: &str, named: &mut BTreeSet<String>) -> syn::Result<Vec<Command>> {
    let file = syn::parse_file(src)?;
    let mut out = Vec::new();
    collect(&file.items, named, &mut out);
    Ok(out)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// One entry of `makeApi`.
pub fn entry(c: &Command) -> String {
    let params: Vec<String> = c
        .params
        .iter()
        .map(|(k, t)| format!("{}: {t}", camel(k)))
        .collect();
    let args = if c.params.is_empty() {
        String::new()
    } else {
        let keys: Vec<String> = c
            .params
            .iter()
            .map(|(k, _)| {
                if camel(k) == *k {
                    k.clone()
                } else {
                    format!("{k}: {}", camel(k))
                }
            })
            .collect();
        format!(", {{ {} }}", keys.join(", "))
    };
    format!(
        "    {}: ({}) => call<{}>('{}'{}),\n",
        camel(&c.name),
        params.join(", "),
        c.ret,
        c.name,
        args
    )
}

/// The whole of `ui/src/commands.ts` for the commands under `src_dir`, files in path
/// order (so the output does not depend on the file system's listing order).
pub fn commands_ts(src_dir: &Path) -> String {
    let mut files = Vec::new();
    rust_files(src_dir, &mut files);
    files.sort();
    let mut named = BTreeSet::new();
    let mut body = String::new();
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap_or_default();
        let rel = f.strip_prefix(src_dir).unwrap_or(f).display().to_string();
        let cmds =
            commands_in(&src, &mut named).unwrap_or_else(|e| panic!("{rel} does not parse: {e}"));
        if cmds.is_empty() {
            continue;
        }
        if !body.is_empty() {
            body.push('\n');
        }
        body.push_str(&format!(
            "    // src-tauri/src/{}\n",
            rel.replace('\\', "/")
        ));
        for c in &cmds {
            body.push_str(&entry(c));
        }
    }
    // The type imports, wrapped as a formatter would.
    let mut imports = String::new();
    let mut line = String::new();
    for n in named {
        if !line.is_empty() && line.len() + n.len() + 2 > 88 {
            imports.push_str(&format!("  {}\n", line.trim_end()));
            line.clear();
        }
        line.push_str(&n);
        line.push_str(", ");
    }
    imports.push_str(&format!("  {}\n", line.trim_end()));
    format!(
        "// Generated from the #[tauri::command] functions in src-tauri/src by \
         src-tauri/src/invoke_gen.rs.\n\
         // Do not edit: run `UPDATE_BINDINGS=1 cargo test -p jianggao-desktop bindings` after \
         changing a command.\n\
         import type {{\n{}}} from './bindings'\n\n\
         /** The primitive every wrapper calls (api.ts: Tauri's invoke, or a test's fake). */\n\
         export type Call = <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>\n\n\
         /** One typed wrapper per command; argument keys as Tauri expects them (camelCase). */\n\
         export function makeApi(call: Call) {{\n  return {{\n{}  }}\n}}\n",
        imports, body
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(s: &str) -> String {
        ts_type(&syn::parse_str::<Type>(s).unwrap(), &mut BTreeSet::new())
    }

    #[test]
    fn rust_types_map_to_typescript() {
        assert_eq!(ty("i64"), "number");
        assert_eq!(ty("u32"), "number");
        assert_eq!(ty("f64"), "number");
        assert_eq!(ty("String"), "string");
        assert_eq!(ty("&str"), "string");
        assert_eq!(ty("bool"), "boolean");
        assert_eq!(ty("Option<String>"), "string | null");
        assert_eq!(ty("Vec<SlotValue>"), "SlotValue[]");
        assert_eq!(ty("Vec<Option<i64>>"), "(number | null)[]");
        assert_eq!(ty("(EditorState, Vec<f64>)"), "[EditorState, number[]]");
        assert_eq!(ty("()"), "null");
        assert_eq!(ty("crate::dto::BlockView"), "BlockView");
        let mut named = BTreeSet::new();
        ts_type(
            &syn::parse_str::<Type>("Option<Vec<TagView>>").unwrap(),
            &mut named,
        );
        assert_eq!(named.into_iter().collect::<Vec<_>>(), ["TagView"]);
    }

    #[test]
    fn commands_are_read_from_their_signatures() {
        let src = r#"
            #[tauri::command]
            pub fn search_blocks(state: State<'_, AppState>, query: String,
                speech_type: Option<String>, limit: u32) -> Res<Vec<BlockView>> { todo!() }
            #[tauri::command(async)]
            pub async fn export_draft(app: AppHandle, state: tauri::State<'_, AppState>,
                id: i64) -> Result<Option<ExportResult>, UiError> { todo!() }
            #[tauri::command(rename_all = "snake_case")]
            fn plain(speech_type: bool) {}
            pub fn not_a_command(x: i64) -> i64 { x }
        "#;
        let mut named = BTreeSet::new();
        let cmds = commands_in(src, &mut named).unwrap();
        assert_eq!(cmds.len(), 3);
        assert_eq!(
            entry(&cmds[0]),
            "    searchBlocks: (query: string, speechType: string | null, limit: number) => \
             call<BlockView[]>('search_blocks', { query, speechType, limit }),\n"
        );
        assert_eq!(
            entry(&cmds[1]),
            "    exportDraft: (id: number) => call<ExportResult | null>('export_draft', { id }),\n"
        );
        assert_eq!(
            entry(&cmds[2]),
            "    plain: (speechType: boolean) => call<null>('plain', { speech_type: speechType }),\n"
        );
        assert_eq!(
            named.into_iter().collect::<Vec<_>>(),
            ["BlockView", "ExportResult"]
        );
    }

    fn src_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
    }

    /// Every generated wrapper is a registered command (and the other way round), so the
    /// window can call nothing that `run()` does not handle.
    #[test]
    fn every_registered_command_has_a_wrapper() {
        let mut files = Vec::new();
        rust_files(&src_dir(), &mut files);
        let mut generated: Vec<String> = files
            .iter()
            .flat_map(|f| {
                let src = std::fs::read_to_string(f).unwrap();
                commands_in(&src, &mut BTreeSet::new()).unwrap()
            })
            .map(|c| c.name)
            .collect();
        generated.sort();
        let lib = include_str!("lib.rs");
        let start = lib.find("generate_handler![").expect("handler list") + 18;
        let end = start + lib[start..].find(']').expect("end of list");
        let mut registered: Vec<String> = lib[start..end]
            .split(',')
            .map(|s| s.trim().rsplit("::").next().unwrap_or("").to_string())
            .filter(|s| !s.is_empty())
            .collect();
        registered.sort();
        assert_eq!(generated, registered);
    }

    /// Fails when ui/src/commands.ts does not match the commands.
    #[test]
    fn command_bindings_are_up_to_date() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/commands.ts");
        let want = commands_ts(&src_dir());
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "ui/src/commands.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p jianggao-desktop bindings`"
        );
    }
}
