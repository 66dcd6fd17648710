//! Speech types (讲话类型): the occasions a template is written for.

use serde::Serialize;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SpeechType {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
}

pub const SPEECH_TYPES: &[SpeechType] = &[
    SpeechType {
        id: "opening",
        name: "开幕讲话",
        description: "大会、会议开幕时致辞，说明意义、提出期望",
    },
    SpeechType {
        id: "commendation",
        name: "表彰大会讲话",
        description: "表彰先进集体和个人，弘扬榜样精神、发出号召",
    },
    SpeechType {
        id: "plenary",
        name: "全委会讲话",
        description: "工会全委（扩大）会议上总结一年工作、部署来年任务",
    },
    SpeechType {
        id: "work_meeting",
        name: "工作会议讲话",
        description: "专项或年度工作会议上分析形势、安排工作、提出要求",
    },
    SpeechType {
        id: "closing",
        name: "闭幕讲话",
        description: "大会闭幕时总结会议成果、号召贯彻落实",
    },
    SpeechType {
        id: "symposium",
        name: "座谈会讲话",
        description: "座谈会上听取意见后讲几点体会和希望",
    },
    SpeechType {
        id: "host",
        name: "主持词",
        description: "主持人按会议议程串场，介绍议项、引导发言、作会议小结",
    },
    SpeechType {
        id: "congress",
        name: "职代会讲话",
        description: "职工代表大会、会员代表大会上致开幕词或闭幕词",
    },
    SpeechType {
        id: "greeting",
        name: "致辞",
        description: "节日慰问、活动开幕、签约仪式等场合的简短致辞",
    },
    SpeechType {
        id: "mobilization",
        name: "动员讲话",
        description: "劳动竞赛、专项行动启动时讲清意义、明确任务、提出要求",
    },
    SpeechType {
        id: "report",
        name: "述职报告",
        description: "向上级或职工代表述职、汇报工作，讲实绩、找差距、提打算",
    },
    SpeechType {
        id: "party_lecture",
        name: "党课讲稿",
        description: "党组织书记或党员领导干部为党员讲专题党课",
    },
];

pub fn find(id: &str) -> Result<&'static SpeechType> {
    SPEECH_TYPES.iter().find(|t| t.id == id).ok_or_else(|| {
        let ids: Vec<&str> = SPEECH_TYPES.iter().map(|t| t.id).collect();
        Error::UnknownSpeechType {
            id: id.to_string(),
            known: ids.join(", "),
        }
    })
}
