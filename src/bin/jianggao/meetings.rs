//! Meetings: the drafts of one meeting sharing its slot values.

use std::process::ExitCode;

use clap::Subcommand;
use jianggao::app::Session;
use jianggao::Result;

use crate::{pairs, print_json};

#[derive(Subcommand)]
pub enum MeetingCmd {
    /// Start a meeting; prints its id
    New { name: String },
    /// List meetings, most recently changed first
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show a meeting: its shared slot values and its drafts
    Show {
        meeting: i64,
        #[arg(long)]
        json: bool,
    },
    /// Put a draft into a meeting (its values of meeting slots go to the meeting if unset)
    Add { meeting: i64, draft: i64 },
    /// Take a draft out of its meeting (the meeting's values it uses are copied into it)
    Remove { draft: i64 },
    /// Set the meeting's slot values for all its drafts (an empty value clears one)
    Set {
        meeting: i64,
        #[arg(required = true, value_name = "NAME=VALUE")]
        values: Vec<String>,
    },
    /// Rename a meeting
    Rename { meeting: i64, name: String },
    /// Delete a meeting that has no drafts left
    Delete { meeting: i64 },
    /// The meeting's speeches a host script can name, one agenda line each
    Speeches {
        meeting: i64,
        #[arg(long)]
        json: bool,
    },
    /// Add lines naming speeches of the meeting to the host draft's 议程 slot; prints them
    Agenda {
        host: i64,
        #[arg(required = true, value_name = "DRAFT")]
        drafts: Vec<i64>,
    },
}

pub fn run(mut s: Session, c: MeetingCmd) -> Result<ExitCode> {
    match c {
        MeetingCmd::New { name } => println!("{}", s.create_meeting(&name)?),
        MeetingCmd::List { json } => return list(&s, json),
        MeetingCmd::Show { meeting, json } => return show(&s, meeting, json),
        MeetingCmd::Add { meeting, draft } => {
            for name in s.add_to_meeting(meeting, draft)?.kept {
                eprintln!("jianggao: note: draft {draft} keeps its own value of {name:?}");
            }
        }
        MeetingCmd::Remove { draft } => s.remove_from_meeting(draft).map(|_| ())?,
        MeetingCmd::Set { meeting, values } => s.set_meeting_slots(meeting, &pairs(&values)?)?,
        MeetingCmd::Rename { meeting, name } => s.rename_meeting(meeting, &name)?,
        MeetingCmd::Delete { meeting } => s.delete_meeting(meeting)?,
        MeetingCmd::Speeches { meeting, json } => return speeches(&s, meeting, json),
        MeetingCmd::Agenda { host, drafts } => {
            for line in s.add_speeches_to_agenda(host, &drafts)? {
                println!("{line}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn list(s: &Session, json: bool) -> Result<ExitCode> {
    let list = s.meetings()?;
    if json {
        return print_json(&list);
    }
    for m in list {
        println!("{:>4}  {:>2} 篇  {}", m.id, m.drafts, m.name);
    }
    Ok(ExitCode::SUCCESS)
}

fn show(s: &Session, meeting: i64, json: bool) -> Result<ExitCode> {
    let m = s.meeting(meeting)?;
    if json {
        return print_json(&m);
    }
    println!("{}", m.name);
    for (name, value) in &m.values {
        println!("  {name:<10} {value}");
    }
    for d in &m.drafts {
        println!("{:>4}  {:<14} {}", d.id, d.speech_type, d.title);
        for (name, value) in &d.exceptions {
            println!("        本稿另填 {name}：{value}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn speeches(s: &Session, meeting: i64, json: bool) -> Result<ExitCode> {
    let list = s.meeting_speeches(meeting, None)?;
    if json {
        return print_json(&list);
    }
    for sp in list {
        println!("{:>4}  {}", sp.draft, sp.agenda_line);
    }
    Ok(ExitCode::SUCCESS)
}
