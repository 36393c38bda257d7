//! The schema of what the analysis finds: contacts (events), their participants, statements, agreements and
//! topics. Owned by the report ([`crate::report::Report`] flattens [`Contacts`] into itself); the contacts
//! stage fills it, and the collection, the `--pretty` rendering and the wasm binding read it.
//!
//! Closed sets are enums serialized in snake_case, so the JSON stays the strings it always was
//! (`"phone_call"`, `"held"`, `"counterpart"`). `src/report.d.ts` declares the same shape for the page;
//! `tests/schema.rs` holds the serialized reports to it.

use crate::document::{Span, Warning};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Everything the contact extraction finds in one document; flattened into the report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Contacts {
    pub readout: bool,
    pub events: Vec<Event>,
    pub statements: Vec<Statement>,
    pub agreements: Vec<Agreement>,
    pub topics: Vec<Topic>,
    /// Problems noticed while extracting (e.g. `year_corrected`); the report lists them with the others.
    #[serde(skip)]
    pub warnings: Vec<Warning>,
}

/// A closed set serialized as snake_case strings, with `as_str`, `parse` and `Display` giving the same
/// strings (the data files and the `--pretty` rendering use them).
macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $s),+ }
            }

            pub fn parse(s: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|k| k.as_str() == s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum! {
    /// How the sides met (GUIDE.md).
    Kind {
        PhoneCall = "phone_call",
        VideoCall = "video_call",
        Talks = "talks",
        Meeting = "meeting",
        /// A joint press event, a signing, a banquet, a welcome ceremony.
        Other = "other",
    }
}

impl Kind {
    /// Remote contacts keep their medium; talks, meetings and other in-person events are one class.
    pub fn in_person(self) -> bool {
        !matches!(self, Kind::PhoneCall | Kind::VideoCall)
    }
}

string_enum! {
    /// Whether the contact took place or is announced.
    Status { Held = "held", Planned = "planned" }
}

string_enum! {
    /// Who asked for the contact.
    RequestedBy {
        /// The PRC side acted 应约, at the other side's request.
        Counterpart = "counterpart",
        /// The foreign side came at China's request or invitation.
        China = "china",
    }
}

string_enum! {
    /// Where an event was read.
    EventSource {
        Body = "body",
        /// Only the headline reports it.
        Title = "title",
    }
}

/// One contact between a PRC official and a foreign counterpart.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    pub kind: Kind,
    /// CAMEO event code (041 phone, 042 make a visit, 043 host a visit, 044 meet at a third location,
    /// 046 negotiate, 040 consult).
    pub cameo: String,
    pub status: Status,
    /// `YYYY-MM-DD`, local time as the text gives it; `--MM-DD` when the file supports no year for it.
    pub date: Option<String>,
    /// The date as the text writes it (`9月1日`, `昨天`, `28日至29日`).
    #[serde(default)]
    pub date_text: Option<String>,
    /// The last day of a contact over several days (`28日至29日`), as `date`.
    #[serde(default)]
    pub date_end: Option<String>,
    pub location: Option<String>,
    pub requested_by: Option<RequestedBy>,
    pub china: Vec<Participant>,
    pub counterparts: Vec<Participant>,
    pub source: EventSource,
    /// The sentence reporting the event (absent for a headline-only event).
    pub span: Option<Span>,
    /// Field → the text it came from: `trigger`, `date`, `location`, `requested_by`, `status`.
    pub evidence: BTreeMap<String, Span>,
    /// Paragraph index of the reporting sentence.
    pub paragraph: Option<usize>,
    /// The date as written when the text's year was an obvious slip and was corrected.
    pub date_as_written: Option<String>,
}

/// A person (or a delegation named by its state) on one side of a contact.
impl Event {
    /// The date when it is a full `YYYY-MM-DD` (not a month-day without a year).
    pub fn full_date(&self) -> Option<&str> {
        self.date.as_deref().filter(|d| d.starts_with(|c: char| c.is_ascii_digit()))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Participant {
    /// As written (original script); `null` for a delegation named by its state only.
    pub name: Option<String>,
    /// As written at first mention.
    pub title: Option<String>,
    /// ISO 3166-1 alpha-2 of the state represented (`null` for an international organisation).
    pub country: Option<String>,
    /// The organisation represented, as written.
    pub org: Option<String>,
    /// The name (or the whole mention) in the text.
    pub span: Option<Span>,
    pub title_span: Option<Span>,
}

string_enum! {
    /// Whose words a statement gives.
    Speaker {
        China = "china",
        Counterpart = "counterpart",
        Both = "both",
        /// Someone on neither side (a Hong Kong official, a company head, an unplaced name).
        Other = "other",
    }
}

/// What one side said.
#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    /// The speaker as written (`王毅`, `阿拉芒`, `双方`).
    pub speaker: String,
    pub side: Speaker,
    pub text: String,
    pub span: Span,
    pub speaker_span: Span,
    pub paragraph: usize,
    pub sentence: usize,
    pub tone: Vec<ToneMarker>,
}

string_enum! {
    /// The tone a marker gives a statement.
    Tone { Negative = "negative", Positive = "positive", Firm = "firm" }
}

#[derive(Debug, Clone, Serialize)]
pub struct ToneMarker {
    pub marker: String,
    pub tone: Tone,
    pub span: Span,
}

string_enum! {
    /// What kind of accord a sentence reports.
    AgreementKind {
        /// 同意, 一致同意, 商定.
        Agreed = "agreed",
        /// 达成共识, 一致认为.
        Consensus = "consensus",
        /// 签署, 签订.
        Signed = "signed",
    }
}

/// Something the sides agreed on or signed.
#[derive(Debug, Clone, Serialize)]
pub struct Agreement {
    pub kind: AgreementKind,
    pub text: String,
    pub span: Span,
    pub paragraph: usize,
    pub sentence: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Topic {
    pub id: String,
    pub label: String,
    pub mentions: Vec<Span>,
}

impl Topic {
    /// The topics of a lexicon (`(id, label)` in its order) that have mentions (`spans[i]` for the i-th),
    /// most mentioned first: the Chinese and the English lexicons rank alike.
    pub fn ranked<'a>(
        lexicon: impl IntoIterator<Item = (&'a str, &'a str)>,
        spans: Vec<Vec<Span>>,
    ) -> Vec<Topic> {
        let mut out: Vec<Topic> = lexicon
            .into_iter()
            .zip(spans)
            .filter(|(_, sp)| !sp.is_empty())
            .map(|((id, label), mentions)| Topic { id: id.to_string(), label: label.to_string(), mentions })
            .collect();
        out.sort_by_key(|t| std::cmp::Reverse(t.mentions.len()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_serialize_as_the_strings_the_page_reads() {
        for &k in Kind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), serde_json::Value::String(k.as_str().into()));
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        assert_eq!(serde_json::to_string(&Status::Planned).unwrap(), "\"planned\"");
        assert_eq!(serde_json::to_string(&RequestedBy::Counterpart).unwrap(), "\"counterpart\"");
        assert_eq!(serde_json::to_string(&EventSource::Title).unwrap(), "\"title\"");
        assert_eq!(serde_json::to_string(&Speaker::Both).unwrap(), "\"both\"");
        assert_eq!(serde_json::to_string(&AgreementKind::Consensus).unwrap(), "\"consensus\"");
        assert_eq!(serde_json::to_string(&Tone::Firm).unwrap(), "\"firm\"");
        assert_eq!(serde_json::from_str::<Kind>("\"video_call\"").unwrap(), Kind::VideoCall);
    }
}
