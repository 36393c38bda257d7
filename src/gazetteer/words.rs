//! The word lists of the genre (data/cues.tsv, data/speech.tsv, data/offices.tsv): cue words around a contact
//! verb, verbs of saying and agreeing, offices by role. Each list is a named field, so a rule names the list
//! it reads and a test can check that every list the code reads has words.

use crate::schema::AgreementKind;

/// Declares the cue lists: one `Vec<String>` per cue name of data/cues.tsv.
macro_rules! cue_lists {
    ($($(#[$m:meta])* $field:ident),+ $(,)?) => {
        /// The cue words of data/cues.tsv, by cue.
        #[derive(Debug, Default)]
        pub struct Cues {
            $($(#[$m])* pub $field: Vec<String>,)+
        }

        impl Cues {
            /// Add `word` to the list named `cue`; false when no list has that name.
            fn push(&mut self, cue: &str, word: String) -> bool {
                match cue {
                    $(stringify!($field) => self.$field.push(word),)+
                    _ => return false,
                }
                true
            }

            /// Every list with its name (for checks).
            pub fn lists(&self) -> Vec<(&'static str, &[String])> {
                vec![$((stringify!($field), self.$field.as_slice()),)+]
            }
        }
    };
}

cue_lists! {
    /// A count before 通话 (一通电话): not a contact verb.
    call_count,
    /// Speculation or a question: no contact reported.
    speculation,
    /// A question mark: the clause running up to it reports no contact.
    question,
    /// An announced contact.
    planned,
    /// After a contact verb used as a noun and a planned cue: the contact is held then (会谈将于…举行).
    held_verb,
    /// A message (致电), not a contact.
    message,
    /// Connectives and time words opening a clause whose subject is the last clause's.
    opener,
    /// 会见记者: a press conference.
    press,
    /// The contact did not happen.
    negation,
    /// The end of "X说，".
    said,
    /// A clause continuing the list of the clause before.
    list_joiner,
    /// Before the verb: it refers back to a contact (此次会晤).
    reference_before,
    /// After the verb: it refers back to a contact (会谈中).
    reference_after,
    /// Between a date and the verb: the date is another happening's.
    other_happening,
    /// Between two dates: a span.
    range_mark,
    /// Officials taking part in a contact.
    attend,
    /// … naming the contact they took part in.
    attend_named,
    /// 分别: one contact per counterpart.
    split,
    /// Ends a collective subject.
    subject_cut,
    /// The medium makes talks a video call.
    medium_video,
    /// The medium makes talks a phone call.
    medium_phone,
    /// A word that makes a phrase after 在/于 not a place.
    not_place,
    /// Ends a phrase after 在/于 without being part of the place (在京以视频方式: 以).
    place_tail,
    /// A summons (召见, 约见): the side summoned came at the summoner's request.
    summons,
    /// After 驻: a post in the PRC (驻华, 驻港): the diplomat serves in China.
    prc_post,
    /// Ends a diplomat's post or title after 驻X (大使馆, 总领馆, 大使, 官员).
    post,
    /// The PRC's own words for itself before 驻 (我国, 我).
    prc_self,
    /// Opens the object of a contact verb though it starts with a postposition (时任, 中方): no reference.
    object_opener,
    /// Before a state in a title: the office was held before (前美国国务卿).
    former,
    /// An official the text does not name (有关负责人, 高级官员): a summoner written so.
    official_noun,
    /// A word in a title that makes its holder a PRC official.
    prc_mark,
    /// Where a title's stretch ends, going back from a name.
    title_boundary,
    /// Joins two people in a list.
    person_joiner,
    /// Closes a list of people (等, 等人): no more items follow.
    list_end,
    /// After 应邀: a visit to China.
    visit_china,
    /// Opens a title without being an office (负责…的, 主管…的, 新任, 驻).
    title_opener,
    /// Qualifies the office after a state's short form (马最高元首, 俄第一副总理).
    title_qualifier,
    /// Opens the name of an international or regional body (国际, 世界, 各国, 中美洲).
    intl_scope,
    /// Ends the name of such a body (组织, 联盟, 议会, 局, 银行).
    intl_body,
    /// Ends the name of a ministry or department (部, 司, 委员会, 事务): a 与 before one inside a title joins
    /// the words of the office's name (边界与海洋事务司司长, 欧洲与外交部部长), not two people.
    office_word,
    /// A delegation (代表团, 访问团, 考察团): a state's or body's side without a person named.
    delegation,
    /// The foreign side named collectively (外方代表, 各国外长): a counterpart without a person named.
    foreign_collective,
    /// Ends the words of a sentence that lead up to a title (会见了…, 介绍…, 如果…).
    before_title,
    /// Before the verb: the contact is told as background, not the article's (此前, 曾于, 去年).
    background,
    /// Opening the sentence: a time in the past; every contact of the sentence is background (去年6月，…).
    background_time,
    /// Before the verb: a demonstrative making it a noun (这次会面).
    demonstrative,
    /// After a contact verb: the ceremony of a gathering (视频会议开幕式), not a contact.
    gathering,
    /// Opening the clause: the contact is told as background (继…后).
    background_opening,
    /// Names a company, business group, foundation, university, think tank or outlet: its people are not
    /// officials.
    non_official,
    /// After an organisation's name: the member state holding its chair follows (海合会轮值主席国科威特王储):
    /// the person is that state's official.
    chair_state,
    /// Opens a clause listing a delegation's members (…代表团会面，包括…): they are the counterparts.
    members,
    /// A gathering noun told as held whose kind in person is talks (会议, 磋商, 对话).
    gathering_talks,
    /// … whose kind in person is a meeting (峰会).
    gathering_summit,
    /// Tells a gathering held (举行, 召开).
    gathering_held,
    /// Before a gathering noun: a sentence of who attended it (参加, 出席).
    gathering_attend,
    /// After 中: a bloc the PRC holds bilateral gatherings with (中欧).
    bloc_short,
    /// In a gathering's name: a multilateral forum, not a bilateral gathering (论坛).
    multilateral,
    /// Opens with 中 and a party's short form without pairing the PRC with it (中美洲, 中南海).
    not_pair,
}

/// Words that are never a person's name (data/not_names.tsv).
#[derive(Debug, Default)]
pub struct NotNames {
    /// Time words: end a name, never start one.
    pub time: Vec<String>,
    /// Common nouns: never a name by themselves.
    pub noun: Vec<String>,
    /// A name never ends with these.
    pub suffix: Vec<String>,
    /// A name never starts with these (counts, ordinals).
    pub prefix: Vec<String>,
}

impl NotNames {
    /// Whether `name` (read after a title) cannot be a person's name.
    pub fn rejects(&self, name: &str) -> bool {
        self.time.iter().chain(&self.prefix).any(|w| name.starts_with(w.as_str()))
            || self.noun.iter().any(|w| name == w)
            || self.suffix.iter().any(|w| name.ends_with(w.as_str()))
    }
}

pub fn load_not_names(text: &str) -> NotNames {
    let mut n = NotNames::default();
    for (word, rest) in word_rows(text) {
        match rest.first().copied().unwrap_or("") {
            "time" => n.time.push(word),
            "noun" => n.noun.push(word),
            "suffix" => n.suffix.push(word),
            "prefix" => n.prefix.push(word),
            other => panic!("data/not_names.tsv: unknown kind {other:?} for {word:?}"),
        }
    }
    n
}

/// PRC bodies (data/prc_bodies.tsv): a title written with one is a PRC official's.
#[derive(Debug, Default)]
pub struct PrcBodies {
    /// Names of bodies (party, state, ministry, military), longest first.
    pub bodies: Vec<String>,
    /// Provincial-level divisions: a body when an organ follows (福建省委, 上海市市长).
    pub provinces: Vec<String>,
}

/// What follows a province's name in the title of one of its officials.
const PROVINCIAL_ORGANS: [&str; 10] =
    ["省", "市", "自治区", "壮族", "回族", "维吾尔", "委", "人大", "政协", "政府"];

impl PrcBodies {
    /// The length of the PRC body starting `s`, if one does.
    pub fn starts(&self, s: &str) -> Option<usize> {
        if let Some(b) = self.bodies.iter().find(|b| s.starts_with(b.as_str())) {
            return Some(b.len());
        }
        let p = self.provinces.iter().find(|p| s.starts_with(p.as_str()))?;
        PROVINCIAL_ORGANS.iter().any(|o| s[p.len()..].starts_with(o)).then_some(p.len())
    }

    /// Whether `s` names a PRC body of the party, state, government or military anywhere.
    pub fn within(&self, s: &str) -> bool {
        self.bodies.iter().any(|b| s.contains(b.as_str()))
    }
}

pub fn load_prc_bodies(text: &str) -> PrcBodies {
    let mut p = PrcBodies::default();
    for (word, rest) in word_rows(text) {
        match rest.first().copied().unwrap_or("") {
            "province" => p.provinces.push(word),
            "party" | "state" | "ministry" | "military" => p.bodies.push(word),
            other => panic!("data/prc_bodies.tsv: unknown kind {other:?} for {word:?}"),
        }
    }
    p.bodies.sort_by_key(|b| std::cmp::Reverse(b.chars().count()));
    p
}

/// Words of saying and agreeing (data/speech.tsv).
#[derive(Debug, Default)]
pub struct Speech {
    /// Verbs of saying after a speaker.
    pub say: Vec<String>,
    /// "…时说，": the sentence's first person speaks.
    pub say_during: Vec<String>,
    /// Speakers that are not a named person, with the side (`both`, `china`).
    pub speakers: Vec<(String, String)>,
    /// Words of accord with their kind, in file order (the first found in a sentence wins).
    pub agree: Vec<(String, AgreementKind)>,
}

/// An office's role, for collective subjects (两国元首, 两国外长).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Head,
    ForeignMinister,
    DefenceMinister,
}

/// Title endings by role (data/offices.tsv).
#[derive(Debug, Default)]
pub struct Offices {
    pub by_role: Vec<(String, Role)>,
    /// Generic office nouns (局长, 司长, 主任) that end a title of either side.
    pub generic: Vec<String>,
}

impl Offices {
    /// The title endings of one role.
    pub fn of(&self, role: Role) -> impl Iterator<Item = &str> {
        self.by_role.iter().filter(move |(_, r)| *r == role).map(|(t, _)| t.as_str())
    }

    /// Whether a title ends in an office of `role`.
    pub fn ends_in(&self, title: &str, role: Role) -> bool {
        self.of(role).any(|t| title.ends_with(t))
    }
}

/// The rows of a word list: the first column kept as written (a space may be the word), the others trimmed.
fn word_rows(text: &str) -> impl Iterator<Item = (String, Vec<&str>)> {
    text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).filter_map(|l| {
        let mut parts = l.split('\t');
        let word = parts.next()?.to_string();
        (!word.is_empty()).then(|| (word, parts.map(str::trim).collect()))
    })
}

pub fn load_cues(text: &str) -> Cues {
    let mut c = Cues::default();
    for (word, rest) in word_rows(text) {
        let cue = rest.first().copied().unwrap_or("");
        assert!(c.push(cue, word.clone()), "data/cues.tsv: unknown cue {cue:?} for {word:?}");
    }
    c
}

pub fn load_speech(text: &str) -> Speech {
    let mut s = Speech::default();
    for (word, rest) in word_rows(text) {
        let value = rest.get(1).copied().unwrap_or("");
        match rest.first().copied().unwrap_or("") {
            "say" => s.say.push(word),
            "say_during" => s.say_during.push(word),
            "speaker" => s.speakers.push((word, value.to_string())),
            "agree" => {
                let kind = AgreementKind::parse(value)
                    .unwrap_or_else(|| panic!("data/speech.tsv: unknown accord {value:?}"));
                s.agree.push((word, kind));
            }
            other => panic!("data/speech.tsv: unknown kind {other:?} for {word:?}"),
        }
    }
    s
}

pub fn load_offices(text: &str) -> Offices {
    let mut o = Offices::default();
    for (word, rest) in word_rows(text) {
        let role = match rest.first().copied().unwrap_or("") {
            "head" => Role::Head,
            "foreign_minister" => Role::ForeignMinister,
            "defence_minister" => Role::DefenceMinister,
            "office" => {
                o.generic.push(word);
                continue;
            }
            other => panic!("data/offices.tsv: unknown role {other:?} for {word:?}"),
        };
        o.by_role.push((word, role));
    }
    o
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_list_has_words() {
        let g = crate::gazetteer::get();
        for (name, words) in g.cues.lists() {
            assert!(!words.is_empty(), "data/cues.tsv has no words for {name}");
        }
        assert!(g.cues.title_boundary.iter().any(|w| w == " "), "a space is kept as a word");
        assert!(g.speech.say.iter().any(|w| w == "表示"));
        assert_eq!(g.prc_bodies.starts("商务部部长"), Some("商务部".len()));
        assert_eq!(g.prc_bodies.starts("福建省委书记"), Some("福建".len()));
        assert_eq!(g.prc_bodies.starts("北京时间"), None);
        assert!(
            !g.not_names.time.is_empty() && !g.not_names.noun.is_empty() && !g.not_names.suffix.is_empty()
        );
        assert!(!g.speech.agree.is_empty() && !g.speech.speakers.is_empty());
        for role in [super::Role::Head, super::Role::ForeignMinister, super::Role::DefenceMinister] {
            assert!(g.offices.of(role).next().is_some());
        }
    }
}
