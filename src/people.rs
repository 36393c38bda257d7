//! People: one identity for a person across scripts and languages (`data/people.tsv`), so that
//! 拜登, 拜登 in traditional script, "Joseph R. Biden, Jr." and "Joe Biden" are one person. The
//! collection groups the Chinese and English reports of one contact through it; the English extractor
//! finds principals by their full English names and tells their side by their country.

use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone)]
pub struct Person {
    /// Stable id (`biden`, `xi_jinping`).
    pub id: String,
    /// ISO 3166-1 alpha-2 of the state the person serves.
    pub country: String,
    /// Simplified and traditional Chinese forms.
    pub zh: Vec<String>,
    /// English forms, full names as readouts write them.
    pub en: Vec<String>,
    pub offices: Vec<Office>,
}

#[derive(Debug, Clone)]
pub struct Office {
    pub title: String,
    /// `YYYY-MM-DD`; `None` when open.
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Person {
    /// The family name in English: first word of a Chinese name (Xi Jinping → Xi), else the last
    /// word that is not a suffix (Joseph R. Biden, Jr. → Biden). Readouts refer back by it
    /// ("President Xi", "Mr. Sullivan").
    pub fn surname(&self) -> Option<&str> {
        let full = self.en.first()?;
        let words: Vec<&str> = full
            .split([' ', ','])
            .filter(|w| !w.is_empty() && !matches!(*w, "Jr." | "Jr" | "III" | "II"))
            .collect();
        if self.country == "CN" || self.country == "TW" {
            words.first().copied()
        } else {
            words.last().copied()
        }
    }

    /// The office held on `date` (`YYYY-MM-DD`), the latest begun if several; the first listed
    /// when no date is known.
    pub fn office_on(&self, date: Option<&str>) -> Option<&Office> {
        let Some(d) = date else { return self.offices.first() };
        self.offices
            .iter()
            .filter(|o| o.from.as_deref().is_none_or(|f| f <= d) && o.to.as_deref().is_none_or(|t| d < t))
            .max_by(|a, b| a.from.cmp(&b.from))
    }
}

pub struct People {
    pub persons: Vec<Person>,
    by_key: HashMap<String, usize>,
    /// Full English names, leftmost-longest; `en_of[pattern]` is the person.
    en_ac: AhoCorasick,
    en_of: Vec<usize>,
    /// Chinese forms (simplified), leftmost-longest; `zh_of[pattern]` is the person.
    zh_ac: AhoCorasick,
    zh_of: Vec<usize>,
}

/// A name folded for lookup: simplified script, lower case, letters and digits only ("Joseph R.
/// Biden, Jr." and "Joseph R. Biden Jr" are one key; 習近平 is 习近平).
pub fn key(name: &str) -> String {
    crate::script::to_simplified(name)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn load() -> People {
    let mut persons: Vec<Person> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for line in include_str!("../data/people.tsv").lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        let col = |i: usize| f.get(i).copied().unwrap_or("");
        let list = |i: usize| col(i).split('|').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string);
        let id = col(0).to_string();
        let i = *index.entry(id.clone()).or_insert_with(|| {
            persons.push(Person {
                id,
                country: col(1).to_string(),
                zh: Vec::new(),
                en: Vec::new(),
                offices: Vec::new(),
            });
            persons.len() - 1
        });
        let p = &mut persons[i];
        for n in list(2).chain(list(3)) {
            if !p.zh.contains(&n) {
                p.zh.push(n);
            }
        }
        for n in list(4) {
            if !p.en.contains(&n) {
                p.en.push(n);
            }
        }
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        p.offices.push(Office { title: col(5).to_string(), from: opt(col(6)), to: opt(col(7)) });
    }
    let mut by_key = HashMap::new();
    let (mut pats, mut en_of) = (Vec::new(), Vec::new());
    for (i, p) in persons.iter().enumerate() {
        for n in p.zh.iter().chain(&p.en) {
            by_key.entry(key(n)).or_insert(i);
        }
        for n in &p.en {
            pats.push(n.clone());
            en_of.push(i);
        }
    }
    let en_ac =
        AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&pats).expect("automaton");
    let (mut zpats, mut zh_of) = (Vec::new(), Vec::new());
    for (i, p) in persons.iter().enumerate() {
        for n in &p.zh {
            let n = crate::script::to_simplified(n);
            if !zpats.contains(&n) {
                zpats.push(n);
                zh_of.push(i);
            }
        }
    }
    let zh_ac =
        AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&zpats).expect("automaton");
    People { persons, by_key, en_ac, en_of, zh_ac, zh_of }
}

static PEOPLE: LazyLock<People> = LazyLock::new(load);

/// The people table, loaded once.
pub fn get() -> &'static People {
    &PEOPLE
}

impl People {
    /// The person a name stands for, in any script or language (`None` when not in the table).
    pub fn lookup(&self, name: &str) -> Option<&Person> {
        self.by_key.get(&key(name)).map(|&i| &self.persons[i])
    }

    /// Full English names in `text`, in order, each with its byte range; a name must stand as
    /// whole words.
    pub fn find_en(&self, text: &str) -> Vec<(Range<usize>, &Person)> {
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
        self.en_ac
            .find_iter(text)
            .filter(|m| !word(text[..m.start()].chars().next_back()) && !word(text[m.end()..].chars().next()))
            .map(|m| (m.start()..m.end(), &self.persons[self.en_of[m.pattern().as_usize()]]))
            .collect()
    }
}

impl People {
    /// The people named in Chinese text (any script), in order. A Chinese name has no word
    /// boundaries, so this is for short text (a headline) where a table name is a strong sign.
    pub fn find_zh(&self, text: &str) -> Vec<&Person> {
        let s = crate::script::to_simplified(text);
        self.zh_ac.find_iter(&s).map(|m| &self.persons[self.zh_of[m.pattern().as_usize()]]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_person_in_every_script_and_spelling() {
        let p = get();
        for n in ["拜登", "約瑟夫·拜登", "Joseph R. Biden, Jr.", "Joseph R. Biden Jr.", "Joe Biden"] {
            assert_eq!(p.lookup(n).map(|x| x.id.as_str()), Some("biden"), "{n}");
        }
        assert_eq!(p.lookup("楊潔篪").map(|x| x.id.as_str()), Some("yang_jiechi"));
        assert!(p.lookup("某某某").is_none());
    }

    #[test]
    fn surname_and_office_by_date() {
        let p = get();
        let xi = p.lookup("Xi Jinping").unwrap();
        assert_eq!(xi.surname(), Some("Xi"));
        assert_eq!(p.lookup("拜登").unwrap().surname(), Some("Biden"));
        let wang = p.lookup("王毅").unwrap();
        assert!(wang.office_on(Some("2023-03-01")).unwrap().title.contains("Foreign Affairs Commission"));
        assert!(wang.office_on(Some("2019-03-01")).unwrap().title.contains("Minister of Foreign Affairs"));
    }

    #[test]
    fn english_names_stand_as_whole_words() {
        let found = get().find_en("President Joseph R. Biden, Jr. spoke with President Xi Jinping today.");
        let ids: Vec<&str> = found.iter().map(|(_, p)| p.id.as_str()).collect();
        assert_eq!(ids, ["biden", "xi_jinping"]);
        assert!(get().find_en("Wang Yicheng").is_empty());
    }
}
