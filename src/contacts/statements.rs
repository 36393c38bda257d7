//! Statements (who said what, in text order, with tone markers) and agreements (同意, 达成共识, 签署).

use super::participants::{self, ArticleContext, Side};
use super::text::Sentence;
use super::{Agreement, Statement, ToneMarker};
use crate::document::Document;
use crate::gazetteer;
use std::ops::Range;

/// Verbs of saying that follow a speaker: "王毅表示，", "阿拉芒说".
const SAY: &[&str] = &[
    "表示",
    "说",
    "指出",
    "强调",
    "认为",
    "介绍",
    "希望",
    "称",
    "提出",
    "重申",
    "回应",
    "呼吁",
    "坦言",
    "透露",
    "表态",
    "高度评价",
    "高度赞赏",
    "感谢",
    "祝贺",
    "热烈祝贺",
    "赞赏",
    "欢迎",
    "期待",
    "主张",
    "建议",
];
/// Speakers that are not a named person.
const COLLECTIVE: &[(&str, &str)] = &[
    ("双方", "both"),
    ("两国外长", "both"),
    ("两国元首", "both"),
    ("中方", "china"),
    ("两国领导人", "both"),
];

fn tone(doc: &Document, r: Range<usize>) -> Vec<ToneMarker> {
    let g = gazetteer::get();
    let s = &doc.simplified;
    let mut out = Vec::new();
    for m in g.tone_ac.find_iter(&s[r.clone()]) {
        let (_, t) = &g.tone[m.pattern().as_usize()];
        let mr = r.start + m.start()..r.start + m.end();
        out.push(ToneMarker {
            marker: doc.original_of_simplified(mr.clone()).to_string(),
            tone: crate::schema::Tone::parse(t).expect("a known tone"),
            span: doc.span_of_simplified(mr),
        });
    }
    out
}

/// The saying verb after a speaker ending at `at` (a short adverbial may come between: "王毅还表示"): the end of
/// the verb.
fn say_after(s: &str, at: usize, end: usize) -> Option<usize> {
    let after = &s[at..end];
    let trimmed = after.trim_start_matches(['，', ',']);
    let gap = after.len() - trimmed.len();
    for (skip, _) in trimmed.char_indices().take(6) {
        let rest = &trimmed[skip..];
        if trimmed[..skip].contains(['，', '。', '、']) {
            break;
        }
        if let Some(v) = SAY.iter().find(|v| rest.starts_with(**v)) {
            return Some(at + gap + skip + v.len());
        }
    }
    None
}

/// The speaker opening a sentence: (speaker range, side, end of the saying verb, is a pronoun).
fn speaker(
    s: &str,
    st: &Sentence,
    ctx: &ArticleContext,
    last: Option<&(String, String)>,
    known: &[(String, Side)],
) -> Option<(Range<usize>, String, usize, bool)> {
    let side_name = |side: Side| match side {
        Side::China => "china",
        Side::Foreign => "counterpart",
        _ => "other",
    };
    // "王毅昨天…同拉夫罗夫通电话时说，": the sentence's first person speaks.
    for w in ["时说，", "时表示，", "时指出，", "时强调，"] {
        if let Some(p) = s[st.range.clone()].find(w) {
            let at = st.range.start + p;
            let ms = participants::find(s, st.range.start..at, ctx);
            if let Some(m) =
                ms.iter().find(|m| m.name.is_some() && matches!(m.side, Side::China | Side::Foreign))
            {
                let n = m.name.clone()?;
                let side = if m.side == Side::China { "china" } else { "counterpart" };
                return Some((n, side.to_string(), at + w.len(), false));
            }
        }
    }
    // A name the article has already introduced ("阿拉芒表示").
    let t0 = &s[st.range.clone()];
    let lead = t0.len() - t0.trim_start_matches(['“', '"', ' ', '　']).len();
    let head = &t0[lead..];
    for (n, side) in known {
        if head.starts_with(n.as_str()) {
            let r = st.range.start + lead..st.range.start + lead + n.len();
            if let Some(v) = say_after(s, r.end, st.range.end) {
                return Some((r, side_name(*side).to_string(), v, false));
            }
        }
    }
    let r = st.range.clone();
    let head_end = {
        let mut e = r.start;
        for (n, (k, c)) in s[r.clone()].char_indices().enumerate() {
            if n > 40 {
                break;
            }
            e = r.start + k + c.len_utf8();
        }
        e
    };
    // A named person first.
    let ms = participants::find(s, r.start..head_end, ctx);
    if let Some(m) = ms.iter().find(|m| m.name.is_some()) {
        let n = m.name.clone()?;
        let after = &s[n.end..r.end];
        let after_trim = after.trim_start_matches(['，', ',']);
        let gap = after.len() - after_trim.len();
        // Allow a short adverbial between name and verb: "王毅还表示", "王毅在会谈中表示".
        for skip in 0..=12usize {
            let Some(rest) = after_trim.get(skip..) else { continue };
            if let Some(v) = SAY.iter().find(|v| rest.starts_with(**v)) {
                if after_trim[..skip].contains(['，', '。']) {
                    break;
                }
                let side = match m.side {
                    Side::China => "china",
                    Side::Foreign => "counterpart",
                    _ => "other",
                };
                return Some((n.clone(), side.to_string(), n.end + gap + skip + v.len(), false));
            }
        }
    }
    for (w, side) in COLLECTIVE {
        let t = &s[r.clone()];
        if let Some(rest) = t.strip_prefix(w) {
            if let Some(p) =
                SAY.iter().filter_map(|v| rest.find(v).map(|p| p + v.len())).filter(|p| *p <= 30).min()
            {
                return Some((r.start..r.start + w.len(), side.to_string(), r.start + w.len() + p, false));
            }
        }
    }
    // "他表示" continues the last speaker.
    let t = &s[r.clone()];
    if let Some(last) = last {
        for p in ["他", "她"] {
            if let Some(rest) = t.strip_prefix(p) {
                if let Some(v) = SAY.iter().find(|v| rest.starts_with(**v)) {
                    let _ = last;
                    return Some((
                        r.start..r.start + p.len(),
                        String::new(),
                        r.start + p.len() + v.len(),
                        true,
                    ));
                }
            }
        }
    }
    None
}

/// Every statement, in text order. A statement runs from its saying verb to the end of the paragraph or the
/// next speaker.
pub fn statements(
    doc: &Document,
    sents: &[Sentence],
    per: &[Vec<participants::Mention>],
    ctx: &ArticleContext,
) -> Vec<Statement> {
    let s = doc.simplified.as_str();
    let mut known: Vec<(String, Side)> = Vec::new();
    for m in per.iter().flatten() {
        if let Some(n) = &m.name {
            let name = &s[n.clone()];
            if !known.iter().any(|(k, _)| k == name) {
                known.push((name.to_string(), m.side));
            }
        }
    }
    known.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut out: Vec<Statement> = Vec::new();
    let mut last: Option<(String, String)> = None;
    let mut open: Option<(usize, usize)> = None; // (statement index, paragraph)
                                                 // Simplified-text start and end of each statement.
    let mut starts: Vec<usize> = Vec::new();
    let mut ends: Vec<usize> = Vec::new();
    for st in sents {
        if let Some((sp, side, text_start, pronoun)) = speaker(s, st, ctx, last.as_ref(), &known) {
            let (speaker, side) = if pronoun {
                last.clone().unwrap_or_default()
            } else {
                (doc.original_of_simplified(sp.clone()).to_string(), side)
            };
            let start = s[text_start..st.range.end]
                .find(|c: char| !matches!(c, '，' | ',' | '：' | ':'))
                .map_or(text_start, |p| text_start + p);
            let tr = start..st.range.end;
            out.push(Statement {
                speaker: speaker.clone(),
                side: crate::schema::Speaker::parse(&side).unwrap_or(crate::schema::Speaker::Other),
                text: doc.original_of_simplified(tr.clone()).to_string(),
                span: doc.span_of_simplified(tr.clone()),
                speaker_span: doc.span_of_simplified(sp),
                paragraph: st.para,
                sentence: st.index,
                tone: tone(doc, tr.clone()),
            });
            starts.push(tr.start);
            ends.push(tr.end);
            last = Some((speaker, side));
            open = Some((out.len() - 1, st.para));
        } else if let Some((i, p)) = open {
            if p == st.para {
                // The speaker goes on in the same paragraph.
                ends[i] = st.range.end;
                out[i].tone.extend(tone(doc, st.range.clone()));
            } else {
                open = None;
            }
        }
    }
    // Statements that ran on: their text and span to where they end (set once, not per sentence).
    for (stm, (start, end)) in out.iter_mut().zip(starts.iter().zip(&ends)) {
        if *end > *start {
            stm.text = doc.original_of_simplified(*start..*end).to_string();
            stm.span = doc.span_of_simplified(*start..*end);
        }
    }
    out
}

const AGREE: &[(&str, &str)] = &[
    ("一致同意", "agreed"),
    ("同意", "agreed"),
    ("达成共识", "consensus"),
    ("达成一致", "consensus"),
    ("达成重要共识", "consensus"),
    ("一致认为", "consensus"),
    ("共同签署", "signed"),
    ("签署", "signed"),
    ("签订", "signed"),
    ("签字仪式", "signed"),
    ("商定", "agreed"),
];

/// Sentences reporting an agreement or a signing.
pub fn agreements(doc: &Document, sents: &[Sentence]) -> Vec<Agreement> {
    let s = doc.simplified.as_str();
    let mut out = Vec::new();
    for st in sents {
        let t = &s[st.range.clone()];
        if let Some((_, kind)) = AGREE.iter().find(|(w, _)| t.contains(w)) {
            // "不同意" is a refusal, not an agreement.
            if t.contains("不同意") && !t.contains("一致同意") {
                continue;
            }
            out.push(Agreement {
                kind: crate::schema::AgreementKind::parse(kind).expect("a known kind"),
                text: doc.original_of_simplified(st.range.clone()).trim().to_string(),
                span: doc.span_of_simplified(st.range.clone()),
                paragraph: st.para,
                sentence: st.index,
            });
        }
    }
    out
}
