//! The comparison: the two sides' readouts of one contact held against each other, point by point —
//! who is said to have asked for it, which topics both raised and which only one did (with the sentences
//! as evidence), how each characterises the talk, what each says the other said, what each says was
//! agreed, how long each is, and each side's framing of the sensitive topics side by side.
//!
//! Reports are grouped by the collection ([`crate::collection`]: the same contact across languages is
//! the same date ±1 day, compatible kind and the same principals through the people table). A Chinese
//! report whose contact has no full date (a repost with "10月27日" and no year, a bare headline) is then
//! matched to the English readout it can only be: the same principals (or, when it names none, a shared
//! topic) and a date hint that fits (a month-day in its text, else a date in its file name), and no
//! other readout fitting as well. Such a match says so (`matched_by`).

use crate::collection::{Collector, Source, SourceMeta, SourceTerms};
use crate::english::lexicon;
use crate::language::Language;
use crate::people;
use crate::schema::{self, Event, Kind, Topic};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

/// Chinese characters per English word of the same content: translations of diplomatic texts run
/// at about 1.6 (so 1,600 characters say about what 1,000 words say); the normalised ratio divides
/// by it.
pub const CHARS_PER_WORD: f64 = 1.6;
/// Evidence sentences kept per topic and report.
const EVIDENCE: usize = 3;
/// Words that say a sentence is about the talk itself (where characterisation words count).
const TALK_EN: &[&str] = &[
    "discussion",
    "conversation",
    "talks",
    "exchange",
    "communication",
    "dialogue",
    "meeting",
    "call",
    "spoke",
    "discussed",
];
const TALK_ZH: &[&str] = &["讨论", "沟通", "交流", "会晤", "通话", "会谈", "对话", "交谈", "会见"];

/// The part of a report the comparison reads. Deserializes from a whole report object (other fields
/// are ignored), so the CLI and the page pass reports as they are.
#[derive(Debug, Clone, Deserialize)]
pub struct Input {
    pub file: String,
    #[serde(default)]
    pub language: Language,
    #[serde(default)]
    pub meta: SourceMeta,
    #[serde(default)]
    pub body: Vec<String>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub statements: Vec<StatementIn>,
    #[serde(default)]
    pub agreements: Vec<AgreementIn>,
    #[serde(default)]
    pub topics: Vec<Topic>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct StatementIn {
    pub speaker: String,
    pub side: String,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AgreementIn {
    pub text: String,
}

/// One contact as both sides reported it.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The collection's group id (in the collection of the same inputs).
    pub group: usize,
    pub date: Option<String>,
    pub kind: Kind,
    /// `same_contact` (grouped by the collection), `people_and_text_date` or `people_and_file_date`
    /// (a Chinese report with no full date, matched as the only readout that fits), `topic_and_file_date`
    /// (a headline naming no one).
    pub matched_by: String,
    pub reports: Vec<ReportSide>,
    pub topics: Topics,
    pub requested_by: BTreeMap<String, Vec<String>>,
    pub characterisation: Characterisation,
    pub length: Length,
    /// Sensitive topics (Taiwan, human rights…): each side's sentences, side by side.
    pub framing: Vec<Framing>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportSide {
    pub file: String,
    pub language: Language,
    pub title: Option<String>,
    pub published: Option<String>,
    /// The contact as this report gives it (absent for a bare headline the extractor read no contact from).
    pub kind: Option<Kind>,
    pub date: Option<String>,
    pub location: Option<String>,
    pub china: Vec<String>,
    pub counterparts: Vec<String>,
    /// Who asked for the contact: this report's words, or "not stated".
    pub requested_by: RequestedBy,
    /// Topic ids this report raises.
    pub topics: Vec<String>,
    /// Topic ids only this report's side raises (not any report in the other language).
    pub topics_only: Vec<String>,
    /// Characterisation ids with the words used (`candid`: "candid" / 坦诚).
    pub characterisation: Vec<Word>,
    /// What this report says the other side said (its statements whose speaker is the other side).
    pub other_side_said: Vec<String>,
    pub agreements: Vec<String>,
    /// Chinese characters or English words of the body.
    pub length: usize,
    /// `characters` or `words`.
    pub length_unit: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RequestedBy {
    /// `counterpart` (the PRC side acted at the other's request), `china`, or `null`.
    pub side: Option<schema::RequestedBy>,
    /// The words, or "not stated".
    pub words: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Word {
    pub id: String,
    pub word: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Topics {
    /// Raised by both languages' reports.
    pub both: Vec<TopicEvidence>,
    /// Raised by one language only: `en` → …, `zh` → ….
    pub only: BTreeMap<String, Vec<TopicEvidence>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicEvidence {
    pub id: String,
    pub label: String,
    /// Language → the sentences mentioning it (a few per report).
    pub evidence: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Characterisation {
    pub both: Vec<String>,
    pub only: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Length {
    /// The longest Chinese report's characters (CJK only).
    pub zh_characters: usize,
    /// The longest English report's words.
    pub en_words: usize,
    /// Characters per word.
    pub ratio: Option<f64>,
    /// The Chinese length in English-word equivalents ([`CHARS_PER_WORD`]) over the English length:
    /// 1 is as long, 5 is five times as long.
    pub normalised: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Framing {
    pub topic: String,
    pub label: String,
    /// Language → sentences.
    pub sides: BTreeMap<String, Vec<String>>,
}

/// Compare: one [`Comparison`] per contact reported in both languages, in timeline order.
pub fn compare(inputs: &[Input]) -> Vec<Comparison> {
    let sources: Vec<Source> = inputs.iter().map(source).collect();
    let collection = sources.iter().cloned().collect::<Collector>().collection();
    let mut groups: Vec<(usize, Vec<usize>, String)> = Vec::new(); // (group, input indices, matched_by)
    let index: BTreeMap<&str, Vec<usize>> =
        inputs.iter().enumerate().fold(BTreeMap::new(), |mut m, (i, r)| {
            m.entry(r.file.as_str()).or_default().push(i);
            m
        });
    let mut in_both: BTreeSet<usize> = BTreeSet::new();
    let mut en_only: Vec<(usize, Vec<usize>)> = Vec::new();
    for g in &collection.groups {
        let mut members: Vec<usize> = Vec::new();
        for m in &g.members {
            for &i in index.get(m.file.as_str()).into_iter().flatten() {
                if !members.contains(&i) {
                    members.push(i);
                }
            }
        }
        let langs: BTreeSet<Language> = members.iter().map(|&i| inputs[i].language).collect();
        if langs.len() > 1 {
            in_both.extend(members.iter().copied());
            groups.push((g.id, members, "same_contact".into()));
        } else if langs.contains(&Language::En) {
            en_only.push((g.id, members));
        }
    }
    // Chinese reports with no fully dated contact: matched to the one English readout that fits.
    let mut extra: BTreeMap<usize, Vec<(usize, String)>> = BTreeMap::new();
    for (i, r) in inputs.iter().enumerate() {
        if r.language != Language::Zh
            || in_both.contains(&i)
            || r.events.iter().any(|e| full_date(e.date.as_deref()))
        {
            continue;
        }
        // A report is the other side's readout of its headline contact only: the contacts it tells in
        // passing (同沙利文进行了战略沟通 in a report of another meeting) are not compared.
        let named = principals(r);
        let fits: Vec<(usize, String)> = en_only
            .iter()
            .enumerate()
            .filter_map(|(k, (_, members))| {
                weak_match(r, &named, members.iter().map(|&m| &inputs[m])).map(|how| (k, how))
            })
            .collect();
        if let [(k, how)] = fits.as_slice() {
            extra.entry(*k).or_default().push((i, how.clone()));
        }
    }
    for (k, found) in extra {
        let (gid, mut members) = en_only[k].clone();
        let how = found[0].1.clone();
        members.extend(found.into_iter().map(|(i, _)| i));
        groups.push((gid, members, how));
    }
    groups.sort_by_key(|g| g.0);
    groups
        .into_iter()
        .map(|(gid, members, how)| {
            let g = &collection.groups[gid];
            let reps: Vec<&Input> = members.iter().map(|&i| &inputs[i]).collect();
            comparison(gid, g.date.clone(), g.kind, how, &reps)
        })
        .collect()
}

fn source(r: &Input) -> Source {
    Source {
        file: r.file.clone(),
        language: r.language,
        meta: r.meta.clone(),
        events: r.events.clone(),
        topics: r.topics.clone(),
        terms: SourceTerms::default(),
        statements: r.statements.len(),
        corrected: false,
    }
}

fn full_date(d: Option<&str>) -> bool {
    d.is_some_and(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
}

/// Words of a Chinese headline that name China and the United States together.
const BOTH_STATES: &[&str] = &["中美", "美中", "中國和美國", "中国和美国", "美国和中国"];

static MONTH_DAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})").expect("valid regex"));
static FILE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\D)(20\d{2})[-_./]?(\d{2})[-_./]?(\d{2})(?:\D|$)").expect("valid regex")
});

/// The people-table ids of the people named.
fn person_ids(list: &[crate::contacts::Participant]) -> BTreeSet<String> {
    list.iter()
        .filter_map(|p| p.name.as_deref())
        .filter_map(|n| people::get().lookup(n))
        .map(|p| p.id.clone())
        .collect()
}

/// The principals of a Chinese report's headline contact, as people-table ids: its first contact's
/// people and those its headline and lead name (a bare headline has no contact of its own).
fn principals(r: &Input) -> BTreeSet<String> {
    let headline = r.meta.title.clone().unwrap_or_default();
    let lead = r.body.first().cloned().unwrap_or_default();
    let mut named: BTreeSet<String> =
        people::get().find_zh(&format!("{headline}\n{lead}")).into_iter().map(|p| p.id.clone()).collect();
    if let Some(e) = r.events.first() {
        named.extend(person_ids(&e.china));
        named.extend(person_ids(&e.counterparts));
    }
    named
}

/// How a Chinese report with no full date fits an English readout's group, if it does: the same
/// principals on both sides (people named by its contacts or its headline), or a shared topic when
/// it names no one; and a date hint — a month-day of its text a day or less from the readout's date,
/// else a date in its file name from a day before to three after (reposts and crawls come later).
fn weak_match<'a>(
    r: &Input,
    named: &BTreeSet<String>,
    en: impl Iterator<Item = &'a Input>,
) -> Option<String> {
    let en: Vec<&Input> = en.collect();
    let event = en.iter().flat_map(|x| x.events.first()).next()?;
    let date = chrono::NaiveDate::parse_from_str(event.date.as_deref()?, "%Y-%m-%d").ok()?;
    if event.china.is_empty() {
        return None;
    }
    let (en_cn, en_cp) = (person_ids(&event.china), person_ids(&event.counterparts));
    let headline = r.meta.title.clone().unwrap_or_default();
    let lead = r.body.first().cloned().unwrap_or_default();
    let who = if named.is_empty() {
        // A headline naming no one ("中美禁毒合作工作组举行首次高官会议"): it must name both states and
        // share a topic with the readout.
        if !BOTH_STATES.iter().any(|w| headline.contains(w)) {
            return None;
        }
        let theirs: BTreeSet<&str> = en.iter().flat_map(|x| x.topics.iter().map(|t| t.id.as_str())).collect();
        let text = crate::script::to_simplified(&format!("{headline}\n{lead}"));
        let mine = crate::gazetteer::get().topic_ids(&text);
        if !mine.iter().any(|t| theirs.contains(t)) {
            return None;
        }
        "topic"
    } else {
        let cn_ok = en_cn.is_empty() || !named.is_disjoint(&en_cn);
        if !cn_ok || named.is_disjoint(&en_cp) {
            return None;
        }
        "people"
    };
    let text = r.body.join("\n");
    let mut hinted = false;
    for c in MONTH_DAY.captures_iter(&format!("{headline}\n{text}")) {
        let (Ok(m), Ok(d)) = (c[2].parse::<u32>(), c[3].parse::<u32>()) else { continue };
        let year = c.get(1).and_then(|y| y.as_str().parse().ok()).unwrap_or(chrono::Datelike::year(&date));
        let Some(day) = chrono::NaiveDate::from_ymd_opt(year, m, d) else { continue };
        hinted = true;
        if (day - date).num_days().abs() <= 1 {
            return Some(format!("{who}_and_text_date"));
        }
    }
    if hinted {
        return None;
    }
    let c = FILE_DATE.captures(&r.file)?;
    let day = chrono::NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
    let lag = (day - date).num_days();
    ((-1..=3).contains(&lag)).then(|| format!("{who}_and_file_date"))
}

/// Sentences of a body (either language), with their byte ranges in `body.join("\n")`.
fn sentences(r: &Input) -> Vec<(std::ops::Range<usize>, String)> {
    let text = r.body.join("\n");
    match r.language {
        Language::En => crate::english::sentences::split(&text)
            .into_iter()
            .map(|s| (s.range.clone(), text[s.range].to_string()))
            .collect(),
        // The contacts stage's splitter (。！？； with closing quotes), so evidence is cut as events are.
        Language::Zh => crate::contacts::text::sentences(&text)
            .into_iter()
            .map(|s| {
                let (start, end) =
                    crate::terms::summary::without_dateline(&text, (s.range.start, s.range.end));
                (s.range, text[start..end].trim().to_string())
            })
            .filter(|(_, s)| !s.is_empty())
            .collect(),
    }
}

fn comparison(
    group: usize,
    date: Option<String>,
    kind: Kind,
    matched_by: String,
    reps: &[&Input],
) -> Comparison {
    let lx = lexicon::get();
    let lang_key = |l: Language| l.as_str().to_string();
    let mut by_lang: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut evidence: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new(); // topic → lang → sentences
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    let mut chars: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut sides = Vec::new();
    let mut requested: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in reps {
        let l = lang_key(r.language);
        let sents = sentences(r);
        let text = r.body.join("\n");
        let set = by_lang.entry(l.clone()).or_default();
        for t in &r.topics {
            set.insert(t.id.clone());
            labels.insert(t.id.clone(), t.label.clone());
            let ev = evidence.entry(t.id.clone()).or_default().entry(l.clone()).or_default();
            let mut n = 0;
            for m in &t.mentions {
                if let Some((_, s)) = sents.iter().find(|(rg, _)| rg.start <= m.start && m.start < rg.end) {
                    if !ev.contains(s) && n < EVIDENCE {
                        ev.push(s.clone());
                        n += 1;
                    }
                }
            }
        }
        // Characterisation: in sentences about the talk itself.
        let mut words: Vec<Word> = Vec::new();
        for (rg, s) in &sents {
            let lower = s.to_lowercase();
            let about = match r.language {
                Language::En => TALK_EN.iter().any(|w| lower.contains(w)),
                Language::Zh => TALK_ZH.iter().any(|w| s.contains(w)),
            };
            if !about {
                continue;
            }
            match r.language {
                Language::En => {
                    for (m, i) in lx.char_phrases.find(&text, rg.clone()) {
                        let id = lx.characterisation[i].id.clone();
                        if !words.iter().any(|w| w.id == id) {
                            words.push(Word { id, word: text[m].to_string() });
                        }
                    }
                }
                Language::Zh => {
                    let simp = crate::script::to_simplified(s);
                    for c in &lx.characterisation {
                        if let Some(z) = c.zh.iter().find(|z| simp.contains(z.as_str())) {
                            if !words.iter().any(|w| w.id == c.id) {
                                words.push(Word { id: c.id.clone(), word: z.clone() });
                            }
                        }
                    }
                }
            }
        }
        chars.entry(l.clone()).or_default().extend(words.iter().map(|w| w.id.clone()));
        let event = r.events.first();
        let requested_by = match event.and_then(|e| e.requested_by) {
            Some(side) => {
                let words = event
                    .and_then(|e| e.evidence.get("requested_by"))
                    .and_then(|sp| sents.iter().find(|(rg, _)| rg.start <= sp.start && sp.start < rg.end))
                    .map(|(_, s)| s.clone())
                    .unwrap_or_else(|| side.to_string());
                RequestedBy { side: Some(side), words }
            }
            None => RequestedBy { side: None, words: "not stated".into() },
        };
        requested.entry(l.clone()).or_default().push(requested_by.words.clone());
        let other = match r.language {
            Language::En => "china",
            Language::Zh => "counterpart",
        };
        let names = |list: &[crate::contacts::Participant]| -> Vec<String> {
            list.iter()
                .map(|p| {
                    p.name.clone().unwrap_or_else(|| format!("({})", p.country.clone().unwrap_or_default()))
                })
                .collect()
        };
        let (length, unit) = match r.language {
            Language::En => (text.unicode_words().count(), "words"),
            Language::Zh => {
                (text.chars().filter(|c| ('\u{3400}'..='\u{9fff}').contains(c)).count(), "characters")
            }
        };
        sides.push(ReportSide {
            file: r.file.clone(),
            language: r.language,
            title: r.meta.title.clone(),
            published: r.meta.published.clone(),
            kind: event.map(|e| e.kind),
            date: event.and_then(|e| e.date.clone()),
            location: event.and_then(|e| e.location.clone()),
            china: event.map(|e| names(&e.china)).unwrap_or_default(),
            counterparts: event.map(|e| names(&e.counterparts)).unwrap_or_default(),
            requested_by,
            topics: r.topics.iter().map(|t| t.id.clone()).collect(),
            topics_only: Vec::new(),
            characterisation: words,
            other_side_said: r
                .statements
                .iter()
                .filter(|s| s.side == other)
                .map(|s| s.text.clone())
                .collect(),
            agreements: r.agreements.iter().map(|a| a.text.clone()).collect(),
            length,
            length_unit: unit.into(),
        });
    }
    let empty = BTreeSet::new();
    let en = by_lang.get("en").unwrap_or(&empty);
    let zh = by_lang.get("zh").unwrap_or(&empty);
    let ev = |id: &String| TopicEvidence {
        id: id.clone(),
        label: labels.get(id).cloned().unwrap_or_default(),
        evidence: evidence.get(id).cloned().unwrap_or_default(),
    };
    let both: Vec<TopicEvidence> = en.intersection(zh).map(ev).collect();
    let mut only = BTreeMap::new();
    only.insert("en".to_string(), en.difference(zh).map(ev).collect::<Vec<_>>());
    only.insert("zh".to_string(), zh.difference(en).map(ev).collect::<Vec<_>>());
    for s in &mut sides {
        let other = if s.language == Language::En { zh } else { en };
        s.topics_only = s.topics.iter().filter(|t| !other.contains(*t)).cloned().collect();
    }
    let ce = chars.get("en").cloned().unwrap_or_default();
    let cz = chars.get("zh").cloned().unwrap_or_default();
    let mut conly = BTreeMap::new();
    conly.insert("en".to_string(), ce.difference(&cz).cloned().collect());
    conly.insert("zh".to_string(), cz.difference(&ce).cloned().collect());
    let longest = |l: Language| sides.iter().filter(|s| s.language == l).map(|s| s.length).max().unwrap_or(0);
    let (zc, ew) = (longest(Language::Zh), longest(Language::En));
    let ratio = (ew > 0).then(|| round2(zc as f64 / ew as f64));
    let normalised = (ew > 0).then(|| round2(zc as f64 / CHARS_PER_WORD / ew as f64));
    let framing = lx
        .topics
        .iter()
        .filter(|t| t.sensitive && (en.contains(&t.id) || zh.contains(&t.id)))
        .map(|t| Framing {
            topic: t.id.clone(),
            label: t.label.clone(),
            sides: ["en", "zh"]
                .iter()
                .map(|l| {
                    (l.to_string(), evidence.get(&t.id).and_then(|m| m.get(*l)).cloned().unwrap_or_default())
                })
                .collect(),
        })
        .collect();
    Comparison {
        group,
        date,
        kind,
        matched_by,
        reports: sides,
        topics: Topics { both, only },
        requested_by: requested,
        characterisation: Characterisation { both: ce.intersection(&cz).cloned().collect(), only: conly },
        length: Length { zh_characters: zc, en_words: ew, ratio, normalised },
        framing,
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The comparisons as CSV rows, one per point compared: `group, date, kind, aspect, key, en, zh`
/// (aspects: requested_by, topic_both, topic_only, characterisation, other_side_said, agreements,
/// length, framing); several sentences in a cell are joined by a newline.
pub fn to_csv(comparisons: &[Comparison]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["group", "date", "kind", "aspect", "key", "en", "zh"]);
    for c in comparisons {
        let mut row = |aspect: &str, key: &str, en: String, zh: String| {
            let _ = w.write_record([
                &c.group.to_string(),
                c.date.as_deref().unwrap_or(""),
                c.kind.as_str(),
                aspect,
                key,
                &crate::export::cell(&en),
                &crate::export::cell(&zh),
            ]);
        };
        let get =
            |m: &BTreeMap<String, Vec<String>>, l: &str| m.get(l).map(|v| v.join("\n")).unwrap_or_default();
        row("requested_by", "", get(&c.requested_by, "en"), get(&c.requested_by, "zh"));
        for t in &c.topics.both {
            row("topic_both", &t.id, get(&t.evidence, "en"), get(&t.evidence, "zh"));
        }
        for (l, list) in &c.topics.only {
            for t in list {
                let s = get(&t.evidence, l);
                let (en, zh) = if l == "en" { (s, String::new()) } else { (String::new(), s) };
                row("topic_only", &t.id, en, zh);
            }
        }
        let joined = |l: Language, f: &dyn Fn(&ReportSide) -> Vec<String>| {
            c.reports.iter().filter(|r| r.language == l).flat_map(f).collect::<Vec<_>>().join("\n")
        };
        let words = |r: &ReportSide| r.characterisation.iter().map(|w| w.word.clone()).collect::<Vec<_>>();
        row("characterisation", "", joined(Language::En, &words), joined(Language::Zh, &words));
        let said = |r: &ReportSide| r.other_side_said.clone();
        row("other_side_said", "", joined(Language::En, &said), joined(Language::Zh, &said));
        let agreed = |r: &ReportSide| r.agreements.clone();
        row("agreements", "", joined(Language::En, &agreed), joined(Language::Zh, &agreed));
        row(
            "length",
            "",
            format!("{} words", c.length.en_words),
            format!("{} characters", c.length.zh_characters),
        );
        for f in &c.framing {
            row("framing", &f.topic, get(&f.sides, "en"), get(&f.sides, "zh"));
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// One comparison as a Markdown table (English side | Chinese side), for pasting into a note.
pub fn to_markdown(c: &Comparison) -> String {
    let cell = |s: &str| {
        if s.trim().is_empty() {
            "—".to_string()
        } else {
            s.replace('|', "\\|").replace('\n', "<br>")
        }
    };
    let list = |v: &[String]| if v.is_empty() { "—".to_string() } else { v.join(", ") };
    let mut out = format!(
        "**{} {}**\n\n| | English | Chinese |\n|---|---|---|\n",
        c.date.as_deref().unwrap_or("undated"),
        c.kind
    );
    let side = |l: Language| c.reports.iter().filter(move |r| r.language == l);
    let col =
        |l: Language, f: &dyn Fn(&ReportSide) -> String| side(l).map(f).collect::<Vec<_>>().join("<br>");
    let mut row = |label: &str, en: String, zh: String| {
        out.push_str(&format!("| {label} | {} | {} |\n", cell(&en), cell(&zh)))
    };
    row("file", col(Language::En, &|r| r.file.clone()), col(Language::Zh, &|r| r.file.clone()));
    row(
        "who asked",
        col(Language::En, &|r| r.requested_by.words.clone()),
        col(Language::Zh, &|r| r.requested_by.words.clone()),
    );
    let both: Vec<String> = c.topics.both.iter().map(|t| t.label.clone()).collect();
    row("topics both raised", list(&both), list(&both));
    let only = |l: &str| {
        c.topics
            .only
            .get(l)
            .map(|v| v.iter().map(|t| t.label.clone()).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    row("topics only one raised", list(&only("en")), list(&only("zh")));
    let words =
        |r: &ReportSide| r.characterisation.iter().map(|w| w.word.clone()).collect::<Vec<_>>().join(", ");
    row("characterisation", col(Language::En, &words), col(Language::Zh, &words));
    row(
        "says the other said",
        col(Language::En, &|r| r.other_side_said.join(" ")),
        col(Language::Zh, &|r| r.other_side_said.join("")),
    );
    row(
        "agreements",
        col(Language::En, &|r| r.agreements.join(" ")),
        col(Language::Zh, &|r| r.agreements.join("")),
    );
    row(
        "length",
        format!("{} words", c.length.en_words),
        format!(
            "{} characters (×{} normalised)",
            c.length.zh_characters,
            c.length.normalised.map_or("—".into(), |x| x.to_string())
        ),
    );
    for f in &c.framing {
        let g = |l: &str| f.sides.get(l).map(|v| v.join(" ")).unwrap_or_default();
        row(&format!("framing: {}", f.label), g("en"), g("zh"));
    }
    out
}
