//! wasm-bindgen tests: run in headless Chromium by `./build.sh test`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Reflect, JSON};
use readout::wasm::analyze_bytes;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &[u8] = include_bytes!("fixtures/seeds/000_17957999e5caf0d5.txt");
const SEED_NAME: &str = "000_17957999e5caf0d5.txt";
/// The segmentation tables, as the page fetches them (`pkg/terms.bin`).
const TABLES: &[u8] = include_bytes!("../data/jieba_news.bin");

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("property readable")
}

#[wasm_bindgen_test]
fn analyze_reads_plain_text_in_wasm() {
    let report =
        readout::analyze("王毅同智利外长阿拉芒通电话\n正文。".as_bytes(), "a.txt", &Default::default())
            .expect("plain text analyzes");
    // The first line of a plain file is its title; the body follows it.
    assert_eq!(report.body.last().map(String::as_str), Some("正文。"));
}

/// Numbers compared by value: JSON from JS writes 1.0 as 1, serde_json keeps the two apart.
fn numbers_as_f64(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Number(n) => serde_json::json!(n.as_f64()),
        Value::Array(a) => Value::Array(a.into_iter().map(numbers_as_f64).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, numbers_as_f64(v))).collect()),
        other => other,
    }
}

/// The binding hands the page a plain object that is, field for field, the report the CLI prints.
#[wasm_bindgen_test]
fn a_seed_crosses_the_boundary_as_the_cli_json() {
    let value = analyze_bytes(SEED, SEED_NAME, None).expect("the seed analyzes");
    assert!(value.is_object());
    // A plain object (not a wasm class instance that would hold Rust memory).
    let plain = js_sys::Object::get_prototype_of(&js_sys::Object::new());
    assert!(js_sys::Object::is(&js_sys::Object::get_prototype_of(&value), &plain));
    let from_js: serde_json::Value =
        serde_json::from_str(&String::from(JSON::stringify(&value).unwrap())).expect("valid JSON");
    let native = readout::analyze(SEED, SEED_NAME, &Default::default()).unwrap();
    assert_eq!(numbers_as_f64(from_js), numbers_as_f64(serde_json::to_value(&native).unwrap()));
    assert_eq!(get(&value, "file").as_string().as_deref(), Some(SEED_NAME));
}

/// Every span's start16/end16 index the JS string `body.join("\n")`: the page slices with them.
#[wasm_bindgen_test]
fn utf16_spans_slice_the_js_text() {
    readout::wasm::load_tables(TABLES.to_vec()).expect("the tables load");
    let value = analyze_bytes(SEED, SEED_NAME, None).unwrap();
    let body: Array = get(&value, "body").dyn_into().unwrap();
    let text: JsString = body.join("\n");
    let entities: Array = get(&get(&value, "terms"), "entities").dyn_into().unwrap();
    for e in entities.iter() {
        let span = get(&e, "span");
        let (s, t) = (get(&span, "start16").as_f64().unwrap(), get(&span, "end16").as_f64().unwrap());
        assert_eq!(text.slice(s as u32, t as u32), JsString::from(get(&e, "text")), "entity span");
    }
    for st in Array::from(&get(&value, "statements")).iter() {
        let span = get(&st, "span");
        let (s, t) = (get(&span, "start16").as_f64().unwrap(), get(&span, "end16").as_f64().unwrap());
        assert_eq!(text.slice(s as u32, t as u32), JsString::from(get(&st, "text")), "statement span");
    }
}

/// A bad file throws one JS `Error` whose name is the error kind and whose message names the file.
#[wasm_bindgen_test]
fn a_bad_file_throws_a_js_error_with_its_kind() {
    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect();
    let err = analyze_bytes(&binary, "photo.jpg", None).expect_err("binary bytes are refused");
    let err: js_sys::Error = err.dyn_into().expect("a JS Error, not a string");
    assert_eq!(String::from(err.name()), "binary");
    assert!(String::from(err.message()).contains("photo.jpg"), "{}", String::from(err.message()));

    let err: js_sys::Error = analyze_bytes(SEED, SEED_NAME, Some(100)).unwrap_err().dyn_into().unwrap();
    assert_eq!(String::from(err.name()), "too_large");
    assert!(String::from(err.message()).contains(SEED_NAME));

    let err: js_sys::Error = analyze_bytes(b"", "empty.txt", None).unwrap_err().dyn_into().unwrap();
    assert_eq!(String::from(err.name()), "empty");
}
