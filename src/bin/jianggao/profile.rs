//! `profile`: the remembered 常用信息 (单位, 讲话人, 职务 …).

use std::collections::BTreeMap;
use std::process::ExitCode;

use clap::Args;
use jianggao::app::Session;
use jianggao::Result;

use crate::{pairs, print_json};

#[derive(Args)]
pub struct ProfileArgs {
    /// Values to remember, NAME=VALUE (an empty value forgets one)
    #[arg(value_name = "NAME=VALUE")]
    values: Vec<String>,
    #[arg(long)]
    json: bool,
}

pub fn run(mut s: Session, a: ProfileArgs) -> Result<ExitCode> {
    if !a.values.is_empty() {
        s.store.set_profile(&pairs(&a.values)?)?;
    }
    let profile = s.store.profile()?;
    if a.json {
        let map: BTreeMap<_, _> = profile.into_iter().collect();
        return print_json(&map);
    }
    for (k, v) in profile {
        println!("{k}={v}");
    }
    Ok(ExitCode::SUCCESS)
}
