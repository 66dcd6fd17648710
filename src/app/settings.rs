//! The writer's settings: one typed struct with its defaults and its validation, stored
//! as JSON in the library (`desktop.settings`), and the per-draft target length.

use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::export::docx::{FontSet, Layout, PageNumbers};
use crate::stats;
use crate::store::Store;

/// Speaking rates a person can hold, 字 per minute.
pub const RATE_RANGE: RangeInclusive<u32> = 60..=600;
/// Target lengths of a speech, 字.
pub const TARGET_RANGE: RangeInclusive<u32> = 100..=100_000;
const DEFAULT_TARGET: u32 = 3000;
const KEY: &str = "desktop.settings";

/// The export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ExportFormat {
    #[default]
    Docx,
    Md,
    /// The positioned pages as a PDF with the faces embedded.
    Pdf,
    /// The positioned pages as an OFD package (GB/T 33190).
    Ofd,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Docx => "docx",
            ExportFormat::Md => "md",
            ExportFormat::Pdf => "pdf",
            ExportFormat::Ofd => "ofd",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Settings {
    pub layout: Layout,
    pub fonts: FontSet,
    pub page_numbers: PageNumbers,
    /// 字/分钟, within [`RATE_RANGE`].
    pub rate: u32,
    /// Default target length of a draft, 字, within [`TARGET_RANGE`].
    pub target: u32,
    pub export_format: ExportFormat,
    pub front_matter: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            layout: Layout::Official,
            fonts: FontSet::Windows,
            page_numbers: PageNumbers::Outside,
            rate: stats::DEFAULT_RATE,
            target: DEFAULT_TARGET,
            export_format: ExportFormat::Docx,
            front_matter: false,
        }
    }
}

/// A speaking rate, checked: the one rule for the CLI's `--rate` and the settings.
pub fn check_rate(rate: u32) -> Result<u32> {
    check("rate", rate, &RATE_RANGE)
}

/// A target length, checked.
pub fn check_target(target: u32) -> Result<u32> {
    check("target", target, &TARGET_RANGE)
}

fn check(name: &'static str, v: u32, range: &RangeInclusive<u32>) -> Result<u32> {
    if range.contains(&v) {
        Ok(v)
    } else {
        Err(Error::BadSetting {
            name,
            value: v.to_string(),
            allowed: format!("{}–{}", range.start(), range.end()),
        })
    }
}

impl Settings {
    pub fn validate(self) -> Result<Settings> {
        check_rate(self.rate)?;
        check_target(self.target)?;
        Ok(self)
    }

    /// The stored settings; defaults for what was never set. A value that no longer
    /// reads (an older or damaged entry) is reported, not replaced silently.
    pub fn load(store: &Store) -> Result<Settings> {
        match store.setting(KEY)? {
            None => Ok(Settings::default()),
            Some(json) => serde_json::from_str::<Settings>(&json)
                .map_err(|e| Error::BadSetting {
                    name: "settings",
                    value: json.chars().take(80).collect(),
                    allowed: e.to_string(),
                })?
                .validate(),
        }
    }

    /// The page numbers an export from the window and the preview ask for: outside is
    /// each layout's own placement, so only centred overrides it.
    pub fn page_numbers_override(&self) -> Option<PageNumbers> {
        (self.page_numbers == PageNumbers::Center).then_some(PageNumbers::Center)
    }

    pub fn save(&self, store: &mut Store) -> Result<()> {
        let checked = self.clone().validate()?;
        store.set_setting(KEY, &serde_json::to_string(&checked)?)
    }
}

fn target_key(draft: i64) -> String {
    format!("draft.{draft}.target")
}

/// A draft's target length: its own, else the default from the settings.
pub fn draft_target(store: &Store, draft: i64, settings: &Settings) -> Result<u32> {
    Ok(store
        .setting(&target_key(draft))?
        .and_then(|v| v.parse().ok())
        .unwrap_or(settings.target))
}

pub fn set_draft_target(store: &mut Store, draft: i64, target: u32) -> Result<()> {
    check_target(target)?;
    store.draft(draft)?;
    store.set_setting(&target_key(draft), &target.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_refuse_what_is_out_of_range() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(Settings::load(&store).unwrap(), Settings::default());
        let s = Settings {
            layout: Layout::Podium,
            rate: 200,
            ..Settings::default()
        };
        s.save(&mut store).unwrap();
        assert_eq!(Settings::load(&store).unwrap(), s);
        for bad in [
            Settings {
                rate: 59,
                ..s.clone()
            },
            Settings {
                rate: 601,
                ..s.clone()
            },
            Settings {
                target: 0,
                ..s.clone()
            },
        ] {
            let e = bad.save(&mut store).unwrap_err();
            assert!(matches!(e, Error::BadSetting { .. }), "{e}");
        }
        assert_eq!(Settings::load(&store).unwrap(), s, "nothing changed");
    }

    #[test]
    fn the_json_is_what_the_window_sends() {
        let s: Settings = serde_json::from_str(
            r#"{"layout":"podium","fonts":"gb2312","pageNumbers":"center","rate":220,"target":2000,"exportFormat":"md","frontMatter":true}"#,
        )
        .unwrap();
        assert_eq!(s.fonts, FontSet::Gb2312);
        assert_eq!(s.page_numbers, PageNumbers::Center);
        assert_eq!(s.export_format, ExportFormat::Md);
        assert!(serde_json::from_str::<Settings>(r#"{"layout":"poster"}"#).is_err());
    }
}
