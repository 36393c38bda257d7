//! Over every article the project can read here, no participant of a contact is named by a place of the
//! gazetteer, a time word or a common noun (data/not_names.tsv): the seeds always, and the shared corpus and
//! the silver set (`../shared`, beside the main checkout) when present, read at test time and never copied.
//! Set `READOUT_SHARED` to point elsewhere. Absent, the test says so and checks the seeds only.
#![cfg(not(target_arch = "wasm32"))]

mod shared;

use readout::gazetteer;
use std::path::{Path, PathBuf};

/// The shared folder with the corpus (see `tests/shared`).
fn shared() -> Option<PathBuf> {
    shared::folder("corpus")
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out);
        } else if p.extension().is_some_and(|e| ["md", "html", "htm", "txt"].iter().any(|x| e == *x)) {
            out.push(p);
        }
    }
}

/// Why a participant's name is no person's, if it is not.
fn not_a_person(name: &str) -> Option<&'static str> {
    let g = gazetteer::get();
    let name = readout::script::to_simplified(name);
    if g.cities.contains(&name) || g.country_names.iter().any(|(c, _)| *c == name) {
        return Some("a place");
    }
    if g.not_names.time.iter().any(|w| name.starts_with(w.as_str())) {
        return Some("a time word");
    }
    if g.not_names.noun.contains(&name) {
        return Some("a common noun");
    }
    None
}

#[test]
fn no_participant_is_a_place_a_time_word_or_a_common_noun() {
    let mut files = Vec::new();
    files_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds"), &mut files);
    match shared() {
        Some(dir) => {
            files_under(&dir.join("seeds"), &mut files);
            files_under(&dir.join("corpus"), &mut files);
            files_under(&dir.join("eval/silver/items"), &mut files);
        }
        None => eprintln!("note: no ../shared folder here; checked the seeds only (set READOUT_SHARED)"),
    }
    let mut bad = Vec::new();
    for f in &files {
        let Ok(bytes) = std::fs::read(f) else { continue };
        let Ok(report) = readout::analyze(&bytes, &f.display().to_string(), &Default::default()) else {
            continue;
        };
        for e in &report.contacts.events {
            for p in e.china.iter().chain(&e.counterparts) {
                if let Some(why) = p.name.as_deref().and_then(not_a_person) {
                    bad.push(format!("{}: {:?} is {why}", f.display(), p.name));
                }
            }
        }
    }
    eprintln!("{} files checked", files.len());
    assert!(bad.is_empty(), "participants that are no person:\n{}", bad.join("\n"));
}
