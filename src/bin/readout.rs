//! `readout`: the command-line face of the same core the page uses.

// Native only: `cargo test --target wasm32-unknown-unknown` builds every bin, and the CLI's deps are native.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use clap::{Parser, Subcommand};
use readout::{analyze, Options};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "readout", version, about = "Analyze Chinese news reports of diplomatic contacts")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyze article files (folders are walked recursively) and print one JSON object per file.
    ///
    /// Reads HTML fragments and whole saved web pages, Markdown and plain text, with or without YAML
    /// (`---`) or TOML (`+++`) front matter, in UTF-8, GBK/GB18030, Big5 and other encodings (sniffed;
    /// a declared charset is only a hint). Each record has the file name, the format and encoding
    /// read, the script (simplified/traditional), `meta` (title, published, outlet, author, url, tags,
    /// categories, editor, original_title, each with where it was found), `body` (the article's own
    /// paragraphs), `warnings`, and the contact analysis.
    ///
    /// A file that cannot be analyzed prints {"file", "error": {"kind", "message"}} and a line on
    /// stderr; kinds are io, empty, binary, too_large, parse. The exit status is 1 when any file
    /// failed, else 0. Hidden files and folders (starting with '.') are skipped when walking folders.
    Analyze {
        /// Print one JSON object per line, one line per file (the default output).
        #[arg(long, conflicts_with = "pretty")]
        jsonl: bool,
        /// Print a human-readable summary of each file (metadata, warnings, paragraphs) instead of JSON.
        #[arg(long)]
        pretty: bool,
        /// Print one JSON object for all the files instead of one per file: `groups` (one per distinct
        /// contact; the same contact reported by several files, i.e. same date, compatible kind and a
        /// shared counterpart, is one group listing its members, outlets and a representative event),
        /// `timeline` (group ids by date, undated last), and `by_counterpart`, `by_topic`, `by_kind`
        /// counts. Counts count groups (distinct contacts); each also gives `reports`, the number of
        /// reports behind them. Failed files are reported on stderr and left out.
        #[arg(long, conflicts_with_all = ["pretty", "jsonl"])]
        collection: bool,
        /// Refuse files larger than this many bytes with a too_large error (default 20 MiB). Raise it
        /// for very large saved pages; work stays bounded by the size.
        #[arg(long, value_name = "BYTES", default_value_t = Options::default().max_bytes)]
        max_bytes: usize,
        /// Article files or folders to analyze, in the order given (folder contents sorted by name).
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze { jsonl: _, pretty, collection, max_bytes, paths } => {
            let opts = Options { max_bytes, ..Options::default() };
            run_analyze(&paths, pretty, collection, &opts)
        }
    }
}

fn run_analyze(paths: &[PathBuf], pretty: bool, collection: bool, opts: &Options) -> ExitCode {
    let mut files = Vec::new();
    for p in paths {
        collect(p, &mut files);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    let mut reports = Vec::new();
    for file in files {
        let name = file.display().to_string();
        let result = match std::fs::metadata(&file) {
            Ok(m) if m.len() as usize > opts.max_bytes => Err(readout::Error::new(
                readout::ErrorKind::TooLarge,
                format!("file is {} bytes, over the limit of {} bytes", m.len(), opts.max_bytes),
            )
            .in_file(&name)),
            _ => std::fs::read(&file)
                .map_err(|e| readout::Error::new(readout::ErrorKind::Io, e.to_string()).in_file(&name))
                .and_then(|bytes| analyze(&bytes, &name, opts)),
        };
        let line = match result {
            Ok(report) if collection => {
                reports.push(readout::collection::Source::from(&report)); // bodies are not kept
                continue;
            }
            Err(e) if collection => {
                failed = true;
                eprintln!("readout: {e}");
                continue;
            }
            Ok(report) if pretty => readout::pretty::render(&report),
            Ok(report) => serde_json::to_string(&report).expect("report serializes"),
            Err(e) => {
                failed = true;
                eprintln!("readout: {e}");
                serde_json::json!({
                    "file": name,
                    "error": {"kind": e.kind.as_str(), "message": e.message},
                })
                .to_string()
            }
        };
        if writeln!(out, "{line}").is_err() {
            return ExitCode::from(2); // stdout closed (e.g. piped into head): stop quietly
        }
    }
    if collection {
        let c = readout::collection::collect_sources(&reports);
        let json = serde_json::to_string_pretty(&c).expect("collection serializes");
        if writeln!(out, "{json}").is_err() {
            return ExitCode::from(2);
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Files under `path`, sorted so output order is stable; a missing path is kept so it reports an error.
fn collect(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(_) => {
                files.push(path.to_path_buf());
                return;
            }
        };
        entries.sort();
        for e in entries {
            let hidden = e.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
            if !hidden {
                collect(&e, files);
            }
        }
    } else {
        files.push(path.to_path_buf());
    }
}
