//! Is it a readout: does the article report at least one contact between a PRC official and a foreign
//! counterpart? The hard negatives (Hong Kong / Macau / Taiwan figures, contacts with no PRC party, company
//! executives, speculation, speeches, 致电/致信 messages, 一通电话 in other stories) never become events,
//! so the answer is whether any event survived extraction.

use super::Event;

pub fn is_readout(events: &[Event]) -> bool {
    events.iter().any(|e| !e.counterparts.is_empty() && (!e.china.is_empty()))
}
