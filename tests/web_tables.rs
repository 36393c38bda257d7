//! The segmentation tables arrive after the module (the page fetches them apart): before, reports
//! have everything but `terms`; a file that is not a table file is refused; after, terms follow.
//! One test, because the tables are loaded once per instance.
#![cfg(target_arch = "wasm32")]

use js_sys::Reflect;
use readout::wasm::{analyze_bytes, load_tables, tables_loaded};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &[u8] = include_bytes!("fixtures/seeds/000_17957999e5caf0d5.txt");

fn has(v: &JsValue, key: &str) -> bool {
    Reflect::has(v, &JsValue::from_str(key)).unwrap()
}

#[wasm_bindgen_test]
fn terms_follow_the_tables() {
    assert!(!tables_loaded());
    let before = analyze_bytes(SEED, "seed.txt", None).expect("analyzes without the tables");
    assert!(!has(&before, "terms"), "no terms without the tables");
    assert!(has(&before, "events") && has(&before, "meta") && has(&before, "body"));

    let err: js_sys::Error =
        load_tables(b"<!doctype html>not found".to_vec()).unwrap_err().dyn_into().unwrap();
    assert_eq!(String::from(err.name()), "parse");
    assert!(String::from(err.message()).contains("segmentation tables"), "{}", String::from(err.message()));
    assert!(!tables_loaded());

    let words = load_tables(include_bytes!("../data/jieba_news.bin").to_vec()).expect("the tables load");
    assert!(words > 100_000, "{words}");
    assert!(tables_loaded());
    let after = analyze_bytes(SEED, "seed.txt", None).unwrap();
    let terms = Reflect::get(&after, &JsValue::from_str("terms")).unwrap();
    let keywords = js_sys::Array::from(&Reflect::get(&terms, &JsValue::from_str("keywords")).unwrap());
    assert!(keywords.length() > 0);
    // The rest of the report does not change when the terms arrive.
    let events =
        |v: &JsValue| js_sys::JSON::stringify(&Reflect::get(v, &JsValue::from_str("events")).unwrap());
    assert_eq!(events(&before).unwrap(), events(&after).unwrap());
}
