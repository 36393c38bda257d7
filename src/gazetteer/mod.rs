//! Gazetteers and lexicons, loaded once from the data files under `data/` (embedded at compile time): the
//! one loader of the analysis's language knowledge.
//!
//! Every file is a small TSV with `#` header lines naming its source. Entries are in simplified script:
//! matching runs on [`crate::document::Document::simplified`].
//!
//! - states, organisations, titles, office holders, places (`countries.tsv`, `orgs.tsv`, `titles.tsv`,
//!   `office_holders.tsv`, `places.tsv`);
//! - contact verbs with kind and CAMEO code (`contact_verbs.tsv`), used by contacts and terms alike;
//! - the genre's word lists ([`words`]: `cues.tsv`, `speech.tsv`, `offices.tsv`), name stops, topics, tone.

pub mod words;

use crate::schema::{Kind, Tone};

use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;
use std::sync::LazyLock;

/// A state or territory.
#[derive(Debug, Clone)]
pub struct Country {
    pub iso: String,
    /// `false` for Hong Kong, Macau, Taiwan (kind `territory`): their officials are not foreign counterparts.
    /// `true` for states and for other territories (kind `dependency`: Greenland, the Cook Islands).
    pub state: bool,
    pub names: Vec<String>,
    pub short: Vec<String>,
}

/// An international organisation or a foreign party.
#[derive(Debug, Clone)]
pub struct Org {
    pub name: String,
    pub party: bool,
    pub country: Option<String>,
}

/// Which side a title belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleSide {
    /// Only PRC officials carry it (国务委员, 中央外办主任).
    China,
    /// Either side (外长, 总统).
    Any,
    /// Not an official (首席执行官): a contact with one is not diplomatic.
    Company,
    /// A Hong Kong / Macau / Taiwan office.
    Domestic,
    /// No PRC official carries it (总统, 首相, 国务卿).
    Foreign,
}

/// A known office holder.
#[derive(Debug, Clone)]
pub struct Holder {
    pub name: String,
    pub country: Option<String>,
    pub org: Option<String>,
    pub office: String,
    pub from: i32,
    pub to: Option<i32>,
}

/// How a contact verb takes its sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// X同Y会谈: both sides before the verb.
    Pair,
    /// X会见Y: the other side after it.
    Object,
    /// Either.
    Both,
}

/// A contact verb.
#[derive(Debug, Clone)]
pub struct Verb {
    pub pattern: String,
    pub kind: Kind,
    pub cameo: String,
    pub form: Form,
}

#[derive(Debug, Clone)]
pub struct TopicEntry {
    pub id: String,
    pub label: String,
    pub terms: Vec<String>,
}

pub struct Gazetteer {
    pub countries: Vec<Country>,
    /// Full name → index in `countries`, longest names first in `country_names`.
    pub country_names: Vec<(String, usize)>,
    /// Short form → candidate indexes.
    pub country_short: HashMap<String, Vec<usize>>,
    pub orgs: Vec<Org>,
    /// Titles, longest first.
    pub titles: Vec<(String, TitleSide)>,
    /// Name (and alias) → holders.
    pub holders: HashMap<String, Vec<Holder>>,
    /// Names and aliases, longest first.
    pub holder_names: Vec<String>,
    /// Verbs, longest first.
    pub verbs: Vec<Verb>,
    pub name_stops: Vec<String>,
    pub name_start_stops: Vec<String>,
    /// Adverbs that end a name only after its first two characters (又, 也, 还).
    pub name_weak_stops: Vec<String>,
    pub cities: Vec<String>,
    pub venue_suffixes: Vec<String>,
    pub topics: Vec<TopicEntry>,
    pub tone: Vec<(String, Tone)>,
    pub cues: words::Cues,
    pub speech: words::Speech,
    pub offices: words::Offices,
    pub not_names: words::NotNames,
    pub prc_bodies: words::PrcBodies,
    /// Automata over the lists above (one pass over the text instead of one per entry).
    pub holder_ac: AhoCorasick,
    /// Overlapping search: every title occurrence, to know where titles end.
    pub title_ac: AhoCorasick,
    pub country_ac: AhoCorasick,
    /// Organisation names (`orgs` order).
    pub org_ac: AhoCorasick,
    pub verb_ac: AhoCorasick,
    pub tone_ac: AhoCorasick,
    /// Every topic term; `topic_of[pattern]` is the index in `topics`.
    pub topic_ac: AhoCorasick,
    pub topic_of: Vec<usize>,
}

/// The rows of a data file: tab-separated fields, trimmed; blank lines and `#` comments skipped.
pub(crate) fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>())
}

/// Field `i` of a row, empty when the row is shorter.
pub(crate) fn field<'a>(row: &[&'a str], i: usize) -> &'a str {
    row.get(i).copied().unwrap_or("")
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn list(s: &str) -> Vec<String> {
    s.split('|').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect()
}

/// The strings a pattern of `data/titles.tsv` stands for: `{a|b}` is either alternative, and an empty one
/// is allowed (`{|副}部长` → 部长, 副部长). An unclosed `{` is a plain character.
pub fn expand(pattern: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut rest = pattern;
    while !rest.is_empty() {
        let group = rest.strip_prefix('{').and_then(|b| b.find('}').map(|end| (&b[..end], &b[end + 1..])));
        if let Some((alts, after)) = group {
            out = out.iter().flat_map(|o| alts.split('|').map(move |a| format!("{o}{a}"))).collect();
            rest = after;
        } else {
            // A run of plain characters up to the next group (at least one character).
            let first = rest.chars().next().map_or(0, char::len_utf8);
            let n = rest[first..].find('{').map_or(rest.len(), |p| first + p);
            out.iter_mut().for_each(|o| o.push_str(&rest[..n]));
            rest = &rest[n..];
        }
    }
    out.retain(|o| !o.is_empty());
    out
}

fn by_len_desc(v: &mut [String]) {
    v.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
}

fn load() -> Gazetteer {
    let mut countries = Vec::new();
    let mut country_names = Vec::new();
    let mut country_short: HashMap<String, Vec<usize>> = HashMap::new();
    for r in rows(include_str!("../../data/countries.tsv")) {
        let i = countries.len();
        let mut names = list(field(&r, 2));
        // Traditional names (column 5) are matched through the simplified view the text is matched on.
        for t in list(field(&r, 4)) {
            let s = crate::script::to_simplified(&t);
            if !names.contains(&s) {
                names.push(s);
            }
        }
        let c = Country {
            iso: field(&r, 0).to_string(),
            state: field(&r, 1) != "territory",
            names,
            short: list(field(&r, 3)),
        };
        for n in &c.names {
            country_names.push((n.clone(), i));
        }
        for s in &c.short {
            country_short.entry(s.clone()).or_default().push(i);
        }
        countries.push(c);
    }
    country_names.sort_by_key(|x| std::cmp::Reverse(x.0.chars().count()));

    let mut orgs: Vec<Org> = rows(include_str!("../../data/orgs.tsv"))
        .map(|r| Org {
            name: field(&r, 0).to_string(),
            party: field(&r, 1) == "party",
            country: opt(field(&r, 2)),
        })
        .collect();
    orgs.sort_by_key(|x| std::cmp::Reverse(x.name.chars().count()));

    let mut titles: Vec<(String, TitleSide)> = rows(include_str!("../../data/titles.tsv"))
        .flat_map(|r| {
            let side = match field(&r, 1) {
                "cn" => TitleSide::China,
                "company" => TitleSide::Company,
                "domestic" => TitleSide::Domestic,
                "foreign" => TitleSide::Foreign,
                _ => TitleSide::Any,
            };
            expand(field(&r, 0)).into_iter().map(move |t| (t, side))
        })
        .collect();
    // The first row that gives a title decides its side.
    let mut seen = std::collections::HashSet::new();
    titles.retain(|(t, _)| seen.insert(t.clone()));
    // Generic office nouns (局长, 司长, 主任) end titles of either side too.
    let offices = words::load_offices(include_str!("../../data/offices.tsv"));
    for w in &offices.generic {
        if seen.insert(w.clone()) {
            titles.push((w.clone(), TitleSide::Any));
        }
    }
    titles.sort_by_key(|x| std::cmp::Reverse(x.0.chars().count()));

    let mut holders: HashMap<String, Vec<Holder>> = HashMap::new();
    for r in rows(include_str!("../../data/office_holders.tsv")) {
        let h = Holder {
            name: field(&r, 0).to_string(),
            country: opt(field(&r, 2)),
            org: opt(field(&r, 3)),
            office: field(&r, 4).to_string(),
            from: field(&r, 5).parse().unwrap_or(0),
            to: field(&r, 6).parse().ok(),
        };
        for n in std::iter::once(field(&r, 0).to_string()).chain(list(field(&r, 1))) {
            holders.entry(n).or_default().push(h.clone());
        }
    }
    let mut holder_names: Vec<String> = holders.keys().cloned().collect();
    by_len_desc(&mut holder_names);

    let mut verbs: Vec<Verb> = rows(include_str!("../../data/contact_verbs.tsv"))
        .map(|r| Verb {
            pattern: field(&r, 0).to_string(),
            kind: Kind::parse(field(&r, 1)).unwrap_or_else(|| panic!("contact_verbs.tsv: kind of {r:?}")),
            cameo: field(&r, 2).to_string(),
            form: match field(&r, 3) {
                "pair" => Form::Pair,
                "object" => Form::Object,
                _ => Form::Both,
            },
        })
        .collect();
    verbs.sort_by_key(|x| std::cmp::Reverse(x.pattern.chars().count()));

    let mut name_stops = Vec::new();
    let mut name_start_stops = Vec::new();
    let mut name_weak_stops = Vec::new();
    for line in include_str!("../../data/name_stops.tsv").lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        // Keep spaces: a space (ASCII or ideographic) is itself a stop.
        let mut parts = line.split('\t');
        let word = parts.next().unwrap_or("").to_string();
        if word.is_empty() {
            continue;
        }
        match parts.next() {
            Some("start") => name_start_stops.push(word),
            Some("weak") => name_weak_stops.push(word),
            _ => name_stops.push(word),
        }
    }
    // A time word ends a name as the stops do ("布林肯去年表示").
    let not_names = words::load_not_names(include_str!("../../data/not_names.tsv"));
    for w in &not_names.time {
        if !name_stops.contains(w) {
            name_stops.push(w.clone());
        }
    }

    let mut cities = Vec::new();
    let mut venue_suffixes = Vec::new();
    for r in rows(include_str!("../../data/places.tsv")) {
        match field(&r, 1) {
            "city" => cities.push(field(&r, 0).to_string()),
            _ => venue_suffixes.push(field(&r, 0).to_string()),
        }
    }
    by_len_desc(&mut cities);

    let topics: Vec<TopicEntry> = rows(include_str!("../../data/topics.tsv"))
        .map(|r| TopicEntry {
            id: field(&r, 0).to_string(),
            label: field(&r, 1).to_string(),
            terms: list(field(&r, 2)),
        })
        .collect();
    let mut tone: Vec<(String, Tone)> = rows(include_str!("../../data/tone.tsv"))
        .map(|r| {
            let t = Tone::parse(field(&r, 1)).unwrap_or_else(|| panic!("tone.tsv: tone of {r:?}"));
            (field(&r, 0).to_string(), t)
        })
        .collect();
    tone.sort_by_key(|x| std::cmp::Reverse(x.0.chars().count()));

    let longest = |pats: Vec<&str>| {
        AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(pats).expect("automaton")
    };
    let holder_ac = longest(holder_names.iter().map(String::as_str).collect());
    let title_ac = AhoCorasick::new(titles.iter().map(|(t, _)| t.as_str())).expect("automaton");
    let country_ac = longest(country_names.iter().map(|(n, _)| n.as_str()).collect());
    let org_ac = longest(orgs.iter().map(|o| o.name.as_str()).collect());
    let verb_ac = longest(verbs.iter().map(|v| v.pattern.as_str()).collect());
    let tone_ac = longest(tone.iter().map(|(m, _)| m.as_str()).collect());
    let mut topic_terms = Vec::new();
    let mut topic_of = Vec::new();
    for (i, t) in topics.iter().enumerate() {
        for term in &t.terms {
            topic_terms.push(term.as_str());
            topic_of.push(i);
        }
    }
    let topic_ac = longest(topic_terms);

    Gazetteer {
        holder_ac,
        title_ac,
        country_ac,
        org_ac,
        verb_ac,
        tone_ac,
        topic_ac,
        topic_of,
        countries,
        country_names,
        country_short,
        orgs,
        titles,
        holders,
        holder_names,
        verbs,
        name_stops,
        name_start_stops,
        name_weak_stops,
        cities,
        venue_suffixes,
        topics,
        tone,
        cues: words::load_cues(include_str!("../../data/cues.tsv")),
        speech: words::load_speech(include_str!("../../data/speech.tsv")),
        offices,
        not_names,
        prc_bodies: words::load_prc_bodies(include_str!("../../data/prc_bodies.tsv")),
    }
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(load);

/// The characters the names of each list start and end with. The lookups below run at every
/// character of a text and scan whole lists; most characters start or end no name, so this check
/// first made contact extraction several times faster (it ran at ~0.3 MB/s).
pub struct CharSet(Option<std::collections::HashSet<char>>);

impl CharSet {
    fn of<'a>(names: impl Iterator<Item = &'a str>, last: bool) -> Self {
        let mut set = std::collections::HashSet::new();
        for n in names {
            match if last { n.chars().next_back() } else { n.chars().next() } {
                Some(c) => set.insert(c),
                None => return CharSet(None), // an empty name matches everywhere: no shortcut
            };
        }
        CharSet(Some(set))
    }

    /// False only when no name of the list can start `s`.
    pub fn may_start(&self, s: &str) -> bool {
        self.0.as_ref().is_none_or(|set| s.chars().next().is_some_and(|c| set.contains(&c)))
    }

    /// False only when no name of the list can end `s`.
    pub fn may_end(&self, s: &str) -> bool {
        self.0.as_ref().is_none_or(|set| s.chars().next_back().is_some_and(|c| set.contains(&c)))
    }
}

pub struct Ends {
    country: (CharSet, CharSet),
    title: (CharSet, CharSet),
    org: CharSet,
    city: CharSet,
    /// First characters of the office holders' names.
    pub holder: CharSet,
}

pub static ENDS: LazyLock<Ends> = LazyLock::new(|| {
    let g = get();
    let countries = || g.country_names.iter().map(|(n, _)| n.as_str());
    let titles = || g.titles.iter().map(|(t, _)| t.as_str());
    Ends {
        country: (CharSet::of(countries(), false), CharSet::of(countries(), true)),
        title: (CharSet::of(titles(), false), CharSet::of(titles(), true)),
        org: CharSet::of(g.orgs.iter().map(|o| o.name.as_str()), false),
        city: CharSet::of(g.cities.iter().map(String::as_str), false),
        holder: CharSet::of(g.holder_names.iter().map(String::as_str), false),
    }
});

/// The gazetteer, loaded on first use.
pub fn get() -> &'static Gazetteer {
    &GAZETTEER
}

impl Gazetteer {
    /// The country whose full name starts `s`, longest match: (iso index, byte length).
    pub fn country_prefix(&self, s: &str) -> Option<(usize, usize)> {
        if !ENDS.country.0.may_start(s) {
            return None;
        }
        self.country_names.iter().find(|(n, _)| s.starts_with(n.as_str())).map(|(n, i)| (*i, n.len()))
    }

    /// The country whose full name ends `s`, longest match.
    pub fn country_suffix(&self, s: &str) -> Option<(usize, usize)> {
        if !ENDS.country.1.may_end(s) {
            return None;
        }
        self.country_names.iter().find(|(n, _)| s.ends_with(n.as_str())).map(|(n, i)| (*i, n.len()))
    }

    /// The states named in `text`, in order: where, and the ISO code.
    pub fn states_in<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (std::ops::Range<usize>, &'a str)> + 'a {
        self.country_ac
            .find_iter(text)
            .map(|m| (m.range(), self.countries[self.country_names[m.pattern().as_usize()].1].iso.as_str()))
    }

    pub fn country_by_iso(&self, iso: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso == iso)
    }

    /// The organisation whose name starts `s`, longest match.
    pub fn org_prefix(&self, s: &str) -> Option<&Org> {
        if !ENDS.org.may_start(s) {
            return None;
        }
        self.orgs.iter().find(|o| s.starts_with(o.name.as_str()))
    }

    /// The title that ends `s`, longest match.
    pub fn title_suffix(&self, s: &str) -> Option<(&str, TitleSide)> {
        if !ENDS.title.1.may_end(s) {
            return None;
        }
        self.titles.iter().find(|(t, _)| s.ends_with(t.as_str())).map(|(t, side)| (t.as_str(), *side))
    }

    /// The title that starts `s`, longest match.
    pub fn title_prefix(&self, s: &str) -> Option<(&str, TitleSide)> {
        if !ENDS.title.0.may_start(s) {
            return None;
        }
        self.titles.iter().find(|(t, _)| s.starts_with(t.as_str())).map(|(t, side)| (t.as_str(), *side))
    }

    /// The holder of `name` in office in `year` (any holder of the name when the year is unknown).
    pub fn holder(&self, name: &str, year: Option<i32>) -> Option<&Holder> {
        let hs = self.holders.get(name)?;
        if let Some(y) = year {
            if let Some(h) = hs.iter().find(|h| h.from - 1 <= y && h.to.is_none_or(|t| y <= t + 1)) {
                return Some(h);
            }
        }
        hs.first()
    }

    /// The city that starts `s`, longest match.
    /// Topic ids a text in simplified script mentions, in the order of their first mention.
    pub fn topic_ids(&self, simplified: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for m in self.topic_ac.find_iter(simplified) {
            let id = self.topics[self.topic_of[m.pattern().as_usize()]].id.as_str();
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }

    pub fn city_prefix(&self, s: &str) -> Option<&str> {
        if !ENDS.city.may_start(s) {
            return None;
        }
        self.cities.iter().find(|c| s.starts_with(c.as_str())).map(String::as_str)
    }
}

/// Every name the gazetteers know (simplified script) with its category (`person`, `country`, `place`,
/// `org`, `title`, `policy`), for the segmenter's domain dictionary.
pub fn dictionary_words() -> Vec<(String, &'static str)> {
    let g = get();
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for n in &g.holder_names {
        out.push((n.clone(), "person"));
    }
    for (n, _) in &g.country_names {
        out.push((n.clone(), "country"));
    }
    for c in &g.cities {
        out.push((c.clone(), "place"));
    }
    for o in &g.orgs {
        out.push((o.name.clone(), "org"));
    }
    for (t, _) in &g.titles {
        if t.chars().count() > 1 {
            out.push((t.clone(), "title"));
        }
    }
    for t in &g.topics {
        for term in &t.terms {
            if term.chars().count() > 1 {
                out.push((term.clone(), "policy"));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}
