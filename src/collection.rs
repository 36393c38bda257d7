//! Collection: what many reports say together. Reports of the same contact by several outlets are grouped
//! (one group per distinct contact), the groups are put on a timeline and counted by counterpart
//! (country, organisation, person), topic and kind.
//!
//! Counts count GROUPS (distinct contacts), not reports: a call reported by five outlets is one call. Each
//! count also says how many reports (member events) stand behind it, so the press echo stays visible.
//!
//! Two events are the same contact when they come from different files, have the same date (an undated
//! event never joins a dated one), compatible kinds, and overlapping sides: when both name counterpart
//! persons a name must be shared (names folded to simplified script), otherwise a counterpart state or
//! organisation must be; when both name PRC officials, one must be shared. Undated events join only when
//! their reports were published the same day and share a counterpart person's name: a name alone is too
//! weak (leaders talk many times a year).
//!
//! Reports in different languages (a Chinese report and the counterpart's own English readout) name
//! people in different scripts: names are compared through the people table (`data/people.tsv`, one id
//! for 拜登 and "Joseph R. Biden, Jr."). Two events in different languages are the same contact when both
//! have a PRC side and both are dated, the dates at most a day apart (time zones), the kinds compatible
//! (a phone call and a video call are both remote), the PRC officials shared when both name them, and a
//! counterpart person shared (both must name one).

use crate::language::Language;
use crate::report::Report;
use crate::schema::{Event, EventSource, Kind, Participant, Topic};
use crate::script::is_invisible;
use crate::script::to_simplified;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The part of a report the collection (and the CSV export) reads. Deserializes from a whole report
/// object (other fields are ignored), so the page can pass its reports as they are.
#[derive(Debug, Clone, Deserialize)]
pub struct Source {
    pub file: String,
    /// The report's language (`zh` when absent).
    #[serde(default)]
    pub language: Language,
    #[serde(default)]
    pub meta: SourceMeta,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub topics: Vec<Topic>,
    /// `terms.summary` of the report.
    #[serde(default)]
    pub terms: SourceTerms,
    /// How many statements the report has (read from its `statements` list).
    #[serde(default, deserialize_with = "count")]
    pub statements: usize,
    /// Set by the page when a person corrected this report (a participant, date, kind or place).
    #[serde(default)]
    pub corrected: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SourceMeta {
    pub outlet: Option<String>,
    pub published: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SourceTerms {
    #[serde(default)]
    pub summary: Vec<String>,
}

/// The length of a list, without keeping its items.
fn count<'de, D: serde::Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    Ok(<Vec<serde::de::IgnoredAny>>::deserialize(d)?.len())
}

impl From<&Report> for Source {
    fn from(r: &Report) -> Self {
        Source {
            file: r.file.clone(),
            language: r.language,
            meta: SourceMeta {
                outlet: r.meta.outlet.clone(),
                published: r.meta.published.clone(),
                title: r.meta.title.clone(),
                url: r.meta.url.clone(),
            },
            events: r.contacts.events.clone(),
            topics: r.contacts.topics.clone(),
            terms: SourceTerms { summary: r.terms.as_ref().map(|t| t.summary.clone()).unwrap_or_default() },
            statements: r.contacts.statements.len(),
            corrected: false,
        }
    }
}

/// The collection of many reports.
#[derive(Debug, Clone, Serialize)]
pub struct Collection {
    /// Number of reports read.
    pub reports: usize,
    /// Number of events over all reports (before grouping).
    pub events: usize,
    /// One per distinct contact, in timeline order (by date, undated last); `id` is the index.
    pub groups: Vec<Group>,
    /// Group ids by date, undated last (the order of `groups`).
    pub timeline: Vec<usize>,
    /// Groups per counterpart state, organisation and person, most first.
    pub by_counterpart: Vec<Count>,
    /// Groups per topic id (a group has the topics of its members' reports), most first.
    pub by_topic: Vec<Count>,
    /// Groups per kind, most first.
    pub by_kind: Vec<Count>,
    /// The group id of each source's events (`group_of[source][event]`), for exports.
    #[serde(skip)]
    pub group_of: Vec<Vec<usize>>,
}

/// One distinct contact and the reports of it.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub id: usize,
    pub date: Option<String>,
    pub kind: Kind,
    /// (file, event index) of every report of this contact, in input order.
    pub members: Vec<Member>,
    /// Distinct files reporting it.
    pub files: usize,
    /// Distinct outlets (`meta.outlet`) reporting it, as written.
    pub outlets: Vec<String>,
    /// The languages of its reports (`zh`, `en`): both means the two sides' accounts can be compared
    /// (`crate::compare`).
    pub languages: Vec<Language>,
    /// The member whose event is shown for the group (the most complete one).
    pub representative: Member,
    pub event: Event,
    /// The `by_counterpart` keys this group counts under.
    pub counterparts: Vec<String>,
    /// The `by_topic` keys this group counts under.
    pub topics: Vec<String>,
    /// The collector's event numbers of the members.
    #[serde(skip)]
    items: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub file: String,
    pub event: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// `country:RU`, `org:联合国`, `person:拉夫罗夫`; a topic id; a kind.
    pub key: String,
    /// `country`, `org`, `person`, `topic` or `kind`.
    pub category: String,
    /// The country code, the organisation or person (simplified script), the topic label or the kind.
    pub label: String,
    /// Distinct contacts (groups).
    pub groups: usize,
    /// Reports (member events) behind those groups.
    pub reports: usize,
}

/// Group and count the reports.
pub fn collect(reports: &[Report]) -> Collection {
    reports.iter().map(Source::from).collect::<Collector>().collection()
}

/// Group and count sources (what the page passes).
pub fn collect_sources(sources: &[Source]) -> Collection {
    sources.iter().cloned().collect::<Collector>().collection()
}

/// An event with what grouping compares, precomputed.
struct Item {
    src: usize,
    idx: usize,
    kind: Kind,
    date: Option<String>,
    cp_names: BTreeSet<String>,
    cp_units: BTreeSet<String>,
    cn_names: BTreeSet<String>,
    /// The report's publication day (`YYYY-MM-DD`), for undated events.
    published: Option<String>,
    lang: Language,
    /// The event has a PRC side (named or not): only such events group across languages.
    has_china: bool,
}

/// A person's key: the people table's id (`@biden`) when the name is in it, so every script and
/// language gives one key, else the folded name.
fn names(list: &[Participant]) -> BTreeSet<String> {
    let people = crate::people::get();
    list.iter()
        .filter_map(|p| p.name.as_deref())
        .map(|n| people.lookup(n).map_or_else(|| fold(n), |p| format!("@{}", p.id)))
        .filter(|n| !n.is_empty())
        .collect()
}

fn units(list: &[Participant]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for p in list {
        if let Some(c) = &p.country {
            out.insert(format!("country:{c}"));
        }
        if let Some(o) = &p.org {
            out.insert(format!("org:{}", fold(o)));
        }
    }
    out
}

/// Simplified script, no spaces, name dots or invisible characters, so outlets' spellings of one
/// name compare equal.
fn fold(s: &str) -> String {
    to_simplified(s)
        .chars()
        .filter(|&c| !c.is_whitespace() && !matches!(c, '·' | '•' | '・' | '.') && !is_invisible(c))
        .collect()
}

/// The class of a kind within one language: talks and a meeting are one contact told two ways.
fn kind_class(k: Kind) -> &'static str {
    match k {
        Kind::Talks | Kind::Meeting => "meeting",
        other => other.as_str(),
    }
}

/// Kinds that may report one contact: the same class, or either `other` (a banquet, a signing).
fn kinds_agree(a: Kind, b: Kind, class: fn(Kind) -> &'static str) -> bool {
    a == Kind::Other || b == Kind::Other || class(a) == class(b)
}

/// Whether two events are the same contact (the rule in the module header). The [`Collector`]
/// finds candidates through its index instead of calling this on every pair; tests hold the two
/// to the same answers.
fn same_contact(a: &Item, b: &Item) -> bool {
    if a.src == b.src {
        return false; // the extractor already merged one article's reports of one contact
    }
    if a.lang != b.lang {
        return same_contact_across(a, b);
    }
    if !kinds_agree(a.kind, b.kind, kind_class) {
        return false;
    }
    let meet = |x: &BTreeSet<String>, y: &BTreeSet<String>| !x.is_disjoint(y);
    if !a.cn_names.is_empty() && !b.cn_names.is_empty() && !meet(&a.cn_names, &b.cn_names) {
        return false;
    }
    match (&a.date, &b.date) {
        (Some(x), Some(y)) if x == y => {}
        // Undated: only reports published the same day naming the same counterpart person. The name
        // alone is too weak (leaders talk many times a year).
        (None, None) => {
            return a.published.is_some() && a.published == b.published && meet(&a.cp_names, &b.cp_names)
        }
        _ => return false,
    }
    if !a.cp_names.is_empty() && !b.cp_names.is_empty() {
        meet(&a.cp_names, &b.cp_names)
    } else {
        meet(&a.cp_units, &b.cp_units) || meet(&a.cp_names, &b.cp_names)
    }
}

/// The class of a kind across languages: one side's "call" is often the other's video call.
fn cross_class(k: Kind) -> &'static str {
    match k {
        Kind::PhoneCall | Kind::VideoCall => "remote",
        other => kind_class(other),
    }
}

/// Days between two `YYYY-MM-DD` dates (`None` when either does not parse).
fn days_apart(a: &str, b: &str) -> Option<i64> {
    let p = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    Some((p(a)? - p(b)?).num_days().abs())
}

/// Shifted by `days` (`None` when it does not parse).
fn shift(d: &str, days: i64) -> Option<String> {
    let d = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?;
    Some((d + chrono::Duration::days(days)).format("%Y-%m-%d").to_string())
}

/// Two reports of one contact in different languages (the rule in the module header).
fn same_contact_across(a: &Item, b: &Item) -> bool {
    let (Some(da), Some(db)) = (&a.date, &b.date) else { return false };
    if !a.has_china || !b.has_china || days_apart(da, db).is_none_or(|d| d > 1) {
        return false;
    }
    if !kinds_agree(a.kind, b.kind, cross_class) {
        return false;
    }
    if !a.cn_names.is_empty() && !b.cn_names.is_empty() && a.cn_names.is_disjoint(&b.cn_names) {
        return false;
    }
    !a.cp_names.is_disjoint(&b.cp_names)
}

/// The kind part of a key: filed under its class and `*`; looks up `*` for `other`, else its class
/// and `other`.
fn kind_keys(class: &str, filing: bool) -> Vec<&str> {
    match (filing, class) {
        (true, c) => vec![c, "*"],
        (false, "other") => vec!["*"],
        (false, c) => vec![c, "other"],
    }
}

/// The China-side part of a key: filed under `*` and each name (or `-` without names); looks up `*`
/// without names, else each name and `-`.
fn china_keys(it: &Item, filing: bool) -> Vec<&str> {
    let cn: Vec<&str> = it.cn_names.iter().take(KEYS_PER_SIDE).map(String::as_str).collect();
    match (filing, cn.is_empty()) {
        (true, true) => vec!["*", "-"],
        (true, false) => std::iter::once("*").chain(cn).collect(),
        (false, true) => vec!["*"],
        (false, false) => cn.into_iter().chain(std::iter::once("-")).collect(),
    }
}

/// The keys of an item across languages (see [`keys`]): filed under its language and date, looked
/// up under every other language and the dates a day around its own; kinds by [`cross_class`];
/// counterpart names only.
fn cross_keys(it: &Item, filing: bool) -> Vec<String> {
    let Some(date) = &it.date else { return Vec::new() };
    if !it.has_china || it.cp_names.is_empty() {
        return Vec::new();
    }
    let class = cross_class(it.kind);
    let (kinds, cns) = (kind_keys(class, filing), china_keys(it, filing));
    let buckets: Vec<String> = if filing {
        vec![format!("x:{}:{date}", it.lang.as_str())]
    } else {
        let others = [Language::Zh, Language::En].into_iter().filter(|l| *l != it.lang);
        others
            .flat_map(|l| {
                (-1..=1).filter_map(move |k| shift(date, k).map(|d| format!("x:{}:{d}", l.as_str())))
            })
            .collect()
    };
    let mut out = Vec::new();
    for b in &buckets {
        for k in &kinds {
            for c in &cns {
                for n in it.cp_names.iter().take(KEYS_PER_SIDE) {
                    out.push(format!("{b}\u{1}{k}\u{1}{c}\u{1}n:{n}"));
                }
            }
        }
    }
    out
}

/// Participants of one event the index looks at, per side and kind of key: a real event names a
/// handful; a hostile one naming thousands would otherwise make thousands of keys squared.
const KEYS_PER_SIDE: usize = 16;

/// The keys under which an item is filed, or looked up, in the index. Two events are the same
/// contact exactly when a key one is filed under is a key the other looks up (same source aside,
/// which grouping refuses anyway: a group never holds two events of one file). Each key is
/// `bucket | kind | China side | counterpart`:
/// - bucket: the date, or for an undated event its report's publication day;
/// - kind: an item is filed under its kind class and `*`; it looks up `*` when its kind is `other`,
///   else its class and `other`;
/// - China side: filed under `*` and under each name (or `-` when it has none); looks up `*` when
///   it has no names, else each name and `-`;
/// - counterpart: filed under each name `n:`, each unit `u:` and, when it has no names, each unit as
///   `v:`; looks up each name `n:` and, when it has names, each unit as `v:`, else each unit as `u:`.
///   Undated buckets use names only.
fn keys(it: &Item, filing: bool) -> Vec<String> {
    let lang = it.lang.as_str();
    let bucket = match (&it.date, &it.published) {
        (Some(d), _) => format!("d:{lang}:{d}"),
        (None, Some(p)) => format!("p:{lang}:{p}"),
        (None, None) => return cross_keys(it, filing), // undated and unpublished: never the same as another
    };
    let class = kind_class(it.kind);
    let (kinds, cns) = (kind_keys(class, filing), china_keys(it, filing));
    let names = it.cp_names.iter().take(KEYS_PER_SIDE).map(|n| format!("n:{n}"));
    let mut cps: Vec<String> = names.collect();
    if it.date.is_some() {
        let units = || it.cp_units.iter().take(KEYS_PER_SIDE);
        let has_names = !it.cp_names.is_empty();
        if filing {
            cps.extend(units().map(|u| format!("u:{u}")));
            if !has_names {
                cps.extend(units().map(|u| format!("v:{u}")));
            }
        } else {
            let tag = if has_names { "v" } else { "u" };
            cps.extend(units().map(|u| format!("{tag}:{u}")));
        }
    }
    let mut out = Vec::with_capacity(kinds.len() * cns.len() * cps.len());
    for k in &kinds {
        for c in &cns {
            for p in &cps {
                out.push(format!("{bucket}\u{1}{k}\u{1}{c}\u{1}{p}"));
            }
        }
    }
    out.extend(cross_keys(it, filing));
    out
}

/// The collection built one report at a time: each report's events join their groups as it is
/// added (amortised O(log n) per event, whatever the number of reports: one contact reported by
/// 20,000 files was quadratic when every event was compared with every other of its day), and
/// [`Collector::collection`] gives the groups, timeline and counts at any point.
///
/// Grouping is a union-find over events. An index maps each key of [`keys`] to the earliest event
/// of each group filed under it, so an event finds the groups it matches without scanning their
/// members, and tries them in the order of their earliest matching event, as a comparison of every
/// pair in input order would: the result does not depend on the index.
#[derive(Default)]
pub struct Collector {
    sources: Vec<Source>,
    items: Vec<Item>,
    parent: Vec<usize>,
    /// The files in each group (kept at its root): two groups holding events of one file are never
    /// joined, since one article's events are distinct contacts; a vague report (a state, no names)
    /// matching two of them must not chain them together.
    files_of: Vec<HashSet<usize>>,
    /// Key → events filed under it, at most one per group after each look-up (the earliest).
    index: HashMap<String, Vec<usize>>,
}

impl FromIterator<Source> for Collector {
    fn from_iter<I: IntoIterator<Item = Source>>(iter: I) -> Self {
        let mut c = Collector::default();
        iter.into_iter().for_each(|s| {
            c.add(s);
        });
        c
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

impl Collector {
    pub fn new() -> Self {
        Collector::default()
    }

    /// Reports added so far.
    pub fn len(&self) -> usize {
        self.sources.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// Add one report; its events join the groups of the same contacts. Returns its index.
    pub fn add(&mut self, source: Source) -> usize {
        let s = self.sources.len();
        let published = source.meta.published.as_deref().and_then(|p| p.get(..10)).map(str::to_string);
        for (idx, e) in source.events.iter().enumerate() {
            let item = Item {
                src: s,
                idx,
                kind: e.kind,
                // A month-day without a year is undated here: the same month-day of two years is not
                // one contact.
                date: e.full_date().map(str::to_string),
                cp_names: names(&e.counterparts),
                cp_units: units(&e.counterparts),
                cn_names: names(&e.china),
                published: published.clone(),
                lang: source.language,
                has_china: !e.china.is_empty(),
            };
            self.join(item);
        }
        self.sources.push(source);
        s
    }

    /// File one event and join it to every group it matches (when their files are disjoint).
    fn join(&mut self, item: Item) {
        let i = self.items.len();
        let lookups = keys(&item, false);
        let filings = keys(&item, true);
        self.items.push(item);
        self.parent.push(i);
        self.files_of.push(HashSet::from([self.items[i].src]));
        // Candidate groups, each with its earliest event filed under a key this one looks up.
        let mut first: HashMap<usize, usize> = HashMap::new();
        for key in &lookups {
            let Some(list) = self.index.get_mut(key) else { continue };
            // Compact: one entry per group, its earliest event (groups merge after filing).
            let mut per_root: HashMap<usize, usize> = HashMap::with_capacity(list.len());
            for &j in list.iter() {
                let r = find(&mut self.parent, j);
                per_root.entry(r).and_modify(|m| *m = (*m).min(j)).or_insert(j);
            }
            list.clear();
            list.extend(per_root.values().copied());
            list.sort_unstable();
            for (r, j) in per_root {
                first.entry(r).and_modify(|m| *m = (*m).min(j)).or_insert(j);
            }
        }
        let mut order: Vec<(usize, usize)> = first.into_iter().map(|(r, j)| (j, r)).collect();
        order.sort_unstable();
        for (j, _) in order {
            let (ri, rj) = (find(&mut self.parent, i), find(&mut self.parent, j));
            // A key in common means the same contact (the check only guards the index's logic).
            if ri == rj || !same_contact(&self.items[i], &self.items[j]) {
                continue;
            }
            let (small, large) =
                if self.files_of[ri].len() <= self.files_of[rj].len() { (ri, rj) } else { (rj, ri) };
            if self.files_of[small].iter().any(|f| self.files_of[large].contains(f)) {
                continue;
            }
            let (keep, gone) = (ri.min(rj), ri.max(rj));
            self.parent[gone] = keep;
            // Small into large, then the set moves to the root kept.
            let moved = std::mem::take(&mut self.files_of[small]);
            self.files_of[large].extend(moved);
            if large != keep {
                self.files_of.swap(large, keep);
            }
        }
        for key in filings {
            self.index.entry(key).or_default().push(i);
        }
    }

    /// The root of an event's group, without compressing paths (for a read-only snapshot).
    fn root(&self, mut i: usize) -> usize {
        while self.parent[i] != i {
            i = self.parent[i];
        }
        i
    }

    /// The collection of the reports added so far: groups in timeline order, counts.
    pub fn collection(&self) -> Collection {
        let (sources, items) = (&self.sources, &self.items);
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..items.len() {
            members.entry(self.root(i)).or_default().push(i);
        }
        let mut groups: Vec<Group> = members
            .into_values()
            .map(|m| {
                let event_of = |i: usize| &sources[items[i].src].events[items[i].idx];
                let rep = *m
                    .iter()
                    .max_by_key(|&&i| (completeness(event_of(i)), std::cmp::Reverse(i)))
                    .expect("a group has a member");
                let event = event_of(rep).clone();
                let files: BTreeSet<usize> = m.iter().map(|&i| items[i].src).collect();
                let mut outlets: Vec<String> = Vec::new();
                for &f in &files {
                    if let Some(o) = sources[f].meta.outlet.as_ref().filter(|o| !o.trim().is_empty()) {
                        if !outlets.contains(o) {
                            outlets.push(o.clone());
                        }
                    }
                }
                let mut cps: BTreeSet<String> = BTreeSet::new();
                for &i in &m {
                    cps.extend(items[i].cp_units.iter().cloned());
                    cps.extend(items[i].cp_names.iter().map(|n| format!("person:{n}")));
                }
                let mut topics: BTreeSet<String> = BTreeSet::new();
                for &f in &files {
                    topics.extend(sources[f].topics.iter().map(|t| t.id.clone()));
                }
                let member =
                    |i: usize| Member { file: sources[items[i].src].file.clone(), event: items[i].idx };
                Group {
                    id: 0,
                    date: event.full_date().map(str::to_string),
                    kind: event.kind,
                    members: m.iter().map(|&i| member(i)).collect(),
                    files: files.len(),
                    outlets,
                    languages: files
                        .iter()
                        .map(|&f| sources[f].language)
                        .collect::<BTreeSet<_>>()
                        .into_iter()
                        .collect(),
                    representative: member(rep),
                    event,
                    counterparts: cps.into_iter().collect(),
                    topics: topics.into_iter().collect(),
                    items: m,
                }
            })
            .collect();
        // Timeline order: by date, undated last; ties keep input order (groups are built in it).
        groups.sort_by(|a, b| match (&a.date, &b.date) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        let mut group_of: Vec<Vec<usize>> = sources.iter().map(|s| vec![0; s.events.len()]).collect();
        for (id, g) in groups.iter_mut().enumerate() {
            g.id = id;
            for &i in &g.items {
                group_of[items[i].src][items[i].idx] = id;
            }
        }

        let mut cp: BTreeMap<String, (String, String, usize, usize)> = BTreeMap::new();
        let mut tp: BTreeMap<String, (String, String, usize, usize)> = BTreeMap::new();
        let mut kd: BTreeMap<String, (String, String, usize, usize)> = BTreeMap::new();
        let labels: BTreeMap<&str, &str> =
            sources.iter().flat_map(|s| s.topics.iter().map(|t| (t.id.as_str(), t.label.as_str()))).collect();
        for g in &groups {
            let n = g.members.len();
            for k in &g.counterparts {
                let (cat, label) = k.split_once(':').unwrap_or(("other", k));
                let e = cp.entry(k.clone()).or_insert((cat.to_string(), label.to_string(), 0, 0));
                e.2 += 1;
                e.3 += n;
            }
            for k in &g.topics {
                let label = labels.get(k.as_str()).copied().unwrap_or(k).to_string();
                let e = tp.entry(k.clone()).or_insert(("topic".into(), label, 0, 0));
                e.2 += 1;
                e.3 += n;
            }
            let k = g.kind.as_str().to_string();
            let e = kd.entry(k.clone()).or_insert(("kind".into(), k, 0, 0));
            e.2 += 1;
            e.3 += n;
        }
        let counts = |m: BTreeMap<String, (String, String, usize, usize)>| {
            let mut v: Vec<Count> = m
                .into_iter()
                .map(|(key, (category, label, groups, reports))| Count {
                    key,
                    category,
                    label,
                    groups,
                    reports,
                })
                .collect();
            v.sort_by(|a, b| b.groups.cmp(&a.groups).then(b.reports.cmp(&a.reports)).then(a.key.cmp(&b.key)));
            v
        };
        Collection {
            reports: sources.len(),
            events: items.len(),
            timeline: (0..groups.len()).collect(),
            groups,
            by_counterpart: counts(cp),
            by_topic: counts(tp),
            by_kind: counts(kd),
            group_of,
        }
    }
}

/// How complete an event is, to pick the one shown for a group.
fn completeness(e: &Event) -> usize {
    let people = e.china.iter().chain(&e.counterparts);
    usize::from(e.date.is_some())
        + usize::from(e.location.is_some())
        + usize::from(e.requested_by.is_some())
        + usize::from(e.source == EventSource::Body)
        + people.map(|p| usize::from(p.name.is_some()) + usize::from(p.title.is_some())).sum::<usize>()
}
