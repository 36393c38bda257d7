// The report of one file, as the CLI prints it (`readout analyze --jsonl`) and the wasm binding returns it
// (`analyzeBytes`), and the collection of many reports (`collectReports`, `readout analyze --collection`).
// The Rust side is src/report.rs and src/schema.rs (events, participants, statements, agreements, topics),
// src/document.rs (meta, spans, warnings), src/terms/mod.rs (terms) and src/collection.rs.
// tests/schema.rs holds every fixture's serialized report to these declarations: each object has exactly
// the keys declared here (`?` marks a key that may be absent) with values of the declared types.

/** A range of `body.join("\n")`: UTF-8 byte offsets (Rust) and UTF-16 code-unit offsets (JavaScript). */
export interface Span {
  start: number;
  end: number;
  start16: number;
  end16: number;
}

export type Format = "html_fragment" | "html_page" | "markdown" | "text";
export type Script = "simplified" | "traditional";

/** A non-fatal problem: `kind` is stable (`front_matter`, `year_corrected`, `year_inferred`, …). */
export interface Warning {
  kind: string;
  message: string;
}

/** Publication metadata; each `*_source` says where the value was found. */
export interface Meta {
  title: string | null;
  title_source: string | null;
  /** ISO 8601, with the source's offset when it gives one. */
  published: string | null;
  published_source: string | null;
  outlet: string | null;
  author: string | null;
  url: string | null;
  tags: string[];
  categories: string[];
  editor: string | null;
  original_title: string | null;
}

/** `zh`: a Chinese report; `en`: an English readout (the counterpart's own account). */
export type Language = "zh" | "en";

export type Kind = "phone_call" | "video_call" | "talks" | "meeting" | "other";
export type Status = "held" | "planned";
export type RequestedBy = "counterpart" | "china";
export type EventSource = "body" | "title";

/** A person, or a delegation named by its state only (`name: null`). */
export interface Participant {
  name: string | null;
  title: string | null;
  /** ISO 3166-1 alpha-2; null for an international organisation. */
  country: string | null;
  org: string | null;
  span: Span | null;
  title_span: Span | null;
}

/** One contact between a PRC official and a foreign counterpart. */
export interface ContactEvent {
  kind: Kind;
  /** CAMEO event code: 040 consult, 041 telephone, 042 make a visit, 043 host a visit, 044 third place, 046 negotiate. */
  cameo: string;
  status: Status;
  /** `YYYY-MM-DD`; `--MM-DD` when the file supports no year for it. */
  date: string | null;
  /** The date as the text writes it (`9月1日`, `昨天`, `28日至29日`). */
  date_text: string | null;
  /** The last day of a contact over several days, as `date`. */
  date_end: string | null;
  location: string | null;
  requested_by: RequestedBy | null;
  china: Participant[];
  counterparts: Participant[];
  source: EventSource;
  span: Span | null;
  /** `trigger`, `date`, `location`, `requested_by`, … → the text each came from. */
  evidence: Record<string, Span>;
  paragraph: number | null;
  date_as_written: string | null;
}

export type Speaker = "china" | "counterpart" | "both" | "other";
export type Tone = "negative" | "positive" | "firm";

export interface ToneMarker {
  marker: string;
  tone: Tone;
  span: Span;
}

export interface Statement {
  speaker: string;
  side: Speaker;
  text: string;
  span: Span;
  speaker_span: Span;
  paragraph: number;
  sentence: number;
  tone: ToneMarker[];
}

export type AgreementKind = "agreed" | "consensus" | "signed";

export interface Agreement {
  kind: AgreementKind;
  text: string;
  span: Span;
  paragraph: number;
  sentence: number;
}

export interface Topic {
  id: string;
  label: string;
  mentions: Span[];
}

export interface Keyword {
  word: string;
  score: number;
  method: "tfidf" | "textrank";
}

export type EntityCategory =
  | "person"
  | "country"
  | "place"
  | "org"
  | "title"
  | "policy"
  | "treaty"
  | "document"
  | "number"
  | "date"
  | "term";

export interface Entity {
  text: string;
  category: EntityCategory;
  span: Span;
}

export interface Terms {
  keywords: Keyword[];
  textrank: Keyword[];
  entities: Entity[];
  summary: string[];
  summary_spans: Span[];
}

/** One file's analysis. */
export interface Report {
  file: string;
  format: Format;
  encoding: string;
  script: Script;
  /** `zh`: a Chinese report; `en`: an English readout (the counterpart's own account). */
  language: Language;
  meta: Meta;
  /** The article's own paragraphs; every span indexes `body.join("\n")`. */
  body: string[];
  warnings: Warning[];
  readout: boolean;
  events: ContactEvent[];
  statements: Statement[];
  agreements: Agreement[];
  topics: Topic[];
  /** Absent while the segmentation tables are not loaded (the page's first seconds). */
  terms?: Terms;
}

export interface Member {
  file: string;
  event: number;
}

/** One distinct contact and the reports of it. */
export interface Group {
  id: number;
  date: string | null;
  kind: Kind;
  members: Member[];
  files: number;
  outlets: string[];
  representative: Member;
  event: ContactEvent;
  counterparts: string[];
  topics: string[];
  /** The languages of its reports: both means the two sides' accounts can be compared. */
  languages: Language[];
}

export interface Count {
  key: string;
  category: "country" | "org" | "person" | "topic" | "kind" | "other";
  label: string;
  groups: number;
  reports: number;
}

/** Many reports together: contacts grouped across files, timeline, counts. */
export interface Collection {
  reports: number;
  events: number;
  groups: Group[];
  timeline: number[];
  by_counterpart: Count[];
  by_topic: Count[];
  by_kind: Count[];
}
