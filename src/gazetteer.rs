//! Gazetteers and lexicons, loaded once from the data files under `data/` (embedded at compile time).
