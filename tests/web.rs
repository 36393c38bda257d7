//! wasm-bindgen tests: run in headless Chromium by `./build.sh test`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn analyze_reads_plain_text_in_wasm() {
    let report =
        readout::analyze("王毅同智利外长阿拉芒通电话\n正文。".as_bytes(), "a.txt", &Default::default())
            .expect("plain text analyzes");
    assert_eq!(report.body.len(), 2);
}
