//! The check: findings, fixes, the writer's own rules (本单位), places left alone
//! (这里不改) and rules switched off (不再提示).

use std::process::ExitCode;

use clap::{Args, Subcommand};
use jianggao::app::{CheckRun, Session};
use jianggao::check::table::UserRule;
use jianggao::check::{CheckFilter, Finding, Level, CLASSES};
use jianggao::store::{FixReport, Ignore};
use jianggao::Result;

use crate::print_json;

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct CheckArgs {
    #[command(subcommand)]
    cmd: Option<CheckCmd>,
    #[arg(required = true)]
    draft: Option<i64>,
    #[arg(long)]
    json: bool,
    /// Apply the safe fixes of 必改 findings (half-width punctuation, 1、 → 1., rules
    /// with one safe suggestion), then check again
    #[arg(long)]
    fix: bool,
    /// Report findings of this level and firmer: 必改, 建议 or 提示 (must, should, note)
    #[arg(long, value_name = "LEVEL", value_parser = parse_level)]
    level: Option<Level>,
    /// Report only these classes (用词, 错别字, 称谓, 规范表述, 的地得, 数字, 标点, 语病,
    /// 时效, 本单位, 格式); repeat or separate with commas
    #[arg(long, value_name = "CLASS", value_delimiter = ',', value_parser = parse_class)]
    class: Vec<String>,
    /// Target length in 字; a longer draft is a finding
    #[arg(long, value_name = "N")]
    target: Option<usize>,
}

#[derive(Subcommand)]
pub enum CheckCmd {
    /// The writer's own rules (本单位): names, titles, words the office never uses
    #[command(subcommand)]
    Rules(RulesCmd),
    /// Leave a rule alone in a draft (这里不改): at one item, or everywhere in the draft
    Ignore(IgnoreArgs),
    /// What is left alone in a draft, with ids for `unignore`
    Ignored {
        draft: i64,
        #[arg(long)]
        json: bool,
    },
    /// Take an ignore back (by id), or all of the draft's with --all
    Unignore {
        draft: i64,
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        id: Option<i64>,
        #[arg(long)]
        all: bool,
    },
    /// Switch a rule off in every draft (不再提示此规则)
    Mute { rule: String },
    /// Switch a rule on again
    Unmute { rule: String },
    /// The rules switched off
    Muted {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum RulesCmd {
    /// Add a rule: the text to find, what to write instead, level and reason
    Add {
        /// The text to find (literal)
        #[arg(value_name = "MATCH")]
        literal: String,
        /// What to write instead; repeat for several (none: only flagged)
        #[arg(long, value_name = "TEXT")]
        to: Vec<String>,
        /// 必改, 建议 or 提示 (must, should, note)
        #[arg(long, value_name = "LEVEL", value_parser = parse_level, default_value = "建议")]
        level: Level,
        /// Why, in a line (shown with each finding)
        #[arg(long, value_name = "TEXT", default_value = "")]
        reason: String,
    },
    /// List the rules with their ids
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove a rule by its id
    Remove { id: i64 },
}

#[derive(Args)]
pub struct IgnoreArgs {
    draft: i64,
    /// The rule id, as `check DRAFT` prints it in brackets
    #[arg(long, value_name = "RULE")]
    rule: String,
    /// Only in this item (its id, as `check` prints it after #)
    #[arg(long, value_name = "ITEM", conflicts_with = "part")]
    node: Option<i64>,
    /// Only in the title or a head line: title, speaker, date or greeting
    #[arg(long, value_parser = ["title", "speaker", "date", "greeting"])]
    part: Option<String>,
    /// Only where the rule found exactly this text
    #[arg(long, value_name = "TEXT")]
    text: Option<String>,
}

/// The `check` subcommands (the plain `check DRAFT` is [`check`]).
pub fn run(s: Session, a: CheckArgs) -> Result<ExitCode> {
    match a.cmd {
        // clap requires DRAFT when no subcommand is given.
        None => match a.draft {
            Some(draft) => check(s, draft, a),
            None => Err(jianggao::Error::usage("give a DRAFT to check")),
        },
        Some(CheckCmd::Rules(c)) => rules(s, c),
        Some(CheckCmd::Ignore(a)) => ignore(s, a),
        Some(CheckCmd::Ignored { draft, json }) => ignored(&s, draft, json),
        Some(CheckCmd::Unignore { draft, id, .. }) => {
            let mut s = s;
            let n = s.store.remove_ignores(draft, id)?;
            println!("{n} taken back");
            Ok(ExitCode::SUCCESS)
        }
        Some(CheckCmd::Mute { rule }) => mute(s, &rule, true),
        Some(CheckCmd::Unmute { rule }) => mute(s, &rule, false),
        Some(CheckCmd::Muted { json }) => muted(&s, json),
    }
}

fn rules(mut s: Session, c: RulesCmd) -> Result<ExitCode> {
    match c {
        RulesCmd::Add {
            literal,
            to,
            level,
            reason,
        } => {
            let id = s.add_user_rule(UserRule {
                literal,
                to,
                level,
                reason,
            })?;
            println!("{id}");
        }
        RulesCmd::List { json } => print_rules(&s, json)?,
        RulesCmd::Remove { id } => {
            let r = s.store.remove_user_rule(id)?;
            println!("removed {id}: {}", r.literal);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_rules(s: &Session, json: bool) -> Result<()> {
    let list = s.store.user_rules()?;
    if json {
        let rows: Vec<_> = list
            .iter()
            .map(|(id, r)| serde_json::json!({"id": id, "rule": r.id(), "match": r.literal, "to": r.to, "level": r.level, "reason": r.reason}))
            .collect();
        print_json(&rows)?;
        return Ok(());
    }
    for (id, r) in list {
        let to = match r.to.as_slice() {
            [] => String::new(),
            to => format!(" → {}", to.join(" / ")),
        };
        println!("{id:>4}  {} {}{to}  {}", r.level.zh(), r.literal, r.reason);
    }
    Ok(())
}

fn ignore(mut s: Session, a: IgnoreArgs) -> Result<ExitCode> {
    let ignore = Ignore::new(&a.rule, a.node, a.part.as_deref(), a.text.as_deref());
    println!("{}", s.ignore(a.draft, &ignore)?);
    Ok(ExitCode::SUCCESS)
}

fn ignored(s: &Session, draft: i64, json: bool) -> Result<ExitCode> {
    let list = s.store.ignores(draft)?;
    if json {
        return print_json(&list);
    }
    for i in list {
        let at = match (&i.part, i.node) {
            (_, Some(n)) => format!("#{n}"),
            (Some(p), None) => p.clone(),
            (None, None) => "全文".into(),
        };
        let text = i.text.as_deref().unwrap_or("");
        println!("{:>4}  {at}  [{}] {text}", i.id, i.rule);
    }
    Ok(ExitCode::SUCCESS)
}

fn mute(mut s: Session, rule: &str, on: bool) -> Result<ExitCode> {
    let changed = s.mute_rule(rule, on)?;
    let what = match (on, changed) {
        (true, true) => "muted",
        (true, false) => "already muted",
        (false, true) => "unmuted",
        (false, false) => "was not muted",
    };
    println!("{what}: {rule}");
    Ok(ExitCode::SUCCESS)
}

fn muted(s: &Session, json: bool) -> Result<ExitCode> {
    let list = s.store.muted_rules()?;
    if json {
        return print_json(&list);
    }
    for r in list {
        println!("{r}");
    }
    Ok(ExitCode::SUCCESS)
}

fn at(f: &Finding) -> String {
    match f.node {
        Some(n) => format!("#{n}@{}", f.offset),
        None => format!("{}@{}", f.part, f.offset),
    }
}

fn print_fixes(r: &FixReport) {
    for f in &r.fixed {
        let to = f.fix.as_deref().unwrap_or("");
        println!("fixed {}: {} → {to} [{}]", at(f), f.text, f.rule);
    }
    if r.fixed_count > r.fixed.len() {
        println!("… fixed {} more", r.fixed_count - r.fixed.len());
    }
    for n in &r.not_fixed {
        let f = &n.finding;
        let (msg, why) = (&f.message, &n.reason);
        println!("not fixed {}: {msg} ({why}) [{}]", at(f), f.rule);
    }
    if r.not_fixed_count > r.not_fixed.len() {
        println!("… {} more not fixed", r.not_fixed_count - r.not_fixed.len());
    }
}

fn print_check(run: &CheckRun) {
    if let Some(r) = &run.fixed {
        print_fixes(r);
    }
    for f in &run.findings {
        let level = f.level.map_or("", |l| l.zh());
        println!("{}: {level} {} [{}]", at(f), f.message, f.rule);
    }
}

fn parse_level(s: &str) -> std::result::Result<Level, String> {
    Level::parse(s).ok_or_else(|| format!("“{s}”: use 必改, 建议 or 提示"))
}

fn parse_class(s: &str) -> std::result::Result<String, String> {
    match CLASSES.contains(&s) {
        true => Ok(s.to_string()),
        false => Err(format!("“{s}”: one of {}", CLASSES.join(", "))),
    }
}

/// `check --fix --json`: the report's lists and counts, then the findings left.
#[derive(serde::Serialize)]
struct FixedJson<'a> {
    #[serde(flatten)]
    report: &'a FixReport,
    findings: &'a [Finding],
}

fn check(mut s: Session, draft: i64, a: CheckArgs) -> Result<ExitCode> {
    let filter = CheckFilter {
        level: a.level,
        classes: a.class,
    };
    let run = s.check(draft, a.target, a.fix, &filter)?;
    match (&run.fixed, a.json) {
        (Some(r), true) => print_json(&FixedJson {
            report: r,
            findings: &run.findings,
        })?,
        (None, true) => print_json(&run.findings)?,
        (_, false) => {
            print_check(&run);
            ExitCode::SUCCESS
        }
    };
    Ok(if run.findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
