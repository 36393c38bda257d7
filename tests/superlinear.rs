//! Superlinear-time check, in the spirit of pulldown-cmark's: inputs that grow in one dimension
//! (nesting, paragraphs, one long line, dates, names, 《》, quotes, front-matter keys…) must keep the
//! analysis time linear. For each shape we find a size `n` that takes a measurable time, then compare
//! the best of a few runs at `n` and at `4n`: linear gives ~4, quadratic ~16. The threshold (10)
//! is generous so that noise on a shared machine does not fail the test; build type does not matter
//! since only ratios are compared.
#![cfg(not(target_arch = "wasm32"))]

mod harden;

use readout::Options;
use std::time::{Duration, Instant};

const RATIO_LIMIT: f64 = 10.0;
/// Grow `n` until one run takes at least this long, so timer noise is small against it.
const MIN_TIME: Duration = Duration::from_millis(15);
/// Never generate more than this many bytes at `n` (the 4n input is four times larger).
const MAX_BYTES: usize = 2 << 20;

type Gen = fn(usize) -> String;

/// Shapes whose `n` is a nesting depth.
const DEEP: &[&str] = &["nested", "unclosed formatting", "unclosed divs"];

const PARA: &str = "国务委员兼外长王毅13日在北京会见来访的某国外长。";

fn shapes() -> Vec<(&'static str, Gen)> {
    vec![
        ("nested divs", |n| format!("{}{PARA}{}", "<div>".repeat(n), "</div>".repeat(n))),
        ("unclosed divs", |n| format!("{}{PARA}", "<div>".repeat(n))),
        ("nested list items (markdown)", |n| format!("# 标题\n\n{}{PARA}\n", "- ".repeat(n))),
        ("nested front-matter lists", |n| {
            format!("---\ntitle: 标题\nk:\n{}x\n---\n\n{PARA}\n", "- ".repeat(n))
        }),
        ("unclosed formatting tags", |n| format!("<p>{}{PARA}", "<b><i><font>".repeat(n))),
        ("nested blockquotes (markdown)", |n| format!("# 标题\n\n{}{PARA}\n", "> ".repeat(n))),
        ("nested lists (markdown)", |n| {
            let mut s = String::from("# 标题\n\n");
            for i in 0..n {
                s.push_str(&" ".repeat(i % 400));
                s.push_str("- 项\n");
            }
            s
        }),
        ("many paragraphs", |n| (0..n).map(|i| format!("第{i}段，王毅会见某国外长。\n\n")).collect()),
        ("many html paragraphs", |n| (0..n).map(|i| format!("<p>第{i}段，王毅说。</p>")).collect()),
        ("one enormous line", |n| PARA.repeat(n)),
        ("one line without punctuation", |n| "中国外交部长".repeat(n)),
        ("many dates", |n| {
            (0..n).map(|i| format!("{}年{}月{}日，", 2000 + i % 30, 1 + i % 12, 1 + i % 28)).collect()
        }),
        ("many dates in paragraphs", |n| {
            (0..n).map(|i| format!("2021年10月{}日，王毅会见某国外长。\n", 1 + i % 28)).collect()
        }),
        ("many names", |n| {
            let names = ["王毅", "习近平", "李强", "阿拉芒", "布林肯", "拉夫罗夫", "韩正", "秦刚"];
            (0..n).map(|i| format!("{}同{}通电话，", names[i % 8], names[(i + 3) % 8])).collect()
        }),
        ("many readout sentences", |n| {
            (0..n)
                .map(|i| format!("2021年10月{}日，国务委员兼外长王毅同智利外长阿拉芒通电话。王毅说，中方愿同智方加强合作。\n", 1 + i % 28))
                .collect()
        }),
        ("many titles 《》", |n| (0..n).map(|i| format!("《关于第{i}号的协定》、")).collect()),
        ("unclosed 《", |n| format!("{}{PARA}", "《协定".repeat(n))),
        ("unclosed “", |n| format!("王毅说{}", "“中方".repeat(n))),
        ("many quotes", |n| (0..n).map(|_| "王毅说：“中方愿同各方合作。”".to_string()).collect()),
        ("many front-matter keys", |n| {
            let mut s = String::from("---\n");
            for i in 0..n {
                s.push_str(&format!("key{i}: 值{i}\n"));
            }
            s.push_str(&format!("title: 王毅会见某国外长\n---\n\n{PARA}\n"));
            s
        }),
        ("long front-matter list", |n| {
            let mut s = String::from("---\ntags:\n");
            for i in 0..n {
                s.push_str(&format!(" - 标签{i}\n"));
            }
            s.push_str(&format!("---\n\n{PARA}\n"));
            s
        }),
        ("many html entities", |n| format!("<p>{}{PARA}</p>", "&amp;&#x4e2d;&nbsp;".repeat(n))),
        ("many links (related news)", |n| {
            (0..n).map(|i| format!("<li><a href=\"/n/{i}.html\">王毅会见某国外长{i}</a></li>")).collect()
        }),
        ("traditional script", |n| "國務委員兼外長王毅會見來訪的某國外長。".repeat(n)),
        ("converter artefacts", |n| "部長(zhǎng)會見，".repeat(n)),
    ]
}

fn run(input: &[u8]) -> Duration {
    let t = Instant::now();
    let r = readout::analyze(input, "superlinear.txt", &Options::default());
    let took = t.elapsed();
    drop(r);
    took
}

/// Best of `k` runs at each size, interleaved so a burst of load hits both sizes alike.
fn best_pair(small: &[u8], big: &[u8], k: usize) -> (Duration, Duration) {
    let (mut a, mut b) = (Duration::MAX, Duration::MAX);
    for _ in 0..k {
        a = a.min(run(small));
        b = b.min(run(big));
    }
    (a, b)
}

#[test]
fn analysis_time_grows_linearly() {
    let tiny = format!("{PARA}\n");
    let _ = run(tiny.as_bytes()); // warm up (dictionaries load on first use)
                                  // The fixed cost of one call (large in a debug build), taken off both sizes so that it does not
                                  // hide growth.
    let base = (0..3).map(|_| run(tiny.as_bytes())).min().unwrap();
    let work = |t: Duration| t.saturating_sub(base).as_secs_f64().max(1e-6);
    let only = std::env::var("SUPERLINEAR_ONLY").ok();
    let mut failures = Vec::new();
    let total = Instant::now();
    for (name, gen) in shapes() {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        // Calibrate: double n until one run's work is measurable (best of two runs, so one run
        // slowed by other load does not stop the growth early). Nesting costs can hide behind
        // linear work at small sizes: those start deep.
        let mut n = if DEEP.iter().any(|d| name.contains(d)) { 8192 } else { 16 };
        loop {
            let input = gen(n);
            let t = run(input.as_bytes()).min(run(input.as_bytes()));
            if input.len() * 2 > MAX_BYTES || t.saturating_sub(base) >= MIN_TIME {
                break;
            }
            n *= 2;
        }
        let (small, big) = (gen(n), gen(4 * n));
        let (mut t1, mut t4) = best_pair(small.as_bytes(), big.as_bytes(), 3);
        let mut ratio = work(t4) / work(t1);
        if ratio > RATIO_LIMIT {
            // Retry once with more runs before calling it superlinear: the machine is shared.
            (t1, t4) = best_pair(small.as_bytes(), big.as_bytes(), 5);
            ratio = work(t4) / work(t1);
        }
        eprintln!(
            "{name:32} n={n:7} ({:8} B): {:8.2} ms   4n: {:9.2} ms   ratio {ratio:5.2}",
            small.len(),
            t1.as_secs_f64() * 1e3,
            t4.as_secs_f64() * 1e3
        );
        if ratio > RATIO_LIMIT {
            failures.push(format!("{name}: time(4n)/time(n) = {ratio:.1} at n = {n}"));
        }
    }
    eprintln!(
        "superlinear check took {:.1} s (fixed cost per call {:.2} ms, taken off)",
        total.elapsed().as_secs_f64(),
        base.as_secs_f64() * 1e3
    );
    assert!(failures.is_empty(), "superlinear growth:\n{}", failures.join("\n"));
}
