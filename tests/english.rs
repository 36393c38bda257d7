//! English readouts (src/english/): the readout formula, sides, dates, places, statements, agreements,
//! topics and keywords, on made-up readouts in tests/fixtures/english/. The White House readouts of
//! shared/compare are measured in tests/compare.rs.

use readout::language::Language;
use readout::{analyze, Options, Report};
use std::path::Path;

fn read(name: &str) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/english").join(name);
    analyze(&std::fs::read(&path).unwrap(), name, &Options::default()).unwrap()
}

fn people(list: &[readout::contacts::Participant]) -> Vec<(Option<&str>, Option<&str>, Option<&str>)> {
    list.iter().map(|p| (p.name.as_deref(), p.title.as_deref(), p.country.as_deref())).collect()
}

#[test]
fn a_call_today_is_dated_by_the_front_matter_with_both_sides() {
    let r = read("call_today.md");
    assert_eq!(r.language, Language::En);
    assert!(r.contacts.readout);
    let e = &r.contacts.events[0];
    assert_eq!(
        (e.kind.as_str(), e.date.as_deref(), e.status.as_str()),
        ("phone_call", Some("2025-03-04"), "held")
    );
    assert_eq!(people(&e.counterparts), [(Some("Joe Biden"), Some("President"), Some("US"))]);
    assert_eq!(
        people(&e.china),
        [(Some("Xi Jinping"), Some("President of the People\u{2019}s Republic of China"), Some("CN"))]
    );
    // Every span slices the text it claims.
    let text = r.body.join("\n");
    let span = e.counterparts[0].span.unwrap();
    assert_eq!(&text[span.start..span.end], "Joe Biden");
    assert_eq!(&text[e.evidence["trigger"].start..e.evidence["trigger"].end], "spoke");
    assert_eq!(&text[e.evidence["date"].start..e.evidence["date"].end], "today");
}

#[test]
fn hard_wrapped_lines_are_one_paragraph() {
    let r = read("call_today.md");
    assert_eq!(r.body.len(), 2, "{:?}", r.body);
    assert!(r.body[0].starts_with("President Joe Biden spoke today with President Xi Jinping of the People"));
}

#[test]
fn statements_have_sides_and_tone_and_agreements_are_both_sides() {
    let r = read("call_today.md");
    let s: Vec<(&str, &str)> =
        r.contacts.statements.iter().map(|s| (s.speaker.as_str(), s.side.as_str())).collect();
    assert_eq!(
        s,
        [("President Biden", "counterpart"), ("President Xi", "china"), ("The two leaders", "both")]
    );
    assert_eq!(r.contacts.statements[0].tone[0].tone.as_str(), "negative");
    assert_eq!(r.contacts.agreements.len(), 1);
    assert!(r.contacts.agreements[0].text.contains("open lines of communication"));
}

#[test]
fn topics_use_the_chinese_lexicon_ids() {
    let r = read("call_today.md");
    let ids: Vec<&str> = r.contacts.topics.iter().map(|t| t.id.as_str()).collect();
    for id in
        ["taiwan", "fentanyl", "ai", "prc_support_for_russia", "south_china_sea", "communication_channels"]
    {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    // "AI" inside another word is no mention of artificial intelligence.
    assert!(!r.contacts.topics.iter().any(|t| t.id == "ai" && t.mentions.len() > 1));
}

#[test]
fn keywords_are_english_words_without_stop_words() {
    let r = read("talks_two_days.md");
    let terms = r.terms.as_ref().expect("English terms need no tables");
    let words: Vec<&str> = terms.keywords.iter().map(|k| k.word.as_str()).collect();
    assert!(words.contains(&"sullivan"), "{words:?}");
    assert!(words.iter().all(|w| !["the", "with", "of", "and"].contains(w)), "{words:?}");
    assert!(terms.keywords.iter().all(|k| k.method == "tf"));
    assert!(terms.entities.iter().any(|e| e.category == "person" && e.text == "Jake Sullivan"));
    assert!(!terms.summary.is_empty());
}

#[test]
fn a_meeting_over_two_days_is_talks_with_place_and_first_day() {
    let r = read("talks_two_days.md");
    let e = &r.contacts.events[0];
    assert_eq!(
        (e.kind.as_str(), e.date.as_deref(), e.location.as_deref()),
        ("talks", Some("2025-06-10"), Some("Geneva"))
    );
    assert_eq!(
        e.china[0].title.as_deref(),
        Some("Chinese Communist Party Politburo Member and Director of the Office of the Foreign Affairs Commission")
    );
    let sides: Vec<&str> = r.contacts.statements.iter().map(|s| s.side.as_str()).collect();
    assert_eq!(sides, ["counterpart", "china"]);
}

#[test]
fn a_month_still_ahead_of_publication_is_last_year() {
    let r = read("virtual_new_year.md");
    let e = &r.contacts.events[0];
    assert_eq!((e.kind.as_str(), e.date.as_deref()), ("video_call", Some("2025-12-30")));
    assert_eq!(e.counterparts[0].name.as_deref(), Some("Joseph R. Biden, Jr."));
}

#[test]
fn two_states_meeting_are_led_by_the_people_named_as_leading_them() {
    let r = read("delegations.md");
    let e = &r.contacts.events[0];
    assert_eq!(
        (e.kind.as_str(), e.date.as_deref(), e.location.as_deref()),
        ("talks", Some("2025-03-03"), Some("Washington"))
    );
    assert_eq!(
        people(&e.counterparts),
        [(Some("Jennifer Daskal"), Some("Deputy Homeland Security Advisor"), Some("US"))]
    );
    assert_eq!(
        people(&e.china),
        [(Some("Wei Xiaojun"), Some("Director General of the Narcotics Control Bureau"), Some("CN"))]
    );
    assert!(r
        .contacts
        .statements
        .iter()
        .any(|s| s.side.as_str() == "both" && s.text.starts_with("The two sides discussed")));
}

#[test]
fn a_contact_with_no_prc_official_is_kept_but_is_no_readout() {
    let r = read("control_no_prc.md");
    assert!(!r.contacts.readout);
    let e = &r.contacts.events[0];
    assert!(e.china.is_empty());
    // A name the people table lacks, read from its title and state.
    assert_eq!(
        people(&e.counterparts),
        [
            (Some("Joe Biden"), Some("President"), Some("US")),
            (Some("Maria Lindqvist"), Some("Prime Minister of Sweden"), Some("SE"))
        ]
    );
}

#[test]
fn chinese_articles_stay_on_the_chinese_path() {
    let text =
        "# 王毅同美国国务卿布林肯通电话\n\n2024年3月1日，王毅同美国国务卿布林肯（Antony Blinken）通电话。";
    let r = analyze(text.as_bytes(), "zh.md", &Options::default()).unwrap();
    assert_eq!(r.language, Language::Zh);
    assert_eq!(r.contacts.events[0].kind.as_str(), "phone_call");
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["language"], "zh");
}
