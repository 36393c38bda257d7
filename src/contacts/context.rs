//! The one context every pass reads: the document, its simplified text and headline, the sentences, the
//! people mentioned in each, the article's year and the dateline. Built once per document.

use super::dates::{self, Anchor, Day};
use super::mentions::{self, Article, Mention};
use super::text::{self, Sentence};
use crate::document::Document;
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// An agency dateline opening the story: `新华社北京10月13日电`.
#[derive(Debug, Clone)]
pub struct Dateline {
    /// The whole dateline in the simplified text.
    pub range: Range<usize>,
    /// The place it names (`北京`).
    pub place: Range<usize>,
    pub month: u32,
    pub day: u32,
}

static DATELINE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:新华社|中新社|中新网|人民网|央视网|环球网|国际在线|央视新闻|新华网)([^\d\s，。]{2,8}?)(\d{1,2})月(\d{1,2})日电")
        .expect("dateline regex")
});

impl Dateline {
    /// The first agency dateline of `s`.
    pub fn find(s: &str) -> Option<Dateline> {
        let c = DATELINE_RE.captures(s)?;
        let whole = c.get(0)?;
        let place = c.get(1)?;
        Some(Dateline {
            range: whole.start()..whole.end(),
            place: place.start()..place.end(),
            month: c[2].parse().ok()?,
            day: c[3].parse().ok()?,
        })
    }
}

/// Which text a range indexes: the body (simplified) or the headline (simplified).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Body,
    Title,
}

pub struct Context<'d> {
    pub doc: &'d Document,
    /// The body in simplified script (`doc.simplified`): every body range indexes it.
    pub body: &'d str,
    /// The headline in simplified script (empty when there is none).
    pub title: String,
    pub sentences: Vec<Sentence>,
    /// The people named in each sentence, sorted by start.
    pub mentions: Vec<Vec<Mention>>,
    /// All of them, in text order.
    pub all: Vec<Mention>,
    /// The indices in `all` of each name's mentions, in text order: passes look a name up here instead of
    /// scanning every mention for each person (quadratic in a text naming one person many times).
    pub by_name: HashMap<&'d str, Vec<usize>>,
    /// The index in `all` of the first mention giving each name a title.
    first_titled: HashMap<&'d str, usize>,
    /// The people named in the headline (ranges into `title`).
    pub title_mentions: Vec<Mention>,
    /// Short forms and the year office holders are looked up in.
    pub article: Article,
    /// What dates resolve against.
    pub anchor: Anchor,
    pub dateline: Option<Dateline>,
    /// The years the text writes with a month, and the latest month of each, most written first (for a
    /// month-day the publication does not date).
    pub years: Vec<(i32, u32)>,
}

impl<'d> Context<'d> {
    pub fn new(doc: &'d Document) -> Self {
        let body = doc.simplified.as_str();
        let title = doc.meta.title.as_deref().map(crate::script::to_simplified).unwrap_or_default();
        let dateline = Dateline::find(body);
        let anchor = anchor(doc, dateline.as_ref());
        let year = anchor.published.map(|d| d.y).or(anchor.common_year);
        let mut article = Article::new(body, &title, year);
        let sentences = text::sentences(body);
        let mut per: Vec<Vec<Mention>> =
            sentences.iter().map(|st| mentions::find(body, st.range.clone(), &article)).collect();
        // A foreign person named in full is named by family name afterwards: read again the sentences
        // that hold one where no mention was found.
        if article.learn_short_names(body, &per) {
            for (st, ms) in sentences.iter().zip(per.iter_mut()) {
                let text = &body[st.range.clone()];
                let names: Vec<&Range<usize>> = ms.iter().filter_map(|m| m.name.as_ref()).collect();
                let unread = |n: &str| {
                    text.match_indices(n).any(|(p, _)| {
                        let at = st.range.start + p;
                        let k = names.partition_point(|r| r.start <= at);
                        k == 0 || names[k - 1].end <= at
                    })
                };
                if article.short_names.iter().any(|(n, _)| unread(n)) {
                    *ms = mentions::find(body, st.range.clone(), &article);
                }
            }
        }
        mentions::reconcile(body, &mut per);
        let all: Vec<Mention> = per.iter().flatten().cloned().collect();
        let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut first_titled: HashMap<&str, usize> = HashMap::new();
        for (i, m) in all.iter().enumerate() {
            if let Some(n) = &m.name {
                by_name.entry(&body[n.clone()]).or_default().push(i);
                if m.title.is_some() {
                    first_titled.entry(&body[n.clone()]).or_insert(i);
                }
            }
        }
        let title_mentions = mentions::find(&title, 0..title.len(), &article);
        let years = dates::years_written(body);
        Context {
            doc,
            body,
            title,
            sentences,
            mentions: per,
            all,
            by_name,
            first_titled,
            title_mentions,
            article,
            anchor,
            dateline,
            years,
        }
    }

    /// The body's mentions of the person named `name`, in text order.
    pub fn named(&self, name: &str) -> impl DoubleEndedIterator<Item = &Mention> + '_ {
        self.by_name.get(name).into_iter().flatten().map(|&i| &self.all[i])
    }

    /// The first body mention giving `name` a title.
    pub fn first_titled(&self, name: &str) -> Option<&Mention> {
        self.first_titled.get(name).map(|&i| &self.all[i])
    }

    /// The text a source's ranges index.
    pub fn text(&self, src: Source) -> &str {
        match src {
            Source::Body => self.body,
            Source::Title => &self.title,
        }
    }
}

/// Build the anchor dates resolve against: the publication date, the dateline's month and day, and for a
/// file that states no publication date, the years of its dated material.
fn anchor(doc: &Document, dateline: Option<&Dateline>) -> Anchor {
    let published = doc.meta.published.as_deref().and_then(Day::parse_iso);
    let (years_by_md, mut common_year) =
        if published.is_none() { dates::dated_material(&doc.source) } else { Default::default() };
    if published.is_none() {
        // The text's own 今年/去年 placed against the years it writes says more than the stamps' years.
        common_year = dates::year_from_relative(&doc.simplified)
            .or(common_year)
            .or_else(|| dates::years_mentioned(&doc.simplified));
    }
    Anchor { published, dateline: dateline.map(|d| (d.month, d.day)), years_by_md, common_year }
}
