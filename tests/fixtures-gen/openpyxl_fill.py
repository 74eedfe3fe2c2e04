#!/usr/bin/python3
"""Fill committee workbooks with openpyxl, as a script-writing clerk (or a tool built on openpyxl) does.

openpyxl keeps formulas as text and drops every cached value when it saves: the template's
金额 = 单价 × 数量 × 次数 and 预算合计 formulas come out with no value, which is the point.

    /usr/bin/python3 openpyxl_fill.py jobs.json

jobs.json: {"jobs": [{"in": path, "out": path, "modified": ISO or null,
                       "writes": [{"sheet": "任务表", "row": 5, "key": "owner", "value": V}]}]}
V: {"s": text} | {"n": number} | {"d": "2023-03-01"} (a date cell) |
   {"serial": 44986, "numFmt": "..."} (a number under a date format) | null (clear the cell).
Columns are found by their stable key in row 2 (the hidden key row of our templates).
"""
import datetime
import json
import sys

import openpyxl

KEY_ROW = 2


def key_columns(ws):
    cols = {}
    for cell in ws[KEY_ROW]:
        if isinstance(cell.value, str):
            cols[cell.value] = cell.column
    return cols


def value_of(v):
    if v is None:
        return None, None
    if "s" in v:
        return v["s"], None
    if "n" in v:
        return v["n"], None
    if "d" in v:
        y, m, d = (int(x) for x in v["d"].split("-"))
        return datetime.datetime(y, m, d), None
    if "serial" in v:
        return v["serial"], v["numFmt"]
    raise ValueError(f"unknown value {v!r}")


def run(job):
    wb = openpyxl.load_workbook(job["in"])
    columns = {}
    for w in job["writes"]:
        ws = wb[w["sheet"]]
        cols = columns.setdefault(w["sheet"], key_columns(ws))
        if w["key"] not in cols:
            raise KeyError(f"no column {w['key']} on {w['sheet']}")
        cell = ws.cell(row=w["row"], column=cols[w["key"]])
        value, fmt = value_of(w["value"])
        cell.value = value
        if fmt:
            cell.number_format = fmt
    if job.get("modified"):
        # docProps/core.xml dcterms:modified, as Excel, WPS and LibreOffice write it on every save.
        wb.properties.modified = datetime.datetime.strptime(job["modified"], "%Y-%m-%dT%H:%M:%SZ")
    wb.save(job["out"])


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        jobs = json.load(f)["jobs"]
    for job in jobs:
        run(job)


if __name__ == "__main__":
    main()
