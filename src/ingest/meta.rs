//! Metadata values: dates to ISO 8601 (keeping the offset the source states, inventing none) and
//! titles without site names.

use chrono::{DateTime, NaiveDate};
use regex::Regex;
use std::sync::OnceLock;

/// Remove invisible characters (see [`crate::script::is_invisible`]) from every metadata value:
/// they are labels a person reads and keys the collection groups by, never article text. Returns
/// how many went.
pub fn strip_invisible(meta: &mut crate::document::Meta) -> usize {
    let mut removed = 0;
    let mut clean = |v: &mut String| {
        if let (std::borrow::Cow::Owned(c), n) = crate::script::strip_invisible(v) {
            *v = c.trim().to_string();
            removed += n;
        }
    };
    let crate::document::Meta {
        title,
        title_source: _,
        published,
        published_source: _,
        outlet,
        author,
        url,
        tags,
        categories,
        editor,
        original_title,
    } = meta;
    for v in [title, published, outlet, author, url, editor, original_title].into_iter().flatten() {
        clean(v);
    }
    tags.iter_mut().chain(categories.iter_mut()).for_each(clean);
    removed
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid regex"))
}

/// Parse a date or date-time as written in front matter or page metadata into ISO 8601.
/// `Wed, 13 Oct 2021 08:48:07 GMT` → `2021-10-13T08:48:07Z`; `2021年10月13日 08:48` →
/// `2021-10-13T08:48:00`; `2018-04-16` → `2018-04-16`. `None` when it is not a date.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.chars().next()?.is_ascii_alphabetic() {
        if let Ok(d) = DateTime::parse_from_rfc2822(s) {
            return Some(if d.offset().local_minus_utc() == 0 {
                d.format("%Y-%m-%dT%H:%M:%SZ").to_string()
            } else {
                d.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
            });
        }
    }
    find_date(s).filter(|(start, _)| *start == 0).map(|(_, d)| d)
}

/// The first date (with its time when one follows) anywhere in `s`: `(byte offset, ISO string)`.
pub fn find_date(s: &str) -> Option<(usize, String)> {
    static ISO: OnceLock<Regex> = OnceLock::new();
    static ZH: OnceLock<Regex> = OnceLock::new();
    static COMPACT: OnceLock<Regex> = OnceLock::new();
    let iso = re(
        &ISO,
        r"(?:^|[^\d])((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:[T ]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|GMT|UTC)?)?",
    );
    let zh = re(
        &ZH,
        r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(?:[上下]午)?\s*(\d{1,2})[:：时](\d{2})(?:[:：](\d{2}))?)?",
    );
    let compact = re(&COMPACT, r"[（(]\s*((?:19|20)\d\d)(\d\d)(\d\d)\s*[)）]");
    let mut best: Option<(usize, String)> = None;
    for r in [iso, zh, compact] {
        for c in r.captures_iter(s) {
            let Some(d) = build(&c) else { continue };
            let start = c.get(1).map_or(0, |m| m.start());
            if best.as_ref().is_none_or(|(b, _)| start < *b) {
                best = Some((start, d));
            }
            break;
        }
    }
    best
}

fn build(c: &regex::Captures<'_>) -> Option<String> {
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (y, m, d) = (num(1)? as i32, num(2)?, num(3)?);
    NaiveDate::from_ymd_opt(y, m, d)?;
    let date = format!("{y:04}-{m:02}-{d:02}");
    let Some(h) = num(4) else { return Some(date) };
    let min = num(5)?;
    if h > 23 || min > 59 {
        return Some(date);
    }
    let sec = num(6).unwrap_or(0).min(59);
    let frac = c.get(7).map_or("", |m| m.as_str());
    let off = match c.get(8).map(|m| m.as_str()) {
        None => String::new(),
        Some("Z" | "GMT" | "UTC") => "Z".to_string(),
        Some(o) if o.len() == 5 => format!("{}:{}", &o[..3], &o[3..]),
        Some(o) => o.to_string(),
    };
    Some(format!("{date}T{h:02}:{min:02}:{sec:02}{frac}{off}"))
}

/// A `<title>` without the site name: `女儿出嫁…当嫁妆--文化--人民网` → `女儿出嫁…当嫁妆`.
/// Separators that only site suffixes use are cut at their first occurrence; `|`, `-` and `_` only
/// when what follows is short (a headline may itself contain `|`).
pub fn strip_site_name(title: &str) -> String {
    let mut t = title.trim().to_string();
    for sep in ["--", " - ", "_", "｜", "|", " — ", "—", " – ", "-"] {
        while let Some(i) = t.rfind(sep) {
            let head = t[..i].trim();
            let tail = t[i + sep.len()..].trim();
            // A site suffix is short and what stays is a headline of some length.
            if head.chars().count() >= 4 && tail.chars().count() <= 16 {
                t = head.to_string();
            } else {
                break;
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("Wed, 13 Oct 2021 08:48:07 GMT").unwrap(), "2021-10-13T08:48:07Z");
        assert_eq!(parse_date("2021-06-05T02:34:03.976Z").unwrap(), "2021-06-05T02:34:03.976Z");
        assert_eq!(parse_date("2021年10月13日 08:48").unwrap(), "2021-10-13T08:48:00");
        assert_eq!(parse_date("2018-04-16").unwrap(), "2018-04-16");
        assert_eq!(parse_date("2021-10-13 08:48:07 +0800").unwrap(), "2021-10-13T08:48:07+08:00");
        assert_eq!(parse_date("2021-02-30"), None);
        assert_eq!(parse_date("today"), None);
    }

    #[test]
    fn site_names() {
        assert_eq!(
            strip_site_name("女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网"),
            "女儿出嫁，郑板桥画了几笔兰花当嫁妆"
        );
        assert_eq!(
            strip_site_name("法国全国大罢工再次严重影响交通_新华网"),
            "法国全国大罢工再次严重影响交通"
        );
    }
}
