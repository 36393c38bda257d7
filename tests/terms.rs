//! Terms on the seed articles, through the whole `readout::analyze`: keyword properties, entity spans
//! and the summary. Expectations live next to the inputs in `tests/fixtures/terms/<seed>.toml` and are
//! inclusion/exclusion properties, not a frozen ranking.

use readout::terms::lexicon::STOP_WORDS;
use readout::Report;
use serde::Deserialize;
use std::path::Path;

const TOP: usize = 10;

#[derive(Deserialize)]
struct Expect {
    keywords: KeywordExpect,
    entities: EntityExpect,
    summary: SummaryExpect,
}

#[derive(Deserialize)]
struct KeywordExpect {
    include: Vec<String>,
    exclude: Vec<String>,
}

#[derive(Deserialize)]
struct EntityExpect {
    include: Vec<(String, String)>,
}

#[derive(Deserialize)]
struct SummaryExpect {
    first: Vec<String>,
}

/// Natively the tables are built in: every report has its terms.
fn terms(report: &Report) -> &readout::terms::Terms {
    report.terms.as_ref().expect("native reports have terms")
}

fn simplified(s: &str) -> String {
    readout::script::to_simplified(s)
}

/// Every seed with its expectations and its report.
fn seeds() -> Vec<(String, Expect, Report)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir.join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        let expect_path = dir.join("terms").join(format!("{stem}.toml"));
        let expect: Expect = toml::from_str(&std::fs::read_to_string(&expect_path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", expect_path.display()));
        let report = readout::analyze(&std::fs::read(&path).unwrap(), &stem, &Default::default()).unwrap();
        out.push((stem, expect, report));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(out.len(), 5, "five seeds");
    out
}

/// A pinyin gloss or other Latin lower case: `zhǎng`, `guān`, `div`.
fn looks_like_pinyin(word: &str) -> bool {
    word.chars().any(|c| c.is_lowercase() && !('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn top_keywords_are_content_words_and_name_the_contact_and_topic() {
    for (seed, expect, report) in seeds() {
        let top: Vec<String> =
            terms(&report).keywords.iter().take(TOP).map(|k| simplified(&k.word)).collect();
        assert_eq!(top.len(), TOP, "{seed}: fewer than {TOP} keywords: {top:?}");
        for w in &top {
            assert!(!STOP_WORDS.contains(w.as_str()), "{seed}: stop word {w} in {top:?}");
            assert!(w.chars().count() >= 2, "{seed}: single character {w} in {top:?}");
            assert!(!looks_like_pinyin(w), "{seed}: pinyin/Latin fragment {w} in {top:?}");
            assert!(!w.chars().all(|c| c.is_ascii_digit() || c == '.'), "{seed}: number {w} in {top:?}");
        }
        for w in &expect.keywords.include {
            assert!(top.contains(w), "{seed}: {w} not in top {TOP}: {top:?}");
        }
        let all: Vec<String> = terms(&report).keywords.iter().map(|k| simplified(&k.word)).collect();
        for w in &expect.keywords.exclude {
            assert!(!all.contains(w), "{seed}: {w} among keywords: {all:?}");
        }
        // Scores are ranked, and the words are in the article's own script.
        assert!(terms(&report).keywords.windows(2).all(|p| p[0].score >= p[1].score), "{seed}: unsorted");
        let text = report.body.join("\n");
        for k in terms(&report).keywords.iter().chain(&terms(&report).textrank) {
            assert!(text.contains(&k.word), "{seed}: keyword {} not in the text", k.word);
        }
    }
}

#[test]
fn textrank_keywords_follow_the_same_rules() {
    for (seed, _, report) in seeds() {
        assert!(!terms(&report).textrank.is_empty(), "{seed}");
        assert_eq!(terms(&report).textrank[0].score, 1.0, "{seed}: TextRank scores are scaled to the best");
        for k in &terms(&report).textrank {
            let w = simplified(&k.word);
            assert_eq!(k.method, "textrank");
            assert!(
                !STOP_WORDS.contains(w.as_str()) && w.chars().count() >= 2 && !looks_like_pinyin(&w),
                "{seed}: {w}"
            );
        }
    }
}

#[test]
fn entity_spans_slice_back_to_the_entity_text() {
    for (seed, expect, report) in seeds() {
        let text = report.body.join("\n");
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let entities = &terms(&report).entities;
        assert!(!entities.is_empty(), "{seed}");
        for e in entities {
            assert_eq!(&text[e.span.start..e.span.end], e.text, "{seed}: UTF-8 span of {e:?}");
            assert_eq!(
                String::from_utf16(&utf16[e.span.start16..e.span.end16]).unwrap(),
                e.text,
                "{seed}: UTF-16 span"
            );
        }
        assert!(
            entities.windows(2).all(|p| p[0].span.end <= p[1].span.start),
            "{seed}: overlapping entities"
        );
        let found: Vec<(String, &str)> = entities.iter().map(|e| (simplified(&e.text), e.category)).collect();
        for (t, c) in &expect.entities.include {
            assert!(found.contains(&(t.clone(), c.as_str())), "{seed}: ({t}, {c}) not in {found:?}");
        }
    }
}

#[test]
fn summary_starts_with_the_contact_sentence() {
    for (seed, expect, report) in seeds() {
        let text = report.body.join("\n");
        let summary = &terms(&report).summary;
        assert!((2..=3).contains(&summary.len()), "{seed}: {} sentences", summary.len());
        assert_eq!(summary.len(), terms(&report).summary_spans.len(), "{seed}");
        for (s, span) in summary.iter().zip(&terms(&report).summary_spans) {
            assert_eq!(&text[span.start..span.end], s, "{seed}");
        }
        let first = simplified(&summary[0]);
        for w in &expect.summary.first {
            assert!(first.contains(w.as_str()), "{seed}: {w} not in the first summary sentence {first}");
        }
    }
}

#[test]
fn traditional_text_keeps_its_script_and_offsets() {
    // Synthetic: the same sentence in traditional script, with a participant only the contacts know.
    let input = "國務委員兼外長王毅同俄羅斯外長拉夫羅夫通電話。\n雙方同意推進《中俄睦鄰友好合作條約》，貿易額增長19.8％。";
    let report = readout::analyze(input.as_bytes(), "t.txt", &Default::default()).unwrap();
    let text = report.body.join("\n");
    for e in &terms(&report).entities {
        assert_eq!(&text[e.span.start..e.span.end], e.text);
    }
    let texts: Vec<&str> = terms(&report).entities.iter().map(|e| e.text.as_str()).collect();
    assert!(texts.contains(&"《中俄睦鄰友好合作條約》"), "{texts:?}");
    assert!(texts.contains(&"19.8％"), "{texts:?}");
    assert!(terms(&report).keywords.iter().all(|k| text.contains(&k.word)));
}
