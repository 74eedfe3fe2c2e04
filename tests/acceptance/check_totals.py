#!/usr/bin/python3
"""The independent checker of the acceptance test (issue 10), in pandas, not our code.

    /usr/bin/python3 check_totals.py record.json summary.xlsx

`record.json` is what the corpus builder wrote down while it made the files (each budget line's
true amount in 万元, its committee and point, whether its file counts). From it alone this computes
the totals the summary must show, per committee and per point. It also reads the summary workbook
(with pandas) and reports what is in it: budget totals from 预算汇总, the source of every row of
任务汇总 and 预算汇总, every finding of 问题清单 and the roster on 封面. The test compares.
Prints one JSON object.
"""
import datetime
import json
import math
import sys

import pandas as pd

HEADER = 2  # the summary's data sheets: title, subtitle, then the header row


def rounded(series):
    return {str(k): round(float(v), 4) for k, v in series.items()}


def expected_totals(record):
    lines = pd.DataFrame(record["lines"])
    counted = lines[lines["counted"]]
    tasks = pd.DataFrame(record["tasks"])
    return {
        "byCommittee": rounded(counted.groupby("committee")["wan"].sum()),
        "byPoint": rounded(counted.groupby("point")["wan"].sum()),
        "total": round(float(counted["wan"].sum()), 4),
        "tasks": int(tasks["counted"].sum()),
        "lines": int(len(counted)),
    }


def cell(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, (pd.Timestamp, datetime.datetime, datetime.date)):
        return v.strftime("%Y-%m-%d")
    if hasattr(v, "item"):
        return v.item()
    return v


def summary_contents(path):
    book = pd.read_excel(path, sheet_name=None, header=None, engine="openpyxl")

    def table(name):
        raw = book[name]
        df = raw.iloc[HEADER + 1:].copy()
        df.columns = [str(c) for c in raw.iloc[HEADER]]
        return df[df["序号"].notna()]

    lines = table("预算汇总")
    amounts = pd.to_numeric(lines["金额"], errors="coerce").fillna(0.0)
    points = pd.to_numeric(lines["要点"], errors="coerce")
    by_point = amounts.groupby(points.fillna(-1).astype(int)).sum()
    tasks = table("任务汇总")
    findings = table("问题清单")
    cover = book["封面"]
    top = next(i for i in range(len(cover)) if cover.iat[i, 0] == "专委会" and cover.iat[i, 1] == "状态")
    roster = [[cell(cover.iat[i, c]) for c in range(3)] for i in range(top + 1, len(cover)) if isinstance(cover.iat[i, 0], str) or isinstance(cover.iat[i, 2], str)]
    return {
        "byCommittee": rounded(amounts.groupby(lines["专委会"]).sum()),
        "byPoint": {("未对应要点" if k == -1 else str(k)): round(float(v), 4) for k, v in by_point.items()},
        "total": round(float(amounts.sum()), 4),
        "taskRows": [[cell(r["来源文件"]), cell(r["来源工作表"]), cell(r["来源行"]), cell(r["任务编号"]), cell(r["状态"]), cell(r["开始日期"]), cell(r["完成日期"]), cell(r["要点"])] for _, r in tasks.iterrows()],
        "lineRows": [[cell(r["来源文件"]), cell(r["来源工作表"]), cell(r["来源行"]), cell(r["金额"])] for _, r in lines.iterrows()],
        "findings": [[cell(r["级别"]), cell(r["文件"]), cell(r["工作表"]), cell(r["单元格"]), cell(r["代码"]), cell(r["问题"]), cell(r["原值"])] for _, r in findings.iterrows()],
        "roster": roster,
    }


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        record = json.load(f)
    out = {"expected": expected_totals(record), "summary": summary_contents(sys.argv[2])}
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
