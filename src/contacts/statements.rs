//! Statements (who said what, in text order, with tone markers) and agreements (同意, 达成共识, 签署). The
//! verbs of saying and agreeing and the collective speakers are data/speech.tsv.

use super::context::Context;
use super::mentions::{self, Side};
use super::text::Sentence;
use crate::document::Document;
use crate::gazetteer;
use crate::schema::{Agreement, Speaker, Statement, ToneMarker};
use std::ops::Range;

fn tone(doc: &Document, r: Range<usize>) -> Vec<ToneMarker> {
    let g = gazetteer::get();
    let s = &doc.simplified;
    g.tone_ac
        .find_iter(&s[r.clone()])
        .map(|m| {
            let mr = r.start + m.start()..r.start + m.end();
            ToneMarker {
                marker: doc.original_of_simplified(mr.clone()).to_string(),
                tone: g.tone[m.pattern().as_usize()].1,
                span: doc.span_of_simplified(mr),
            }
        })
        .collect()
}

/// The verb of saying starting `rest`, if any.
fn say_at(rest: &str) -> Option<&'static str> {
    gazetteer::get().speech.say.iter().find(|v| rest.starts_with(v.as_str())).map(String::as_str)
}

fn side_of(side: Side) -> Speaker {
    match side {
        Side::China => Speaker::China,
        Side::Foreign => Speaker::Counterpart,
        _ => Speaker::Other,
    }
}

/// The saying verb after a speaker ending at `at` (a short adverbial may come between: "王毅还表示"): the end of
/// the verb.
fn say_after(s: &str, at: usize, end: usize) -> Option<usize> {
    let after = &s[at..end];
    let trimmed = after.trim_start_matches(['，', ',']);
    let gap = after.len() - trimmed.len();
    for (skip, _) in trimmed.char_indices().take(6) {
        if trimmed[..skip].contains(['，', '。', '、']) {
            break;
        }
        if let Some(v) = say_at(&trimmed[skip..]) {
            return Some(at + gap + skip + v.len());
        }
    }
    None
}

/// A speaker found: where the name is, the side, where the words start, and whether it is a pronoun
/// continuing the last speaker.
struct Found {
    speaker: Range<usize>,
    side: Speaker,
    words: usize,
    pronoun: bool,
}

/// "王毅昨天…同拉夫罗夫通电话时说，": the sentence's first person speaks.
fn during(ctx: &Context, st: &Sentence) -> Option<Found> {
    let s = ctx.body;
    for w in &gazetteer::get().speech.say_during {
        let Some(p) = s[st.range.clone()].find(w.as_str()) else { continue };
        let at = st.range.start + p;
        let ms = mentions::find(s, st.range.start..at, &ctx.article);
        if let Some(m) = ms.iter().find(|m| m.name.is_some() && matches!(m.side, Side::China | Side::Foreign))
        {
            return Some(Found {
                speaker: m.name.clone()?,
                side: side_of(m.side),
                words: at + w.len(),
                pronoun: false,
            });
        }
    }
    None
}

/// A named person opening the sentence, with a verb of saying after a short adverbial ("王毅在会谈中表示").
fn named_first(ctx: &Context, r: &Range<usize>) -> Option<Found> {
    let s = ctx.body;
    let head_end = s[r.clone()].char_indices().nth(41).map_or(r.end, |(k, _)| r.start + k);
    let ms = mentions::find(s, r.start..head_end, &ctx.article);
    let m = ms.iter().find(|m| m.name.is_some())?;
    let n = m.name.clone()?;
    let after = &s[n.end..r.end];
    let after_trim = after.trim_start_matches(['，', ',']);
    let gap = after.len() - after_trim.len();
    for skip in 0..=12usize {
        let Some(rest) = after_trim.get(skip..) else { continue };
        if let Some(v) = say_at(rest) {
            if after_trim[..skip].contains(['，', '。']) {
                break;
            }
            return Some(Found {
                speaker: n.clone(),
                side: side_of(m.side),
                words: n.end + gap + skip + v.len(),
                pronoun: false,
            });
        }
    }
    None
}

/// The speaker opening a sentence.
fn speaker(ctx: &Context, st: &Sentence, last: bool, known: &[(String, Side)]) -> Option<Found> {
    let s = ctx.body;
    let g = gazetteer::get();
    if let Some(f) = during(ctx, st) {
        return Some(f);
    }
    // A name the article has already introduced ("阿拉芒表示").
    let t = &s[st.range.clone()];
    let lead = t.len() - t.trim_start_matches(['“', '"', ' ', '　']).len();
    for (n, side) in known.iter().filter(|(n, _)| t[lead..].starts_with(n.as_str())) {
        let r = st.range.start + lead..st.range.start + lead + n.len();
        if let Some(v) = say_after(s, r.end, st.range.end) {
            return Some(Found { speaker: r, side: side_of(*side), words: v, pronoun: false });
        }
    }
    if let Some(f) = named_first(ctx, &st.range) {
        return Some(f);
    }
    let r = &st.range;
    for (w, side) in &g.speech.speakers {
        let Some(rest) = t.strip_prefix(w.as_str()) else { continue };
        let verb_end = g
            .speech
            .say
            .iter()
            .filter_map(|v| rest.find(v.as_str()).map(|p| p + v.len()))
            .filter(|p| *p <= 30)
            .min();
        if let Some(p) = verb_end {
            let side = Speaker::parse(side).unwrap_or(Speaker::Other);
            return Some(Found {
                speaker: r.start..r.start + w.len(),
                side,
                words: r.start + w.len() + p,
                pronoun: false,
            });
        }
    }
    // "他表示" continues the last speaker.
    if last {
        for p in ["他", "她"] {
            if let Some(v) = t.strip_prefix(p).and_then(say_at) {
                let speaker = r.start..r.start + p.len();
                return Some(Found {
                    speaker,
                    side: Speaker::Other,
                    words: r.start + p.len() + v.len(),
                    pronoun: true,
                });
            }
        }
    }
    None
}

/// Every statement, in text order. A statement runs from its saying verb to the end of the paragraph or the
/// next speaker.
pub fn statements(ctx: &Context) -> Vec<Statement> {
    let doc = ctx.doc;
    let s = ctx.body;
    let mut known: Vec<(String, Side)> = Vec::new();
    for n in ctx.all.iter().filter_map(|m| m.name.as_ref().map(|n| (&s[n.clone()], m.side))) {
        if !known.iter().any(|(k, _)| k == n.0) {
            known.push((n.0.to_string(), n.1));
        }
    }
    known.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut out: Vec<Statement> = Vec::new();
    let mut last: Option<(String, Speaker)> = None;
    let mut open: Option<(usize, usize)> = None; // (statement index, paragraph)
                                                 // Simplified-text start and end of each statement.
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for st in &ctx.sentences {
        let Some(f) = speaker(ctx, st, last.is_some(), &known) else {
            match open {
                // The speaker goes on in the same paragraph.
                Some((i, p)) if p == st.para => {
                    ranges[i].end = st.range.end;
                    out[i].tone.extend(tone(doc, st.range.clone()));
                }
                _ => open = None,
            }
            continue;
        };
        let (name, side) = match (&last, f.pronoun) {
            (Some(l), true) => l.clone(),
            _ => (doc.original_of_simplified(f.speaker.clone()).to_string(), f.side),
        };
        let start = s[f.words..st.range.end]
            .find(|c: char| !matches!(c, '，' | ',' | '：' | ':'))
            .map_or(f.words, |p| f.words + p);
        let tr = start..st.range.end;
        out.push(Statement {
            speaker: name.clone(),
            side,
            text: String::new(),
            span: doc.span_of_simplified(tr.clone()),
            speaker_span: doc.span_of_simplified(f.speaker),
            paragraph: st.para,
            sentence: st.index,
            tone: tone(doc, tr.clone()),
        });
        ranges.push(tr);
        last = Some((name, side));
        open = Some((out.len() - 1, st.para));
    }
    // Text and span to where each statement ends (set once, not per sentence).
    for (stm, r) in out.iter_mut().zip(&ranges) {
        stm.text = doc.original_of_simplified(r.clone()).to_string();
        stm.span = doc.span_of_simplified(r.clone());
    }
    out
}

/// Sentences reporting an agreement or a signing.
pub fn agreements(doc: &Document, sents: &[Sentence]) -> Vec<Agreement> {
    let g = gazetteer::get();
    let s = doc.simplified.as_str();
    let mut out = Vec::new();
    for st in sents {
        let t = &s[st.range.clone()];
        let Some((_, kind)) = g.speech.agree.iter().find(|(w, _)| t.contains(w.as_str())) else { continue };
        // "不同意" is a refusal, not an agreement.
        if t.contains("不同意") && !t.contains("一致同意") {
            continue;
        }
        out.push(Agreement {
            kind: *kind,
            text: doc.original_of_simplified(st.range.clone()).trim().to_string(),
            span: doc.span_of_simplified(st.range.clone()),
            paragraph: st.para,
            sentence: st.index,
        });
    }
    out
}
