//! Lists: the objects of one contact verb listed over commas ("会见了美国财长甲，印尼财长乙，澳大利亚
//! 国库部长丙等"). Chinese news separates titled people by commas when a title is long; each item is a
//! clause of its own by punctuation but has no verb of its own, so it is still the verb's object.

use super::mentions::{Mention, Side};
use super::text;
use crate::gazetteer;
use std::ops::Range;

/// How many items a list may run over after its first: a bound on the scan (a line of many commas must
/// not make each verb read it all, tests/superlinear.rs); real lists name a handful.
const MAX_ITEMS: usize = 12;

/// Where the list of objects of the verb ending at `trig_end` ends: past `clause.end` when the verb's own
/// object is a titled person and the comma-separated clauses after it are each only people of the same
/// side (a title and maybe a name), up to the sentence's end or a closing 等. `clause.end` otherwise: a
/// following clause with a verb or predicate of its own ("…甲，双方就…", "…甲，乙表示…") tells something
/// else, and then so may the items before it.
pub(super) fn forward_end(
    s: &str,
    range: &Range<usize>,
    ms: &[Mention],
    trig_end: usize,
    clause: &Range<usize>,
) -> usize {
    let rest = s[trig_end..clause.end].trim_start();
    let object = clause.end - rest.strip_prefix('了').unwrap_or(rest).len();
    let Some((side, closed)) = only_people(s, &(object..clause.end), ms, None) else { return clause.end };
    let mut end = clause.end;
    let mut closed = closed;
    for _ in 0..MAX_ITEMS {
        if closed || !s[end..range.end].starts_with(['，', ',']) {
            break;
        }
        let next = end + s[end..].chars().next().map_or(1, char::len_utf8);
        let item = text::clause(s, &(next..range.end.min(reach(s, next))), next);
        let Some((_, c)) = only_people(s, &item, ms, Some(side)) else { return clause.end };
        end = item.end;
        closed = c;
    }
    let at_sentence_end = s[end..range.end].trim_start().starts_with(['。', '！', '？', '；', '!', '?', ';'])
        || s[end..range.end].trim().is_empty();
    if closed || at_sentence_end {
        end
    } else {
        clause.end
    }
}

/// The byte [`super::candidates::CLAUSE_REACH`] characters after `at` (or the text's end).
fn reach(s: &str, at: usize) -> usize {
    s[at..].char_indices().nth(super::candidates::CLAUSE_REACH).map_or(s.len(), |(k, _)| at + k)
}

/// Whether `seg` holds only people: their mentions, joined by a joiner (、, 和, 及), maybe closed by 等;
/// at least one titled, all of one side (`want`, or that of the first). `Some((side, closed by 等))`.
fn only_people(s: &str, seg: &Range<usize>, ms: &[Mention], want: Option<Side>) -> Option<(Side, bool)> {
    let g = gazetteer::get();
    let from = ms.partition_point(|m| m.range.start < seg.start);
    let mut cursor = seg.start;
    let mut gaps: Vec<&str> = Vec::new();
    let mut side = want.filter(|w| *w != Side::Unknown);
    let mut titled = false;
    for m in ms[from..].iter().take_while(|m| m.range.start < seg.end) {
        if m.range.end > seg.end {
            return None;
        }
        // An unknown side (a title of no state) may stand in any list; a known one must match.
        if m.side != Side::Unknown {
            match side {
                Some(x) if x != m.side => return None,
                _ => side = Some(m.side),
            }
        }
        titled |= m.title.is_some();
        if m.range.start > cursor {
            gaps.push(&s[cursor..m.range.start]);
        }
        cursor = cursor.max(m.range.end);
    }
    let last = &s[cursor.min(seg.end)..seg.end];
    let joined = gaps.iter().all(|gap| {
        let mut rest = gap.trim();
        while !rest.is_empty() {
            let Some(w) = g.cues.person_joiner.iter().find(|w| rest.starts_with(w.as_str())) else {
                return false;
            };
            rest = rest[w.len()..].trim_start();
        }
        true
    });
    let tail = last.trim();
    let closed = g.cues.list_end.iter().any(|w| tail == w.as_str());
    (titled && joined && (tail.is_empty() || closed)).then_some((side.unwrap_or(Side::Unknown), closed))
}
