fn main() {
    let path = std::env::args().nth(1).expect("path");
    let bytes = std::fs::read(&path).expect("read");
    let doc = readout::ingest::read(&bytes, &path, &readout::Options::default()).expect("ingest");
    let t = std::time::Instant::now();
    let c = readout::contacts::extract_with_raw(&doc, None);
    eprintln!(
        "contacts {:?} ({} events, {} statements, {} topics)",
        t.elapsed(),
        c.events.len(),
        c.statements.len(),
        c.topics.len()
    );
}
