//! The evaluation material beside the checkout (`../shared`: seeds, corpus, silver set, compare), read at
//! test time by the tests that measure on it and never copied into the repository.

use std::path::{Path, PathBuf};

/// The shared folder holding `marker` (a path inside it): `READOUT_SHARED` when set, else `shared`
/// beside this checkout or beside its worktree folder. `None` when it is not there.
pub fn folder(marker: &str) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("READOUT_SHARED") {
        return Some(PathBuf::from(p)).filter(|p| p.join(marker).exists());
    }
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors().skip(1).take(2).map(|a| a.join("shared")).find(|p| p.join(marker).exists())
}
