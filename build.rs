//! Lists the built-in templates and library files so that adding a file to `templates/`
//! or `assets/library/` is enough to ship it.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn list(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut out = String::new();
    for (konst, dir) in [
        ("TEMPLATE_FILES", "templates"),
        ("LIBRARY_FILES", "assets/library"),
    ] {
        println!("cargo:rerun-if-changed={dir}");
        let _ = writeln!(out, "pub const {konst}: &[(&str, &str)] = &[");
        for name in list(&format!("{root}/{dir}")) {
            println!("cargo:rerun-if-changed={dir}/{name}");
            let path = format!("{root}/{dir}/{name}");
            let _ = writeln!(
                out,
                "    ({:?}, include_str!({:?})),",
                format!("{dir}/{name}"),
                path
            );
        }
        out.push_str("];\n");
    }
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin.rs");
    fs::write(dest, out).expect("write builtin.rs");
}
