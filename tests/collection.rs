//! Collection: grouping the same contact across files, timeline order and counts, on small synthetic
//! articles (tests/fixtures/collection/*.txt) against tests/fixtures/collection/expected.json.

use readout::collection::{collect, Collection};
use readout::{analyze, Options, Report};
use std::path::Path;

fn fixtures() -> (Vec<Report>, serde_json::Value) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/collection");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let reports = names
        .iter()
        .map(|n| analyze(&std::fs::read(dir.join(n)).unwrap(), n, &Options::default()).unwrap())
        .collect();
    let expected =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    (reports, expected)
}

fn member_files(c: &Collection) -> Vec<Vec<String>> {
    c.timeline.iter().map(|&g| c.groups[g].members.iter().map(|m| m.file.clone()).collect()).collect()
}

#[test]
fn groups_merge_the_same_contact_and_keep_others_apart() {
    let (reports, expected) = fixtures();
    let c = collect(&reports);
    let want: Vec<Vec<String>> = serde_json::from_value(expected["groups"].clone()).unwrap();
    assert_eq!(member_files(&c), want);
    assert_eq!(c.reports, reports.len());
    assert_eq!(c.events, reports.iter().map(|r| r.contacts.events.len()).sum::<usize>());
}

#[test]
fn timeline_is_in_date_order() {
    let (reports, _) = fixtures();
    let c = collect(&reports);
    let dates: Vec<&str> = c.timeline.iter().map(|&g| c.groups[g].date.as_deref().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    // ids are timeline positions
    assert!(c.timeline.iter().enumerate().all(|(i, &g)| c.groups[g].id == i && g == i));
}

#[test]
fn counts_count_groups_and_reports() {
    let (reports, expected) = fixtures();
    let c = collect(&reports);
    for (field, list) in [("by_counterpart", &c.by_counterpart), ("by_kind", &c.by_kind)] {
        for (key, want) in expected[field].as_object().unwrap() {
            let got = list
                .iter()
                .find(|x| &x.key == key)
                .unwrap_or_else(|| panic!("{field}: no {key} in {list:?}"));
            assert_eq!(
                [got.groups, got.reports],
                [want[0].as_u64().unwrap() as usize, want[1].as_u64().unwrap() as usize],
                "{field} {key}"
            );
        }
        // most first
        assert!(list.windows(2).all(|w| w[0].groups >= w[1].groups), "{field} order");
    }
    // a topic counts once per group even when every member's report names it
    let total: usize = c.groups.len();
    assert!(c.by_topic.iter().all(|t| t.groups <= total && t.reports >= t.groups));
}

#[test]
fn merged_group_lists_both_files_and_picks_a_member_as_representative() {
    let (reports, _) = fixtures();
    let c = collect(&reports);
    let g = c.groups.iter().find(|g| g.members.len() == 2).expect("a merged group");
    assert_eq!(g.files, 2);
    assert!(g.members.contains(&g.representative));
    let rep = reports.iter().find(|r| r.file == g.representative.file).unwrap();
    assert_eq!(rep.contacts.events[g.representative.event].date, g.date);
    // the traditional-script name is folded: one person key, not two
    assert_eq!(g.counterparts.iter().filter(|k| k.starts_with("person:")).count(), 1, "{:?}", g.counterparts);
}

#[test]
fn undated_events_never_join_dated_ones() {
    let text = "王毅同俄罗斯外长拉夫罗夫通电话\n王毅同俄罗斯外长拉夫罗夫通电话，双方交换意见。\n";
    let undated = analyze(text.as_bytes(), "undated.txt", &Options::default()).unwrap();
    let (mut reports, _) = fixtures();
    if undated.contacts.events.first().is_some_and(|e| e.date.is_none()) {
        reports.push(undated);
        let c = collect(&reports);
        let last = &c.groups[*c.timeline.last().unwrap()];
        assert_eq!(last.date, None, "undated last");
        assert_eq!(last.members.len(), 1);
        assert_eq!(last.members[0].file, "undated.txt");
    }
}

#[test]
fn the_same_reports_twice_give_groups_of_two() {
    let (reports, _) = fixtures();
    let once = collect(&reports);
    let mut twice = reports.clone();
    for mut r in reports {
        r.file = format!("copy-{}", r.file);
        twice.push(r);
    }
    let c = collect(&twice);
    assert_eq!(c.groups.len(), once.groups.len());
    for (a, b) in once.groups.iter().zip(&c.groups) {
        assert_eq!(b.members.len(), 2 * a.members.len());
    }
    let ru = |c: &Collection| {
        c.by_counterpart.iter().find(|x| x.key == "country:RU").map(|x| (x.groups, x.reports))
    };
    let (g1, r1) = ru(&once).unwrap();
    assert_eq!(ru(&c), Some((g1, 2 * r1)));
}

#[test]
fn reports_read_back_from_json_give_the_same_collection() {
    // The page passes report objects; `Source` must read them as the CLI writes them.
    let (reports, _) = fixtures();
    let sources: Vec<readout::collection::Source> = reports
        .iter()
        .map(|r| {
            serde_json::from_value(serde_json::to_value(r).unwrap()).expect("a report reads as a Source")
        })
        .collect();
    let a = serde_json::to_value(collect(&reports)).unwrap();
    let b = serde_json::to_value(readout::collection::collect_sources(&sources)).unwrap();
    assert_eq!(a, b);
}

#[test]
fn cli_prints_the_collection_and_reports_failures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/collection");
    let missing = dir.join("no-such-file.txt");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
        .args(["analyze", "--collection"])
        .args(
            [
                "a_wire.txt",
                "b_paper.txt",
                "c_next_day.txt",
                "d_same_day_france.txt",
                "e_same_day_meeting.txt",
            ]
            .map(|n| dir.join(n)),
        )
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a failed file makes the status 1");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-file.txt"));
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let (_, expected) = fixtures();
    assert_eq!(c["groups"].as_array().unwrap().len(), expected["groups"].as_array().unwrap().len());
    assert_eq!(c["reports"], 5);
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
        .args(["analyze", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("--collection") && help.contains("distinct contact"), "{help}");
}

/// A source from a compact JSON description: (kind, date, counterpart country, counterpart name).
fn source(file: &str, events: &[(&str, Option<&str>, &str, Option<&str>)]) -> readout::collection::Source {
    published(file, None, events)
}

fn published(
    file: &str,
    day: Option<&str>,
    events: &[(&str, Option<&str>, &str, Option<&str>)],
) -> readout::collection::Source {
    let events: Vec<serde_json::Value> = events
        .iter()
        .map(|(kind, date, cc, name)| {
            serde_json::json!({
                "kind": kind, "cameo": "041", "status": "held", "date": date, "location": null,
                "requested_by": null, "source": "body", "span": null, "evidence": {}, "paragraph": 0,
                "date_as_written": null,
                "china": [{"name": "王毅", "title": null, "country": "CN", "org": null, "span": null, "title_span": null}],
                "counterparts": [{"name": name, "title": null, "country": cc, "org": null, "span": null, "title_span": null}],
            })
        })
        .collect();
    serde_json::from_value(
        serde_json::json!({"file": file, "meta": {"published": day}, "events": events, "topics": []}),
    )
    .unwrap()
}

#[test]
fn a_vague_report_does_not_chain_two_contacts_of_one_article() {
    // One article: two calls with Russia the same day (two people). Another names only the state.
    let a = source(
        "a",
        &[
            ("phone_call", Some("2023-03-05"), "RU", Some("拉夫罗夫")),
            ("phone_call", Some("2023-03-05"), "RU", Some("鲁登科")),
        ],
    );
    let b = source("b", &[("phone_call", Some("2023-03-05"), "RU", None)]);
    let c = readout::collection::collect_sources(&[a, b]);
    assert_eq!(c.groups.len(), 2, "{:#?}", c.groups.iter().map(|g| &g.members).collect::<Vec<_>>());
    assert!(c.groups.iter().all(|g| g.members.iter().filter(|m| m.file == "a").count() == 1));
}

#[test]
fn undated_reports_join_only_when_published_the_same_day_with_a_shared_name() {
    let ev = |name| [("meeting", None, "FR", name)];
    let a = published("a", Some("2023-03-05T08:00:00Z"), &ev(Some("科隆纳")));
    let b = published("b", Some("2023-03-05"), &[("talks", None, "FR", Some("科隆纳"))]);
    let c = published("c", Some("2023-03-05"), &ev(None));
    let d = published("d", Some("2023-05-01"), &ev(Some("科隆纳")));
    let e = source("e", &ev(Some("科隆纳")));
    let col = readout::collection::collect_sources(&[a, b, c, d, e]);
    let files: Vec<Vec<&str>> =
        col.groups.iter().map(|g| g.members.iter().map(|m| m.file.as_str()).collect()).collect();
    assert_eq!(files, [vec!["a", "b"], vec!["c"], vec!["d"], vec!["e"]]);
}

/// The grouping rule applied to every pair of events in input order (the collection's definition,
/// quadratic): the incremental [`readout::collection::Collector`] must give the same groups.
fn reference_groups(sources: &[serde_json::Value]) -> Vec<Vec<(usize, usize)>> {
    use std::collections::{BTreeMap, BTreeSet};
    type Set = BTreeSet<String>;
    struct It {
        src: usize,
        idx: usize,
        kind: String,
        date: Option<String>,
        published: Option<String>,
        cn: Set,
        cp_names: Set,
        cp_units: Set,
        lang: String,
        has_china: bool,
    }
    let set = |v: &serde_json::Value, f: &dyn Fn(&serde_json::Value) -> Vec<String>| -> Set {
        v.as_array().unwrap().iter().flat_map(f).collect()
    };
    let mut items = Vec::new();
    for (s, src) in sources.iter().enumerate() {
        for (i, e) in src["events"].as_array().unwrap().iter().enumerate() {
            // One person across scripts and languages: the people table's id.
            let name = |p: &serde_json::Value| {
                let n = p["name"].as_str().map(|n| match readout::people::get().lookup(n) {
                    Some(person) => format!("@{}", person.id),
                    None => n.to_string(),
                });
                n.into_iter().collect()
            };
            let unit = |p: &serde_json::Value| {
                let c = p["country"].as_str().map(|c| format!("country:{c}"));
                let o = p["org"].as_str().map(|o| format!("org:{o}"));
                c.into_iter().chain(o).collect()
            };
            items.push(It {
                src: s,
                idx: i,
                kind: e["kind"].as_str().unwrap().to_string(),
                date: e["date"].as_str().map(str::to_string),
                published: src["meta"]["published"].as_str().map(|p| p[..10].to_string()),
                cn: set(&e["china"], &name),
                cp_names: set(&e["counterparts"], &name),
                cp_units: set(&e["counterparts"], &unit),
                lang: src["language"].as_str().unwrap_or("zh").to_string(),
                has_china: !e["china"].as_array().unwrap().is_empty(),
            });
        }
    }
    let class = |k: &str| if k == "talks" { "meeting".to_string() } else { k.to_string() };
    let day = |d: &str| chrono_free_ordinal(d);
    let same = |a: &It, b: &It| {
        let meet = |x: &Set, y: &Set| !x.is_disjoint(y);
        if a.lang != b.lang {
            // Across languages: both dated a day apart at most, both with a PRC side, remote and
            // in-person kinds apart, PRC names shared when both have them, a counterpart name shared.
            let (Some(x), Some(y)) = (&a.date, &b.date) else { return false };
            let xc = |k: &str| match k {
                "phone_call" | "video_call" => "remote".to_string(),
                k => class(k),
            };
            return a.src != b.src
                && a.has_china
                && b.has_china
                && (day(x) - day(y)).abs() <= 1
                && (a.kind == "other" || b.kind == "other" || xc(&a.kind) == xc(&b.kind))
                && (a.cn.is_empty() || b.cn.is_empty() || meet(&a.cn, &b.cn))
                && meet(&a.cp_names, &b.cp_names);
        }
        if a.src == b.src
            || (a.kind != "other" && b.kind != "other" && class(&a.kind) != class(&b.kind))
            || (!a.cn.is_empty() && !b.cn.is_empty() && !meet(&a.cn, &b.cn))
        {
            return false;
        }
        match (&a.date, &b.date) {
            (Some(x), Some(y)) if x == y => {}
            (None, None) => {
                return a.published.is_some() && a.published == b.published && meet(&a.cp_names, &b.cp_names)
            }
            _ => return false,
        }
        if !a.cp_names.is_empty() && !b.cp_names.is_empty() {
            meet(&a.cp_names, &b.cp_names)
        } else {
            meet(&a.cp_units, &b.cp_units) || meet(&a.cp_names, &b.cp_names)
        }
    };
    let mut parent: Vec<usize> = (0..items.len()).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            i = p[i];
        }
        i
    }
    let mut files: Vec<BTreeSet<usize>> = items.iter().map(|it| BTreeSet::from([it.src])).collect();
    for i in 0..items.len() {
        for j in 0..i {
            if same(&items[i], &items[j]) {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                if ri != rj && files[ri].is_disjoint(&files[rj]) {
                    let (keep, gone) = (ri.min(rj), ri.max(rj));
                    parent[gone] = keep;
                    let moved = std::mem::take(&mut files[gone]);
                    files[keep].extend(moved);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        groups.entry(find(&mut parent, i)).or_default().push((it.src, it.idx));
    }
    let mut out: Vec<Vec<(usize, usize)>> = groups.into_values().collect();
    out.sort();
    out
}

/// Days since an epoch of a `YYYY-MM-DD` date (the test's own arithmetic, for March 2023).
fn chrono_free_ordinal(d: &str) -> i64 {
    let (y, m, dd): (i64, i64, i64) =
        (d[..4].parse().unwrap(), d[5..7].parse().unwrap(), d[8..10].parse().unwrap());
    y * 372 + m * 31 + dd
}

#[test]
fn incremental_grouping_agrees_with_comparing_every_pair() {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = move |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let pick = |r: usize, v: &[Option<&str>]| v[r % v.len()].map(str::to_string);
    for trial in 0..400 {
        let n = 1 + rnd(30);
        let sources: Vec<serde_json::Value> = (0..n)
            .map(|s| {
                let events: Vec<serde_json::Value> = (0..rnd(4))
                    .map(|_| {
                        let kinds = ["phone_call", "meeting", "talks", "other", "video_call"];
                        let person = |name: Option<String>, country: Option<String>, org: Option<String>| {
                            serde_json::json!({"name": name, "title": null, "country": country, "org": org,
                                               "span": null, "title_span": null})
                        };
                        let china: Vec<_> = (0..rnd(3))
                            .map(|_| {
                                let names = [Some("王毅"), Some("习近平"), Some("Xi Jinping"), Some("習近平"), None];
                                person(pick(rnd(5), &names), Some("CN".into()), None)
                            })
                            .collect();
                        let cps: Vec<_> = (0..rnd(3))
                            .map(|_| {
                                person(
                                    pick(
                                        rnd(7),
                                        &[Some("甲"), Some("乙"), Some("丙"), None, Some("拜登"), Some("Joe Biden"), Some("Jake Sullivan")],
                                    ),
                                    pick(rnd(3), &[Some("RU"), Some("FR"), None]),
                                    pick(rnd(3), &[Some("联合国"), None, None]),
                                )
                            })
                            .collect();
                        serde_json::json!({
                            "kind": kinds[rnd(kinds.len())], "cameo": "040", "status": "held",
                            "date": pick(rnd(4), &[Some("2023-03-05"), Some("2023-03-06"), Some("2023-03-07"), None]),
                            "location": null, "requested_by": null, "source": "body", "span": null,
                            "evidence": {}, "paragraph": 0, "date_as_written": null,
                            "china": china, "counterparts": cps,
                        })
                    })
                    .collect();
                let published = pick(rnd(3), &[Some("2023-03-05T08:00:00Z"), Some("2023-03-06"), None]);
                let language = ["zh", "en"][rnd(2)];
                serde_json::json!({"file": format!("f{s}"), "language": language, "meta": {"published": published}, "events": events})
            })
            .collect();
        let want = reference_groups(&sources);
        let parsed: Vec<readout::collection::Source> =
            sources.iter().map(|s| serde_json::from_value(s.clone()).unwrap()).collect();
        let c = readout::collection::collect_sources(&parsed);
        let mut got: Vec<Vec<(usize, usize)>> = c
            .groups
            .iter()
            .map(|g| g.members.iter().map(|m| (m.file[1..].parse().unwrap(), m.event)).collect())
            .collect();
        got.sort();
        assert_eq!(got, want, "trial {trial}: {}", serde_json::to_string(&sources).unwrap());
    }
}

#[test]
fn collector_adds_one_report_at_a_time() {
    let (reports, _) = fixtures();
    let mut c = readout::collection::Collector::new();
    for (i, r) in reports.iter().enumerate() {
        assert_eq!(c.add(readout::collection::Source::from(r)), i);
        let partial = serde_json::to_value(c.collection()).unwrap();
        let direct = serde_json::to_value(collect(&reports[..=i])).unwrap();
        assert_eq!(partial, direct, "after {} reports", i + 1);
    }
    assert_eq!(c.len(), reports.len());
    let all = c.collection();
    for g in &all.groups {
        for m in &g.members {
            let s = reports.iter().position(|r| r.file == m.file).unwrap();
            assert_eq!(all.group_of[s][m.event], g.id);
        }
    }
}
