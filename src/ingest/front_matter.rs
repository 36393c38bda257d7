//! Front matter: YAML between `---` lines (Hexo, Jekyll, Hugo) or TOML between `+++` lines, possibly
//! after blank lines. Only flat fields are read (scalars and lists of scalars). A malformed block is a
//! warning, not an error: its `key: value` lines are still read one by one and the body is kept.
//!
//! YAML is read from the parser's event stream, not through `YamlLoader`, because the loader expands
//! aliases: a few lines of `&a`/`*a` (an "alias bomb") would build an exponentially large tree. Here an
//! alias to a scalar yields that one scalar, and any other alias is ignored, so work stays linear.

use crate::document::Warning;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A front-matter value: a scalar or a list of scalars (nested maps are skipped).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    List(Vec<String>),
}

impl Value {
    /// The value as one string (a list's first item).
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            Value::List(v) => v.first().map(String::as_str),
        }
    }

    pub fn as_list(&self) -> Vec<String> {
        match self {
            Value::Str(s) if s.trim().is_empty() => Vec::new(),
            Value::Str(s) => vec![s.clone()],
            Value::List(v) => v.clone(),
        }
    }
}

#[derive(Debug, Default)]
pub struct FrontMatter {
    /// Keys lower-cased.
    pub fields: HashMap<String, Value>,
    /// `yaml` or `toml`.
    pub syntax: &'static str,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.fields.get(key)
    }

    /// The first non-empty string among `keys`.
    pub fn first_str(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .filter_map(|k| self.get(k).and_then(Value::as_str))
            .map(str::trim)
            .find(|s| !s.is_empty())
            .map(str::to_string)
    }
}

/// Split `text` into front matter and body. Without a front-matter block: `(None, text)`.
pub fn split<'a>(text: &'a str, warnings: &mut Vec<Warning>) -> (Option<FrontMatter>, &'a str) {
    // Skip leading blank lines (Hexo writes one before the opening fence).
    let start = text.len() - text.trim_start_matches(['\n', '\r', ' ', '\t', '\u{feff}']).len();
    let start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let rest = &text[start..];
    let first = rest.lines().next().unwrap_or("").trim_end();
    let fence = match first {
        "---" => "---",
        "+++" => "+++",
        _ => return (None, text),
    };
    let after_open = &rest[rest.find('\n').map_or(rest.len(), |i| i + 1)..];
    // Find the closing fence line.
    let mut offset = 0;
    let mut close = None;
    for line in after_open.split_inclusive('\n') {
        let t = line.trim_end();
        if t == fence || (fence == "---" && t == "...") {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((block_end, body_start)) = close else {
        // `---` opening a file without a closing fence is a Markdown rule, not front matter.
        return (None, text);
    };
    let block = &after_open[..block_end];
    let body = &after_open[body_start..];
    // A `---` block that holds no `key:` line is Markdown (a rule and a setext heading), not metadata.
    if fence == "---" && !block.lines().any(looks_like_key_line) {
        return (None, text);
    }
    let sep = if fence == "---" { ':' } else { '=' };
    let fm = if too_deep(block) {
        // The YAML and TOML parsers recurse on nesting; front matter is flat, so a deep block is
        // read line by line instead of risking the stack.
        warnings
            .push(Warning::new("front_matter", "the front matter is nested too deeply; read line by line"));
        FrontMatter { fields: loose_lines(block, sep), syntax: if sep == ':' { "yaml" } else { "toml" } }
    } else if fence == "---" {
        parse_yaml(block, warnings)
    } else {
        parse_toml(block, warnings)
    };
    (Some(fm), body)
}

/// Nesting deeper than any real front matter: brackets, block-sequence dashes or indentation.
fn too_deep(block: &str) -> bool {
    const MAX: usize = 64;
    let mut depth = 0usize;
    for line in block.lines() {
        let indent = line.len() - line.trim_start().len();
        let mut rest = line.trim_start();
        let mut dashes = 0;
        while let Some(r) =
            rest.strip_prefix("- ").or_else(|| rest.strip_prefix('-').filter(|r| r.is_empty()))
        {
            dashes += 1;
            rest = r.trim_start();
        }
        if indent > 4 * MAX || dashes > MAX {
            return true;
        }
        for c in line.chars() {
            match c {
                '[' | '{' => depth += 1,
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth > MAX {
                return true;
            }
        }
    }
    false
}

fn looks_like_key_line(line: &str) -> bool {
    let Some((k, _)) = line.split_once(':') else { return false };
    let k = k.trim();
    !k.is_empty()
        && !line.starts_with([' ', '\t', '-'])
        && k.chars().all(|c| c.is_alphanumeric() || "_-. ".contains(c))
}

fn parse_toml(block: &str, warnings: &mut Vec<Warning>) -> FrontMatter {
    let mut fm = FrontMatter { syntax: "toml", ..FrontMatter::default() };
    match block.parse::<toml::Table>() {
        Ok(table) => {
            for (k, v) in table {
                let value = match v {
                    toml::Value::Array(items) => Value::List(items.iter().filter_map(toml_scalar).collect()),
                    other => match toml_scalar(&other) {
                        Some(s) => Value::Str(s),
                        None => continue,
                    },
                };
                fm.fields.insert(k.to_lowercase(), value);
            }
        }
        Err(e) => {
            warnings
                .push(Warning::new("front_matter", format!("malformed TOML front matter: {}", e.message())));
            fm.fields = loose_lines(block, '=');
        }
    }
    fm
}

fn toml_scalar(v: &toml::Value) -> Option<String> {
    match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        _ => None,
    }
}

fn parse_yaml(block: &str, warnings: &mut Vec<Warning>) -> FrontMatter {
    let mut rx = Receiver::default();
    let mut parser = Parser::new_from_str(block);
    let mut fm = FrontMatter { syntax: "yaml", ..FrontMatter::default() };
    match feed_first_document(&mut parser, &mut rx) {
        Ok(()) if rx.top_is_map || rx.fields.is_empty() => fm.fields = rx.fields,
        Ok(()) => {
            warnings.push(Warning::new("front_matter", "the YAML front matter is not a mapping of keys"));
            fm.fields = loose_lines(block, ':');
        }
        Err(e) => {
            warnings.push(Warning::new("front_matter", format!("malformed YAML front matter: {e}")));
            fm.fields = loose_lines(block, ':');
        }
    }
    fm
}

/// The events of the first YAML document, pulled one by one. `Parser::load` recurses once per
/// nesting level and overflowed the stack on a few thousand nested keys (1 MB stack, as in wasm).
fn feed_first_document(
    parser: &mut Parser<std::str::Chars<'_>>,
    rx: &mut Receiver,
) -> Result<(), yaml_rust2::ScanError> {
    loop {
        let (ev, mark) = parser.next_token()?;
        if matches!(ev, Event::DocumentEnd | Event::StreamEnd) {
            return Ok(());
        }
        rx.on_event(ev, mark);
    }
}

/// Collects the top-level mapping of the first YAML document, flat.
#[derive(Default)]
struct Receiver {
    fields: HashMap<String, Value>,
    anchors: HashMap<usize, String>,
    depth: usize,
    top_is_map: bool,
    key: Option<String>,
    list: Option<Vec<String>>,
    /// Depth at which a skipped nested container started.
    skip_from: Option<usize>,
}

impl MarkedEventReceiver for Receiver {
    fn on_event(&mut self, ev: Event, _mark: Marker) {
        match ev {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_seq = matches!(ev, Event::SequenceStart(..));
                self.depth += 1;
                if self.skip_from.is_some() {
                    return;
                }
                match self.depth {
                    1 => self.top_is_map = !is_seq,
                    2 if is_seq && self.key.is_some() => self.list = Some(Vec::new()),
                    _ => {
                        self.skip_from = Some(self.depth);
                        if self.depth == 2 {
                            self.key = None;
                        }
                    }
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if self.skip_from == Some(self.depth) {
                    self.skip_from = None;
                } else if self.depth == 2 && self.skip_from.is_none() {
                    if let (Some(k), Some(list)) = (self.key.take(), self.list.take()) {
                        self.fields.insert(k, Value::List(list));
                    }
                }
                self.depth = self.depth.saturating_sub(1);
            }
            Event::Scalar(s, _, anchor, _) => {
                if anchor > 0 {
                    self.anchors.insert(anchor, s.clone());
                }
                self.scalar(s);
            }
            Event::Alias(id) => {
                if let Some(s) = self.anchors.get(&id).cloned() {
                    self.scalar(s);
                } else if self.depth == 1 && self.skip_from.is_none() {
                    // An alias to a collection stands where a key or value would be: consume it.
                    if self.key.take().is_none() {
                        self.key = Some(String::new());
                    }
                }
            }
            _ => {}
        }
    }
}

impl Receiver {
    fn scalar(&mut self, s: String) {
        if self.skip_from.is_some() || !self.top_is_map {
            return;
        }
        match self.depth {
            1 => match self.key.take() {
                None => self.key = Some(s.to_lowercase()),
                Some(k) if !k.is_empty() => {
                    self.fields.insert(k, Value::Str(s));
                }
                Some(_) => {}
            },
            2 => {
                if let Some(list) = self.list.as_mut() {
                    list.push(s);
                }
            }
            _ => {}
        }
    }
}

/// Last resort for a block the parser refused: `key: value` lines, `- item` lines under a key.
fn loose_lines(block: &str, sep: char) -> HashMap<String, Value> {
    let mut out: HashMap<String, Value> = HashMap::new();
    let mut last_key: Option<String> = None;
    for line in block.lines() {
        let t = line.trim();
        if let Some(item) = t.strip_prefix("- ") {
            if let Some(k) = &last_key {
                let entry = out.entry(k.clone()).or_insert_with(|| Value::List(Vec::new()));
                if let Value::List(v) = entry {
                    v.push(unquote(item).to_string());
                }
            }
            continue;
        }
        if !looks_like_key_line(line) && sep == ':' {
            continue;
        }
        if let Some((k, v)) = t.split_once(sep) {
            let k = k.trim().to_lowercase();
            let v = v.trim();
            last_key = Some(k.clone());
            if v.is_empty() {
                continue;
            }
            let value = match v.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
                Some(inner) => Value::List(
                    inner
                        .split(',')
                        .map(|x| unquote(x.trim()).to_string())
                        .filter(|x| !x.is_empty())
                        .collect(),
                ),
                None => Value::Str(unquote(v).to_string()),
            };
            out.insert(k, value);
        }
    }
    out
}

fn unquote(s: &str) -> &str {
    let s = s.trim();
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|x| x.strip_suffix(q)) {
            return inner;
        }
    }
    s
}
