//! The types that cross the bridge to the web view: the core's views
//! (`jianggao::app::view`, with ts-rs declarations) and the shell's own error. The
//! TypeScript types in `ui/src/bindings.ts` are generated from these; `cargo test` fails
//! when that file is stale (`UPDATE_BINDINGS=1 cargo test -p jianggao-desktop bindings`
//! rewrites it).

use serde::Serialize;
use ts_rs::TS;

use jianggao::app::view::*;
use jianggao::app::{ExportFormat, Settings};
use jianggao::export::docx::{FontSet, Layout, PageNumbers};

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UiError {
    /// A Chinese sentence for the writer.
    pub message: String,
    /// notFound, badInput or internal.
    pub kind: String,
}

/// Every declaration of `ui/src/bindings.ts`, in order.
pub fn bindings() -> String {
    let cfg = ts_rs::Config::new().with_large_int("number");
    let decls = [
        UiError::decl(&cfg),
        AppInfo::decl(&cfg),
        SpeechTypeView::decl(&cfg),
        TemplateView::decl(&cfg),
        SlotView::decl(&cfg),
        DraftSummary::decl(&cfg),
        OutlineRow::decl(&cfg),
        PieceView::decl(&cfg),
        StatsView::decl(&cfg),
        FindingView::decl(&cfg),
        UserRuleView::decl(&cfg),
        MutedRuleView::decl(&cfg),
        ReviewView::decl(&cfg),
        ReviewChangeView::decl(&cfg),
        ReviewCommentView::decl(&cfg),
        AcceptedReview::decl(&cfg),
        jianggao::review::SlotChoice::decl(&cfg),
        jianggao::layout::Face::decl(&cfg),
        RunView::decl(&cfg),
        LineView::decl(&cfg),
        PageView::decl(&cfg),
        jianggao::preview::Sheet::decl(&cfg),
        EditorState::decl(&cfg),
        PreviewState::decl(&cfg),
        PlaceArg::decl(&cfg),
        SlotValue::decl(&cfg),
        BlockView::decl(&cfg),
        PhraseView::decl(&cfg),
        TagView::decl(&cfg),
        BlockInput::decl(&cfg),
        PhraseInput::decl(&cfg),
        ProfileEntry::decl(&cfg),
        Layout::decl(&cfg),
        FontSet::decl(&cfg),
        PageNumbers::decl(&cfg),
        ExportFormat::decl(&cfg),
        Settings::decl(&cfg),
        ExportArgs::decl(&cfg),
        ExportResult::decl(&cfg),
        jianggao::layout::fonts::Substitution::decl(&cfg),
        PrintArgs::decl(&cfg),
        PrintResult::decl(&cfg),
        jianggao::print::Printers::decl(&cfg),
        SlotChip::decl(&cfg),
        CandidateView::decl(&cfg),
        CandidateLine::decl(&cfg),
        RemovedView::decl(&cfg),
        SpeechView::decl(&cfg),
        SplitView::decl(&cfg),
        ImportFileView::decl(&cfg),
        ImportReportView::decl(&cfg),
        LabelView::decl(&cfg),
        Labels::decl(&cfg),
        ChangeCount::decl(&cfg),
        VersionView::decl(&cfg),
        VersionsView::decl(&cfg),
        PresentView::decl(&cfg),
        BackupView::decl(&cfg),
        BackupsView::decl(&cfg),
        CompareSide::decl(&cfg),
        SegmentView::decl(&cfg),
        RedlineParaView::decl(&cfg),
        SlotChangeView::decl(&cfg),
        CompareView::decl(&cfg),
        MeetingTag::decl(&cfg),
        MeetingSummary::decl(&cfg),
        MeetingSlotView::decl(&cfg),
        MeetingDraftView::decl(&cfg),
        MeetingView::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from src/app/view.rs and src-tauri/src/dto.rs by ts-rs. Do not edit: run\n\
         // `UPDATE_BINDINGS=1 cargo test -p jianggao-desktop bindings` after changing the Rust types.\n",
    );
    for d in decls {
        out.push_str("\nexport ");
        out.push_str(d.trim());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    /// Fails when ui/src/bindings.ts does not match the Rust types.
    #[test]
    fn bindings_are_up_to_date() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
        let want = super::bindings();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "ui/src/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p jianggao-desktop bindings`"
        );
    }
}
