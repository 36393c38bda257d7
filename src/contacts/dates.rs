//! Dates: calendar arithmetic and the resolution of the date expressions of a readout (absolute dates,
//! month-day without a year, 昨天/今天/前天, 周一…周日, 上周X, day-of-month only) against the publication date.

use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A calendar day (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

impl Day {
    pub fn new(y: i32, m: u32, d: u32) -> Option<Day> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) || !(1900..=2100).contains(&y) {
            return None;
        }
        Some(Day { y, m, d })
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    pub fn ordinal(self) -> i64 {
        let y = i64::from(self.y) - i64::from(self.m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.m);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    pub fn from_ordinal(z: i64) -> Day {
        let z = z + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        Day { y: (y + i64::from(m <= 2)) as i32, m, d }
    }

    pub fn plus(self, days: i64) -> Day {
        Day::from_ordinal(self.ordinal() + days)
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> i64 {
        (self.ordinal() + 3).rem_euclid(7)
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    /// Parse the leading `YYYY-MM-DD` of an ISO 8601 string.
    pub fn parse_iso(s: &str) -> Option<Day> {
        let b = s.get(..10)?;
        let mut it = b.split('-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        Day::new(y, m, d)
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// What a date expression says, before it is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expr {
    Full(i32, u32, u32),
    MonthDay(u32, u32),
    Day(u32),
    /// Days relative to the publication date (今天 0, 昨天 -1, 前天 -2, 明天 +1).
    Relative(i64),
    /// A weekday (0 = Monday) and its week: `None` for a bare 周X (the nearest one), `Some(-1)` 上周X,
    /// `Some(0)` 本周X, `Some(1)` 下周X.
    Weekday(i64, Option<i64>),
    /// 上月X日 (-1), 本月X日 (0).
    MonthRelDay(i64, u32),
    /// 今年 (0), 去年 (-1), 前年 (-2), 明年 (+1) with a month and day.
    YearRelMonthDay(i32, u32, u32),
    /// Days from the date told just before, opening a clause: 次日, 翌日 (+1), 此前一天, 前一天 (-1), 当天,
    /// 当日, 同日 (0).
    FromPrevious(i64),
}

/// A date expression found in text: what it says and where (byte range in the searched string).
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub expr: Expr,
    pub start: usize,
    pub end: usize,
}

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:(?P<y>(?:19|20)\d\d)\s*年\s*|(?P<ry>今年|去年|前年|明年))?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*[日号]",
        r"|(?P<rel>今天|今日|今早|今晨|今晚|今午|昨天|昨日|昨晚|昨晨|昨午|前天|前日|明天|明日|后天)",
        r"|(?P<wk>上|本|这|下)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])",
        r"|(?P<mrel>上|本|下)月(?P<mday>\d{1,2})\s*[日号]",
        r"|(?P<next>次日|翌日)|(?P<prev>此前一天|前一天|前一日)|(?P<same>当天|当日|同日|同一天)",
    ))
    .expect("date regex")
});

/// What opens a clause before a date word that counts from the date told before it.
const CLAUSE_MARKS: &[char] = &['，', '。', '；', '：', ',', '\n'];

/// Every date expression in `s`, in order.
pub fn find_all(s: &str) -> Vec<Found> {
    let mut out = Vec::new();
    for c in DATE_RE.captures_iter(s) {
        let m0 = c.get(0).expect("match");
        let expr = if let Some(d) = c.name("d") {
            // A day number glued to more digits (a quantity such as 2021日元) is not a date.
            if s[..m0.start()].ends_with(|ch: char| ch.is_ascii_digit()) {
                continue;
            }
            match numbered(&c, d.as_str()) {
                Some(e) => e,
                None => continue,
            }
        } else if let Some(r) = c.name("rel") {
            let r = r.as_str();
            let off = if r.starts_with('今') {
                0
            } else if r.starts_with('昨') {
                -1
            } else if r.starts_with("前") {
                -2
            } else if r.starts_with("后") {
                2
            } else {
                1
            };
            Expr::Relative(off)
        } else if let Some(w) = c.name("wd") {
            weekday(&c, w.as_str())
        } else if let Some(md) = c.name("mday") {
            let rel = match c.name("mrel").map(|m| m.as_str()) {
                Some("上") => -1,
                Some("下") => 1,
                _ => 0,
            };
            Expr::MonthRelDay(rel, md.as_str().parse().unwrap_or(0))
        } else if c.name("next").is_some() || c.name("prev").is_some() || c.name("same").is_some() {
            // Only opening a clause ("次日，", "此前一天，", "当天上午"): "会谈前一天" is the day before
            // another thing.
            if !s[..m0.start()].trim_end().is_empty() && !s[..m0.start()].ends_with(CLAUSE_MARKS) {
                continue;
            }
            let off = match (c.name("next"), c.name("prev")) {
                (Some(_), _) => 1,
                (_, Some(_)) => -1,
                _ => 0,
            };
            Expr::FromPrevious(off)
        } else {
            continue;
        };
        out.push(Found { expr, start: m0.start(), end: m0.end() });
    }
    out
}

/// A date written with a day number: with a year and month, a month (and a year counted from this one), or
/// the day alone; `None` for a year and day with no month.
fn numbered(c: &regex::Captures, d: &str) -> Option<Expr> {
    let d: u32 = d.parse().unwrap_or(0);
    let ry = c.name("ry").map(|r| match r.as_str() {
        "去年" => -1,
        "前年" => -2,
        "明年" => 1,
        _ => 0,
    });
    let month = |m: regex::Match| m.as_str().parse::<u32>().unwrap_or(0);
    Some(match (c.name("y"), c.name("m")) {
        (Some(y), Some(m)) => Expr::Full(y.as_str().parse().unwrap_or(0), month(m), d),
        (None, Some(m)) if ry.is_some() => Expr::YearRelMonthDay(ry.unwrap_or(0), month(m), d),
        (None, Some(m)) => Expr::MonthDay(month(m), d),
        (Some(_), None) => return None,
        // "3日" alone ("30日内", "7日起" look alike: later passes keep only a dated clause's).
        (None, None) => Expr::Day(d),
    })
}

/// 周一…周日 (星期…), of this week, the last or the next.
fn weekday(c: &regex::Captures, w: &str) -> Expr {
    let wd = match w {
        "一" => 0,
        "二" => 1,
        "三" => 2,
        "四" => 3,
        "五" => 4,
        "六" => 5,
        _ => 6,
    };
    let wk = c.name("wk").map(|w| match w.as_str() {
        "上" => -1,
        "下" => 1,
        _ => 0,
    });
    Expr::Weekday(wd, wk)
}

/// The context dates are resolved in.
#[derive(Debug, Clone, Default)]
pub struct Anchor {
    /// The publication date.
    pub published: Option<Day>,
    /// Year–month of the article's own dateline when it gives one (新华社北京10月13日电).
    pub dateline: Option<(u32, u32)>,
    /// Years of dated material elsewhere in the file, keyed by month-day, with the most frequent year.
    pub years_by_md: HashMap<(u32, u32), i32>,
    pub common_year: Option<i32>,
}

/// A resolved date; `corrected_from` is set when the text's year was an obvious slip, `inferred` when the
/// year was not written with the date nor given by the publication date (it came from dated material or a
/// year elsewhere in the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    pub day: Day,
    pub corrected_from: Option<Day>,
    pub inferred: bool,
}

impl Resolved {
    pub fn plain(day: Day) -> Self {
        Resolved { day, corrected_from: None, inferred: false }
    }
}

impl Anchor {
    /// The year of a month-day, and whether it was inferred (not from the publication date).
    fn year_for(&self, m: u32, d: u32) -> Option<(i32, bool)> {
        if let Some(p) = self.published {
            // A month-day later than publication (beyond a few days for announced events) is last year's.
            let this = Day::new(p.y, m, d)?;
            if this.ordinal() > p.ordinal() + 45 {
                return Some((p.y - 1, false));
            }
            return Some((p.y, false));
        }
        if let Some(y) = self.years_by_md.get(&(m, d)) {
            return Some((*y, true));
        }
        self.common_year.map(|y| (y, true))
    }

    /// Resolve an expression dating a planned contact: a bare weekday is the next one, not the last.
    pub fn resolve_future(&self, e: Expr) -> Option<Resolved> {
        if let (Expr::Weekday(wd, None), Some(p)) = (e, self.published) {
            let delta = (wd - p.weekday()).rem_euclid(7);
            return Some(Resolved::plain(p.plus(delta)));
        }
        self.resolve(e)
    }

    /// Resolve one expression; `None` when the file does not say enough.
    pub fn resolve(&self, e: Expr) -> Option<Resolved> {
        let plain = |day| Some(Resolved::plain(day));
        let inferred = |day, inferred| Some(Resolved { day, corrected_from: None, inferred });
        match e {
            Expr::Full(y, m, d) => {
                let day = Day::new(y, m, d)?;
                if let Some(p) = self.published {
                    // The body's year contradicts publication by a slip: the same month-day in the
                    // publication year falls in the days just before it, the written one a year off.
                    let gap = p.ordinal() - day.ordinal();
                    if y != p.y && gap > 300 {
                        if let Some(fixed) = Day::new(p.y, m, d) {
                            let g = p.ordinal() - fixed.ordinal();
                            if (-2..=14).contains(&g) {
                                return Some(Resolved {
                                    day: fixed,
                                    corrected_from: Some(day),
                                    inferred: false,
                                });
                            }
                        }
                    }
                }
                plain(day)
            }
            Expr::MonthDay(m, d) => {
                let (y, guessed) = self.year_for(m, d)?;
                inferred(Day::new(y, m, d)?, guessed)
            }
            Expr::YearRelMonthDay(off, m, d) => plain(Day::new(self.published?.y + off, m, d)?),
            Expr::Day(d) => {
                // No publication date: a day of the month the file's dated material shows.
                if self.published.is_none() && self.dateline.is_none() {
                    let mut hits: Vec<(&(u32, u32), &i32)> =
                        self.years_by_md.iter().filter(|((_, dd), _)| *dd == d).collect();
                    hits.sort();
                    if let [((m, _), y)] = hits.as_slice() {
                        return inferred(Day::new(**y, *m, d)?, true);
                    }
                    return None;
                }
                let (y, m) = if let Some(p) = self.published {
                    if d > p.d + 1 {
                        let prev = Day::new(p.y, p.m, 1)?.plus(-1);
                        (prev.y, prev.m)
                    } else {
                        (p.y, p.m)
                    }
                } else if let Some((m, dd)) = self.dateline {
                    let (y, guessed) = self.year_for(m, dd)?;
                    return inferred(Day::new(y, m, d)?, guessed);
                } else {
                    return None;
                };
                plain(Day::new(y, m, d)?)
            }
            Expr::Relative(off) => plain(self.published?.plus(off)),
            // Resolved against the date told before it ([`super::dating`]), not the anchor.
            Expr::FromPrevious(_) => None,
            Expr::Weekday(wd, week) => {
                let p = self.published?;
                let day = match week {
                    None => p.plus(-(p.weekday() - wd).rem_euclid(7)),
                    Some(w) => p.plus(-p.weekday() + 7 * w + wd),
                };
                plain(day)
            }
            Expr::MonthRelDay(rel, d) => {
                let p = self.published?;
                let first = Day::new(p.y, p.m, 1)?;
                let month = match rel {
                    -1 => first.plus(-1),
                    1 => first.plus(32),
                    _ => first,
                };
                plain(Day::new(month.y, month.m, d)?)
            }
        }
    }
}

static STAMP_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})").expect("stamp regex"));

/// Years of the dated material in raw file text (related-news stamps, page dates), by month-day.
pub fn dated_material(raw: &str) -> (HashMap<(u32, u32), i32>, Option<i32>) {
    let mut by_md: HashMap<(u32, u32), HashMap<i32, usize>> = HashMap::new();
    let mut years: HashMap<i32, usize> = HashMap::new();
    for c in STAMP_RE.captures_iter(raw) {
        let y: i32 = c[1].parse().unwrap_or(0);
        let m: u32 = c[2].parse().unwrap_or(0);
        let d: u32 = c[3].parse().unwrap_or(0);
        if Day::new(y, m, d).is_none() {
            continue;
        }
        *by_md.entry((m, d)).or_default().entry(y).or_default() += 1;
        *years.entry(y).or_default() += 1;
    }
    let best = |h: &HashMap<i32, usize>| h.iter().max_by_key(|(y, n)| (**n, **y)).map(|(y, _)| *y);
    let md = by_md.iter().filter_map(|(k, h)| best(h).map(|y| (*k, y))).collect();
    (md, best(&years))
}

static YEAR_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d\d)年\d{1,2}月\d{1,2}日").expect("year regex"));

/// Every year the text writes with a month ("2023年9月", "2023年9月19日"; a bare "2024年" may be a plan),
/// with the latest month written for it, most written first (then the latest): the years a month-day
/// without one may belong to.
pub fn years_written(text: &str) -> Vec<(i32, u32)> {
    static WRITTEN_RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^\d])((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月").expect("year regex")
    });
    let mut years: HashMap<i32, (usize, u32)> = HashMap::new();
    for c in WRITTEN_RE.captures_iter(text) {
        let e = years.entry(c[1].parse().unwrap_or(0)).or_default();
        e.0 += 1;
        e.1 = e.1.max(c[2].parse().unwrap_or(0));
    }
    let mut v: Vec<(i32, (usize, u32))> = years.into_iter().collect();
    v.sort_by_key(|(y, (n, _))| (std::cmp::Reverse(*n), std::cmp::Reverse(*y)));
    v.into_iter().map(|(y, (_, m))| (y, m)).collect()
}

/// The year of the full dates the text itself gives most ("2023年9月19日"), for an article that states no
/// date of its own (a bare "2024年" may be a plan, not a date of the story).
pub fn years_mentioned(text: &str) -> Option<i32> {
    let mut years: HashMap<i32, usize> = HashMap::new();
    for c in YEAR_RE.captures_iter(text) {
        *years.entry(c[1].parse().unwrap_or(0)).or_default() += 1;
    }
    years.into_iter().max_by_key(|(y, n)| (*n, *y)).map(|(y, _)| y)
}

/// The words of the text after a year (今年, 去年, 2024年…) compared to place a relative year: a few.
const YEAR_CONTEXT: usize = 6;
/// How many years of each sort are compared (an article writes a handful).
const MAX_YEARS: usize = 64;

/// The article's own year told by its relative years: "去年11月宣誓就职" beside "2023年11月17日宣誓就任"
/// makes this year 2024, as "今年首位访华" beside "2024年首位". A relative year and a written one followed by
/// the same words (two characters that are not all digits, or three) are the same year; `None` unless every
/// such pair agrees. For a file that states no date of its own.
pub fn year_from_relative(text: &str) -> Option<i32> {
    static REL_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"今年|去年|前年|明年").expect("rel year"));
    static ABS_RE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|[^\d])((?:19|20)\d\d)\s*年").expect("abs year"));
    let after = |end: usize| text[end..].chars().take(YEAR_CONTEXT).collect::<Vec<char>>();
    let written: Vec<(i32, Vec<char>)> = ABS_RE
        .captures_iter(text)
        .take(MAX_YEARS)
        .filter_map(|c| Some((c[1].parse().ok()?, after(c.get(0)?.end()))))
        .collect();
    let mut found: Option<i32> = None;
    for m in REL_RE.find_iter(text).take(MAX_YEARS) {
        let off = match m.as_str() {
            "去年" => -1,
            "前年" => -2,
            "明年" => 1,
            _ => 0,
        };
        let words = after(m.end());
        for (y, w) in &written {
            let same: Vec<char> = words.iter().zip(w).take_while(|(a, b)| a == b).map(|(a, _)| *a).collect();
            let digits = same.iter().filter(|c| c.is_ascii_digit()).count();
            if same.len() >= 3 || (same.len() == 2 && digits == 0) {
                match found {
                    Some(f) if f != y - off => return None,
                    _ => found = Some(y - off),
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinal_round_trip_and_weekday() {
        let d = Day::new(2021, 6, 5).unwrap();
        assert_eq!(Day::from_ordinal(d.ordinal()), d);
        assert_eq!(d.weekday(), 5); // a Saturday
        assert_eq!(Day::new(2024, 3, 1).unwrap().plus(-1).iso(), "2024-02-29");
    }

    #[test]
    fn relative_and_weekday() {
        let a = Anchor { published: Day::new(2021, 6, 5), ..Anchor::default() };
        assert_eq!(a.resolve(Expr::Relative(-1)).unwrap().day.iso(), "2021-06-04");
        // 2021-06-05 is a Saturday.
        assert_eq!(a.resolve(Expr::Weekday(0, None)).unwrap().day.iso(), "2021-05-31");
        assert_eq!(a.resolve(Expr::Weekday(5, None)).unwrap().day.iso(), "2021-06-05");
        assert_eq!(a.resolve(Expr::Weekday(2, Some(-1))).unwrap().day.iso(), "2021-05-26");
        assert_eq!(a.resolve(Expr::Weekday(2, Some(0))).unwrap().day.iso(), "2021-06-02");
        assert_eq!(a.resolve_future(Expr::Weekday(0, None)).unwrap().day.iso(), "2021-06-07");
        assert_eq!(a.resolve(Expr::MonthRelDay(-1, 20)).unwrap().day.iso(), "2021-05-20");
        assert_eq!(a.resolve(Expr::Day(30)).unwrap().day.iso(), "2021-05-30");
    }

    #[test]
    fn relative_years_place_the_article() {
        let t = "去年11月当选总统后，他今年首次出访。他于2030年11月20日就职，是2031年首次出访的元首。";
        assert_eq!(year_from_relative(t), Some(2031));
        // Two readings that disagree say nothing; a month alone ("5月") is too little to pair.
        assert_eq!(year_from_relative("今年首次出访。2030年首次出访。2029年首次出访。"), None);
        assert_eq!(year_from_relative("今年5月访问。2030年5月签署。"), None);
    }

    #[test]
    fn year_slip_is_corrected() {
        let a = Anchor { published: Day::new(2021, 7, 13), ..Anchor::default() };
        let r = a.resolve(Expr::Full(2020, 7, 12)).unwrap();
        assert_eq!(r.day.iso(), "2021-07-12");
        assert_eq!(r.corrected_from.unwrap().iso(), "2020-07-12");
        // A genuinely old date stays.
        assert_eq!(a.resolve(Expr::Full(2019, 3, 1)).unwrap().corrected_from, None);
    }
}
