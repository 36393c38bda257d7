#!/usr/bin/env python3
"""Measure `readout` on shared/compare (issue #13): each US readout's kind, date and people on both
sides; each pair of pairs.jsonl grouped by `readout compare`; other groups with both languages; topic
sets per side against pairs.jsonl's tags (micro F1 on the tags the topic lexicon shares).

python3 tools/compare_eval.py [--root ../shared] [--bin target/release/readout]
"""
import argparse, json, os, subprocess, sys

ALIAS = {'north_korea': 'korean_peninsula', 'people_to_people': 'people_exchange',
         'health_security': 'vaccines', 'covid19': 'vaccines', 'iran': 'iran_nuclear'}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--root', default=os.path.join(os.path.dirname(__file__), '..', '..', 'shared'))
    ap.add_argument('--bin', default='target/release/readout')
    ap.add_argument('-v', action='store_true')
    a = ap.parse_args()
    cmp_dir = os.path.join(a.root, 'compare')
    pairs = [json.loads(l) for l in open(os.path.join(cmp_dir, 'pairs.jsonl'))]
    ids = set()
    here = os.path.dirname(os.path.abspath(__file__))
    for l in open(os.path.join(here, '..', 'data', 'topics.tsv')):
        if l.strip() and not l.startswith('#'):
            ids.add(l.split('\t')[0])
    people = {}
    for l in open(os.path.join(here, '..', 'data', 'people.tsv')):
        if l.strip() and not l.startswith('#'):
            f = l.rstrip('\n').split('\t')
            for n in f[2].split('|') + f[3].split('|') + f[4].split('|'):
                if n: people[key(n)] = f[0]

    def pid(n):
        return people.get(key(n), key(n)) if n else None

    def analyze(path):
        out = subprocess.run([a.bin, 'analyze', '--jsonl', path], capture_output=True, text=True).stdout
        return json.loads(out)

    # 1. US readouts
    right = 0
    for p in pairs:
        r = analyze(os.path.join(cmp_dir, p['us']))
        ev = r['events'][0] if r['events'] else {}
        want_us = sorted(pid(x['en']) for x in p['us_people'])
        want_other = sorted(pid(x['en']) for x in (p['cn_people'] if p['role'] != 'control' else p['counterpart_people']))
        got_cn = sorted(pid(x['name']) for x in ev.get('china', []))
        got_cp = sorted(pid(x['name']) for x in ev.get('counterparts', []) if x.get('country') == 'US')
        got_other = got_cn if p['role'] != 'control' else sorted(pid(x['name']) for x in ev.get('counterparts', []) if x.get('country') != 'US')
        ok = (ev.get('kind') == p['kind'] and ev.get('date') == p['date'] and got_cp == want_us and got_other == want_other
              and r['language'] == 'en' and (r['readout'] == (p['role'] != 'control')) and (p['role'] != 'control' or not got_cn))
        right += ok
        if not ok or a.v:
            print(('ok   ' if ok else 'MISS ') + p['us'], ev.get('kind'), p['kind'], ev.get('date'), p['date'], got_cp, want_us, got_other, want_other)
    print(f'US readouts right (kind, date, people both sides, language, readout flag): {right}/{len(pairs)}')

    # 2. grouping
    paths = [cmp_dir] + [os.path.join(a.root, d) for d in ('seeds', 'corpus') if os.path.isdir(os.path.join(a.root, d))]
    out = subprocess.run([a.bin, 'compare'] + paths, capture_output=True, text=True).stdout
    comps = [json.loads(l) for l in out.splitlines() if l.strip()]
    norm = lambda f: os.path.normpath(f)
    groups = [set(norm(r['file']) for r in c['reports']) for c in comps]
    by_file = {}
    for c in comps:
        for r in c['reports']:
            by_file[norm(r['file'])] = c
    grouped = 0
    used = set()
    paired = [p for p in pairs if p.get('cn')]
    for p in paired:
        us, cn = norm(os.path.join(cmp_dir, p['us'])), norm(os.path.join(cmp_dir, p['cn']))
        g = [i for i, s in enumerate(groups) if us in s and cn in s]
        if g:
            grouped += 1; used.add(g[0])
        else:
            print('NOT GROUPED', p['us'], p['cn'])
    print(f'pairs grouped: {grouped}/{len(paired)}')
    others = [c for i, c in enumerate(comps) if i not in used]
    print(f'other groups with both languages: {len(others)}')
    for c in others:
        print('   ', c['date'], c['kind'], c['matched_by'], [os.path.relpath(r['file'], a.root) for r in c['reports']])

    # 3. topics
    def tags(lst):
        return {ALIAS.get(t, t) for t in lst} & ids
    for label, skip_title_only in (('without headline-only CN files', True), ('all', False)):
        tp = fp = fn = 0
        for p in pairs:
            sides = [('us', p['us'], p['topics_us'])]
            if p.get('cn') and p.get('topics_cn') is not None and not (skip_title_only and p.get('cn_title_only')):
                sides.append(('cn', p['cn'], p['topics_cn']))
            for side, path, want in sides:
                r = analyze(os.path.join(cmp_dir, path))
                got = {t['id'] for t in r.get('topics', [])} & {ALIAS.get(t, t) for t in ALL_TAGS} & ids
                want = tags(want)
                tp += len(got & want); fp += len(got - want); fn += len(want - got)
                if a.v and (got != want):
                    print(f'   {side} {path}: extra {sorted(got - want)} missing {sorted(want - got)}')
        prec = tp / max(tp + fp, 1); rec = tp / max(tp + fn, 1)
        f1 = 2 * prec * rec / max(prec + rec, 1e-9)
        print(f'topic micro F1 ({label}): {f1:.3f} (P {prec:.3f}, R {rec:.3f}; tp {tp} fp {fp} fn {fn})')

def key(n):
    return ''.join(c for c in n.lower() if c.isalnum())

ALL_TAGS = set()
if __name__ == '__main__':
    import re
    root_readme = None
    for arg_i, arg in enumerate(sys.argv):
        pass
    # The glossary: every tag used anywhere in pairs.jsonl.
    _root = os.path.join(os.path.dirname(__file__), '..', '..', 'shared')
    for i, arg in enumerate(sys.argv):
        if arg == '--root' and i + 1 < len(sys.argv):
            _root = sys.argv[i + 1]
    for l in open(os.path.join(_root, 'compare', 'pairs.jsonl')):
        p = json.loads(l)
        ALL_TAGS |= set(p.get('topics_us') or []) | set(p.get('topics_cn') or [])
    main()
