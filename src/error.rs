//! The one error type of the core. The CLI prints it as `{"kind", "message"}`; the wasm layer maps it
//! once to a JS `Error` whose `name` is the kind.

use std::fmt;

/// What went wrong, coarse enough for a user to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The file could not be read from disk.
    Io,
    /// The file is empty or holds nothing that reads as an article.
    Empty,
    /// The bytes are not text (an image, an archive, an executable…).
    Binary,
    /// The file is larger than the configured limit.
    TooLarge,
    /// The text was read but its structure could not be parsed.
    Parse,
    /// The analysis ran over its time budget (the CLI's `--timeout`, the page's per-file budget) and
    /// was abandoned; the other files of the batch go on.
    Timeout,
    /// The path is not a regular file (a FIFO, a device, a socket, a symbolic link inside a walked
    /// folder): refused without reading, since reading it could block or never end.
    NotAFile,
    /// The analysis ran out of memory (reported by the page when a worker dies of it).
    OutOfMemory,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::Empty => "empty",
            ErrorKind::Binary => "binary",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Parse => "parse",
            ErrorKind::Timeout => "timeout",
            ErrorKind::NotAFile => "not_a_file",
            ErrorKind::OutOfMemory => "out_of_memory",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    /// A sentence that names the problem; the file name is added by [`Error::in_file`].
    pub message: String,
    pub file: Option<String>,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, message: message.into(), file: None }
    }

    /// Attach the file name so every error the user sees says which file it is about.
    pub fn in_file(mut self, file: &str) -> Self {
        self.file = Some(file.to_string());
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{file}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
