//! `import::analyze` on arbitrary bytes named as a .md file (see `jianggao_fuzz::import`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| jianggao_fuzz::import(data, "fuzz.md"));
