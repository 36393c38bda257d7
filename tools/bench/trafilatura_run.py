"""Throughput of trafilatura (text extraction) and trafilatura + jieba TF-IDF keywords, in one process,
on the file list the bench gives the native CLI: `python trafilatura_run.py FILES.txt SECONDS`.
Each variant runs over the list until it ends or SECONDS pass; prints JSON with files per second."""
import json
import sys
import time

import jieba
import jieba.analyse
import trafilatura

jieba.setLogLevel(60)
paths = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\n") if p]
budget = float(sys.argv[2])
data = {}


def read(p):
    if p not in data:
        data[p] = open(p, "rb").read().decode("utf-8", errors="replace")
    return data[p]


def run(with_jieba):
    done = 0
    t0 = time.perf_counter()
    for p in paths:
        text = trafilatura.extract(read(p)) or ""
        if with_jieba:
            jieba.analyse.extract_tags(text, topK=15)
        done += 1
        if time.perf_counter() - t0 > budget:
            break
    return done, time.perf_counter() - t0


jieba.initialize()  # the dictionary load is start-up, not per file
for p in paths[:300]:
    read(p)
n1, s1 = run(False)
n2, s2 = run(True)
print(json.dumps({"files_trafilatura": n1, "trafilatura": n1 / s1, "files_with_jieba": n2, "with_jieba": n2 / s2}))
