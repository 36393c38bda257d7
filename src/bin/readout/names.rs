//! File names as printed: one line each, unambiguous, never reordering the terminal around them.

use std::fmt::Write;
use std::path::Path;

/// `path` as shown in records and on stderr: valid UTF-8 as written, except a backslash (`\\`),
/// control characters (`\n`, `\t`, `\r`, others as `\u{1b}`) and invisible characters such as
/// bidi overrides (`\u{202e}`); bytes that are not UTF-8 as `\xNN`. A newline in a name can no
/// longer split a line of output, and `file\u{202e}txt.exe.md` no longer displays as
/// `fileexe.txt.md`. Ordinary names come out unchanged.
pub fn display(path: &Path) -> String {
    let mut out = String::new();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            push_str(&mut out, chunk.valid(), true);
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    #[cfg(not(unix))]
    {
        // Elsewhere `\` separates folders: left alone.
        push_str(&mut out, &path.to_string_lossy(), false);
    }
    out
}

fn push_str(out: &mut String, s: &str, escape_backslash: bool) {
    for c in s.chars() {
        match c {
            '\\' if escape_backslash => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || readout::script::is_invisible(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn names_are_escaped_only_where_needed() {
        let show = |b: &[u8]| display(Path::new(OsStr::from_bytes(b)));
        assert_eq!(show("dir/王毅 会见.md".as_bytes()), "dir/王毅 会见.md");
        assert_eq!(show(b"a\nb.txt"), "a\\nb.txt");
        assert_eq!(show(b"bad\xff\xfe.txt"), "bad\\xff\\xfe.txt");
        assert_eq!(show("file\u{202e}txt.exe.md".as_bytes()), "file\\u{202e}txt.exe.md");
        assert_eq!(show(b"a\\nb"), "a\\\\nb");
        assert_eq!(show(b"esc\x1b[31m"), "esc\\u{1b}[31m");
    }
}
