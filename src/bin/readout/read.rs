//! Reading one file safely: never more than `--max-bytes` bytes whatever its metadata says (a
//! device such as `/dev/zero` reports size 0 and never ends), and never a blocking open or read of
//! a FIFO, socket or device: those are refused as `not_a_file`.

use crate::inputs::special_message;
use readout::{Error, ErrorKind};
use std::io::Read;
use std::path::Path;

/// The bytes of the regular file at `path`, at most `max_bytes` of them.
pub fn read(path: &Path, max_bytes: usize) -> Result<Vec<u8>, Error> {
    let io = |e: std::io::Error| Error::new(ErrorKind::Io, e.to_string());
    let m = std::fs::metadata(path).map_err(io)?;
    if !m.is_file() {
        return Err(if m.is_dir() {
            Error::new(ErrorKind::NotAFile, "a folder where a file was expected")
        } else {
            Error::new(ErrorKind::NotAFile, special_message(&m))
        });
    }
    let too_large = |len: u64| {
        Error::new(ErrorKind::TooLarge, format!("file is {len} bytes, over the limit of {max_bytes} bytes"))
    };
    if m.len() > max_bytes as u64 {
        return Err(too_large(m.len()));
    }
    let file = open(path).map_err(io)?;
    // The path may have been swapped for a FIFO or device since it was looked at: judge what was
    // opened (opening did not block: O_NONBLOCK).
    let m = file.metadata().map_err(io)?;
    if !m.is_file() {
        return Err(Error::new(ErrorKind::NotAFile, special_message(&m)));
    }
    let mut bytes = Vec::with_capacity((m.len() as usize).min(max_bytes) + 1);
    file.take(max_bytes as u64 + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() > max_bytes {
        // Grown since its size was read, or a file whose size the system does not know.
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!("file holds more than the limit of {max_bytes} bytes"),
        ));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer. No effect on regular
    // files. O_NOCTTY: a terminal device never becomes our controlling terminal.
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY).open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}
