//! Property tests: for any input, analysis returns a report or an error naming the file (never a
//! panic); every span in the report slices `body.join("\n")` on char boundaries with UTF-16 offsets
//! that agree; the JSON round-trips. See `harden::check_report`.
#![cfg(not(target_arch = "wasm32"))]

mod harden;

use harden::analyze_checked;
use proptest::prelude::*;
use readout::Options;

/// Fragments that reach deep into the analyzer: front matter, HTML, markdown, Chinese readout
/// vocabulary, dates, titles, quotes, traditional characters, converter artefacts, and characters
/// outside the BMP (surrogate pairs in UTF-16).
const FRAGMENTS: &[&str] = &[
    "---\n",
    "+++\n",
    "title: ",
    "date: ",
    "tags:\n - ",
    "author: ",
    "&a ",
    "*a",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    ": ",
    "\n",
    "\n\n",
    "\r\n",
    " ",
    "\u{3000}",
    "\t",
    // Invisible characters: skipped by the analysis view, kept in the body.
    "\u{200b}",
    "\u{200d}",
    "\u{202e}",
    "\u{2066}",
    "\u{feff}",
    "\u{00ad}",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<a href=\"x\">",
    "</a>",
    "<html>",
    "<head><title>",
    "</title></head>",
    "<body>",
    "&amp;",
    "&#x4e2d;",
    "&nbsp;",
    "&",
    "# ",
    "## ",
    "> ",
    "- ",
    "* ",
    "1. ",
    "**",
    "`",
    "```\n",
    "![",
    "](",
    ")",
    "|",
    "王毅",
    "习近平",
    "李强",
    "国务委员兼外长",
    "外交部长",
    "总统",
    "同",
    "与",
    "会见",
    "会谈",
    "通电话",
    "致电",
    "应约",
    "应邀",
    "在北京",
    "表示",
    "说",
    "指出",
    "强调",
    "认为",
    "：",
    "“",
    "”",
    "《",
    "》",
    "〈",
    "〉",
    "，",
    "。",
    "；",
    "、",
    "（",
    "）",
    "(",
    "年",
    "月",
    "日",
    "2021",
    "10",
    "13",
    "１０",
    "2021-10-13",
    "Wed, 13 Oct 2021 08:48:07 GMT",
    "新华社北京10月13日电",
    "智利",
    "美国",
    "中方",
    "双方",
    "一带一路",
    "签署",
    "协议",
    "合作",
    "長(zhǎng)",
    "會見",
    "國務委員",
    "發展",
    "責任編輯：",
    "原标题：",
    "扫码",
    "相关新闻",
    "😀",
    "𠀀",
    "\u{200b}",
    "\u{feff}",
    "\u{fffd}",
    "\0",
    "é",
    "e\u{301}",
];

fn fragment_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..120).prop_map(|v| v.concat())
}

/// Bytes biased towards text: valid UTF-8 fragments mixed with raw bytes and re-encodings.
fn texty_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        3 => prop::sample::select(FRAGMENTS).prop_map(|s| s.as_bytes().to_vec()),
        1 => prop::collection::vec(any::<u8>(), 0..8),
    ];
    prop::collection::vec(piece, 0..100).prop_map(|v| v.concat())
}

fn config(cases: u32) -> ProptestConfig {
    // Each case runs the whole analysis; keep the count modest for debug builds.
    // No failure-persistence files (proptest cannot locate an integration test's source here):
    // a failing case is shrunk, printed, and then belongs in tests/fixtures/regressions/.
    ProptestConfig { cases, max_shrink_iters: 2000, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = analyze_checked(&bytes, "arbitrary.bin", &Options::default());
    }

    #[test]
    fn texty_bytes_never_panic(bytes in texty_bytes()) {
        let _ = analyze_checked(&bytes, "texty.txt", &Options::default());
    }

    #[test]
    fn fragment_text_reports_are_consistent(text in fragment_text()) {
        let _ = analyze_checked(text.as_bytes(), "fragments.md", &Options::default());
    }

    #[test]
    fn fragment_text_as_utf16_and_gbk(text in fragment_text()) {
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let _ = analyze_checked(&utf16, "fragments16.txt", &Options::default());
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        let _ = analyze_checked(&gbk, "fragments-gbk.txt", &Options::default());
    }

    /// A well-formed article wrapped in arbitrary noise: the article's paragraph keeps being read.
    #[test]
    fn article_inside_noise(before in fragment_text(), after in fragment_text()) {
        let text = format!("{before}\n\n国务委员兼外长王毅13日在北京会见来访的某国外长。\n\n{after}");
        let _ = analyze_checked(text.as_bytes(), "noisy.md", &Options::default());
    }
}

/// The seeds with bytes flipped, cut, or duplicated: realistic files, damaged.
#[test]
fn mutated_seeds_never_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds");
    let mut seeds: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    seeds.sort();
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut rnd = move |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n.max(1) as u64) as usize
    };
    for path in &seeds {
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for round in 0..24 {
            let mut b = bytes.clone();
            match round % 4 {
                0 => {
                    for _ in 0..8 {
                        let i = rnd(b.len());
                        b[i] = rnd(256) as u8;
                    }
                }
                1 => b.truncate(rnd(b.len())),
                2 => {
                    let (s, l) = (rnd(b.len()), rnd(400));
                    let chunk = b[s..(s + l).min(b.len())].to_vec();
                    let at = rnd(b.len());
                    b.splice(at..at, chunk.iter().cloned().cycle().take(chunk.len() * 20));
                }
                _ => {
                    let (s, l) = (rnd(b.len()), rnd(2000));
                    b.drain(s..(s + l).min(b.len()));
                }
            }
            let _ = analyze_checked(&b, &format!("{name}#{round}"), &Options::default());
        }
    }
}

/// The simplified view must keep one character per character over the whole of Unicode, or every
/// offset mapped back from it would be wrong. Characters whose UTF-8 width changes are allowed
/// (offset mapping handles them) but counted.
#[test]
fn simplified_view_is_char_for_char_over_all_unicode() {
    let all: String = (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|&c| c != '\n').collect();
    let simplified = readout::script::to_simplified(&all);
    assert_eq!(
        all.chars().count(),
        simplified.chars().count(),
        "the simplified view gained or lost characters"
    );
    let widths = all.chars().zip(simplified.chars()).filter(|(a, b)| a.len_utf8() != b.len_utf8()).count();
    eprintln!("characters whose UTF-8 width changes when simplified: {widths}");
}

/// Document offsets: spans and the simplified→original mapping agree with a naive count, on text
/// mixing 1- to 4-byte characters (and characters whose width changes when simplified) and invisible
/// characters, which the simplified view skips: a range of the view maps to the original from its
/// first visible character to the end of its last one.
#[test]
fn document_offsets_agree_with_naive_counts() {
    let mut runner = proptest::test_runner::TestRunner::new(config(64));
    let paragraphs = prop::collection::vec(fragment_text(), 1..6)
        .prop_map(|v| v.into_iter().map(|p| p.replace(['\n', '\r'], "")).collect::<Vec<_>>());
    runner
        .run(&(paragraphs, any::<u64>()), |(paragraphs, seed)| {
            let doc = readout::Document::new(
                "p.txt",
                readout::document::Format::Text,
                "UTF-8",
                Default::default(),
                paragraphs,
            );
            let chars: Vec<(usize, char)> = doc.text.char_indices().collect();
            let visible: Vec<(usize, char)> =
                chars.iter().copied().filter(|&(_, c)| !readout::script::is_invisible(c)).collect();
            let schars: Vec<(usize, char)> = doc.simplified.char_indices().collect();
            prop_assert_eq!(visible.len(), schars.len());
            let byte = |v: &[(usize, char)], i: usize, total: usize| v.get(i).map_or(total, |x| x.0);
            let mut x = seed | 1;
            for _ in 0..50 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                // Spans of the text, any characters.
                let n = chars.len();
                let a = (x % (n as u64 + 1)) as usize;
                let b = a + ((x >> 32) % (n - a + 1) as u64) as usize;
                let (ta, tb) = (byte(&chars, a, doc.text.len()), byte(&chars, b, doc.text.len()));
                let span = doc.span(ta..tb);
                prop_assert_eq!(span.start16, doc.text[..ta].encode_utf16().count());
                prop_assert_eq!(span.end16, doc.text[..tb].encode_utf16().count());
                // Ranges of the view, visible characters.
                let n = visible.len();
                let a = ((x >> 8) % (n as u64 + 1)) as usize;
                let b = a + ((x >> 40) % (n - a + 1) as u64) as usize;
                let start = byte(&visible, a, doc.text.len());
                let end = if b > a { visible[b - 1].0 + visible[b - 1].1.len_utf8() } else { start };
                let (sa, sb) =
                    (byte(&schars, a, doc.simplified.len()), byte(&schars, b, doc.simplified.len()));
                prop_assert_eq!(doc.to_original(sa..sb), start..end, "chars {}..{}", a, b);
            }
            Ok(())
        })
        .unwrap();
}
