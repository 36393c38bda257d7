//! Contacts: [`Document`] → is it a readout, the events (who, with whom, how, when, where), statements,
//! agreements and topics.
//!
//! Everything is matched on `doc.simplified` (so traditional articles read like simplified ones) and every
//! extracted field carries the [`crate::document::Span`] of the text it came from, mapped back to the
//! original script. The events are found by named passes over one [`context::Context`] (document, headline,
//! sentences, the people named in each, year, dateline), in this order:
//!
//! 1. [`candidates`], contact verbs whose clause names both sides ([`sides`], who is PRC, who foreign;
//!    [`lists`], the objects listed over commas; a [`summons`] reads a side written only as a body or an
//!    unnamed official from the diplomat's post);
//! 2. [`kind`], kind, CAMEO code and status;
//!    [`attendance`], bilateral gatherings told as held by a noun, their people named by who attended;
//! 3. [`dating`], the date, from the sentence, its paragraph, the dateline or the lead ([`dates`] resolves);
//! 4. [`request`], who asked (应约, 应邀, 应…要求, 由…主动提出, a summons);
//! 5. [`place`], where (in its sentence, told elsewhere, the same day's city, the article's one journey);
//! 6. [`merge`], one record per contact told several times, with the officials taking part;
//! 7. [`headline`], the headline's contact first;
//! 8. [`build`], the records in the original script with their evidence.
//!
//! Then [`readout`] (is there a contact at all), [`statements`] (who said what, agreements) and [`topics`].

pub mod attendance;
pub mod build;
pub mod candidates;
pub mod context;
pub mod dates;
pub mod dating;
pub mod headline;
pub mod kind;
pub mod lists;
pub mod mentions;
pub mod merge;
pub mod place;
pub mod readout;
pub mod request;
pub mod sides;
pub mod statements;
pub mod summons;
pub mod text;
pub mod titles;
pub mod topics;

use crate::document::Document;
pub use crate::schema::{Agreement, Contacts, Event, Participant, Statement, ToneMarker, Topic};
use context::Context;

/// Extract the contacts of a document.
pub fn extract(doc: &Document) -> Contacts {
    let ctx = Context::new(doc);
    let (events, warnings) = events(&ctx);
    let readout = readout::is_readout(&events);
    let statements = statements::statements(&ctx);
    let agreements = statements::agreements(doc, &ctx.sentences);
    let topics = topics::topics(doc);
    Contacts { readout, events, statements, agreements, topics, warnings }
}

/// The events, headline first: the passes in order.
fn events(ctx: &Context) -> (Vec<Event>, Vec<crate::document::Warning>) {
    let mut found = candidates::in_body(ctx);
    let capped = found.len() >= candidates::MAX_CANDIDATES;
    kind::pass(ctx, &mut found);
    attendance::pass(ctx, &mut found);
    dating::in_sentences(ctx, &mut found);
    request::by_appointment(ctx, &mut found);
    dating::from_context(ctx, &mut found);
    dating::years(ctx, &mut found);
    // A contact told as background that its own sentence does not date is not the article's to report.
    found.retain(|c| !c.background || c.date.is_some());
    place::pass(ctx, &mut found);
    request::by_invitation(ctx, &mut found);
    request::by_request(ctx, &mut found);
    let told_in: std::collections::HashSet<usize> = found.iter().filter_map(|c| c.para).collect();
    let mut merged = merge::pass(ctx, found);
    merge::attendees(ctx, &mut merged);
    headline::pass(ctx, &mut merged);
    if let Some(first) = merged.first_mut() {
        dating::headline_from_lead(ctx, first);
        request::headline_from_article(ctx, first, &told_in);
    }
    let (events, mut warnings) = build::pass(ctx, merged);
    if capped {
        warnings.push(crate::document::Warning::new(
            "contacts_capped",
            format!(
                "the text tells more than {} contacts: only those up to there were read",
                candidates::MAX_CANDIDATES
            ),
        ));
    }
    (events, warnings)
}
