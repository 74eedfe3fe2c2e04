#!/usr/bin/env python3
"""The peer of bench/consolidate.ts: what a secretariat would script instead, with pandas + openpyxl.

Reads every .xlsx of a folder (任务表 and 预算明细, header on row 3), concatenates, joins budget lines
to their tasks, groups by work point and by committee, and writes an xlsx with the concatenated
tables and both groupings. Prints a JSON line with timings and the budget total.
"""
import json, os, resource, sys, time

import openpyxl  # noqa: F401  (engine)
import pandas as pd

src, out = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
tasks, lines = [], []
for name in sorted(os.listdir(src)):
    if not name.endswith('.xlsx'):
        continue
    path = os.path.join(src, name)
    sheets = pd.read_excel(path, sheet_name=['任务表', '预算明细'], header=2, engine='openpyxl')
    t = sheets['任务表']
    t = t[t['任务名称'].notna()].copy()
    t['来源文件'] = name
    b = sheets['预算明细']
    b = b[b['任务编号'].notna()].copy()
    b['来源文件'] = name
    tasks.append(t)
    lines.append(b)
t1 = time.perf_counter()
T = pd.concat(tasks, ignore_index=True)
B = pd.concat(lines, ignore_index=True)
T['要点编号'] = T['要点'].astype(str).str.extract(r'^(\d+)')[0]
B = B.merge(T[['来源文件', '任务编号', '要点编号', '责任专委会']], on=['来源文件', '任务编号'], how='left')
by_point = B.groupby('要点编号', dropna=False)['金额'].sum().reset_index()
by_committee = B.groupby('责任专委会', dropna=False)['金额'].sum().reset_index()
by_both = B.groupby(['要点编号', '责任专委会'], dropna=False)['金额'].agg(['sum', 'count']).reset_index()
t2 = time.perf_counter()
with pd.ExcelWriter(out, engine='openpyxl') as w:
    T.to_excel(w, sheet_name='任务汇总', index=False)
    B.to_excel(w, sheet_name='预算汇总', index=False)
    by_point.to_excel(w, sheet_name='按要点', index=False)
    by_committee.to_excel(w, sheet_name='按专委会', index=False)
    by_both.to_excel(w, sheet_name='要点×专委会', index=False)
t3 = time.perf_counter()
print(json.dumps({
    'read': t1 - t0, 'group': t2 - t1, 'write': t3 - t2, 'tasks': len(T), 'lines': len(B),
    'budget': round(float(B['金额'].sum()), 6),
    'peakMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    'pandas': pd.__version__, 'openpyxl': openpyxl.__version__,
}))
