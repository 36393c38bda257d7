//! Ingest: bytes → [`Document`]. Decoding ([`decode`]), front matter ([`front_matter`]), body
//! extraction ([`html`], [`markdown`], plain text), converter artefacts ([`gloss`]), boilerplate
//! removal ([`boilerplate`]) and metadata ([`meta`]).

pub mod boilerplate;
pub mod decode;
pub mod front_matter;
pub mod gloss;
pub mod html;
pub mod markdown;
pub mod meta;
pub mod nesting;

use crate::document::{Document, Format, Meta, Warning};
use crate::error::{Error, ErrorKind, Result};
use crate::Options;
use front_matter::FrontMatter;
use html::{Block, Extracted, Kind};

/// Read one file's bytes into a clean document.
///
/// A file that holds only front matter gives a document with its metadata, an empty body and an
/// `empty_body` warning; a file with neither metadata nor text is an [`ErrorKind::Empty`] error.
pub fn read(bytes: &[u8], name: &str, opts: &Options) -> Result<Document> {
    if bytes.len() > opts.max_bytes {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!("file is {} bytes, over the limit of {} bytes", bytes.len(), opts.max_bytes),
        ));
    }
    let decoded = decode::decode(bytes)?;
    let mut warnings = decoded.warnings;
    let (fm, body) = front_matter::split(&decoded.text, &mut warnings);
    let format = detect_format(body);
    opts.check_stop()?;
    let mut extracted = match format {
        // Deep nesting and crowds of attributes are cut before the HTML parser, whose cost grows
        // with their square.
        Format::HtmlPage => html::extract(&nesting::limit_markup(body, opts, &mut warnings), true),
        Format::HtmlFragment => html::extract(&nesting::limit_markup(body, opts, &mut warnings), false),
        Format::Markdown => {
            let md = markdown::to_html(body);
            opts.check_stop()?;
            // The rendered HTML is replaced by its limited copy, never held twice while parsing.
            let cut = match nesting::limit_markup(&md, opts, &mut warnings) {
                std::borrow::Cow::Owned(s) => Some(s),
                std::borrow::Cow::Borrowed(_) => None,
            };
            html::extract(&cut.unwrap_or(md), false)
        }
        Format::Text => Extracted { blocks: text_blocks(body), ..Extracted::default() },
    };
    opts.check_stop()?;
    // The blocks are taken, not copied (a 20 MB file's text is copied often enough on its way).
    let mut blocks = std::mem::take(&mut extracted.blocks);
    let first_pos = blocks.first().map(|b| b.pos);
    for b in &mut blocks {
        if let std::borrow::Cow::Owned(s) = gloss::strip(&b.text) {
            b.text = s;
        }
    }
    let (title, title_source) = choose_title(fm.as_ref(), format, &extracted, &blocks);
    let (mut paragraphs, found) = boilerplate::clean(&blocks, title.as_deref());
    cap_text(&mut paragraphs, opts.max_text, &mut warnings);
    let mut meta = Meta { title, title_source: title_source.map(str::to_string), ..Meta::default() };
    fill_meta(&mut meta, fm.as_ref(), &extracted, first_pos, &found, &paragraphs);
    let removed = meta::strip_invisible(&mut meta);
    if removed > 0 {
        warnings.push(Warning::new(
            "invisible_characters",
            format!("{removed} invisible character(s) (zero-width or bidi controls) removed from the title and metadata"),
        ));
    }
    if paragraphs.is_empty() {
        if meta.title.is_none() && fm.as_ref().is_none_or(|f| f.fields.is_empty()) {
            return Err(Error::new(ErrorKind::Empty, "the file holds no article text"));
        }
        warnings.push(Warning::new("empty_body", "the file has metadata but no article text"));
    }
    let mut doc = Document::new(name, format, decoded.encoding, meta, paragraphs);
    // Bidi controls in the body can reorder what is shown around it: kept as written, but said.
    let bidi =
        doc.text.chars().filter(|c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')).count();
    if bidi > 0 {
        warnings.push(Warning::new(
            "invisible_characters",
            format!(
                "the text holds {bidi} bidi control character(s): kept as written, ignored by the analysis"
            ),
        ));
    }
    doc.warnings = warnings;
    doc.source = decoded.text;
    Ok(doc)
}

/// Keep the paragraphs within `max` bytes of text (whole paragraphs; a single longer one is cut at
/// a character boundary), with a `text_truncated` warning. The analysis holds about 30 bytes per
/// byte of dense readout text (segments, highlights, statements), so this bounds its memory.
fn cap_text(paragraphs: &mut Vec<String>, max: usize, warnings: &mut Vec<Warning>) {
    // Each paragraph costs its length and the '\n' joining it to the next (none after the last).
    let total: usize = paragraphs.iter().map(|p| p.len() + 1).sum::<usize>().saturating_sub(1);
    if total <= max {
        return;
    }
    let mut used = 0usize;
    let keep = paragraphs.iter().take_while(|p| {
        used += p.len() + 1;
        used - 1 <= max
    });
    let keep = keep.count();
    if keep == 0 {
        let p = &mut paragraphs[0];
        p.truncate(p.floor_char_boundary(max));
        paragraphs.truncate(1);
    } else {
        paragraphs.truncate(keep);
    }
    let kept: usize = paragraphs.iter().map(|p| p.len() + 1).sum::<usize>() - 1;
    warnings.push(Warning::new(
        "text_truncated",
        format!(
            "the article text is {total} bytes, over the {max}-byte limit of one analysis: the first {kept} \
             bytes ({} paragraphs) were read, the rest left out",
            paragraphs.len()
        ),
    ));
}

/// Whole page, HTML fragment, Markdown or plain text, from the body's first kilobytes.
pub fn detect_format(body: &str) -> Format {
    let head: String = body.chars().take(4096).collect::<String>().to_lowercase();
    if head.contains("<!doctype html")
        || head.contains("<html")
        || head.contains("<head>")
        || head.contains("<body")
    {
        return Format::HtmlPage;
    }
    let trimmed = body.trim_start();
    let tags =
        ["<p", "<div", "<br", "<span", "<section", "<article", "<table", "<li", "<h1", "<h2", "<figure"];
    let has_tags = tags.iter().any(|t| head.contains(t));
    if markdown::looks_like_markdown(body) {
        return Format::Markdown;
    }
    if has_tags || (trimmed.starts_with('<') && trimmed.contains('>')) {
        return Format::HtmlFragment;
    }
    Format::Text
}

/// Plain text: one block per non-blank line; list bullets are kept for the cleaner to judge. English
/// text is hard-wrapped, so there a paragraph runs to the next blank line, its lines joined by a space.
fn text_blocks(body: &str) -> Vec<Block> {
    if crate::language::detect(body) == crate::language::Language::En {
        let mut blocks = Vec::new();
        let mut para: Vec<&str> = Vec::new();
        for line in body.lines().chain(std::iter::once("")) {
            if !line.trim().is_empty() {
                para.push(line.trim());
                continue;
            }
            let text = html::collapse(&para.join(" "));
            para.clear();
            if !text.is_empty() {
                let pos = blocks.len();
                blocks.push(Block { text, kind: Kind::Para, link_chars: 0, pos });
            }
        }
        return blocks;
    }
    body.lines()
        .map(html::collapse)
        .filter(|l| !l.is_empty())
        .enumerate()
        .map(|(i, text)| Block { text, kind: Kind::Para, link_chars: 0, pos: i })
        .collect()
}

fn choose_title(
    fm: Option<&FrontMatter>,
    format: Format,
    ex: &Extracted,
    blocks: &[Block],
) -> (Option<String>, Option<&'static str>) {
    if let Some(t) = fm.and_then(|f| f.first_str(&["title"])) {
        return (Some(gloss::strip(&t).trim().to_string()), Some("front_matter"));
    }
    if format == Format::HtmlPage {
        let og =
            ex.metas.iter().find(|(k, v)| k == "og:title" && !v.is_empty()).map(|(_, v)| html::collapse(v));
        // A heading whose words open the page title is the headline without the site name.
        for pt in ex.title.iter().chain(og.iter()) {
            let pk = boilerplate::key(pt);
            if let Some(h) = ex.headings.iter().find(|h| {
                let k = boilerplate::key(h);
                k.chars().count() >= 4 && pk.starts_with(&k)
            }) {
                return (Some(h.clone()), Some("heading"));
            }
        }
        // og:title carries no site name, but is only trusted when the page title agrees with it.
        if let (Some(o), Some(t)) = (&og, &ex.title) {
            if boilerplate::key(t).starts_with(&boilerplate::key(o)) {
                return (Some(o.clone()), Some("html_meta"));
            }
        }
        if let Some(t) = ex.title.as_ref().or(og.as_ref()) {
            return (Some(meta::strip_site_name(t)), Some("html_title"));
        }
    }
    // The first top-level heading that is not just a link (a "back to home page" line is).
    let heads: Vec<&Block> = blocks
        .iter()
        .take(12)
        .filter(|b| matches!(b.kind, Kind::Heading(_)) && b.link_density() < 0.5 && b.chars() >= 2)
        .collect();
    if let Some(level) =
        heads.iter().filter_map(|b| if let Kind::Heading(l) = b.kind { Some(l) } else { None }).min()
    {
        if level <= 3 {
            if let Some(h) = heads.iter().find(|b| b.kind == Kind::Heading(level)) {
                return (Some(h.text.clone()), Some("heading"));
            }
        }
    }
    if format == Format::Text {
        if let Some(first) = blocks.iter().find(|b| b.text.chars().any(char::is_alphanumeric)) {
            let n = first.chars();
            if n <= 80 && !first.text.ends_with(['。', '！', '？']) {
                return (Some(first.text.clone()), Some("first_line"));
            }
        }
    }
    (None, None)
}

fn fill_meta(
    meta: &mut Meta,
    fm: Option<&FrontMatter>,
    ex: &Extracted,
    first_pos: Option<usize>,
    found: &boilerplate::Found,
    paras: &[String],
) {
    if let Some(f) = fm {
        meta.author = f.first_str(&["author", "authors", "byline"]);
        meta.outlet = f.first_str(&["outlet", "source", "publisher", "site", "site_name", "media"]);
        meta.url =
            f.first_str(&["url", "from", "link", "permalink", "source_url", "original_url", "canonical"]);
        meta.tags = f
            .get("tags")
            .or_else(|| f.get("tag"))
            .or_else(|| f.get("keywords"))
            .map(|v| v.as_list())
            .unwrap_or_default();
        meta.categories =
            f.get("categories").or_else(|| f.get("category")).map(|v| v.as_list()).unwrap_or_default();
        for key in
            ["date", "published", "pubdate", "publishdate", "publish_date", "published_at", "created", "time"]
        {
            if let Some(d) = f.get(key).and_then(|v| v.as_str()).and_then(meta::parse_date) {
                meta.published = Some(d);
                meta.published_source = Some("front_matter".to_string());
                break;
            }
        }
        if meta.url.as_deref().is_some_and(|u| !u.starts_with("http")) {
            meta.url = None;
        }
    }
    let get_meta = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            ex.metas.iter().find(|(n, v)| n == k && !v.trim().is_empty()).map(|(_, v)| v.clone())
        })
    };
    if meta.published.is_none() {
        const KEYS: &[&str] = &[
            "article:published_time",
            "publishdate",
            "pubdate",
            "publish_date",
            "og:release_date",
            "datepublished",
            "date",
            "dc.date",
            "dc.date.issued",
            "sailthru.date",
            "release_date",
            "weibo: article:create_at",
            "og:time",
            "firstpublishedtime",
            "publishedtime",
            "pubtime",
            "ptime",
            "publish-date",
            "article:published",
        ];
        let from_meta = KEYS
            .iter()
            .find_map(|k| ex.metas.iter().filter(|(n, _)| n == k).find_map(|(_, v)| meta::parse_date(v)));
        if let Some(d) = from_meta {
            meta.published = Some(d);
            meta.published_source = Some("html_meta".to_string());
        } else if let Some(d) = first_pos.and_then(|first| page_stamp(ex, first, meta.title.as_deref())) {
            meta.published = Some(d);
            meta.published_source = Some("page_stamp".to_string());
        } else if let Some(d) = ex.times.iter().find_map(|t| meta::parse_date(t)) {
            meta.published = Some(d);
            meta.published_source = Some("html_time".to_string());
        } else if let Some(d) = found.stamps.first() {
            meta.published = Some(d.clone());
            meta.published_source = Some("stamp".to_string());
        } else if let Some(d) = dateline(paras.first().map(String::as_str).unwrap_or("")) {
            meta.published = Some(d);
            meta.published_source = Some("dateline".to_string());
        } else if let Some(d) = meta.title.as_deref().and_then(meta::find_date).map(|(_, d)| d) {
            meta.published = Some(d);
            meta.published_source = Some("title".to_string());
        }
    }
    if meta.outlet.is_none() {
        meta.outlet = get_meta(&["og:site_name", "application-name", "publisher"]);
    }
    if meta.author.is_none() {
        meta.author =
            get_meta(&["author", "article:author"]).filter(|a| !a.chars().all(|c| c.is_ascii_digit()));
    }
    if meta.author.is_none() {
        meta.author = found.author.clone();
    }
    if meta.outlet.is_none() {
        meta.outlet = found.source.clone();
    }
    if meta.url.is_none() {
        meta.url = get_meta(&["og:url"]);
    }
    meta.editor = found.editor.clone();
    meta.original_title = found.original_title.clone();
}

/// The publication stamp of a saved page: a short line with a date between the headline and the
/// article (`2019-12-10 07:57:40 来源：新华网`), else the last such line before the article.
/// `first` is the position of the article's first block.
fn page_stamp(ex: &Extracted, first: usize, title: Option<&str>) -> Option<String> {
    let title_key = title.map(boilerplate::key).unwrap_or_default();
    let mut after_title = false;
    let mut last = None;
    for b in ex.all.iter().take_while(|b| b.pos < first) {
        if matches!(b.kind, Kind::Heading(1))
            || (!title_key.is_empty() && boilerplate::key(&b.text) == title_key)
        {
            after_title = true;
            continue;
        }
        if b.chars() > 60 {
            continue;
        }
        if let Some((_, d)) = meta::find_date(&b.text) {
            if after_title {
                return Some(d);
            }
            last = Some(d);
        }
    }
    last
}

/// A dateline opening the first paragraph (`新华社莫斯科2月21日电`, `《科创板日报》12月30日讯`) gives
/// the month and day; the year must be stated in the same paragraph (`2023年`, `〔2023〕`), else there
/// is no date. A bare number such as `2000亿` is not a year.
fn dateline(first: &str) -> Option<String> {
    use regex::Regex;
    use std::sync::OnceLock;
    static RE: OnceLock<Regex> = OnceLock::new();
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let r = RE.get_or_init(|| Regex::new(r"^.{0,30}?(\d{1,2})月(\d{1,2})日(?:电|讯)").expect("regex"));
    let y = YEAR.get_or_init(|| {
        Regex::new(r"(?:^|[^\d])((?:19|20)\d\d)\s*年|[〔\[(（]((?:19|20)\d\d)[〕\])）]").expect("regex")
    });
    let head: String = first.chars().take(200).collect();
    let c = r.captures(&head)?;
    let year = y.captures(&head)?;
    let y = year.get(1).or_else(|| year.get(2))?.as_str();
    let (yy, mm, dd) = (y.parse::<i32>().ok()?, c[1].parse::<u32>().ok()?, c[2].parse::<u32>().ok()?);
    chrono::NaiveDate::from_ymd_opt(yy, mm, dd).map(|_| format!("{yy:04}-{mm:02}-{dd:02}"))
}
