//! Headline order: the body's report of the headline's contact comes first; a contact only the headline
//! reports is kept from it (dated by the lead) when the body reports none.

use super::candidates::{self, Candidate};
use super::context::Context;
use super::dating;
use super::mentions::{overlap, Mention, Side};
use super::{kind, place, request};
use crate::schema::{Kind, Status};

/// The headline's candidates, with the same passes as the body's (kind, date, place, who asked).
fn title_candidates(ctx: &Context) -> Vec<Candidate> {
    let mut found = candidates::in_title(ctx);
    kind::pass(ctx, &mut found);
    dating::in_sentences(ctx, &mut found);
    place::pass(ctx, &mut found);
    request::by_appointment(ctx, &mut found);
    found
}

/// Put the headline's contact first.
pub fn pass(ctx: &Context, merged: &mut Vec<Candidate>) {
    if ctx.title.is_empty() {
        return;
    }
    let titled = title_candidates(ctx);
    // The headline's counterparts: the people it names, or the states of its collective subject (中俄两国…).
    let mut foreign: Vec<_> =
        ctx.title_mentions.iter().filter(|m| m.side == Side::Foreign).cloned().collect();
    if foreign.is_empty() {
        foreign.extend(titled.first().map(|t| t.counterparts.clone()).unwrap_or_default());
    }
    fill_state(&foreign, titled.first().map(|t| t.kind), merged);
    // The body's report of the headline's contact: same counterpart, and same kind when the headline says
    // which ("金正恩抵京将晤习近平" is not the earlier 大连 talks the body recalls first).
    // A headline naming only its PRC official ("新任部长某某赴美"): the body's contact of that official.
    let china: Vec<_> =
        ctx.title_mentions.iter().filter(|m| m.side == Side::China && m.name.is_some()).cloned().collect();
    let same = |c: &Candidate| {
        overlap(ctx.body, &c.counterparts, &ctx.title, &foreign)
            || (foreign.is_empty() && overlap(ctx.body, &c.china, &ctx.title, &china))
    };
    let first = titled.first();
    let kind_of_title = first.map(|t| t.kind);
    let title_status = first.map(|t| t.status);
    let group = |k: Kind| if k.in_person() { Kind::Meeting } else { k };
    let pos = merged
        .iter()
        .position(|c| same(c) && kind_of_title == Some(c.kind) && title_status == Some(c.status))
        .or_else(|| {
            merged.iter().position(|c| {
                same(c)
                    && kind_of_title.is_some_and(|k| group(k) == group(c.kind))
                    && title_status == Some(c.status)
            })
        })
        .or_else(|| merged.iter().position(|c| same(c) && title_status.is_none_or(|s| s == c.status)));
    // A headline announcing a contact (将晤) whose counterpart the body only recalls as held before
    // (两次都与…会谈) is its own contact: the recalled one is not it.
    let recalled = pos.is_none() && title_status == Some(Status::Planned) && merged.iter().any(same);
    if let Some(pos) = pos {
        let mut first = merged.remove(pos);
        // The headline may say where ("…在莫斯科举行会谈") when the body's report does not.
        if first.location.is_none() && first.kind.in_person() {
            first.location = titled.first().and_then(|t| t.location.clone());
        }
        merged.insert(0, first);
    } else if let (Some(t), true) = (first, merged.is_empty() || recalled) {
        let mut t = t.clone();
        // The lead's date is the headline's when the body reports no contact of its own.
        if !ctx.sentences.is_empty() && !recalled {
            t.date = dating::first_sentence(ctx);
        }
        merged.insert(0, t);
    }
}

/// A headline naming its counterpart by state and title only (总理同某国王储举行会谈) and a body report of a
/// contact of that kind naming one foreign person with no state (总理同某某举行会谈): that person is the
/// headline's counterpart, of its state.
fn fill_state(foreign: &[Mention], kind: Option<Kind>, merged: &mut [Candidate]) {
    let [m] = foreign else { return };
    let nameless = m.name.as_ref().is_none_or(|r| r.is_empty());
    let (Some(kind), Some(iso), true) = (kind, m.country.as_ref(), nameless) else { return };
    let Some(c) = merged.iter_mut().find(|c| c.kind == kind) else { return };
    if let [p] = c.counterparts.as_mut_slice() {
        if p.country.is_none() && p.org.is_none() && p.org_known.is_none() && p.side != Side::China {
            p.country = Some(iso.clone());
            p.side = Side::Foreign;
        }
    }
}
