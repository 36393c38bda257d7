//! In-article merging: the same contact told several times (headline, lead, a digest's summary line and its
//! item, a back-reference such as 此次会晤) is one record that gathers what each report adds. Officials
//! taking part (丁薛祥、王毅参加会见) join the contact they belong to.

use super::candidates::{Candidate, Dated, When};
use super::context::Context;
use super::mentions::{overlap, same_person, Side};
use crate::gazetteer;
use crate::schema::Kind;

/// The same day, or a day within the other's span ("周一至周二在大连会晤" and "周二…举行会谈").
fn same_day(a: &Candidate, b: &Candidate) -> bool {
    let within = |x: &Dated, y: &Dated| match (x.day(), x.end.as_ref(), y.day()) {
        (Some(from), Some(When::Day(to)), Some(d)) => from <= d && d <= to.day,
        _ => false,
    };
    match (&a.date, &b.date) {
        (Some(x), Some(y)) => x.when.may_equal(&y.when) || within(x, y) || within(y, x),
        _ => true,
    }
}

fn same_china(s: &str, a: &Candidate, b: &Candidate) -> bool {
    a.china.is_empty() || b.china.is_empty() || overlap(s, &a.china, s, &b.china)
}

/// Kinds one contact may be told with: the same; talks and meeting (会谈, 会见, 会晤 of one visit); a
/// talks or meeting and a call or video call (a 会晤 whose medium another report gives). A joint event
/// (a welcome ceremony, a signing) stays its own record.
fn same_contact_kinds(a: &Candidate, b: &Candidate) -> bool {
    let told = |k: Kind| matches!(k, Kind::Talks | Kind::Meeting);
    let (x, y) = (a.kind, b.kind);
    // Two joint events are one when they are the same happening: a welcome ceremony (host a visit) is not
    // the joint press appearance after the talks (consult), though both are `other`.
    if x == Kind::Other && y == Kind::Other {
        return a.cameo == b.cameo;
    }
    x == y || (told(x) && y != Kind::Other) || (told(y) && x != Kind::Other)
}

/// The kind of the merged record: a call or video call is more specific than talks or a meeting.
fn merged_kind(a: &Candidate, b: &Candidate) -> (Kind, String) {
    if a.kind.in_person() && !b.kind.in_person() {
        (b.kind, b.cameo.clone())
    } else {
        (a.kind, a.cameo.clone())
    }
}

/// Same contact kinds, same status, same day, the same sides.
fn mergeable(s: &str, a: &Candidate, b: &Candidate) -> bool {
    same_contact_kinds(a, b)
        && a.status == b.status
        && same_day(a, b)
        && same_china(s, a, b)
        && overlap(s, &a.counterparts, s, &b.counterparts)
}

/// Merge `b` into an earlier contact even of another status: a back-reference ("此次会晤") of any kind, or a
/// report naming only states (a digest's summary line) against the full item of a kind it may be told with.
fn mergeable_loosely(s: &str, a: &Candidate, b: &Candidate) -> bool {
    let nameless = |c: &Candidate| c.counterparts.iter().all(|m| m.name.is_none());
    // A summary line naming only the state tells a contact of its own kind: "举行会谈" is not the welcome
    // ceremony of the item before it.
    let summary = (nameless(a) || nameless(b)) && same_contact_kinds(a, b);
    (b.reference || a.reference || summary)
        && same_china(s, a, b)
        && same_day(a, b)
        && overlap(s, &a.counterparts, s, &b.counterparts)
}

/// Merge `b` into `a` (a later report of the same contact fills what the first left open).
fn absorb(s: &str, a: &mut Candidate, b: &Candidate) {
    for m in &b.counterparts {
        if let Some(x) = a.counterparts.iter_mut().find(|x| same_person(s, x, s, m)) {
            if x.name.is_none() && m.name.is_some() {
                *x = m.clone();
            }
        } else if a.counterparts.iter().all(|x| x.name.is_some()) || m.name.is_some() {
            a.counterparts.push(m.clone());
        }
    }
    for m in &b.china {
        if !a.china.iter().any(|x| same_person(s, x, s, m)) {
            a.china.push(m.clone());
        }
    }
    if a.date.is_none() {
        a.date = b.date.clone();
    }
    if a.location.is_none() {
        a.location = b.location.clone();
    }
    if a.requested_by.is_none() {
        a.requested_by = b.requested_by.clone();
    }
    a.reports.extend(b.reports.iter().copied());
}

/// Merge repeated reports of the same contact, keeping the order of first reports.
pub fn pass(ctx: &Context, found: Vec<Candidate>) -> Vec<Candidate> {
    let s = ctx.body;
    let mut merged: Vec<Candidate> = Vec::new();
    for f in found {
        let exact = merged.iter().position(|a| mergeable(s, a, &f));
        // Not into a noun naming no one that no report took in: it is dropped below, and what it took with it.
        let kept = |a: &Candidate| !(a.reference && a.nominal);
        let loose = || merged.iter().position(|a| kept(a) && mergeable_loosely(s, a, &f));
        let Some(i) = exact.or_else(loose) else {
            merged.push(f);
            continue;
        };
        let a = &mut merged[i];
        if exact.is_none() && f.reference {
            // A back-reference adds no participants ("普京此前会见马克龙等人时" is another contact).
            let mut g = f.clone();
            g.counterparts.retain(|m| a.counterparts.iter().any(|x| same_person(s, x, s, m)));
            g.china.clear();
            absorb(s, a, &g);
            continue;
        }
        // A summary line naming only the state, or a back-reference reported first, takes the full report's
        // kind ("视频会谈", not "会谈").
        let a_nameless = a.counterparts.iter().all(|m| m.name.is_none());
        if (a_nameless && f.counterparts.iter().any(|m| m.name.is_some())) || (a.reference && !f.reference) {
            a.reference = f.reference;
            a.kind = f.kind;
            a.cameo = f.cameo.clone();
        }
        (a.kind, a.cameo) = merged_kind(a, &f);
        absorb(s, a, &f);
    }
    // A verb used as a noun, naming no one (its sides read from the article: "中美经贸会谈取得进展"), that
    // no report of a contact took in tells no contact of its own.
    merged.retain(|c| !(c.reference && c.nominal));
    merged
}

/// Officials taking part ("丁薛祥、王毅、何立峰等参加会见") join the contact reported just before.
pub fn attendees(ctx: &Context, merged: &mut [Candidate]) {
    let g = gazetteer::get();
    let s = ctx.body;
    for (st, ms) in ctx.sentences.iter().zip(&ctx.mentions) {
        let t = &s[st.range.clone()];
        if !g.cues.attend.iter().any(|w| t.contains(w.as_str())) || ms.iter().any(|m| m.side == Side::Foreign)
        {
            continue;
        }
        // "参加会见", "出席欢迎仪式": names the contact it belongs to, however far from its report.
        let names_contact = g.cues.attend_named.iter().any(|w| t.contains(w.as_str()));
        let last_report = |c: &Candidate| {
            c.reports.iter().filter(|(_, at)| *at < st.range.start).max_by_key(|(_, at)| *at).copied()
        };
        let Some(c) = merged
            .iter_mut()
            .filter(|c| last_report(c).is_some())
            .max_by_key(|c| last_report(c).map(|r| r.1))
        else {
            continue;
        };
        if !names_contact && last_report(c).is_some_and(|(p, _)| p + 1 < st.para) {
            continue;
        }
        for m in ms.iter().filter(|m| m.side == Side::China && m.name.is_some()) {
            if !c.china.iter().any(|x| same_person(s, x, s, m)) {
                c.china.push(m.clone());
            }
        }
    }
}
