//! `readout`: the command-line face of the same core the page uses.
//!
//! - `inputs`: the paths given, folders walked, lists from stdin (symbolic links and special files
//!   refused inside folders);
//! - `read`: one file's bytes, bounded, never a blocking open;
//! - `run`: the parallel batch with ordered output and the per-file time budget;
//! - `names`: file names printed escaped;
//! - this file: the options and the output formats.

// Native only: `cargo test --target wasm32-unknown-unknown` builds every bin, and the CLI's deps are native.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

mod inputs;
mod names;
mod read;
mod run;

use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use readout::collection::{Collector, Source};
use readout::export::{CsvWriter, Lang};
use readout::{Error, Options};
use std::io::{IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Parser)]
#[command(name = "readout", version, about = "Analyze Chinese news reports of diplomatic contacts")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Zh,
}

/// The files to read and how: the options `analyze` and `compare` share.
#[derive(Args)]
struct Batch {
    /// Refuse files larger than this many bytes with a too_large error (default 20 MiB). Never
    /// more than this is read, whatever the file's size claims. Raise it for very large saved
    /// pages; work stays bounded by the size.
    #[arg(long, value_name = "BYTES", default_value_t = Options::default().max_bytes)]
    max_bytes: usize,
    /// Give up on a file after this many seconds (reading and analysis; fractions allowed):
    /// it is reported with a timeout error and the batch goes on. 0 means no limit.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    timeout: f64,
    /// Files analyzed at once (default: one per core).
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    jobs: Option<usize>,
    /// With '-': the list on stdin is separated by NUL bytes (as `find -print0` writes), not
    /// newlines, so names may hold newlines.
    #[arg(short = '0', long)]
    null: bool,
    /// Article files or folders, in the order given; '-' reads a list of paths from stdin, one
    /// per line.
    #[arg(required = true, value_name = "FILE|DIR|-")]
    paths: Vec<PathBuf>,
}

impl Batch {
    /// The inputs and the batch settings: `-j 0` or none is one per core, `--timeout 0` no limit.
    fn split(self) -> (inputs::Inputs, run::Settings) {
        let jobs = self
            .jobs
            .filter(|&j| j > 0)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        let timeout =
            (self.timeout > 0.0 && self.timeout.is_finite()).then(|| Duration::from_secs_f64(self.timeout));
        let opts = Options { max_bytes: self.max_bytes, ..Options::default() };
        (inputs::Inputs::new(self.paths, self.null), run::Settings { jobs, timeout, opts })
    }
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
    /// Files are analyzed in parallel (-j) and each record is printed as soon as it and all before
    /// it are done, in the order given (folder contents sorted by name). A file that cannot be
    /// analyzed prints {"file", "error": {"kind", "message"}} and a line on stderr; kinds are io,
    /// empty, binary, too_large, parse, timeout (over --timeout: the batch goes on) and not_a_file
    /// (a FIFO, socket or device, refused without reading, or a symbolic link inside a folder:
    /// links there are never followed, so a loop is reported once). The exit status is 1 when any
    /// file failed, else 0. Hidden files and folders (starting with '.') are skipped when walking
    /// folders. File names are printed escaped: a newline as \n, a backslash as \\, bytes that are
    /// not UTF-8 as \xNN, control and invisible characters (bidi overrides) as \u{202e}.
    ///
    /// A progress bar is shown on stderr when it is a terminal.
    Analyze {
        /// Print one JSON object per line, one line per file (the default output).
        #[arg(long, conflicts_with_all = ["pretty", "csv"])]
        jsonl: bool,
        /// Print a human-readable summary of each file (metadata, warnings, paragraphs) instead of JSON;
        /// with --collection, a readable timeline of the contacts and the counts.
        #[arg(long, conflicts_with = "csv")]
        pretty: bool,
        /// Print one JSON object for all the files instead of one per file: `groups` (one per distinct
        /// contact; the same contact reported by several files, i.e. same date, compatible kind and a
        /// shared counterpart, is one group listing its members, outlets and a representative event),
        /// `timeline` (group ids by date, undated last), and `by_counterpart`, `by_topic`, `by_kind`
        /// counts. Counts count groups (distinct contacts); each also gives `reports`, the number of
        /// reports behind them. Failed files are reported on stderr and left out.
        #[arg(long, conflicts_with_all = ["jsonl", "csv"])]
        collection: bool,
        /// Print a CSV table, one row per contact (an article with none gets one row, a failed file
        /// a row with its error): file, title, published, outlet, URL, kind, status, date, place,
        /// who asked, both sides' names, titles, countries and organisations, topics, summary,
        /// number of statements, the group of the same contact across the files, and whether it
        /// was corrected. Written once every file is read (the groups need them all).
        #[arg(long)]
        csv: bool,
        /// Language of the CSV headers and values (kinds as words).
        #[arg(long, value_enum, default_value = "en", value_name = "LANG")]
        lang: LangArg,
        #[command(flatten)]
        batch: Batch,
    },
    /// Compare the two sides' readouts of each contact: print one JSON object per contact reported in
    /// both languages (a Chinese report and the counterpart's English readout, e.g. the White House's).
    ///
    /// Each object has `reports` (each side's file, contact, people, `requested_by` in its own words or
    /// "not stated", topics and `topics_only`, characterisation words, what it says the other side
    /// said, agreements, length), `topics.both` and `topics.only` (per language, with the sentences as
    /// evidence), `characterisation`, `length` (Chinese characters, English words, their ratio and a
    /// normalised ratio), `framing` (each side's sentences on sensitive topics) and `matched_by`.
    /// Reports are grouped as `analyze --collection` groups them, across languages through the people
    /// table (same principals, dates a day apart at most, compatible kinds); a Chinese report with no
    /// full date joins the one English readout it fits (see `matched_by`). Files are read as `analyze`
    /// reads them; failed files are reported on stderr.
    Compare {
        /// Print each comparison as a Markdown table (English | Chinese) for a person.
        #[arg(long, conflicts_with = "csv")]
        pretty: bool,
        /// Print a CSV table, one row per point compared (group, date, kind, aspect, key, en, zh).
        #[arg(long)]
        csv: bool,
        #[command(flatten)]
        batch: Batch,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze { jsonl: _, pretty, collection, csv, lang, batch } => {
            let (inputs, settings) = batch.split();
            let lang = match lang {
                LangArg::En => Lang::En,
                LangArg::Zh => Lang::Zh,
            };
            let mode = if csv {
                Mode::Csv(lang)
            } else if collection {
                Mode::Collection { pretty }
            } else if pretty {
                Mode::Pretty
            } else {
                Mode::Jsonl
            };
            analyze(inputs, &settings, mode)
        }
        Command::Compare { pretty, csv, batch } => {
            let (inputs, settings) = batch.split();
            compare(inputs, &settings, pretty, csv)
        }
    }
}

/// `readout compare`: every file read, then the comparisons printed.
fn compare(inputs: inputs::Inputs, settings: &run::Settings, pretty: bool, csv: bool) -> ExitCode {
    let bar = progress_bar();
    let tick = |found: usize, _all: bool| bar.set_length(found as u64);
    let mut failed = false;
    let mut read: Vec<readout::compare::Input> = Vec::new();
    // Each report reduced at once to what the comparison reads (through its JSON, the page's path).
    let to_input = |r: readout::Report| {
        serde_json::to_value(&r).ok().and_then(|v| serde_json::from_value::<readout::compare::Input>(v).ok())
    };
    let weigh =
        |i: &Option<readout::compare::Input>| i.as_ref().map_or(0, |i| i.body.iter().map(String::len).sum());
    run::run(inputs, settings, to_input, weigh, tick, |_, outcome| {
        bar.inc(1);
        match outcome {
            Ok(Some(i)) => read.push(i),
            Ok(None) => {}
            Err(e) => {
                failed = true;
                bar.suspend(|| eprintln!("readout: {e}"));
            }
        }
        ControlFlow::Continue(())
    });
    bar.finish_and_clear();
    let comparisons = readout::compare::compare(&read);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = if csv {
        write!(out, "{}", readout::compare::to_csv(&comparisons))
    } else if pretty {
        comparisons.iter().try_for_each(|c| writeln!(out, "{}", readout::compare::to_markdown(c)))
    } else {
        comparisons
            .iter()
            .try_for_each(|c| writeln!(out, "{}", serde_json::to_string(c).expect("a comparison serializes")))
    };
    if written.is_err() {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The record of a file that failed: `{"file", "error": {"kind", "message"}}`.
#[derive(serde::Serialize)]
struct ErrorRecord<'a> {
    file: &'a str,
    error: ErrorFields<'a>,
}

#[derive(serde::Serialize)]
struct ErrorFields<'a> {
    kind: &'a str,
    message: &'a str,
}

enum Mode {
    Jsonl,
    Pretty,
    Collection { pretty: bool },
    Csv(Lang),
}

/// Progress on stderr when it is a terminal; hidden otherwise (and then costs nothing).
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style =
        ProgressStyle::with_template("{spinner} {bar:30} {pos}/{len} files  {elapsed_precise}  (eta {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn analyze(inputs: inputs::Inputs, settings: &run::Settings, mode: Mode) -> ExitCode {
    let bar = progress_bar();
    let mut failed = false;
    let mut report_error = |e: &Error| {
        failed = true;
        bar.suspend(|| eprintln!("readout: {e}"));
    };
    let tick = |found: usize, _all: bool| bar.set_length(found as u64);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut closed = false;
    match mode {
        Mode::Jsonl | Mode::Pretty => {
            let pretty = matches!(mode, Mode::Pretty);
            let render = move |r: readout::Report| {
                if pretty {
                    readout::pretty::render(&r)
                } else {
                    serde_json::to_string(&r).expect("a report serializes")
                }
            };
            run::run(inputs, settings, render, String::len, tick, |name, outcome| {
                bar.inc(1);
                let line = match outcome {
                    Ok(line) => line,
                    Err(e) => {
                        report_error(&e);
                        if pretty {
                            format!("== {name}\nerror:     {} ({})\n", e.message, e.kind.as_str())
                        } else {
                            let error = ErrorFields { kind: e.kind.as_str(), message: &e.message };
                            serde_json::to_string(&ErrorRecord { file: &name, error }).expect("serializes")
                        }
                    }
                };
                // The bar steps aside while a line prints (both may be on the same terminal).
                if bar.suspend(|| writeln!(out, "{line}")).is_err() {
                    closed = true; // stdout closed (e.g. piped into head): stop quietly
                    return ControlFlow::Break(());
                }
                ControlFlow::Continue(())
            });
        }
        Mode::Collection { .. } | Mode::Csv(_) => {
            // Every file first (the groups need them all); reports reduced to what is exported.
            let mut collector = Collector::new();
            let mut order: Vec<Result<usize, Error>> = Vec::new();
            let to_source = |r: readout::Report| Source::from(&r);
            let weigh = |s: &Source| s.events.len() * 2048 + 1024;
            run::run(inputs, settings, to_source, weigh, tick, |_, outcome| {
                bar.inc(1);
                match outcome {
                    Ok(source) => order.push(Ok(collector.add(source))),
                    Err(e) => {
                        report_error(&e);
                        order.push(Err(e));
                    }
                }
                ControlFlow::Continue(())
            });
            bar.finish_and_clear();
            let c = collector.collection();
            let written = match mode {
                Mode::Collection { pretty: true } => {
                    write!(out, "{}", readout::pretty::render_collection(&c))
                }
                Mode::Collection { pretty: false } => {
                    writeln!(out, "{}", serde_json::to_string_pretty(&c).expect("the collection serializes"))
                }
                Mode::Csv(lang) => write_csv(&mut out, lang, &order, &collector, &c),
                _ => unreachable!("per-file modes are handled above"),
            };
            closed = written.is_err();
        }
    }
    bar.finish_and_clear();
    if closed {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn write_csv(
    out: &mut impl Write,
    lang: Lang,
    order: &[Result<usize, Error>],
    collector: &Collector,
    c: &readout::collection::Collection,
) -> std::io::Result<()> {
    let mut w = CsvWriter::new(out, lang, false)?;
    for entry in order {
        match entry {
            Ok(i) => w.report(&collector.sources()[*i], &c.group_of[*i])?,
            Err(e) => w.error(e)?,
        }
    }
    w.finish().map(|_| ())
}
