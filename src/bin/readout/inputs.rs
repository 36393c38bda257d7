//! What to analyze: the paths given, folders walked, lists read from stdin, one entry at a time so
//! the first results print while the walk goes on.
//!
//! A path given (on the command line or in a list) is followed wherever it points. Inside a walked
//! folder nothing is followed out of it or back into it: a symbolic link is reported once as
//! `not_a_file` (a loop, such as two links to `.`, is said to be one) and never entered, hidden
//! entries (`.name`) are skipped, and FIFOs, sockets and devices are refused without being opened.

use crate::names;
use readout::{Error, ErrorKind};
use std::collections::VecDeque;
use std::fs::Metadata;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// One thing to report on, in output order.
pub struct Entry {
    /// The name printed for it (escaped, see [`names::display`]).
    pub name: String,
    pub what: What,
}

pub enum What {
    /// A file to read and analyze, with its size as the file system gives it (0 when unknown).
    File(PathBuf, u64),
    /// Refused while walking (the error names the entry).
    Refused(Error),
}

/// A folder being walked: its sorted entries still to visit, and its identity (device, inode),
/// so that a folder mounted inside itself is not walked again.
struct Frame {
    entries: VecDeque<PathBuf>,
    id: Option<(u64, u64)>,
}

/// The entries of `args` in order; `-` reads a list of paths from stdin (one per line, or
/// NUL-separated with `null`).
pub struct Inputs {
    args: VecDeque<PathBuf>,
    stdin: Option<Box<dyn Iterator<Item = PathBuf> + Send>>,
    null: bool,
    stack: Vec<Frame>,
}

impl Inputs {
    pub fn new(args: Vec<PathBuf>, null: bool) -> Self {
        Inputs { args: args.into(), stdin: None, null, stack: Vec::new() }
    }

    fn stdin_paths(null: bool) -> Box<dyn Iterator<Item = PathBuf> + Send> {
        let sep = if null { b'\0' } else { b'\n' };
        let lines = std::io::BufReader::new(std::io::stdin()).split(sep).map_while(Result::ok);
        Box::new(lines.filter_map(move |mut line| {
            if !null && line.last() == Some(&b'\r') {
                line.pop();
            }
            (!line.is_empty()).then(|| path_of_bytes(line))
        }))
    }

    /// A path given by the user: followed wherever it points.
    fn given(&mut self, path: PathBuf) -> Option<Entry> {
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => self.push_dir(&path, &m).err(),
            // A file of any type: reading says what is wrong with it, if anything.
            Ok(m) => Some(file(path, m.len())),
            Err(_) => Some(file(path, 0)),
        }
    }

    /// Start walking `dir`; an unreadable folder is an entry with its error.
    fn push_dir(&mut self, dir: &Path, m: &Metadata) -> Result<(), Entry> {
        let rd = std::fs::read_dir(dir).map_err(|e| refused(dir, ErrorKind::Io, e.to_string()))?;
        let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        self.stack.push(Frame { entries: entries.into(), id: identity(m) });
        Ok(())
    }

    /// An entry found inside a walked folder.
    fn found(&mut self, path: PathBuf) -> Option<Entry> {
        let hidden = path.file_name().is_some_and(|n| n.as_encoded_bytes().starts_with(b"."));
        if hidden {
            return None;
        }
        let m = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) => return Some(refused(&path, ErrorKind::Io, e.to_string())),
        };
        let t = m.file_type();
        if t.is_symlink() {
            return Some(refused(&path, ErrorKind::NotAFile, self.symlink_message(&path)));
        }
        if t.is_dir() {
            if identity(&m).is_some_and(|id| self.stack.iter().any(|f| f.id == Some(id))) {
                let msg = "a folder that contains itself (a loop in the file system): not walked again";
                return Some(refused(&path, ErrorKind::NotAFile, msg.to_string()));
            }
            return self.push_dir(&path, &m).err();
        }
        if !t.is_file() {
            return Some(refused(&path, ErrorKind::NotAFile, special_message(&m)));
        }
        Some(file(path, m.len()))
    }

    /// Why a link inside a walked folder is not followed, saying whether it loops.
    fn symlink_message(&self, link: &Path) -> String {
        let target = std::fs::read_link(link).map(|t| names::display(&t)).unwrap_or_default();
        match std::fs::metadata(link) {
            Err(e) if is_loop(&e) => {
                format!("a symbolic link that loops (to {target}): not followed")
            }
            Ok(m) if m.is_dir() && identity(&m).is_some_and(|id| self.stack.iter().any(|f| f.id == Some(id))) => {
                format!("a symbolic link back into the folder being walked (to {target}, a loop): not followed")
            }
            _ => format!(
                "a symbolic link (to {target}): links inside folders are not followed; give the target itself \
                 to analyze it"
            ),
        }
    }
}

impl Iterator for Inputs {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        loop {
            if let Some(frame) = self.stack.last_mut() {
                match frame.entries.pop_front() {
                    Some(path) => {
                        if let Some(e) = self.found(path) {
                            return Some(e);
                        }
                    }
                    None => {
                        self.stack.pop();
                    }
                }
                continue;
            }
            if let Some(list) = &mut self.stdin {
                match list.next() {
                    Some(path) => {
                        if let Some(e) = self.given(path) {
                            return Some(e);
                        }
                        continue;
                    }
                    None => self.stdin = None,
                }
            }
            let arg = self.args.pop_front()?;
            if arg.as_os_str() == "-" {
                self.stdin = Some(Self::stdin_paths(self.null));
                continue;
            }
            if let Some(e) = self.given(arg) {
                return Some(e);
            }
        }
    }
}

fn file(path: PathBuf, size: u64) -> Entry {
    Entry { name: names::display(&path), what: What::File(path, size) }
}

fn refused(path: &Path, kind: ErrorKind, message: String) -> Entry {
    let name = names::display(path);
    Entry { what: What::Refused(Error::new(kind, message).in_file(&name)), name }
}

/// What a file that is neither a regular file, a folder nor a link is, in words.
pub fn special_message(m: &Metadata) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        let what = if t.is_fifo() {
            "a named pipe (FIFO)"
        } else if t.is_socket() {
            "a socket"
        } else if t.is_char_device() {
            "a character device"
        } else if t.is_block_device() {
            "a block device"
        } else {
            "not a regular file"
        };
        format!("{what}, not a regular file: refused without reading (reading it could block or never end)")
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        "not a regular file: refused without reading".to_string()
    }
}

#[cfg(unix)]
fn is_loop(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_loop(_: &std::io::Error) -> bool {
    false
}

#[cfg(unix)]
fn identity(m: &Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(_: &Metadata) -> Option<(u64, u64)> {
    None
}

#[cfg(unix)]
fn path_of_bytes(b: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(b))
}

#[cfg(not(unix))]
fn path_of_bytes(b: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&b).into_owned())
}
