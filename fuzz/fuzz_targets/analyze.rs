//! The whole analysis: any bytes give a report or an error naming the file; every report holds the
//! invariants the tests check (spans on char boundaries, UTF-16 offsets agree, JSON round-trips).
#![no_main]

use libfuzzer_sys::fuzz_target;
use readout::Options;

#[path = "../../tests/harden/mod.rs"]
mod harden;

fuzz_target!(|data: &[u8]| {
    let _ = harden::analyze_checked(data, "fuzz.txt", &Options::default());
});
