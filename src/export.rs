//! Exports: the CSV of contacts, one row per contact (an article with none gets one row with the
//! contact columns empty, a failed file one row with its error). The column set, the headers and
//! the words for coded values live here once, for the CLI's `--csv` and the page alike.
//!
//! Values are in the chosen language (kinds as words: `phone_call` → "Phone call" / "通电话").
//! Cells never carry invisible characters (zero-width, bidi controls: they would reorder a
//! spreadsheet's display), file names show them as `\u{…}` instead, and a cell that a spreadsheet
//! would read as a formula (`=`, `+`, `-`, `@` first) is prefixed with `'`: article text is
//! untrusted.

use crate::collection::{Collection, Source};
use crate::error::Error;
use crate::schema::{Event, Participant};
use crate::script::{show_invisible, strip_invisible};
use std::io::Write;

/// The interface language of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

/// One CSV column: a stable id (the page's and scripts' name for it) and its header per language.
pub struct Column {
    pub id: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
}

impl Column {
    pub fn header(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

const fn col(id: &'static str, en: &'static str, zh: &'static str) -> Column {
    Column { id, en, zh }
}

/// The columns, in order.
pub const COLUMNS: &[Column] = &[
    col("file", "File", "文件"),
    col("title", "Title", "标题"),
    col("published", "Published", "发布时间"),
    col("outlet", "Outlet", "媒体"),
    col("url", "URL", "网址"),
    col("readout", "Readout", "外事报道"),
    col("contact", "Contact no.", "接触序号"),
    col("group", "Group", "分组"),
    col("kind", "Kind", "类型"),
    col("status", "Status", "状态"),
    col("date", "Date", "日期"),
    col("date_as_written", "Date as written", "原文日期"),
    col("location", "Place", "地点"),
    col("requested_by", "Requested by", "应谁之约"),
    col("china_names", "China: names", "中方：姓名"),
    col("china_titles", "China: titles", "中方：职务"),
    col("china_countries", "China: countries", "中方：国家"),
    col("china_orgs", "China: organisations", "中方：机构"),
    col("counterpart_names", "Counterpart: names", "外方：姓名"),
    col("counterpart_titles", "Counterpart: titles", "外方：职务"),
    col("counterpart_countries", "Counterpart: countries", "外方：国家"),
    col("counterpart_orgs", "Counterpart: organisations", "外方：机构"),
    col("topics", "Topics", "议题"),
    col("summary", "Summary", "摘要"),
    col("statements", "Statements", "表态数"),
    col("corrected", "Corrected", "已更正"),
    col("error", "Error", "错误"),
];

/// A coded value in words.
pub fn label(code: &str, lang: Lang) -> &str {
    let (en, zh) = match code {
        "phone_call" => ("Phone call", "通电话"),
        "video_call" => ("Video call", "视频通话"),
        "talks" => ("Talks", "会谈"),
        "meeting" => ("Meeting", "会见"),
        "other" => ("Other contact", "其他接触"),
        "held" => ("held", "已举行"),
        "planned" => ("planned", "计划中"),
        "counterpart" => ("the counterpart", "应外方之约"),
        "china" => ("China", "应中方邀请"),
        "true" => ("yes", "是"),
        "false" => ("no", "否"),
        other => (other, other),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// Writes the CSV row by row: [`CsvWriter::report`] for each analysed file (with the group of each
/// of its events, from a [`Collection`]), [`CsvWriter::error`] for each failed one.
pub struct CsvWriter<W: Write> {
    out: csv::Writer<W>,
    lang: Lang,
}

impl<W: Write> CsvWriter<W> {
    /// Starts the CSV with its header row; `bom` first writes a byte-order mark, which spreadsheet
    /// programs need to read UTF-8.
    pub fn new(mut w: W, lang: Lang, bom: bool) -> std::io::Result<Self> {
        if bom {
            w.write_all("\u{feff}".as_bytes())?;
        }
        let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(w);
        out.write_record(COLUMNS.iter().map(|c| c.header(lang))).map_err(std::io::Error::other)?;
        Ok(CsvWriter { out, lang })
    }

    fn row(&mut self, value: impl Fn(&str) -> String) -> std::io::Result<()> {
        let cells = COLUMNS.iter().map(|c| {
            let v = value(c.id);
            if c.id == "file" {
                cell(&show_invisible(&v))
            } else {
                cell(&strip_invisible(&v).0)
            }
        });
        self.out.write_record(cells).map_err(std::io::Error::other)
    }

    /// The rows of one analysed file: one per event (`groups[i]` is the group of event `i`).
    pub fn report(&mut self, s: &Source, groups: &[usize]) -> std::io::Result<()> {
        let lang = self.lang;
        let topics: Vec<&str> = s.topics.iter().map(|t| t.label.as_str()).collect();
        let base = |id: &str| -> Option<String> {
            Some(match id {
                "file" => s.file.clone(),
                "title" => s.meta.title.clone()?,
                "published" => s.meta.published.clone()?,
                "outlet" => s.meta.outlet.clone()?,
                "url" => s.meta.url.clone()?,
                "readout" => label(if s.events.is_empty() { "false" } else { "true" }, lang).into(),
                "topics" => topics.join("; "),
                "summary" => s.terms.summary.join(" "),
                "statements" => s.statements.to_string(),
                "corrected" => label(if s.corrected { "true" } else { "false" }, lang).into(),
                _ => return None,
            })
        };
        if s.events.is_empty() {
            return self.row(|id| base(id).unwrap_or_default());
        }
        for (i, e) in s.events.iter().enumerate() {
            let group = groups.get(i).map(usize::to_string);
            self.row(|id| {
                base(id).or_else(|| event_value(e, id, lang)).unwrap_or_else(|| match id {
                    "contact" => (i + 1).to_string(),
                    "group" => group.clone().unwrap_or_default(),
                    _ => String::new(),
                })
            })?;
        }
        Ok(())
    }

    /// The row of a file that could not be analysed.
    pub fn error(&mut self, e: &Error) -> std::io::Result<()> {
        let file = e.file.clone().unwrap_or_default();
        self.row(|id| match id {
            "file" => file.clone(),
            "error" => format!("{}: {}", e.kind.as_str(), e.message),
            _ => String::new(),
        })
    }

    /// Every row of a collection's sources, in their order.
    pub fn collection(&mut self, sources: &[Source], c: &Collection) -> std::io::Result<()> {
        for (i, s) in sources.iter().enumerate() {
            self.report(s, c.group_of.get(i).map_or(&[], Vec::as_slice))?;
        }
        Ok(())
    }

    pub fn finish(self) -> std::io::Result<W> {
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

fn event_value(e: &Event, id: &str, lang: Lang) -> Option<String> {
    let side = |list: &[Participant], f: fn(&Participant) -> Option<&str>| -> String {
        // Aligned: the n-th name, title, country and organisation are the n-th person's.
        let v: Vec<&str> = list.iter().map(|p| f(p).unwrap_or("")).collect();
        if v.iter().all(|x| x.is_empty()) {
            String::new()
        } else {
            v.join("; ")
        }
    };
    Some(match id {
        "kind" => label(e.kind.as_str(), lang).to_string(),
        "status" => label(e.status.as_str(), lang).to_string(),
        "date" => e.date.clone()?,
        "date_as_written" => e.date_as_written.clone()?,
        "location" => e.location.clone()?,
        "requested_by" => label(e.requested_by?.as_str(), lang).to_string(),
        "china_names" => side(&e.china, |p| p.name.as_deref()),
        "china_titles" => side(&e.china, |p| p.title.as_deref()),
        "china_countries" => side(&e.china, |p| p.country.as_deref()),
        "china_orgs" => side(&e.china, |p| p.org.as_deref()),
        "counterpart_names" => side(&e.counterparts, |p| p.name.as_deref()),
        "counterpart_titles" => side(&e.counterparts, |p| p.title.as_deref()),
        "counterpart_countries" => side(&e.counterparts, |p| p.country.as_deref()),
        "counterpart_orgs" => side(&e.counterparts, |p| p.org.as_deref()),
        _ => return None,
    })
}

/// A cell a spreadsheet shows as text: a leading `=`, `+`, `-`, `@`, tab or CR would make it a
/// formula (CSV injection), so such a cell starts with `'`.
pub fn cell(v: &str) -> String {
    if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_string()
    }
}

/// The CSV of a collection's sources as one string (the page's export).
pub fn csv(sources: &[Source], c: &Collection, lang: Lang, bom: bool) -> String {
    let mut w = CsvWriter::new(Vec::new(), lang, bom).expect("writing to memory");
    w.collection(sources, c).expect("writing to memory");
    String::from_utf8(w.finish().expect("writing to memory")).expect("CSV of strings is UTF-8")
}
