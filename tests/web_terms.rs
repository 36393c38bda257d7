//! Entity and summary spans in the browser: the UTF-16 offsets slice `text` as a JavaScript string.
#![cfg(target_arch = "wasm32")]

use js_sys::JsString;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEEDS: [(&str, &[u8]); 5] = [
    ("000", include_bytes!("fixtures/seeds/000_17957999e5caf0d5.txt")),
    ("001", include_bytes!("fixtures/seeds/001_740b901baec55788.txt")),
    ("002", include_bytes!("fixtures/seeds/002_b92dd8eb99d0e8bd.txt")),
    ("003", include_bytes!("fixtures/seeds/003_8a2d2585a03c0fd9.txt")),
    ("004", include_bytes!("fixtures/seeds/004_3b8ebc5eb80ec1e5.txt")),
];

#[wasm_bindgen_test]
fn utf16_spans_slice_the_js_string() {
    readout::terms::tables::load(include_bytes!("../data/jieba_news.bin").to_vec()).expect("the tables load");
    for (name, bytes) in SEEDS {
        let report = readout::analyze(bytes, name, &Default::default()).expect("seed analyzes");
        let text = JsString::from(report.body.join("\n"));
        assert!(!report.terms.as_ref().unwrap().entities.is_empty(), "{name}: no entities");
        for e in &report.terms.as_ref().unwrap().entities {
            let sliced = String::from(text.substring(e.span.start16 as u32, e.span.end16 as u32));
            assert_eq!(sliced, e.text, "{name}: {:?}", e.span);
        }
        for (s, span) in
            report.terms.as_ref().unwrap().summary.iter().zip(&report.terms.as_ref().unwrap().summary_spans)
        {
            let sliced = String::from(text.substring(span.start16 as u32, span.end16 as u32));
            assert_eq!(&sliced, s, "{name}: {span:?}");
        }
    }
}
