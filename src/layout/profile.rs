//! The layout profiles: every number of a layout (page, margins, faces, sizes, line
//! pitch) in one place. The .docx writer, the preview, the PDF and the OFD read them here.
//! See shared/layout/GBT9704.md for where the numbers come from.

/// Which copy to make.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Layout {
    /// GB/T 9704: 22 lines × 28 characters of 3号仿宋.
    #[default]
    Official,
    /// 大字版: the copy read aloud at the podium.
    Podium,
}

/// The families of Chinese faces offices have installed.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum FontSet {
    /// What Windows ships: 仿宋, 楷体, 黑体, 宋体 (+ 方正小标宋简体 for the title).
    #[default]
    Windows,
    /// The GB2312 family: 仿宋_GB2312, 楷体_GB2312, 黑体, 宋体, 方正小标宋简体.
    Gb2312,
    /// 方正 *_GBK fonts.
    Founder,
}

/// Where page numbers go.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum PageNumbers {
    /// Odd pages right, even pages left, one character in from the edge (GB/T 9704).
    #[default]
    Outside,
    /// Centred on every page.
    Center,
}

/// The faces of one font set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Faces {
    pub fang: &'static str,
    pub kai: &'static str,
    pub hei: &'static str,
    pub song: &'static str,
    pub title: &'static str,
}

/// Digits and Latin letters are set in this face (w:ascii, w:hAnsi).
pub const LATIN_FACE: &str = "Times New Roman";

impl FontSet {
    pub fn faces(self) -> Faces {
        match self {
            FontSet::Windows => Faces {
                fang: "仿宋",
                kai: "楷体",
                hei: "黑体",
                song: "宋体",
                title: "方正小标宋简体",
            },
            FontSet::Gb2312 => Faces {
                fang: "仿宋_GB2312",
                kai: "楷体_GB2312",
                hei: "黑体",
                song: "宋体",
                title: "方正小标宋简体",
            },
            FontSet::Founder => Faces {
                fang: "方正仿宋_GBK",
                kai: "方正楷体_GBK",
                hei: "方正黑体_GBK",
                song: "方正书宋_GBK",
                title: "方正小标宋_GBK",
            },
        }
    }
}

/// The name a face is known by in English-language systems, for w:altName and for
/// finding it installed.
pub fn alt_name(face: &str) -> Option<&'static str> {
    Some(match face {
        "仿宋" => "FangSong",
        "楷体" => "KaiTi",
        "黑体" => "SimHei",
        "宋体" => "SimSun",
        "仿宋_GB2312" => "FangSong_GB2312",
        "楷体_GB2312" => "KaiTi_GB2312",
        "方正小标宋简体" => "FZXiaoBiaoSong-B05S",
        "方正小标宋_GBK" => "FZXiaoBiaoSong-B05",
        "方正仿宋_GBK" => "FZFangSong-Z02",
        "方正楷体_GBK" => "FZKai-Z03",
        "方正黑体_GBK" => "FZHei-B01",
        "方正书宋_GBK" => "FZShuSong-Z01",
        _ => return None,
    })
}

/// Page size and margins, in twips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub width: u32,
    pub height: u32,
    pub top: u32,
    pub right: u32,
    pub bottom: u32,
    pub left: u32,
    pub header: u32,
    pub footer: u32,
}

/// A4 with the GB/T 9704 margins 37/26/35/28 mm; the footer distance puts "— 1 —" about
/// 7 mm below the text block (measured).
pub const A4_OFFICIAL: Page = Page {
    width: 11906,
    height: 16838,
    top: 2098,
    right: 1474,
    bottom: 1984,
    left: 1587,
    header: 851,
    footer: 1418,
};

/// Half-point sizes (w:sz) of the Chinese type sizes (字号).
pub mod size {
    pub const ER: u32 = 44; // 二号 22 pt
    pub const XIAO_ER: u32 = 36; // 小二 18 pt
    pub const SAN: u32 = 32; // 三号 16 pt
    pub const SI: u32 = 28; // 四号 14 pt
    pub const XIAO_YI: u32 = 48; // 小一 24 pt
    pub const YI: u32 = 52; // 一号 26 pt
}

/// Every number of a layout. Sizes are half-points (w:sz), lengths twips.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutProfile {
    pub layout: Layout,
    pub page: Page,
    pub body_size: u32,
    pub title_size: u32,
    /// Speaker and date lines.
    pub head_size: u32,
    /// Headings of levels 1–4.
    pub heading_size: [u32; 4],
    pub heading_bold: [bool; 4],
    /// Exact line height.
    pub line: u32,
    /// A line grid (docGrid type="lines") at the line height.
    pub line_grid: bool,
    /// Character spacing in twentieths of a point, in the default run properties.
    pub char_spacing: i32,
    pub page_number_size: u32,
    pub page_numbers: PageNumbers,
    /// Leads (一是, 二要 …) bold even where the sentence is not.
    pub bold_leads: bool,
    pub widow_control: bool,
    /// Space above a heading, twips.
    pub heading_space_before: u32,
    /// Highlight 【未填】 slots.
    pub mark_unfilled: bool,
}

impl LayoutProfile {
    /// GB/T 9704: 3号仿宋 on a 22-line grid, 28 characters a line.
    pub fn official() -> Self {
        LayoutProfile {
            layout: Layout::Official,
            page: A4_OFFICIAL,
            body_size: size::SAN,
            title_size: size::ER,
            head_size: size::SAN,
            heading_size: [size::SAN; 4],
            heading_bold: [false, false, true, false],
            // 225 mm / 22 lines = 28.95 pt
            line: 579,
            line_grid: true,
            // −0.25 pt: 28 characters of 16 pt fit the 156 mm line (measured in LibreOffice).
            char_spacing: -5,
            page_number_size: size::SI,
            page_numbers: PageNumbers::Outside,
            bold_leads: false,
            widow_control: false, // widow control would break the 22-line grid
            heading_space_before: 0,
            // The official copy goes to print as it is: a coloured band would print too,
            // and 【名称】 already shows; the check (审校) is what catches them.
            mark_unfilled: false,
        }
    }

    /// The podium copy in 二号 (22 pt): clearly larger than the 3号 official copy, and
    /// still about 20 characters a line, so a sentence is a line or two and the eye finds
    /// its place again after looking up. See [`LayoutProfile::podium_sized`] for other sizes.
    pub fn podium() -> Self {
        Self::podium_sized(size::ER)
    }

    /// A podium copy with body text of `body_size` half-points (at least 小二).
    pub fn podium_sized(body_size: u32) -> Self {
        let body_size = body_size.max(size::XIAO_ER);
        LayoutProfile {
            layout: Layout::Podium,
            page: A4_OFFICIAL,
            body_size,
            title_size: body_size + 8,
            head_size: body_size,
            heading_size: [body_size + 4, body_size, body_size, body_size],
            heading_bold: [true; 4],
            // 1.6 × the font size: room between lines to keep one's place.
            line: body_size * 16,
            line_grid: false,
            char_spacing: 0,
            page_number_size: size::XIAO_ER,
            page_numbers: PageNumbers::Center,
            bold_leads: true,
            widow_control: true,
            heading_space_before: body_size * 8,
            // A working copy: a blank must not surprise the speaker mid-sentence.
            mark_unfilled: true,
        }
    }

    pub fn for_layout(layout: Layout) -> Self {
        match layout {
            Layout::Official => Self::official(),
            Layout::Podium => Self::podium(),
        }
    }

    pub fn with_page_numbers(mut self, page_numbers: PageNumbers) -> Self {
        self.page_numbers = page_numbers;
        self
    }

    /// Width of the text block, twips.
    pub fn text_width(&self) -> u32 {
        self.page.width - self.page.left - self.page.right
    }

    /// How many ems of the title fit on one line.
    pub fn title_ems(&self) -> f32 {
        let advance = self.title_size as i32 * 10 + self.char_spacing;
        self.text_width() as f32 / advance.max(1) as f32
    }

    /// The two-character first-line indent, twips.
    pub fn indent(&self) -> u32 {
        self.body_size * 20
    }
}
