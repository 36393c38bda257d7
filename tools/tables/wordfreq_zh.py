"""Export wordfreq's Chinese word list (large) as `word<TAB>zipf` lines, for tools/tables/build.rs.

wordfreq (Robyn Speer et al.; code Apache-2.0, data CC BY-SA 4.0) merges Chinese word frequencies from
Wikipedia, subtitles, NewsCrawl news, Google Books, OSCAR web text, Twitter and jieba's own list,
all segmented with jieba. Only the selection of jieba's words is derived from it; no wordfreq figure
is shipped. Usage: python3 wordfreq_zh.py OUT.tsv (wordfreq pinned by build.sh).
"""
import sys

import wordfreq

out = sys.argv[1]
buckets = wordfreq.get_frequency_list("zh", wordlist="large")
with open(out, "w", encoding="utf-8") as f:
    f.write(f"# wordfreq {wordfreq.__version__ if hasattr(wordfreq, '__version__') else ''} zh large\n")
    for centibels, words in enumerate(buckets):
        zipf = 9 - centibels / 100  # bucket i holds words of frequency 10^(-i/100)
        for w in sorted(words):
            f.write(f"{w}\t{zipf:.2f}\n")
