//! Superlinear-time check, in the spirit of pulldown-cmark's: inputs that grow in one dimension
//! (nesting, paragraphs, one long line, dates, names, attributes, entities, contacts, files in a
//! collection…) must keep the work linear.
//!
//! Robust on a loaded 2-core machine: only the CPU time of the work itself is measured (this
//! thread's, so neighbours' load does not count), each sample repeats the work until it has used
//! at least [`SAMPLE`] of CPU, each size takes the best of several samples (load only ever adds
//! time), and growth is judged at two sizes: from `n` to `4n` the time must grow by less than
//! [`RATIO_LIMIT`] (linear gives ~4, quadratic ~16), and a shape is failed only if the second step
//! alone (`2n` to `4n`) also grows faster than linear, so a single slow measurement cannot fail it.
//! `the_check_catches_a_real_quadratic` proves it still fails on a real (and well hidden)
//! quadratic. Build type does not matter since only ratios are compared.
//!
//! `SUPERLINEAR_ONLY=substring` runs the shapes whose name contains it.
#![cfg(not(target_arch = "wasm32"))]

mod harden;

use harden::timed;
use readout::collection::{collect_sources, Source};
use readout::Options;
use std::hint::black_box;
use std::time::{Duration, Instant};

const RATIO_LIMIT: f64 = 10.0;
/// The growth from `2n` to `4n` that confirms a failure: linear gives ~2, quadratic ~4.
const STEP_LIMIT: f64 = 2.8;
/// Each sample repeats the work until it has used this much CPU.
const SAMPLE: Duration = Duration::from_millis(50);
/// Grow `n` until one run takes at least this long, so the fixed cost is small against it.
const CALIBRATE: Duration = Duration::from_millis(20);
/// Never generate more than this many bytes at `n` (the 4n input is four times larger).
const MAX_BYTES: usize = 2 << 20;

type Gen = fn(usize) -> String;

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
        ("flat list (markdown)", |n| (0..n).map(|i| format!("- 项{i}\n")).collect()),
        ("plain unpunctuated lines", |n| (0..n).map(|i| format!("中国外交部长{i}\n")).collect()),
        ("many paragraphs", |n| (0..n).map(|i| format!("第{i}段，王毅会见某国外长。\n\n")).collect()),
        ("many html paragraphs", |n| (0..n).map(|i| format!("<p>第{i}段，王毅说。</p>")).collect()),
        ("one enormous line", |n| PARA.repeat(n)),
        ("one line without punctuation", |n| "中国外交部长".repeat(n)),
        ("a line of gatherings held and attended", |n| "中美两国举行会议王毅参加了此次会议".repeat(n)),
        ("many gatherings told by their attendance", |n| {
            (0..n)
                .map(|i| {
                    format!("中美两国{}日举行会议。美国国务卿布林肯和王毅参加了此次会议。\n", 1 + i % 28)
                })
                .collect()
        }),
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
        // Each 与 before a name is tried as part of an office's name (欧洲与外交部部长) within a few characters.
        ("offices joined by 与 in one sentence", |n| {
            format!("标题\n王毅会见了{}。\n", "法国欧洲与外交部部长杜朗托与经济与财政部".repeat(n))
        }),
        ("a name repeated before a contact verb", |n| format!("标题\n{}会见布林肯。\n", "王毅".repeat(n))),
        ("a run-on sentence of contacts", |n| {
            let s: Vec<String> =
                (0..n).map(|i| format!("王毅{}日同智利外长阿拉芒通电话", 1 + i % 28)).collect();
            format!("标题\n{}。\n", s.join("，"))
        }),
        ("a run-on list of titled objects", |n| {
            // Every verb's object list runs on over commas up to 等 (lists.rs): each verb reads a bounded stretch.
            let people = ["智利外长阿拉芒", "美国国务卿布林肯", "俄罗斯外长拉夫罗夫"];
            let s: Vec<String> = (0..n)
                .map(|i| match i % 4 {
                    0 => format!("王毅会见了{}", people[i % 3]),
                    3 => format!("{}等", people[i % 3]),
                    _ => people[i % 3].to_string(),
                })
                .collect();
            format!("标题\n{}。\n", s.join("，"))
        }),
        ("a chain of clauses omitting their foreign subject", |n| {
            // Each omitted subject is the foreign actor of the contact before (candidates.rs, `actor`).
            let s = ["智利外长阿拉芒同外交部长王毅举行会谈。", "随后会见了国务院副总理韩正。"];
            format!("标题\n{}\n", (0..n).map(|i| s[i % 2]).collect::<String>())
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
        ("many numeric entities (a name)", |n| {
            format!("<p>{}会见布林肯。</p>", "&#29579;&#27589;".repeat(n))
        }),
        ("many distinct attributes on one element", |n| {
            let attrs: Vec<String> = (0..n).map(|i| format!("data-a{i}=\"{i}\"")).collect();
            format!("<p {}>{PARA}</p>", attrs.join(" "))
        }),
        ("many elements with attributes", |n| {
            (0..n).map(|i| format!("<span class=\"c{i}\" id=\"i{i}\" title=\"{i}\">王</span>")).collect()
        }),
        ("many links (related news)", |n| {
            (0..n).map(|i| format!("<li><a href=\"/n/{i}.html\">王毅会见某国外长{i}</a></li>")).collect()
        }),
        ("links past the element budget", |n| {
            // Analysed with a budget of PAST_BUDGET elements (see `options`): every link after it is past.
            (0..n).map(|i| format!("<li><a href=\"/n/{i}.html\">王毅会见某国外长{i}</a></li>")).collect()
        }),
        ("traditional script", |n| "國務委員兼外長王毅會見來訪的某國外長。".repeat(n)),
        ("converter artefacts", |n| "部長(zhǎng)會見，".repeat(n)),
        ("invisible characters inside names", |n| {
            "国务委员兼外长王\u{200d}毅13日在北京会见来访的某国外\u{200b}长\u{202e}。".repeat(n)
        }),
        ("many contacts in one paragraph", |n| "王毅同智利外长阿拉芒通电话。".repeat(n)),
        ("one unpunctuated line of random words", |n| {
            // Names, contact verbs and states in no order and with no punctuation: every verb's clause
            // was the whole line. A fixed linear congruential sequence keeps the input the same each run.
            let words = ["王毅", "会见", "中方", "美国", "合作", "发展", "关系", "表示", "双方", "世界"];
            let mut x: u64 = 12345;
            let mut s = String::from("标题\n");
            for _ in 0..n {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s.push_str(words[(x >> 33) as usize % words.len()]);
            }
            s
        }),
    ]
}

/// Where calibration starts: quadratic costs with a small constant hide behind linear work at
/// small sizes (nesting below a few thousand levels; a run-on sentence below ~8,000 contacts grew
/// like n, then 16,000 → 32,000 took 3.7 times as long), so those shapes start big.
fn start(name: &str) -> usize {
    if ["nested", "unclosed divs", "unclosed formatting", "run-on"].iter().any(|d| name.contains(d)) {
        8192
    } else if name.contains("one paragraph") {
        2048 // below ~1,000 contacts the per-contact work hid a quadratic (ratio 8.5 from n = 512)
    } else {
        16
    }
}

/// CPU time per run of `work`, repeated until the sample has used at least [`SAMPLE`].
fn per_run(work: &mut dyn FnMut()) -> Duration {
    let mut runs = 0u32;
    let mut total = Duration::ZERO;
    while total < SAMPLE {
        total += timed(&mut *work).1;
        runs += 1;
    }
    total / runs
}

/// What a size's work is: `prepare(n)` builds the input (not timed) and returns the work to time.
type Prepare<'a> = &'a dyn Fn(usize) -> Box<dyn FnMut()>;

/// The measured growth of one shape.
struct Growth {
    n: usize,
    times: [Duration; 3],
    ratio: f64,
    step: f64,
}

impl Growth {
    fn superlinear(&self) -> bool {
        self.ratio > RATIO_LIMIT && self.step > STEP_LIMIT
    }
}

/// Best of `k` samples at `n`, `2n` and `4n`, interleaved so a burst of load hits every size alike;
/// `base` (the fixed cost of one call) is taken off.
fn measure(prepare: Prepare, n: usize, k: usize, base: Duration) -> Growth {
    let mut works: Vec<Box<dyn FnMut()>> = [n, 2 * n, 4 * n].iter().map(|&m| prepare(m)).collect();
    let mut times = [Duration::MAX; 3];
    for _ in 0..k {
        for (t, w) in times.iter_mut().zip(works.iter_mut()) {
            *t = (*t).min(per_run(w.as_mut()));
        }
    }
    let work = |t: Duration| t.saturating_sub(base).as_secs_f64().max(1e-7);
    let (a, b, c) = (work(times[0]), work(times[1]), work(times[2]));
    Growth { n, times, ratio: c / a, step: c / b }
}

/// Calibrate `n` (double it until one run is measurable, within `max_n`), then measure growth;
/// a superlinear verdict is measured again with more samples before it stands.
fn growth(prepare: Prepare, start: usize, max_n: usize, base: Duration) -> Growth {
    let mut n = start;
    while n * 2 <= max_n {
        let mut w = prepare(n);
        let once = timed(&mut w).1.min(timed(&mut w).1);
        if once.saturating_sub(base) >= CALIBRATE {
            break;
        }
        n *= 2;
    }
    let g = measure(prepare, n, 3, base);
    if g.superlinear() {
        return measure(prepare, n, 5, base);
    }
    g
}

/// The element budget of the "past the element budget" shape: small, so that nearly all of it is past.
const PAST_BUDGET: usize = 64;

/// The options a shape is analysed with: the defaults, but a small element budget for the shape that
/// measures the regime past it.
fn options(name: &str) -> Options {
    let mut o = Options::default();
    if name.contains("past the element budget") {
        o.max_elements = PAST_BUDGET;
    }
    o
}

fn analysis(gen: Gen, opts: Options) -> impl Fn(usize) -> Box<dyn FnMut()> {
    move |n| {
        let input = gen(n).into_bytes();
        let opts = opts.clone();
        Box::new(move || {
            let _ = black_box(readout::analyze(black_box(&input), "superlinear.txt", &opts));
        })
    }
}

/// Shapes measured below the element budget only. Past [`Options::max_elements`] the page's tags are
/// dropped and the rest of its text becomes article text: a list of related links that boilerplate
/// removal dropped at 2n is analysed as one long paragraph at 4n, a step between two regimes that is
/// not growth. The regime past the budget has a shape of its own ("links past the element budget").
const WITHIN_ELEMENT_BUDGET: &[&str] = &["many links (related news)"];

/// Opening tags in `s`, as the element budget counts them.
fn elements(s: &str) -> usize {
    s.as_bytes().windows(2).filter(|w| w[0] == b'<' && w[1].is_ascii_alphabetic()).count()
}

/// The largest `n` whose input stays under [`MAX_BYTES`] (and, for the shapes that must, whose input at
/// 4n stays under the element budget: calibration may reach `max_n`, and measures at n, 2n and 4n).
fn max_n(name: &str, gen: Gen) -> usize {
    let budget = WITHIN_ELEMENT_BUDGET.contains(&name).then(|| Options::default().max_elements);
    let fits = |n: usize| gen(n).len() <= MAX_BYTES && budget.is_none_or(|b| elements(&gen(n * 4)) <= b);
    let mut n = 1;
    while fits(n * 2) && n < 1 << 24 {
        n *= 2;
    }
    n
}

fn print(name: &str, g: &Growth) {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    eprintln!(
        "{name:42} n={:7}: {:8.2} ms  2n: {:8.2} ms  4n: {:9.2} ms   ratio {:5.2}  last step {:4.2}",
        g.n,
        ms(g.times[0]),
        ms(g.times[1]),
        ms(g.times[2]),
        g.ratio,
        g.step
    );
}

/// The fixed cost of one analysis call (large in a debug build), taken off every size.
fn fixed_cost() -> Duration {
    let tiny = format!("{PARA}\n").into_bytes();
    let _ = readout::analyze(&tiny, "warm.txt", &Options::default()); // dictionaries load on first use
    per_run(&mut || {
        let _ = black_box(readout::analyze(&tiny, "tiny.txt", &Options::default()));
    })
}

#[test]
fn analysis_time_grows_linearly() {
    let base = fixed_cost();
    let only = std::env::var("SUPERLINEAR_ONLY").ok();
    let mut failures = Vec::new();
    let total = Instant::now();
    for (name, gen) in shapes() {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let g = growth(&analysis(gen, options(name)), start(name), max_n(name, gen), base);
        print(name, &g);
        if g.superlinear() {
            failures.push(format!(
                "{name}: time(4n)/time(n) = {:.1}, time(4n)/time(2n) = {:.1} at n = {}",
                g.ratio, g.step, g.n
            ));
        }
    }
    eprintln!(
        "superlinear check took {:.1} s (fixed cost per call {:.3} ms, taken off)",
        total.elapsed().as_secs_f64(),
        base.as_secs_f64() * 1e3
    );
    assert!(failures.is_empty(), "superlinear growth:\n{}", failures.join("\n"));
}

/// One contact reported by many files: grouping must stay linear in the number of reports.
#[test]
fn collection_time_grows_linearly() {
    if std::env::var("SUPERLINEAR_ONLY").is_ok_and(|o| !"collection".contains(&o)) {
        return;
    }
    let text = "王毅同智利外长阿拉芒通电话\n新华社北京10月13日电 2021年10月13日，国务委员兼外长王毅同智利外长阿拉芒通电话。\n";
    let report = readout::analyze(text.as_bytes(), "one.txt", &Options::default()).unwrap();
    assert_eq!(report.contacts.events.len(), 1, "the fixture reports one contact");
    let one = Source::from(&report);
    let prepare = move |n: usize| -> Box<dyn FnMut()> {
        let sources: Vec<Source> =
            (0..n).map(|i| Source { file: format!("f{i}.txt"), ..one.clone() }).collect();
        Box::new(move || {
            let c = collect_sources(black_box(&sources));
            assert_eq!(c.groups.len(), 1);
            black_box(c);
        })
    };
    let g = growth(&prepare, 64, 1 << 16, Duration::ZERO);
    print("one contact reported by many files", &g);
    assert!(!g.superlinear(), "collection: time(4n)/time(n) = {:.1} at n = {}", g.ratio, g.n);
}

/// The check itself must catch a real quadratic, even one hidden behind linear work at small sizes:
/// this one splits its input into lines and removes them from the front one by one (the
/// `paras.remove(0)` loop that once made flat lists quadratic), besides a linear pass.
#[test]
fn the_check_catches_a_real_quadratic() {
    let gen: Gen = |n| (0..n).map(|i| format!("第{i}行\n")).collect();
    let quadratic = move |n: usize| -> Box<dyn FnMut()> {
        let input = gen(n);
        Box::new(move || {
            let mut lines: Vec<&str> = black_box(&input).lines().collect();
            let mut sum = input.bytes().map(u64::from).sum::<u64>(); // the linear part
            while !lines.is_empty() {
                sum += lines.remove(0).len() as u64;
            }
            black_box(sum);
        })
    };
    let linear = move |n: usize| -> Box<dyn FnMut()> {
        let input = gen(n);
        Box::new(move || {
            let mut lines: std::collections::VecDeque<&str> = black_box(&input).lines().collect();
            let mut sum = input.bytes().map(u64::from).sum::<u64>();
            while let Some(l) = lines.pop_front() {
                sum += l.len() as u64;
            }
            black_box(sum);
        })
    };
    let q = growth(&quadratic, 1024, 8192, Duration::ZERO);
    print("deliberately quadratic (Vec::remove(0))", &q);
    assert!(q.superlinear(), "the check missed a quadratic: ratio {:.1}, last step {:.1}", q.ratio, q.step);
    let l = growth(&linear, 1024, 1 << 20, Duration::ZERO);
    print("the same, linear (VecDeque::pop_front)", &l);
    assert!(!l.superlinear(), "the check failed a linear helper: ratio {:.1}", l.ratio);
}
