//! The wasm boundary, compiled only for wasm32. Plain objects cross it (no wasm class instances, which
//! hold Rust memory until JS frees them); the core's error is mapped here, once, to a JS `Error`.

use crate::{analyze, Error, Options};
use wasm_bindgen::prelude::*;

fn to_js_error(e: Error) -> JsValue {
    js_error(e.kind.as_str(), &e.to_string())
}

/// A JS `Error` with `name` set, so the page can tell the kinds apart without parsing messages.
fn js_error(name: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    err.set_name(name);
    err.into()
}

/// Load the segmentation tables (`pkg/terms.bin`, fetched by the page on its own). Until then
/// `analyzeBytes` works and returns reports without `terms`. Returns how many dictionary words
/// were loaded; throws a `parse` Error for a file that is not a table file of this version. Loading
/// again is a no-op.
#[wasm_bindgen(js_name = loadTables)]
pub fn load_tables(bytes: Vec<u8>) -> Result<usize, JsValue> {
    crate::terms::tables::load(bytes).map(|t| t.words).map_err(to_js_error)
}

/// Whether the segmentation tables are loaded (reports carry `terms`).
#[wasm_bindgen(js_name = tablesLoaded)]
pub fn tables_loaded() -> bool {
    crate::terms::tables::get().is_some()
}

/// Analyze one file's bytes; returns the report as a plain object, or throws an `Error` whose
/// `name` is the error kind and whose message names the file. Without the tables (see
/// [`load_tables`]) the report has no `terms`.
#[wasm_bindgen(js_name = analyzeBytes)]
pub fn analyze_bytes(bytes: &[u8], name: &str, max_bytes: Option<usize>) -> Result<JsValue, JsValue> {
    let mut opts = Options::default();
    if let Some(m) = max_bytes {
        opts.max_bytes = m;
    }
    let report = analyze(bytes, name, &opts).map_err(to_js_error)?;
    // json_compatible: maps become plain objects and numbers plain numbers, exactly the CLI's JSON.
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&report, &ser).map_err(|e| {
        js_error("internal", &format!("{name}: the report could not be passed to the page: {e}"))
    })
}

/// Group and count many reports (report objects as `analyzeBytes` returns them; only `file`, `meta`,
/// `events` and `topics` are read). Returns the collection as a plain object.
#[wasm_bindgen(js_name = collectReports)]
pub fn collect_reports(reports: JsValue) -> Result<JsValue, JsValue> {
    let sources: Vec<crate::collection::Source> = serde_wasm_bindgen::from_value(reports)
        .map_err(|e| js_error("parse", &format!("the reports could not be read: {e}")))?;
    let collection = crate::collection::collect_sources(&sources);
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&collection, &ser)
        .map_err(|e| js_error("internal", &format!("the collection could not be passed to the page: {e}")))
}
