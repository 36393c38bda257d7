//! The article's own paragraphs and nothing else. Blocks are judged in simplified script (so one rule
//! covers 责任编辑 and 責任編輯) by what news pages put around an article: 原标题 and editor lines
//! (kept as metadata), image captions and credits, QR-code / app / subscription appeals, bylines,
//! source and copyright lines, date stamps, link lists, and the headline repeated as the first line.
//! An editor line or a related-news header ends the article: what follows is the page's, not the
//! article's.

use super::html::{Block, Kind};
use regex::Regex;
use std::sync::OnceLock;

/// What the cleaning found besides the paragraphs.
#[derive(Debug, Default)]
pub struct Found {
    pub editor: Option<String>,
    pub original_title: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    /// Date stamps seen before the first paragraph (`2024-04-10 07:00发布于…`).
    pub stamps: Vec<String>,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid regex"))
}

/// Label lines: `原标题：…`, `责任编辑：…`, `编辑 …`, `来源：…`, `作者：…`, optionally bracketed.
fn label(s: &str) -> Option<(&'static str, String)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &RE,
        r"^[\[【（(]?\s*(原标题|原题为(?:《)?|原题|责任编辑|责编|编辑|主编|审核|审校|校对|监制|资料来源|来源|稿源|资料|作者|撰文|执笔|主播|出品|策划|文字|记者|翻译|编译|发布/上传|转载自|文|图)\s*(?:[:：|｜丨/]\s*|\s+)(.*?)\s*[\]】）)]?$",
    );
    let c = r.captures(s)?;
    let key = match &c[1] {
        "原标题" | "原题" | "原题为" | "原题为《" => "original_title",
        "责任编辑" | "责编" | "编辑" | "主编" => "editor",
        "来源" | "稿源" | "资料来源" => "source",
        "作者" | "撰文" => "author",
        _ => "credit",
    };
    Some((key, c[2].to_string()))
}

fn is_related_header(s: &str) -> bool {
    const HEADERS: &[&str] = &[
        "相关新闻",
        "相关阅读",
        "相关报道",
        "相关文章",
        "相关推荐",
        "延伸阅读",
        "推荐阅读",
        "热门推荐",
        "精彩推荐",
        "热点推荐",
        "大家都在看",
        "更多精彩",
        "猜你喜欢",
        "往期回顾",
        "最新闻",
        "你可能感兴趣",
        "为你推荐",
        "热门文章",
        "热门新闻",
        "最新新闻",
        "相关专题",
        "热点新闻",
        "今日推荐",
        "编辑推荐",
        "点击排行",
        "热门排行",
    ];
    let t = s.trim_matches(|c: char| !c.is_alphanumeric());
    HEADERS.iter().any(|h| {
        t.starts_with(h) && (t.chars().count() <= 12 || t[h.len()..].trim_start().starts_with(['：', ':']))
    })
}

/// Appeals to scan a QR code, install an app, follow an account or subscribe.
fn is_appeal(s: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &RE,
        r"(?i)二维码|扫码|扫一扫|长按识别|(?:下载|打开|尽在|关注).{0,12}(?:APP|客户端|公众号)|(?:APP|客户端)(?:下载|查看|阅读)|微信公众号|关注我们|订阅|成为订户|订户|请支持我们|请支持《|打赏|请关注|转载自|轉載自|点击进入|点击查看|点击阅读|阅读原文|分享到|返回首页|返回搜狐|查看更多",
    );
    s.chars().count() <= 80 && r.is_match(s)
}

fn is_caption(s: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &RE,
        r"^(?:本文图自|图片来源|图片来自|图片均来自|图源|图据|题图|资料图|图为|图：|图/|配图)|(?:摄|摄影|供图|资料图片?|图片来源[:：].*|(?:图|图片|摄影|来源)\s*[:：/]\s*\S{1,12})\s*[）)]?$",
    );
    s.chars().count() <= 60 && r.is_match(s)
}

fn is_disclaimer(s: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &RE,
        r"免责声明|版权声明|版权所有|未经授权|未经许可|转载请注明|不代表本(?:网|站|平台)|仅代表作者|All rights reserved|Copyright",
    );
    s.chars().count() <= 120 && r.is_match(s)
}

/// A short line that is a date stamp: `2020-12-22 21:55 高铁世纪`, `2024-04-10 07:00发布于…`.
fn stamp(s: &str) -> Option<String> {
    if s.chars().count() > 50 {
        return None;
    }
    let (start, date) = super::meta::find_date(s)?;
    // The date opens the line (after at most a short label such as 发布时间：) and no sentence follows.
    let prose = s.contains(['，', '。', '；', ',']);
    (s[..start].chars().count() <= 6 && !s[..start].contains('电') && !prose).then_some(date)
}

/// Whether a block has text worth keeping at all (not punctuation or a lone symbol).
fn has_words(s: &str) -> bool {
    s.chars().any(|c| c.is_alphanumeric())
}

/// Text with spaces, punctuation and markup removed, simplified: for comparing with the title.
pub fn key(s: &str) -> String {
    crate::script::to_simplified(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// `（原题为《…》）`: the headline the article first ran under.
fn original_title_note(s: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(&RE, r"^[（(【\[]\s*原(?:标)?题(?:为|是)?\s*[:：]?\s*[《「“]?(.+?)[》」”]?\s*[）)】\]]$");
    (s.chars().count() <= 80).then(|| r.captures(s)).flatten().map(|c| c[1].to_string())
}

/// An editor credit anywhere in a short line: `【纠错】责任编辑：尹世杰`, `本文来源：…责任编辑：荀建国_NN7379`.
fn editor_anywhere(s: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(&RE, r"(?:责任编辑|责编)\s*[:：]\s*([^\s:：|｜_）)】\]]+)");
    (s.chars().count() <= 60).then(|| r.captures(s)).flatten().map(|c| c[1].to_string())
}

/// A lone source tag or dateline that the next paragraph continues: `（观察者网讯）`,
/// `新华社维也纳5月11日电`, `【环球网报道 记者 李诗睿】`.
fn is_lead_tag(s: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(&RE, r"^(?:[（(【\[].{1,30}[）)】\]]|.{2,30}(?:电|讯|报道|消息))$");
    s.chars().count() <= 32 && r.is_match(s) && !s.contains(['。', '，'])
}

/// A credit in brackets closing the article: `（总台记者 殷欣 陈明磊）`, `（张巨峰）`, `（央视）`,
/// `（资料来源：参考消息）`. Not `（完）`, which the article itself prints.
fn trailing_credit(s: &str) -> Option<usize> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(&RE, r"[（(【\[]([^（(【\[）)】\]]{1,60})[）)】\]]\s*$");
    let c = r.captures(s)?;
    let inner = c[1].trim();
    let n = inner.chars().count();
    let credit = inner.contains("记者")
        || inner.contains("编辑")
        || inner.contains("来源")
        || inner.contains("通讯员")
        || inner.contains("供稿")
        || inner.ends_with('摄')
        || ((2..=4).contains(&n)
            && inner != "完"
            && inner.chars().all(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)));
    credit.then(|| c.get(0).map_or(s.len(), |m| m.start()))
}

fn is_url(s: &str) -> bool {
    let t = s.trim();
    (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www."))
        && !t.contains(['，', '。'])
}

/// Sentence punctuation: prose has it, labels, menus and captions mostly do not.
fn has_sentence_punct(s: &str) -> bool {
    s.contains(['。', '！', '？', '；', '，', '!', '?', ';', ','])
}

/// Clean blocks into paragraphs. `title`: the headline, dropped when it opens the body.
pub fn clean(blocks: &[Block], title: Option<&str>) -> (Vec<String>, Found) {
    let mut found = Found::default();
    let mut paras: Vec<String> = Vec::new();
    let title_key = title.map(key).unwrap_or_default();
    let mut dropped_title: Option<String> = None;
    let mut lead: Option<String> = None;
    let mut prose_chars = 0usize;
    // After a lead-in such as `划重点：` at the top, the list items are an editor's summary.
    let mut summary = false;
    for b in blocks {
        if summary && b.kind == Kind::Item {
            continue;
        }
        summary = false;
        let text = b.text.trim();
        // Section numbers (`1`, `**2**`) and URLs are not text.
        let numeral =
            text.chars().count() <= 3 && text.chars().all(|c| c.is_ascii_digit() || c.is_whitespace());
        if !has_words(text) || is_url(text) || numeral {
            continue;
        }
        let s = crate::script::to_simplified(text);
        let s = s.trim_start_matches(['-', '*', '•', '·', ' ']).trim();
        let short = s.chars().count() <= 40;
        if let Some((kind, value)) = label(s).filter(|_| s.chars().count() <= 60) {
            // Keep the original script for values.
            let value = original_tail(text, &value);
            match kind {
                "original_title" => {
                    let v = value.trim_start_matches('《').trim_end_matches('》').to_string();
                    found.original_title.get_or_insert(v);
                    continue;
                }
                "editor" => {
                    found.editor.get_or_insert(editor_name(&value));
                    if prose_chars > 0 {
                        break;
                    }
                    continue;
                }
                "source" => {
                    found.source.get_or_insert(value);
                    continue;
                }
                "author" => {
                    found.author.get_or_insert(value);
                    continue;
                }
                _ if short => continue,
                _ => {}
            }
        }
        if let Some(t) = original_title_note(s) {
            found.original_title.get_or_insert(original_tail(text, &t));
            continue;
        }
        if let Some(ed) = editor_anywhere(s) {
            found.editor.get_or_insert(editor_name(&original_tail(text, &ed)));
            if prose_chars > 0 {
                break;
            }
            continue;
        }
        if is_related_header(s) {
            // A related-news list ends the article once the article has begun.
            if prose_chars >= 60 {
                break;
            }
            continue;
        }
        if b.kind == Kind::Caption || is_caption(s) || is_appeal(s) || is_disclaimer(s) {
            continue;
        }
        if b.link_density() > 0.5 {
            continue;
        }
        if let Some(date) = stamp(s) {
            if paras.is_empty() {
                found.stamps.push(date);
            }
            continue;
        }
        // A byline: `腾讯新闻《远光灯》 作者 郭亦非`.
        if short && !has_sentence_punct(s) && (s.contains("作者") || s.contains("记者")) {
            continue;
        }
        if let Kind::Heading(level) = b.kind {
            // Some sites (and their Markdown exports) set every paragraph as a heading.
            let n = s.chars().count();
            let prose = (n >= 25 && s.contains(['，', '。', ',']))
                || (n >= 8 && s.ends_with(['。', '！', '？', '」', '”']));
            // A second-level heading is a section title or a deck, unless it runs to whole sentences
            // (a photo digest sets each caption paragraph as `##`).
            let long_prose = n >= 60 && s.matches('。').count() >= 2;
            if level == 1 || (level == 2 && !long_prose) || !prose {
                continue;
            }
        }
        // The headline repeated (a sentence ending in 。 is a flash's body, not a repeat).
        if paras.len() < 3 && !title_key.is_empty() && key(s) == title_key && !s.ends_with(['。', '！', '？'])
        {
            dropped_title.get_or_insert_with(|| text.to_string());
            continue;
        }
        if paras.is_empty() && s.chars().count() <= 8 && s.ends_with(['：', ':']) {
            summary = true;
            continue;
        }
        let mut p = text.trim_start_matches(['-', '*', '•', ' ']).trim().to_string();
        if is_lead_tag(s) {
            lead = Some(match lead.take() {
                Some(l) => format!("{l} {p}"),
                None => p,
            });
            continue;
        }
        if let Some(l) = lead.take() {
            p = format!("{l}{p}");
        }
        if has_sentence_punct(s) {
            prose_chars += s.chars().count();
        }
        paras.push(p);
    }
    if let Some(l) = lead {
        paras.push(l);
    }
    trim_edges(&mut paras);
    // A one-line flash is its own headline: then the repeated line is the body.
    if paras.is_empty() {
        paras.extend(dropped_title);
    }
    (paras, found)
}

/// Page remnants at the edges of the body: a short label or video title before the first sentence
/// (`图集`, `全国人民代表大会常务委员会`, `划重点：`), a button or a lead-in whose list was removed
/// after the last (`+1`, `新闻连结：`), a credit in brackets closing the last paragraph.
fn trim_edges(paras: &mut Vec<String>) {
    let is_label = |p: &str, max: usize| {
        let s = p.trim();
        (s.chars().count() <= max && !has_sentence_punct(s))
            || (s.chars().count() <= 40 && s.ends_with(['：', ':']))
    };
    // At the top a colon opens the text (`女士们、先生们：`), so only words without any punctuation go.
    // Counted first and drained once: removing from the front one at a time is quadratic.
    let leading = paras
        .iter()
        .take(paras.len().saturating_sub(1))
        .take_while(|p| p.chars().count() <= 30 && !has_sentence_punct(p) && !p.ends_with(['：', ':']))
        .count();
    paras.drain(..leading);
    drop_headline_list(paras);
    loop {
        if paras.len() > 1 && paras.last().is_some_and(|l| is_label(l, 15)) {
            paras.pop();
            continue;
        }
        let Some(last) = paras.last_mut() else { break };
        let Some(cut) = trailing_credit(last) else { break };
        let head = last[..cut].trim_end().to_string();
        if head.is_empty() {
            paras.pop();
            if paras.is_empty() {
                break;
            }
            continue;
        }
        *last = head;
        break;
    }
}

/// Headlines of other stories closing the page with no header over them: two or more short lines at the
/// end that are no sentences (no 。, no closing mark), after a paragraph that ends as a sentence does.
fn drop_headline_list(paras: &mut Vec<String>) {
    let headline = |p: &String| {
        let s = p.trim();
        s.chars().count() <= HEADLINE_CHARS && !s.contains('。') && !s.ends_with(SENTENCE_END)
    };
    let n = paras.iter().rev().take_while(|p| headline(p)).count();
    let before = paras.len().checked_sub(n + 1).map(|i| paras[i].trim_end());
    if n >= 2 && before.is_some_and(|b| b.ends_with(SENTENCE_END)) {
        paras.truncate(paras.len() - n);
    }
}

/// At most this long, a line may be a headline.
const HEADLINE_CHARS: usize = 40;

/// What a sentence (or a quotation closing one) ends with.
const SENTENCE_END: [char; 10] = ['。', '！', '？', '!', '?', '…', '」', '”', '』', '）'];

/// The value of a label line as written in the original script (the simplified view has the same
/// number of characters).
fn original_tail(original: &str, simplified_value: &str) -> String {
    let n = simplified_value.chars().count();
    const CLOSERS: [char; 8] = ['】', ']', '）', ')', ' ', '》', '」', '”'];
    let total = original.trim_end_matches(CLOSERS).chars().count();
    let chars: Vec<char> = original.trim_end_matches(CLOSERS).chars().collect();
    chars[total.saturating_sub(n)..].iter().collect::<String>().trim().to_string()
}

/// `王翔 SF014` → `王翔`: editor lines end with a staff code.
fn editor_name(v: &str) -> String {
    let t = v.trim();
    match t.rsplit_once(' ') {
        Some((name, code)) if code.chars().all(|c| c.is_ascii_alphanumeric()) && !name.trim().is_empty() => {
            name.trim().to_string()
        }
        _ => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(t: &str) -> Block {
        Block { text: t.to_string(), kind: Kind::Para, link_chars: 0, pos: 0 }
    }

    #[test]
    fn labels_become_metadata_and_end_the_article() {
        let blocks: Vec<Block> =
            ["原标题：甲乙通电话", "甲乙通电话。", "第二段。", "责任编辑：王翔 SF014", "相关新闻一则"]
                .iter()
                .map(|t| para(t))
                .collect();
        let (p, f) = clean(&blocks, Some("甲乙通电话"));
        assert_eq!(p, ["甲乙通电话。", "第二段。"]);
        assert_eq!(f.original_title.as_deref(), Some("甲乙通电话"));
        assert_eq!(f.editor.as_deref(), Some("王翔"));
    }

    #[test]
    fn traditional_labels() {
        let blocks: Vec<Block> =
            ["- 原標題:王毅同俄外長通電話", "正文。", "- 責任編輯: 連政"].iter().map(|t| para(t)).collect();
        let (p, f) = clean(&blocks, None);
        assert_eq!(p, ["正文。"]);
        assert_eq!(f.original_title.as_deref(), Some("王毅同俄外長通電話"));
        assert_eq!(f.editor.as_deref(), Some("連政"));
    }

    #[test]
    fn headlines_of_other_stories_close_no_article() {
        let page = |lines: &[&str]| {
            let blocks: Vec<Block> = lines.iter().map(|t| para(t)).collect();
            clean(&blocks, None).0
        };
        let story = "外交部发言人就有关问题答记者问，表示将继续保持沟通。";
        let (one, two) = ("某国外长将访华？外交部回应", "某国宣布制裁，外交部：坚决反对");
        assert_eq!(page(&[story, "第二段说完了。", one, two]), [story, "第二段说完了。"]);
        // One such line may be the article's own closing words; a list needs two.
        assert_eq!(page(&[story, one]), [story, one]);
        // After a paragraph that does not end as a sentence, the short lines may be the article's.
        let open = "受消息刺激，道指一度急升逾500点，收市报26816点，升319点，标普500指数升32点，纳指升106点";
        assert_eq!(page(&[story, open, one, two]), [story, open, one, two]);
    }
}
