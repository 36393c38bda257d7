"""Compare the terms of two runs of `readout analyze --jsonl` on the same files (before / after a
change of the tables or the keyword code): the share of TF-IDF keywords, TextRank words and entities
of the first run that the second does not have, over all files.

    python3 tools/tables/compare.py BEFORE.jsonl AFTER.jsonl
"""
import json
import sys


def load(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if "terms" in r:
                out[r["file"]] = r["terms"]
    return out


def main():
    before, after = load(sys.argv[1]), load(sys.argv[2])
    common = sorted(set(before) & set(after))
    fields = {
        "keywords": lambda t: [k["word"] for k in t["keywords"]],
        "textrank": lambda t: [k["word"] for k in t["textrank"]],
        "entities": lambda t: [(e["span"]["start"], e["span"]["end"], e["category"]) for e in t["entities"]],
        "summary": lambda t: [tuple(s.values()) for s in t["summary_spans"]],
    }
    print(f"{len(common)} files with terms in both runs")
    for name, get in fields.items():
        gone = total = 0
        for f in common:
            a, b = get(before[f]), set(get(after[f]))
            total += len(a)
            gone += sum(1 for x in a if x not in b)
        print(f"  {name:9} changed {100 * gone / max(total, 1):.3f} % ({gone} of {total})")


main()
