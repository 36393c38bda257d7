//! The gazetteer's country table: every UN member state resolves to its ISO code from its simplified and its
//! traditional Chinese names (tools/un_members.tsv, from the UN's list), longest name first, and names that
//! contain another state's name resolve to the longer one in made-up sentences.

use readout::gazetteer;
use readout::script::to_simplified;
use std::collections::HashMap;

/// (iso, simplified name, traditional names) of the 193 UN members.
fn un_members() -> Vec<(String, String, Vec<String>)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tools/un_members.tsv");
    let text = std::fs::read_to_string(path).expect("tools/un_members.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 4, "tools/un_members.tsv: 4 columns expected: {l}");
            let trad = f[3].split('|').filter(|t| !t.is_empty()).map(str::to_string).collect();
            (f[0].to_string(), f[2].to_string(), trad)
        })
        .collect()
}

/// The ISO codes of the states the automaton finds in a sentence (simplified view), in order.
fn states_in(sentence: &str) -> Vec<String> {
    let g = gazetteer::get();
    let simplified = to_simplified(sentence);
    g.country_ac
        .find_iter(&simplified)
        .map(|m| g.countries[g.country_names[m.pattern().as_usize()].1].iso.clone())
        .collect()
}

/// The state named at the start of `s`, as the extractor reads one before a title.
fn state_before_title(s: &str) -> Option<String> {
    let g = gazetteer::get();
    g.country_prefix(&to_simplified(s)).map(|(i, _)| g.countries[i].iso.clone())
}

#[test]
fn every_un_member_resolves_from_its_simplified_and_traditional_names() {
    let members = un_members();
    assert_eq!(members.len(), 193);
    let g = gazetteer::get();
    let mut failures = Vec::new();
    for (iso, simp, trads) in &members {
        assert!(!trads.is_empty(), "{iso}: no traditional name to test");
        match g.country_by_iso(iso) {
            Some(c) if c.state => {}
            _ => failures.push(format!("{iso}: not a state in data/countries.tsv")),
        }
        for name in std::iter::once(simp).chain(trads) {
            // The whole name, in a sentence, and before a title.
            let sentence = format!("据报道，{name}总统近日访华。");
            let found = states_in(&sentence);
            if found != [iso.clone()] {
                failures.push(format!("{iso}: {sentence} → {found:?}"));
            }
            let before = state_before_title(&format!("{name}外长"));
            if before.as_deref() != Some(iso.as_str()) {
                failures.push(format!("{iso}: {name}外长 → {before:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn longer_names_win_over_the_names_they_contain() {
    let cases = [
        ("几内亚比绍总统访华", "GW"),
        ("幾內亞比紹總統訪華", "GW"),
        ("几内亚总统访华", "GN"),
        ("赤道几内亚副总统访华", "GQ"),
        ("巴布亚新几内亚总理访华", "PG"),
        ("多米尼加外长访华", "DO"),
        ("多米尼克总理访华", "DM"),
        ("刚果（金）总统访华", "CD"),
        ("刚果(金)总统访华", "CD"),
        ("刚果民主共和国总统访华", "CD"),
        ("刚果（布）总统访华", "CG"),
        ("剛果（布拉薩）總統訪華", "CG"),
        ("苏丹过渡主权委员会主席访华", "SD"),
        ("南苏丹总统访华", "SS"),
        ("尼日尔总理访华", "NE"),
        ("尼日利亚总统访华", "NG"),
        ("奈及利亞總統訪華", "NG"),
        ("科摩罗总统访华", "KM"),
        ("瑙鲁议长访华", "NR"),
        ("諾魯總統訪華", "NR"),
        ("安提瓜和巴布达总理访华", "AG"),
        ("巴巴多斯总理访华", "BB"),
        ("巴哈马众议长访华", "BS"),
        ("美属萨摩亚代表访华", "AS"),
        ("萨摩亚总理访华", "WS"),
        ("中非共和国总统访华", "CF"),
        ("加纳利群岛官员访华", "ES"),
        ("加纳总统访华", "GH"),
        ("印度尼西亚总统访华", "ID"),
        ("印度总理访华", "IN"),
        ("斯洛伐克总理访华", "SK"),
        ("斯洛文尼亚总统访华", "SI"),
        ("库克群岛总理访华", "CK"),
    ];
    let mut failures = Vec::new();
    for (sentence, iso) in cases {
        let found = states_in(sentence);
        if found != [iso] {
            failures.push(format!("{sentence}: {found:?}, expected [{iso}]"));
        }
        if state_before_title(sentence).as_deref() != Some(iso) {
            failures.push(format!("{sentence}: prefix {:?}, expected {iso}", state_before_title(sentence)));
        }
    }
    // Two states in one sentence, each its own.
    let both = states_in("几内亚总统和几内亚比绍总统先后会见尼日尔和尼日利亚外长。");
    if both != ["GN", "GW", "NE", "NG"] {
        failures.push(format!("two pairs in one sentence: {both:?}"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_name_belongs_to_two_places() {
    let g = gazetteer::get();
    let mut owner: HashMap<&str, &str> = HashMap::new();
    let mut clashes = Vec::new();
    for c in &g.countries {
        for n in &c.names {
            if let Some(other) = owner.insert(n, &c.iso) {
                if other != c.iso {
                    clashes.push(format!("{n}: {other} and {}", c.iso));
                }
            }
        }
    }
    assert!(clashes.is_empty(), "{}", clashes.join("\n"));
}

#[test]
fn hong_kong_macau_taiwan_are_not_foreign_but_dependencies_are() {
    let g = gazetteer::get();
    for iso in ["HK", "MO", "TW"] {
        assert!(!g.country_by_iso(iso).expect(iso).state, "{iso} read as foreign");
    }
    for iso in ["CK", "GL", "PR", "NU"] {
        assert!(g.country_by_iso(iso).expect(iso).state, "{iso}: its officials are foreign");
    }
    // "中国香港" is Hong Kong, not China.
    assert_eq!(state_before_title("中国香港特区行政长官").as_deref(), Some("HK"));
    assert_eq!(state_before_title("中國澳門特別行政區行政長官").as_deref(), Some("MO"));
}

#[test]
fn shared_short_forms_default_to_the_first_state_listing_them() {
    let g = gazetteer::get();
    let first = |s: &str| g.country_short.get(s).map(|v| g.countries[v[0]].iso.as_str());
    // The state the press means when the article names none of the others in full.
    assert_eq!(first("巴"), Some("PK"));
    assert_eq!(first("新"), Some("NZ"));
    assert_eq!(first("马"), Some("MY"));
    assert_eq!(first("塞"), Some("RS"));
    assert_eq!(first("斯"), Some("LK"));
    assert_eq!(first("阿"), Some("AF"));
    assert_eq!(first("摩"), Some("MA"));
    assert_eq!(first("伊"), Some("IR"));
    for (short, iso) in [("巴", "BR"), ("巴", "PA"), ("斯", "SK"), ("尼", "NE"), ("加", "GH")] {
        let cands: Vec<&str> = g.country_short[short].iter().map(|i| g.countries[*i].iso.as_str()).collect();
        assert!(cands.contains(&iso), "{short}: {cands:?} lacks {iso}");
    }
}

#[test]
fn names_that_are_something_else_are_not_states() {
    // Left out on purpose (tools/countries_press.tsv): each is mostly another thing in this genre.
    for s in ["大马士革", "理查德·哈斯", "香港狮子山", "东加勒比国家组织", "美国乔治亚州"]
    {
        let found = states_in(s);
        assert!(
            !found.iter().any(|i| ["MY", "TD", "SL", "TO", "GE"].contains(&i.as_str())),
            "{s}: {found:?}"
        );
    }
}

#[test]
fn title_patterns_expand_to_every_alternative() {
    use gazetteer::expand;
    assert_eq!(expand("{|副}部长"), ["部长", "副部长"]);
    assert_eq!(
        expand("{国家|}卫健委{主任|副主任}"),
        ["国家卫健委主任", "国家卫健委副主任", "卫健委主任", "卫健委副主任"]
    );
    assert_eq!(expand("省长"), ["省长"]);
    // An unclosed brace is a plain character.
    assert_eq!(expand("a{b"), ["a{b"]);
}

#[test]
fn no_title_is_given_two_sides() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/titles.tsv")).expect("titles");
    let mut side: HashMap<String, String> = HashMap::new();
    let mut clashes = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let (pattern, s) = line.split_once('\t').expect("two columns");
        for t in gazetteer::expand(pattern) {
            if let Some(prev) = side.insert(t.clone(), s.to_string()) {
                if prev != s {
                    clashes.push(format!("{t}: {prev} and {s}"));
                }
            }
        }
    }
    assert!(clashes.is_empty(), "{}", clashes.join("\n"));
}

#[test]
fn offices_are_read_by_the_end_of_their_title() {
    use gazetteer::TitleSide::*;
    let g = gazetteer::get();
    let cases = [
        // PRC offices, with the province or the institution before them.
        ("福建省委书记", China),
        ("广西壮族自治区党委书记", China),
        ("云南省省长", China),
        ("上海市人大常委会主任", China),
        ("国家卫生健康委员会主任", China),
        ("国家卫健委主任", China),
        ("国家发展改革委主任", China),
        ("中国人民银行行长", China),
        ("中共中央政治局委员、中央外办主任", China),
        ("中共中央对外联络部副部长", China),
        ("中央军委副主席", China),
        ("东部战区司令员", China),
        ("全国人大外事委员会主任委员", China),
        ("工业和信息化部部长", China),
        // Ministries every state has stay open: the state decides.
        ("公安部部长", Any),
        ("外交部长", Any),
        ("国防部长", Any),
        // Foreign offices.
        ("马来西亚最高元首", Foreign),
        ("蒙古国国家大呼拉尔主席", Foreign),
        ("巴哈马参议长", Foreign),
        ("越南国会主席", Foreign),
        ("沙特王储兼首相", Foreign),
        // Company executives and business bodies.
        ("英国汇丰集团主席", Company),
        ("美国景顺集团董事会主席", Company),
        ("英国某某控股有限公司执行主席", Company),
        ("美国某某基金会主席", Company),
        ("某国商会会长", Company),
    ];
    let mut failures = Vec::new();
    for (stretch, want) in cases {
        match g.title_suffix(stretch) {
            Some((_, side)) if side == want => {}
            got => failures.push(format!("{stretch}: {got:?}, expected {want:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn office_holders_are_dated_and_name_known_states_and_bodies() {
    let g = gazetteer::get();
    let mut problems = Vec::new();
    for hs in g.holders.values() {
        for h in hs {
            if h.to.is_some_and(|t| t < h.from) || h.from < 1950 {
                problems.push(format!("{}: {}–{:?}", h.name, h.from, h.to));
            }
            if let Some(iso) = &h.country {
                if g.country_by_iso(iso).is_none() {
                    problems.push(format!("{}: unknown state {iso}", h.name));
                }
            }
            if let Some(org) = &h.org {
                if !g.orgs.iter().any(|o| &o.name == org) {
                    problems.push(format!("{}: unknown organisation {org}", h.name));
                }
            }
            if h.country.is_none() == h.org.is_none() {
                problems.push(format!("{}: a state or an organisation, one of them", h.name));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn prc_leaders_hold_the_office_of_the_year() {
    let g = gazetteer::get();
    let cases = [
        ("李强", 2024, "国务院总理"),
        ("李克强", 2020, "国务院总理"),
        ("赵乐际", 2024, "全国人大常委会委员长"),
        ("赵乐际", 2019, "中央纪委书记"),
        ("栗战书", 2020, "全国人大常委会委员长"),
        ("王沪宁", 2024, "全国政协主席"),
        ("汪洋", 2020, "全国政协主席"),
        ("丁薛祥", 2024, "国务院副总理"),
        ("丁薛祥", 2019, "中央办公厅主任"),
        ("韩正", 2024, "国家副主席"),
        ("韩正", 2020, "国务院副总理"),
        ("李希", 2024, "中央纪委书记"),
        ("蔡奇", 2024, "中央办公厅主任"),
        ("王毅", 2024, "外交部长"),
        ("王东峰", 2024, "全国政协副主席"),
    ];
    let mut wrong = Vec::new();
    for (name, year, office) in cases {
        match g.holder(name, Some(year)) {
            Some(h) if h.office == office && h.country.as_deref() == Some("CN") => {}
            h => wrong.push(format!("{name} {year}: {:?}", h.map(|h| (&h.office, &h.country)))),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
