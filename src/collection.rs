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

use crate::report::Report;
use crate::schema::{Event, EventSource, Kind, Participant, Topic};
use crate::script::to_simplified;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The part of a report the collection reads. Deserializes from a whole report object (other fields are
/// ignored), so the page can pass its reports as they are.
#[derive(Debug, Clone, Deserialize)]
pub struct Source {
    pub file: String,
    #[serde(default)]
    pub meta: SourceMeta,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub topics: Vec<Topic>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SourceMeta {
    pub outlet: Option<String>,
    pub published: Option<String>,
}

impl From<&Report> for Source {
    fn from(r: &Report) -> Self {
        Source {
            file: r.file.clone(),
            meta: SourceMeta { outlet: r.meta.outlet.clone(), published: r.meta.published.clone() },
            events: r.contacts.events.clone(),
            topics: r.contacts.topics.clone(),
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
    /// The member whose event is shown for the group (the most complete one).
    pub representative: Member,
    pub event: Event,
    /// The `by_counterpart` keys this group counts under.
    pub counterparts: Vec<String>,
    /// The `by_topic` keys this group counts under.
    pub topics: Vec<String>,
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
    let sources: Vec<Source> = reports.iter().map(Source::from).collect();
    collect_sources(&sources)
}

/// An event with what grouping compares, precomputed.
struct Item<'a> {
    src: usize,
    idx: usize,
    event: &'a Event,
    cp_names: BTreeSet<String>,
    cp_units: BTreeSet<String>,
    cn_names: BTreeSet<String>,
    /// The report's publication day (`YYYY-MM-DD`), for undated events.
    published: Option<&'a str>,
}

fn names(list: &[Participant]) -> BTreeSet<String> {
    list.iter().filter_map(|p| p.name.as_deref()).map(fold).filter(|n| !n.is_empty()).collect()
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

/// Simplified script, no spaces or name dots, so outlets' spellings of one name compare equal.
fn fold(s: &str) -> String {
    to_simplified(s).chars().filter(|c| !c.is_whitespace() && !matches!(c, '·' | '•' | '・' | '.')).collect()
}

fn kind_class(k: Kind) -> Kind {
    match k {
        Kind::Talks | Kind::Meeting => Kind::Meeting,
        other => other,
    }
}

fn same_contact(a: &Item, b: &Item) -> bool {
    if a.src == b.src {
        return false; // the extractor already merged one article's reports of one contact
    }
    let (ka, kb) = (a.event.kind, b.event.kind);
    if ka != Kind::Other && kb != Kind::Other && kind_class(ka) != kind_class(kb) {
        return false;
    }
    let meet = |x: &BTreeSet<String>, y: &BTreeSet<String>| !x.is_disjoint(y);
    if !a.cn_names.is_empty() && !b.cn_names.is_empty() && !meet(&a.cn_names, &b.cn_names) {
        return false;
    }
    // A month-day without a year is undated here: the same month-day of two years is not one contact.
    match (a.event.full_date(), b.event.full_date()) {
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

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
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

/// Group and count sources (what the page passes).
pub fn collect_sources(sources: &[Source]) -> Collection {
    let items: Vec<Item> = sources
        .iter()
        .enumerate()
        .flat_map(|(s, src)| {
            src.events.iter().enumerate().map(move |(i, e)| Item {
                src: s,
                idx: i,
                event: e,
                cp_names: names(&e.counterparts),
                cp_units: units(&e.counterparts),
                cn_names: names(&e.china),
                published: src.meta.published.as_deref().and_then(|p| p.get(..10)),
            })
        })
        .collect();
    // Candidates share a date (or are both undated): compare within each date only, so the work stays
    // proportional to the events of one day, not to the square of the whole collection.
    let mut by_date: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        by_date.entry(it.event.full_date()).or_default().push(i);
    }
    let mut parent: Vec<usize> = (0..items.len()).collect();
    // The files in each group (by root): two groups holding events of one file are never joined, since
    // one article's events are distinct contacts; a vague report (a state, no names) matching two of
    // them must not chain them together.
    let mut files_of: Vec<BTreeSet<usize>> = items.iter().map(|it| BTreeSet::from([it.src])).collect();
    for day in by_date.values() {
        for (n, &i) in day.iter().enumerate() {
            for &j in &day[..n] {
                if same_contact(&items[i], &items[j]) {
                    let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                    if ri != rj && files_of[ri].is_disjoint(&files_of[rj]) {
                        let (keep, gone) = (ri.min(rj), ri.max(rj));
                        parent[gone] = keep;
                        let moved = std::mem::take(&mut files_of[gone]);
                        files_of[keep].extend(moved);
                    }
                }
            }
        }
    }
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..items.len() {
        let r = find(&mut parent, i);
        members.entry(r).or_default().push(i);
    }
    let mut groups: Vec<Group> = members
        .into_values()
        .map(|m| {
            let rep = *m
                .iter()
                .max_by_key(|&&i| (completeness(items[i].event), std::cmp::Reverse(i)))
                .expect("a group has a member");
            let event = items[rep].event.clone();
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
            Group {
                id: 0,
                date: event.full_date().map(str::to_string),
                kind: event.kind,
                members: m
                    .iter()
                    .map(|&i| Member { file: sources[items[i].src].file.clone(), event: items[i].idx })
                    .collect(),
                files: files.len(),
                outlets,
                representative: Member { file: sources[items[rep].src].file.clone(), event: items[rep].idx },
                event,
                counterparts: cps.into_iter().collect(),
                topics: topics.into_iter().collect(),
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
    for (i, g) in groups.iter_mut().enumerate() {
        g.id = i;
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
            .map(|(key, (category, label, groups, reports))| Count { key, category, label, groups, reports })
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
    }
}
