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
