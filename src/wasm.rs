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

fn options(max_bytes: Option<usize>) -> Options {
    let mut opts = Options::default();
    if let Some(m) = max_bytes {
        opts.max_bytes = m;
    }
    opts
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
    let report = analyze(bytes, name, &options(max_bytes)).map_err(to_js_error)?;
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

/// Analyze one file's bytes and return the report as JSON text (serde_json, the CLI's exact JSON).
/// Cheaper than building a JS object field by field across the boundary, and the page keeps the text
/// as the file's export line without serializing it again.
#[wasm_bindgen(js_name = analyzeJson)]
pub fn analyze_json(bytes: &[u8], name: &str, max_bytes: Option<usize>) -> Result<String, JsValue> {
    let report = analyze(bytes, name, &options(max_bytes)).map_err(to_js_error)?;
    serde_json::to_string(&report)
        .map_err(|e| js_error("internal", &format!("{name}: the report could not be written as JSON: {e}")))
}

/// The collection worker's state: reports join one at a time (each joins its group on `add`, see
/// the core's `collection::Collector`), and a snapshot only reads; stale requests are dropped on the
/// JS side.
#[wasm_bindgen]
#[derive(Default)]
pub struct Collector {
    inner: crate::collection::Collector,
}

#[wasm_bindgen]
impl Collector {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Collector {
        Collector::default()
    }

    /// One report (JSON of a report or of its `file`/`meta`/`events`/`topics`) joins the collection.
    pub fn add(&mut self, report_json: &str) -> Result<(), JsValue> {
        let source: crate::collection::Source = serde_json::from_str(report_json)
            .map_err(|e| js_error("parse", &format!("a report could not be read: {e}")))?;
        self.inner.add(source);
        Ok(())
    }

    /// Forget every report (a new session).
    pub fn clear(&mut self) {
        self.inner = crate::collection::Collector::new();
    }

    /// Number of reports kept.
    pub fn len(&self) -> usize {
        self.inner.len()
    }

    pub fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }

    /// The collection of every report added so far, as JSON (the shape of `--collection`).
    pub fn snapshot(&self) -> Result<String, JsValue> {
        serde_json::to_string(&self.inner.collection())
            .map_err(|e| js_error("internal", &format!("the collection could not be written as JSON: {e}")))
    }
}

/// The two sides' accounts of each contact among `reports_json` (a JSON array of reports as
/// `analyzeJson` writes them), compared (`crate::compare`). Returns JSON: `{ comparisons, markdown,
/// csv, chars_per_word }`, the comparisons as `readout compare` prints them, each one's Markdown table
/// (same order), the CSV of all and the characters-per-word rate the normalised length uses: the page's
/// view, its copy and its exports come from one call. The page passes one group's reports: `group`, its
/// number in the page's whole collection, replaces the number the comparison gets among those reports
/// alone, so the exports number it as the page's CSV and the CLI do.
#[wasm_bindgen(js_name = compareReports)]
pub fn compare_reports(reports_json: &str, group: Option<usize>) -> Result<String, JsValue> {
    let inputs: Vec<crate::compare::Input> = serde_json::from_str(reports_json)
        .map_err(|e| js_error("parse", &format!("the reports to compare could not be read: {e}")))?;
    let mut comparisons = crate::compare::compare(&inputs);
    if let Some(g) = group {
        comparisons.iter_mut().for_each(|c| c.group = g);
    }
    let markdown: Vec<String> = comparisons.iter().map(crate::compare::to_markdown).collect();
    let csv = crate::compare::to_csv(&comparisons);
    serde_json::to_string(&serde_json::json!({
        "comparisons": comparisons,
        "markdown": markdown,
        "csv": csv,
        "chars_per_word": crate::compare::CHARS_PER_WORD,
    }))
    .map_err(|e| js_error("internal", &format!("the comparison could not be written as JSON: {e}")))
}

/// The CSV's columns (`[id, header]`) and the words for coded values (`kind`, `status`,
/// `requested_by`, yes/no) in `lang` (`en` or `zh`), as JSON, from `src/export.rs`: the page writes
/// its CSV rows (in its order, filtered, with failed files) with the same table as the CLI's `--csv`.
#[wasm_bindgen(js_name = csvWords)]
pub fn csv_words(lang: &str) -> String {
    use crate::export::{label, Lang, COLUMNS};
    use crate::schema::{Kind, RequestedBy, Status};
    let lang = if lang == "zh" { Lang::Zh } else { Lang::En };
    let columns: Vec<[&str; 2]> = COLUMNS.iter().map(|c| [c.id, c.header(lang)]).collect();
    // Every coded value the CSV writes: the schema's closed sets and yes/no.
    let codes = Kind::ALL
        .iter()
        .map(|k| k.as_str())
        .chain(Status::ALL.iter().map(|s| s.as_str()))
        .chain(RequestedBy::ALL.iter().map(|r| r.as_str()))
        .chain(["true", "false"]);
    let labels: std::collections::BTreeMap<&str, &str> = codes.map(|c| (c, label(c, lang))).collect();
    serde_json::json!({ "columns": columns, "labels": labels }).to_string()
}

/// `text` in simplified script, one UTF-16 unit for one (the core's view, `script::to_simplified`,
/// only swaps BMP characters for BMP characters), so the page's find can match either script and
/// still show each occurrence where it stands in the text as written.
#[wasm_bindgen(js_name = toSimplified)]
pub fn to_simplified(text: &str) -> String {
    crate::script::to_simplified(text)
}

/// A memory budget for the analysis: the page sets it (`?memoryMb=`), and any allocation that would
/// take the live heap over it fails as if memory had run out. Either way the failed request's size is
/// kept, so the worker can tell an out-of-memory trap (`RuntimeError: unreachable` in JS) from a panic.
mod budget {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);
    static LIVE: AtomicUsize = AtomicUsize::new(0);
    static FAILED: AtomicUsize = AtomicUsize::new(0);

    pub struct Budgeted;

    fn allowed(extra: usize, size: usize) -> bool {
        if LIVE.load(Relaxed).saturating_add(extra) > LIMIT.load(Relaxed) {
            FAILED.store(size.max(1), Relaxed);
            return false;
        }
        true
    }

    fn note(p: *mut u8, size: usize) -> *mut u8 {
        if p.is_null() {
            FAILED.store(size.max(1), Relaxed);
        }
        p
    }

    /// A new allocation of `l`, if the budget allows it, counted when it succeeds.
    fn counted(l: Layout, alloc: impl FnOnce() -> *mut u8) -> *mut u8 {
        if !allowed(l.size(), l.size()) {
            return std::ptr::null_mut();
        }
        let p = note(alloc(), l.size());
        if !p.is_null() {
            LIVE.fetch_add(l.size(), Relaxed);
        }
        p
    }

    // SAFETY: every call is forwarded to the system allocator with the caller's layout; only counters
    // are added around it.
    unsafe impl GlobalAlloc for Budgeted {
        unsafe fn alloc(&self, l: Layout) -> *mut u8 {
            counted(l, || unsafe { System.alloc(l) })
        }

        unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
            counted(l, || unsafe { System.alloc_zeroed(l) })
        }

        unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
            System.dealloc(p, l);
            LIVE.fetch_sub(l.size(), Relaxed);
        }

        unsafe fn realloc(&self, p: *mut u8, l: Layout, new_size: usize) -> *mut u8 {
            if new_size > l.size() && !allowed(new_size - l.size(), new_size) {
                return std::ptr::null_mut();
            }
            let q = note(System.realloc(p, l, new_size), new_size);
            if !q.is_null() {
                LIVE.fetch_sub(l.size(), Relaxed);
                LIVE.fetch_add(new_size, Relaxed);
            }
            q
        }
    }

    pub fn set_limit(bytes: usize) {
        LIMIT.store(if bytes == 0 { usize::MAX } else { bytes }, Relaxed);
    }

    pub fn failed() -> usize {
        FAILED.load(Relaxed)
    }

    pub fn live() -> usize {
        LIVE.load(Relaxed)
    }
}

#[global_allocator]
static ALLOC: budget::Budgeted = budget::Budgeted;

/// Cap the live heap at `bytes` (0: no cap).
#[wasm_bindgen(js_name = setMemoryLimit)]
pub fn set_memory_limit(bytes: usize) {
    budget::set_limit(bytes);
}

/// The size of the last allocation that failed (0 if none did): after a trap, non-zero means the
/// analysis ran out of memory.
#[wasm_bindgen(js_name = allocationFailed)]
pub fn allocation_failed() -> usize {
    budget::failed()
}

/// Bytes currently allocated on the heap (for the page's memory figures).
#[wasm_bindgen(js_name = heapBytes)]
pub fn heap_bytes() -> usize {
    budget::live()
}
