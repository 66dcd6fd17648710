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

/// FNV-1a over each part followed by 0xff, as `assets::Fnv` does at run time.
fn fnv(parts: &[&[u8]], h: &mut u64) {
    for p in parts {
        for b in p.iter().copied().chain([0xff]) {
            *h ^= u64::from(b);
            *h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut out = String::new();
    // The digest of all built-in content, so opening a library need not hash it.
    let mut digest: u64 = 0xcbf2_9ce4_8422_2325;
    println!("cargo:rerun-if-changed=assets/slots.toml");
    let slots = fs::read(format!("{root}/assets/slots.toml")).expect("read assets/slots.toml");
    fnv(&[&slots], &mut digest);
    for (konst, dir) in [
        ("TEMPLATE_FILES", "templates"),
        ("LIBRARY_FILES", "assets/library"),
    ] {
        println!("cargo:rerun-if-changed={dir}");
        let _ = writeln!(out, "pub const {konst}: &[(&str, &str)] = &[");
        for name in list(&format!("{root}/{dir}")) {
            println!("cargo:rerun-if-changed={dir}/{name}");
            let path = format!("{root}/{dir}/{name}");
            let bytes = fs::read(&path).expect("read a built-in file");
            fnv(&[format!("{dir}/{name}").as_bytes(), &bytes], &mut digest);
            let _ = writeln!(
                out,
                "    ({:?}, include_str!({:?})),",
                format!("{dir}/{name}"),
                path
            );
        }
        out.push_str("];\n");
    }
    // The check's rule files are not seeded, so they stay out of the digest.
    println!("cargo:rerun-if-changed=assets/check");
    out.push_str("pub const CHECK_FILES: &[(&str, &str)] = &[\n");
    for name in list(&format!("{root}/assets/check")) {
        println!("cargo:rerun-if-changed=assets/check/{name}");
        let path = format!("{root}/assets/check/{name}");
        let _ = writeln!(
            out,
            "    ({:?}, include_str!({:?})),",
            format!("assets/check/{name}"),
            path
        );
    }
    out.push_str("];\n");
    let _ = writeln!(out, "pub const DIGEST: &str = \"{digest:016x}\";");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin.rs");
    fs::write(dest, out).expect("write builtin.rs");
}
