//! Decoding, front matter and body extraction: any bytes give a document or an error, and the
//! document's views stay aligned (text = paragraphs joined, simplified char for char).
#![no_main]

use libfuzzer_sys::fuzz_target;
use readout::Options;

fuzz_target!(|data: &[u8]| {
    match readout::ingest::read(data, "fuzz.txt", &Options::default()) {
        Ok(doc) => {
            assert_eq!(doc.text, doc.paragraphs.join("\n"), "text is not the paragraphs joined");
            assert!(doc.paragraphs.iter().all(|p| !p.contains('\n')), "newline inside a paragraph");
            assert_eq!(
                doc.text.chars().count(),
                doc.simplified.chars().count(),
                "simplified view is not char for char"
            );
            let span = doc.span(0..doc.text.len());
            assert_eq!(span.end16, doc.text.encode_utf16().count());
            let back = doc.to_original(0..doc.simplified.len());
            assert_eq!(back, 0..doc.text.len());
        }
        Err(e) => assert!(!e.message.is_empty(), "error without a message: {e:?}"),
    }
});
