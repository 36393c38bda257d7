//! The segmentation tables: jieba's dictionary and IDF table, pruned to what news text needs
//! (`tools/tables/`, source and rules in `data/jieba_news.md`), in one binary file that loads without
//! parsing text.
//!
//! The page fetches the file on its own (`www/pkg/terms.bin`), so the code compiles and ingest,
//! metadata and contacts work while it downloads; until [`load`] has run, [`get`] is `None` and the
//! report has no `terms`. The native build embeds the file and loads it on first use.
//!
//! Layout (little endian), columns grouped by type so that HTTP compression finds their patterns:
//!
//! ```text
//! "RDTB" u32 version | u32 words | u32 palette | u32 suffix bytes | u32 freq bytes
//! u64 pruned frequency mass | f64 median IDF
//! palette × f64        the distinct IDF values, ascending
//! words × u8           bytes each word shares with the one before (front coding)
//! words × u8           byte length of the rest of each word
//! words × u8           word class (see `Class`)
//! words × u16          IDF: 0 = none, else palette index + 1
//! freq bytes           each word's dictionary frequency, LEB128
//! suffix bytes         the rest of each word, UTF-8, concatenated (words sorted by bytes)
//! ```
//!
//! jieba-rs builds its trie from words added one by one (it has no serialised form), so that part
//! is built at load, with the words decoded once; the word classes and IDF values are read in
//! place, by binary search.

use crate::error::{Error, ErrorKind, Result};
use jieba_rs::Jieba;
use std::sync::OnceLock;

const MAGIC: &[u8; 4] = b"RDTB";
pub const VERSION: u32 = 1;
const HEADER: usize = 40;

/// A word that carries the pruned words' frequency mass, so that the dictionary's total (and with it
/// every word's log-probability, hence the segmentation) is that of the full dictionary. A private-use
/// character: jieba never puts one in a block it segments with the dictionary.
pub const MASS_WORD: &str = "\u{E000}";

/// What the keyword filter needs of a word's part of speech (jieba's ICTCLAS tag).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Class {
    /// Verbs, adjectives, function words…: never a keyword.
    Other = 0,
    /// Noun-like tags (`n`, `nr`, `ns`, `nt`, `nz`, `vn`, `an`, `j`, …).
    Noun = 1,
    /// Tagged `x` (unknown) in the dictionary itself: treated as a word the dictionary lacks.
    Unknown = 2,
}

impl Class {
    /// The class of a jieba tag: the one place the keyword filter's tag list lives.
    pub fn of_tag(tag: &str) -> Class {
        match tag {
            "x" => Class::Unknown,
            "n" | "nr" | "nrfg" | "nrt" | "ns" | "nt" | "nz" | "vn" | "an" | "j" | "eng" => Class::Noun,
            _ => Class::Other,
        }
    }

    fn from_byte(b: u8) -> Option<Class> {
        match b {
            0 => Some(Class::Other),
            1 => Some(Class::Noun),
            2 => Some(Class::Unknown),
            _ => None,
        }
    }
}

/// One word of the table as the build tool writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub word: String,
    pub freq: u64,
    pub class: Class,
    pub idf: Option<f64>,
}

/// Write the table file for `entries` (any order; sorted here). Used by `tools/tables/`.
pub fn encode(entries: &[Entry], pruned_mass: u64, median_idf: f64) -> Vec<u8> {
    let mut entries: Vec<&Entry> = entries.iter().collect();
    entries.sort_by(|a, b| a.word.as_bytes().cmp(b.word.as_bytes()));
    entries.dedup_by(|a, b| a.word == b.word);
    let mut palette: Vec<f64> = entries.iter().filter_map(|e| e.idf).collect();
    palette.sort_by(f64::total_cmp);
    palette.dedup();
    let mut freqs = Vec::new();
    for e in &entries {
        let mut f = e.freq;
        loop {
            let byte = (f & 0x7f) as u8;
            f >>= 7;
            if f == 0 {
                freqs.push(byte);
                break;
            }
            freqs.push(byte | 0x80);
        }
    }
    // Front coding: sorted words share long prefixes (中华人民, 中华人民共和国), which also leaves
    // HTTP compression less to do.
    let mut shared = Vec::with_capacity(entries.len());
    let mut rest_len = Vec::with_capacity(entries.len());
    let mut rest = Vec::new();
    let mut prev: &[u8] = &[];
    for e in &entries {
        let w = e.word.as_bytes();
        let k = w.iter().zip(prev).take(255).take_while(|(a, b)| a == b).count();
        assert!(w.len() - k <= 255, "a word longer than 255 bytes: {}", e.word);
        shared.push(k as u8);
        rest_len.push((w.len() - k) as u8);
        rest.extend_from_slice(&w[k..]);
        prev = w;
    }
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    for v in [VERSION, entries.len() as u32, palette.len() as u32, rest.len() as u32, freqs.len() as u32] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&pruned_mass.to_le_bytes());
    out.extend_from_slice(&median_idf.to_le_bytes());
    for v in &palette {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&shared);
    out.extend_from_slice(&rest_len);
    out.extend(entries.iter().map(|e| e.class as u8));
    for e in &entries {
        let i = e.idf.map_or(0, |v| palette.partition_point(|p| p.total_cmp(&v).is_lt()) as u16 + 1);
        out.extend_from_slice(&i.to_le_bytes());
    }
    out.extend_from_slice(&freqs);
    out.extend_from_slice(&rest);
    out
}

/// The loaded tables: the segmenter and the word table it was built from.
pub struct Tables {
    jieba: Jieba,
    data: Box<[u8]>,
    /// The words, decoded from the front coding, concatenated.
    text: String,
    /// Byte offset of each word in `text`, and one past the last.
    offsets: Vec<u32>,
    /// Open addressing over the words: word index + 1 in the slot its hash picks (0 = empty). A
    /// binary search over 240,000 words missed the cache at every step; one probe mostly does not.
    slots: Vec<u32>,
    classes: usize,
    idfs: usize,
    palette: usize,
    median_idf: f64,
    /// How many words the file holds (for the report of a load).
    pub words: usize,
}

impl std::fmt::Debug for Tables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tables").field("words", &self.words).field("bytes", &self.data.len()).finish()
    }
}

fn bad(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Parse, format!("the segmentation tables could not be read: {}", message.into()))
}

fn u32_at(d: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(d[at..at + 4].try_into().unwrap())
}

fn f64_at(d: &[u8], at: usize) -> f64 {
    f64::from_le_bytes(d[at..at + 8].try_into().unwrap())
}

impl Tables {
    /// Read a table file and build the segmenter (jieba's dictionary, then the domain words).
    pub fn from_bytes(data: impl Into<Box<[u8]>>) -> Result<Tables> {
        let data: Box<[u8]> = data.into();
        if data.len() < HEADER || &data[..4] != MAGIC {
            return Err(bad("not a Readout table file"));
        }
        let version = u32_at(&data, 4);
        if version != VERSION {
            return Err(bad(format!("version {version}, this build reads version {VERSION}")));
        }
        let n = u32_at(&data, 8) as usize;
        let p = u32_at(&data, 12) as usize;
        let rest_bytes = u32_at(&data, 16) as usize;
        let freq_bytes = u32_at(&data, 20) as usize;
        let mass = u64::from_le_bytes(data[24..32].try_into().unwrap());
        let median_idf = f64_at(&data, 32);
        let palette = HEADER;
        let shared = palette + p * 8;
        let rest_len = shared + n;
        let classes = rest_len + n;
        let idfs = classes + n;
        let freqs = idfs + 2 * n;
        let rest = freqs + freq_bytes;
        if rest.checked_add(rest_bytes) != Some(data.len()) {
            return Err(bad(format!(
                "{} bytes where the header describes {}",
                data.len(),
                rest + rest_bytes
            )));
        }
        if let Some(b) = data[classes..idfs].iter().find(|&&b| Class::from_byte(b).is_none()) {
            return Err(bad(format!("unknown word class {b}")));
        }
        if (0..n).any(|i| u16::from_le_bytes([data[idfs + 2 * i], data[idfs + 2 * i + 1]]) as usize > p) {
            return Err(bad("an IDF index is out of range"));
        }

        // Undo the front coding: each word is a prefix of the one before plus its own rest.
        let mut words: Vec<u8> = Vec::with_capacity(rest_bytes * 2);
        let mut offsets = Vec::with_capacity(n + 1);
        let mut at = rest;
        let mut prev = 0..0;
        for i in 0..n {
            let (k, len) = (data[shared + i] as usize, data[rest_len + i] as usize);
            if k > prev.len() || at + len > data.len() || k + len == 0 {
                return Err(bad(format!("word {i} is out of bounds")));
            }
            let start = words.len();
            words.extend_from_within(prev.start..prev.start + k);
            words.extend_from_slice(&data[at..at + len]);
            at += len;
            if i > 0 && words[prev.clone()] >= words[start..] {
                return Err(bad(format!("the words are not sorted at word {i}")));
            }
            offsets.push(start as u32);
            prev = start..words.len();
        }
        offsets.push(words.len() as u32);
        if at != data.len() {
            return Err(bad("the word lengths do not add up to the words"));
        }
        let text = String::from_utf8(words).map_err(|e| bad(format!("words: {e}")))?;

        let mut jieba = Jieba::empty();
        let mut freq_at = freqs;
        for i in 0..n {
            let (s, e) = (offsets[i] as usize, offsets[i + 1] as usize);
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                return Err(bad(format!("word {i} is not whole characters")));
            }
            let mut freq: u64 = 0;
            let mut shift = 0;
            loop {
                let Some(&b) = data.get(freq_at).filter(|_| freq_at < rest && shift < 64) else {
                    return Err(bad("the frequencies are cut short"));
                };
                freq_at += 1;
                freq |= u64::from(b & 0x7f) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
            }
            jieba.add_word(&text[s..e], Some(freq as usize), Some(""));
        }
        if freq_at != rest {
            return Err(bad("the frequencies and the words disagree"));
        }
        if mass > 0 {
            jieba.add_word(MASS_WORD, Some(mass as usize), Some(""));
        }
        super::segment::add_domain_words(&mut jieba);
        let mut slots = vec![0u32; (n * 2).next_power_of_two().max(2)];
        let mask = slots.len() - 1;
        for i in 0..n {
            let mut at = hash(&text.as_bytes()[offsets[i] as usize..offsets[i + 1] as usize]) & mask;
            while slots[at] != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = i as u32 + 1;
        }
        Ok(Tables { jieba, data, text, offsets, slots, classes, idfs, palette, median_idf, words: n })
    }

    pub fn jieba(&self) -> &Jieba {
        &self.jieba
    }

    /// The IDF given to a word the table has no value for (the median of jieba's whole IDF table).
    pub fn median_idf(&self) -> f64 {
        self.median_idf
    }

    fn word(&self, i: usize) -> &[u8] {
        &self.text.as_bytes()[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// The class and IDF of a word of the dictionary, or `None` for a word it does not hold.
    pub fn lookup(&self, word: &str) -> Option<(Class, Option<f64>)> {
        let mask = self.slots.len() - 1;
        let mut at = hash(word.as_bytes()) & mask;
        loop {
            let i = (*self.slots.get(at)?).checked_sub(1)? as usize;
            if self.word(i) == word.as_bytes() {
                let class = Class::from_byte(self.data[self.classes + i]).unwrap_or(Class::Other);
                let k = self.idfs + 2 * i;
                let idf = match u16::from_le_bytes([self.data[k], self.data[k + 1]]) {
                    0 => None,
                    v => Some(f64_at(&self.data, self.palette + 8 * (v as usize - 1))),
                };
                return Some((class, idf));
            }
            at = (at + 1) & mask;
        }
    }
}

/// FNV-1a: short keys, no state, the same on every platform.
fn hash(bytes: &[u8]) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h ^ (h >> 32)) as usize
}

static TABLES: OnceLock<Tables> = OnceLock::new();

/// The table file built into the native binary (the page fetches it instead).
#[cfg(not(target_arch = "wasm32"))]
pub static EMBEDDED: &[u8] = include_bytes!("../../data/jieba_news.bin");

/// Load the tables for this process. Loading again is a no-op that reports success: the tables
/// never change while the program runs.
pub fn load(bytes: impl Into<Box<[u8]>>) -> Result<&'static Tables> {
    if let Some(t) = TABLES.get() {
        return Ok(t);
    }
    let tables = Tables::from_bytes(bytes)?;
    Ok(TABLES.get_or_init(|| tables))
}

/// Start loading the embedded tables on another thread (native only), so that a program that is about
/// to read and ingest its first file does not wait for the dictionary afterwards. [`get`] waits for it.
#[cfg(not(target_arch = "wasm32"))]
pub fn preload() {
    std::thread::spawn(|| {
        get();
    });
}

/// The loaded tables: natively, the embedded file, loaded on first use; in wasm, `None` until the
/// page has called [`load`].
pub fn get() -> Option<&'static Tables> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        Some(TABLES.get_or_init(|| Tables::from_bytes(EMBEDDED).expect("the embedded tables are valid")))
    }
    #[cfg(target_arch = "wasm32")]
    {
        TABLES.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(word: &str, freq: u64, class: Class, idf: Option<f64>) -> Entry {
        Entry { word: word.to_string(), freq, class, idf }
    }

    #[test]
    fn a_table_round_trips_and_segments() {
        let entries = vec![
            entry("阿富汗", 300, Class::Noun, Some(9.5)),
            entry("局势", 2000, Class::Noun, Some(7.25)),
            entry("问题", 90000, Class::Noun, Some(3.5)),
            entry("持续", 5000, Class::Other, None),
            entry("动荡", 700, Class::Other, Some(9.5)),
        ];
        let bytes = encode(&entries, 1_000_000, 11.0);
        let t = Tables::from_bytes(bytes.clone()).unwrap();
        assert_eq!(t.words, 5);
        assert_eq!(t.lookup("阿富汗"), Some((Class::Noun, Some(9.5))));
        assert_eq!(t.lookup("持续"), Some((Class::Other, None)));
        assert_eq!(t.lookup("动荡"), Some((Class::Other, Some(9.5))));
        assert_eq!(t.lookup("和平"), None);
        assert_eq!(t.median_idf(), 11.0);
        let words: Vec<&str> = t.jieba().cut("阿富汗局势持续动荡", false).iter().map(|t| t.word).collect();
        assert_eq!(words, ["阿富汗", "局势", "持续", "动荡"]);
        // Encoding is deterministic whatever the input order.
        let mut reversed = entries.clone();
        reversed.reverse();
        assert_eq!(encode(&reversed, 1_000_000, 11.0), bytes);
    }

    #[test]
    fn broken_files_are_refused_with_a_reason() {
        let good = encode(&[entry("局势", 2000, Class::Noun, Some(7.25))], 0, 11.0);
        let msg = |b: Vec<u8>| Tables::from_bytes(b).unwrap_err().to_string();
        assert!(msg(b"not a table".to_vec()).contains("not a Readout table file"));
        assert!(msg(good[..good.len() - 1].to_vec()).contains("bytes where the header"));
        let mut v2 = good.clone();
        v2[4] = 2;
        assert!(msg(v2).contains("version 2"));
        let mut bad_class = good.clone();
        bad_class[HEADER + 8 + 2] = 7; // after one palette value, one shared and one length byte
        assert!(msg(bad_class).contains("word class"));
        let unsorted = {
            let mut b =
                encode(&[entry("局势", 1, Class::Noun, None), entry("问题", 1, Class::Noun, None)], 0, 11.0);
            let n = b.len();
            b[n - 12..].rotate_left(6); // swap the two words (6 bytes each, nothing shared)
            b
        };
        assert!(msg(unsorted).contains("not sorted"));
    }

    #[test]
    fn the_embedded_tables_load() {
        let t = get().expect("native builds embed the tables");
        assert!(t.words > 50_000, "{}", t.words);
        assert!(t.lookup("阿富汗").is_some_and(|(c, idf)| c == Class::Noun && idf.is_some()));
        assert!(t.lookup("推进").is_some_and(|(c, _)| c == Class::Other));
    }
}
