//! Kind and status: the verb's kind refined by the medium ("以视频方式会见" is a video call), a summit of
//! heads (两国元首举行会晤) is a meeting, the CAMEO code of a meeting by who hosts; a contact announced in
//! its clause (将于, 拟) is planned.

use super::candidates::Candidate;
use super::context::Context;
use super::mentions::{Mention, Side};
use crate::gazetteer::{self, words::Role, Form};
use crate::schema::Kind;

/// Whether the clause before the verb announces the contact (将于…会见) rather than reporting it; "已将"
/// is done.
pub fn announced(clause_text: &str) -> bool {
    let g = gazetteer::get();
    let word = g.cues.planned.iter().find_map(|w| clause_text.find(w.as_str()));
    word.is_some_and(|p| !clause_text[..p].ends_with('已'))
}

/// Whether the verb, used as a noun, is announced after it in its clause ("会谈将于明天在巴黎举行"): a planned
/// cue right after it, and 举行 later in the clause.
pub fn announced_after(after_text: &str) -> bool {
    let g = gazetteer::get();
    g.cues.planned.iter().any(|w| after_text.starts_with(w.as_str()))
        && g.cues.held_verb.iter().any(|w| after_text.contains(w.as_str()))
}

fn is_head(s: &str, m: &Mention) -> bool {
    m.title.as_ref().is_some_and(|t| gazetteer::get().offices.ends_in(&s[t.clone()], Role::Head))
}

/// How many characters may stand between 举行 and 会晤 (what is held: 三国安全事务高级代表).
const HELD_GAP: usize = 14;

/// 举行 stands before the verb in its clause, with only the name of what is held between (no punctuation,
/// no other verb).
fn held_before(s: &str, c: &Candidate) -> bool {
    // Only the last few characters: a clause may run on for the whole of a text without punctuation.
    let clause = &s[c.clause.start..c.trigger.start];
    let near = clause.char_indices().rev().nth(HELD_GAP + 2).map_or(0, |(k, _)| k);
    let before = &clause[near..];
    before.rfind("举行").is_some_and(|p| {
        let gap = &before[p + "举行".len()..];
        gap.chars().count() <= HELD_GAP
            && !gap.contains(|ch: char| ch.is_ascii_punctuation() || "，、。；：".contains(ch))
    })
}

/// Refine each candidate's kind and CAMEO code.
pub fn pass(ctx: &Context, found: &mut [Candidate]) {
    let g = gazetteer::get();
    for c in found.iter_mut() {
        let s = ctx.text(c.source);
        // "通过视频电话进行了会谈", "以视频方式会见": the medium decides the kind.
        if c.kind == Kind::Talks || c.kind == Kind::Meeting {
            let medium = &s[c.clause.start..c.trigger.start];
            if g.cues.medium_video.iter().any(|w| medium.contains(w.as_str())) {
                c.kind = Kind::VideoCall;
                c.cameo = "041".into();
            } else if g.cues.medium_phone.iter().any(|w| medium.contains(w.as_str())) {
                c.kind = Kind::PhoneCall;
                c.cameo = "041".into();
            }
        }
        // "举行三国安全事务高级代表会晤": 举行 and what is held between make talks between delegations.
        let held = c.verb.pattern == "举行会晤" || (c.verb.pattern == "会晤" && held_before(s, c));
        if held && c.kind == Kind::Meeting {
            c.kind = Kind::Talks;
            c.cameo = "046".into();
        }
        if held && c.china.iter().any(|m| is_head(s, m)) && c.counterparts.iter().any(|m| is_head(s, m)) {
            c.kind = Kind::Meeting;
            c.cameo = "044".into();
        }
        if c.kind == Kind::Meeting && c.verb.form != Form::Pair {
            // Who hosts: the subject of 会见 received the other.
            let subject_china = c.subject.iter().any(|m| m.side == Side::China);
            let subject_foreign = c.subject.iter().any(|m| m.side == Side::Foreign);
            if subject_china && !subject_foreign {
                c.cameo = "043".into();
            } else if subject_foreign {
                c.cameo = "042".into();
            }
        }
    }
}
