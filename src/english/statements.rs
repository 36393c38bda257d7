//! What each side said in an English readout, and what they agreed: a sentence whose subject is a
//! participant ("President Biden emphasized…", "Mr. Sullivan raised concerns about…"), "the President"
//! (the readout's own head of state), "he"/"she" (the speaker before), or both ("The two leaders
//! agreed…", "The two sides discussed…"), followed by a verb of `data/speech_en.tsv`.

use super::lexicon;
use super::sentences::Sentence;
use crate::document::Document;
use crate::people;
use crate::schema::{Agreement, AgreementKind, Event, Participant, Speaker, Statement, Tone, ToneMarker};

/// A subject longer than this many words is not a speaker ("The call was part of efforts to …").
const SPEAKER_WORDS: usize = 9;

const BOTH: &[&str] = &[
    "the two leaders",
    "the two sides",
    "the leaders",
    "both sides",
    "both leaders",
    "they",
    "the delegations",
    "the two presidents",
    "both countries",
    "the two countries",
    "senior officials from both countries",
    "the two delegations",
    "both",
    "the sides",
    "the two",
];
const LEADING: &[&str] =
    &["In addition, ", "Additionally, ", "Also, ", "Finally, ", "Further, ", "Furthermore, ", "Moreover, "];
const ADVERBS: &[&str] =
    &["also", "again", "further", "both", "repeatedly", "each", "then", "jointly", "candidly"];

pub fn statements(
    doc: &Document,
    sents: &[Sentence],
    event: Option<&Event>,
    formula: Option<usize>,
) -> (Vec<Statement>, Vec<Agreement>) {
    let lx = lexicon::get();
    let text = doc.text.as_str();
    let parts: Vec<&Participant> =
        event.map(|e| e.china.iter().chain(&e.counterparts).collect()).unwrap_or_default();
    let (mut out, mut agreements) = (Vec::new(), Vec::new());
    let mut last: Option<(String, String)> = None;
    for (i, s) in sents.iter().enumerate() {
        if Some(i) == formula {
            continue;
        }
        let Some((vr, vi)) = lx.speech_phrases.find(text, s.range.clone()).into_iter().next() else {
            continue;
        };
        let mut sp_start = s.range.start;
        for l in LEADING {
            if text[sp_start..].starts_with(l) {
                sp_start += l.len();
            }
        }
        let mut phrase = text[sp_start..vr.start].trim_end();
        while let Some((head, tail)) = phrase.rsplit_once(' ') {
            if !ADVERBS.contains(&tail.to_lowercase().as_str()) {
                break;
            }
            phrase = head.trim_end();
        }
        if phrase.is_empty() || phrase.split_whitespace().count() > SPEAKER_WORDS {
            continue;
        }
        let Some((speaker, side)) = resolve(phrase, &parts, last.as_ref()) else { continue };
        let verb = &lx.speech[vi];
        let mut tone = Vec::new();
        if let Some(t) = Tone::parse(&verb.tone) {
            tone.push(ToneMarker {
                marker: text[vr.clone()].to_string(),
                tone: t,
                span: doc.span(vr.clone()),
            });
        }
        if let Some(k) = text[vr.end..s.range.end].find("concern") {
            if verb.tone == "neutral" {
                let at = vr.end + k;
                tone.push(ToneMarker {
                    marker: "concern".into(),
                    tone: Tone::Negative,
                    span: doc.span(at..at + 7),
                });
            }
        }
        // "The two sides welcomed progress and agreed to…": an agreement verb later in a joint
        // subject's sentence is still what both agreed.
        let agreed = verb.tone == "agreement"
            || lx
                .speech_phrases
                .find(text, s.range.clone())
                .iter()
                .any(|(_, j)| lx.speech[*j].tone == "agreement");
        if agreed && side == "both" {
            let kind = if text[s.range.clone()].contains("signed") {
                AgreementKind::Signed
            } else {
                AgreementKind::Agreed
            };
            agreements.push(Agreement {
                kind,
                text: text[s.range.clone()].to_string(),
                span: doc.span(s.range.clone()),
                paragraph: s.paragraph,
                sentence: i,
            });
        }
        last = Some((speaker.clone(), side.clone()));
        out.push(Statement {
            speaker,
            side: Speaker::parse(&side).unwrap_or(Speaker::Other),
            text: text[s.range.clone()].to_string(),
            span: doc.span(s.range.clone()),
            speaker_span: doc.span(sp_start..sp_start + phrase.len()),
            paragraph: s.paragraph,
            sentence: i,
            tone,
        });
    }
    (out, agreements)
}

fn side_of(p: &Participant) -> &'static str {
    if p.country.as_deref() == Some("CN") {
        "china"
    } else {
        "counterpart"
    }
}

/// The speaker (as the readout names them) and side of a subject phrase.
fn resolve(
    phrase: &str,
    parts: &[&Participant],
    last: Option<&(String, String)>,
) -> Option<(String, String)> {
    let lower = phrase.to_lowercase();
    if BOTH.contains(&lower.as_str()) {
        return Some((phrase.to_string(), "both".into()));
    }
    if matches!(lower.as_str(), "he" | "she") {
        return last.filter(|(_, side)| side != "both").cloned();
    }
    // A participant by full name or by family name ("Mr. Sullivan", "Director Wang", "President Xi").
    let words: Vec<&str> =
        phrase.split([' ', '\u{a0}']).map(|w| w.trim_end_matches([',', '’', '\''])).collect();
    for p in parts {
        let Some(name) = p.name.as_deref() else { continue };
        let surname =
            people::get().lookup(name).and_then(|x| x.surname()).map(str::to_string).or_else(|| {
                name.split_whitespace()
                    .rfind(|w| !matches!(*w, "Jr." | "Jr"))
                    .map(|w| w.trim_end_matches(',').to_string())
            });
        if phrase.contains(name) || surname.is_some_and(|s| words.contains(&s.as_str())) {
            return Some((phrase.to_string(), side_of(p).into()));
        }
    }
    // "The President", "The National Security Advisor": the participant whose title it is.
    let bare = lower.trim_start_matches("the ").trim();
    if !bare.is_empty() && bare.split_whitespace().count() <= 4 {
        let titled: Vec<&&Participant> = parts
            .iter()
            .filter(|p| p.title.as_deref().is_some_and(|t| t.to_lowercase().starts_with(bare)))
            .collect();
        if titled.len() == 1 {
            return Some((phrase.to_string(), side_of(titled[0]).into()));
        }
        if bare == "president" {
            if let Some(p) = titled.iter().find(|p| p.country.as_deref() != Some("CN")) {
                return Some((phrase.to_string(), side_of(p).into()));
            }
        }
    }
    match lower.as_str() {
        "the united states" | "the u.s." | "u.s. officials" | "the u.s. delegation" | "the american side" => {
            Some((phrase.to_string(), "counterpart".into()))
        }
        "the prc" | "china" | "the chinese side" | "the prc delegation" | "prc officials" => {
            Some((phrase.to_string(), "china".into()))
        }
        _ => None,
    }
}
