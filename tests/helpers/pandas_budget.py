"""An independent budget checker for tests: reads 预算明细 with pandas and computes each line's amount
itself (not with the product's code).

    /usr/bin/python3 pandas_budget.py file.xlsx [row-to-leave-out ...]

A line is a data row (row 4 on) with anything in 任务编号, 经费科目, 经费来源, 单价, 数量, 次数, 金额 or
测算依据 (formula cells without a value read as empty). Its amount: the 金额 cell when it holds a number
(typed over the formula), else 单价 × 数量 × 次数 with an empty 数量 or 次数 counting as 1, else none.
Rows given on the command line (a formula whose value cannot be known) are left out.
Prints JSON: {"lines": [[row, code, amount|null], ...], "byTask": {code: sum}, "total": sum}.
"""
import json
import math
import sys

import pandas as pd


def num(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    return None


def main() -> None:
    path = sys.argv[1]
    skip = {int(x) for x in sys.argv[2:]}
    df = pd.read_excel(path, sheet_name="预算明细", header=2, dtype=object, engine="openpyxl")
    inputs = ["任务编号", "经费科目", "经费来源", "单价", "数量", "次数", "金额", "测算依据"]
    lines = []
    by_task = {}
    total = 0.0
    for i, rec in df.iterrows():
        row = int(i) + 4
        if row in skip:
            continue
        present = [c for c in inputs if c in df.columns and not pd.isna(rec[c]) and str(rec[c]).strip() != ""]
        if not present:
            continue
        amount = num(rec["金额"])
        if amount is None:
            price = num(rec["单价"])
            if price is not None:
                qty = num(rec["数量"])
                times = num(rec["次数"])
                amount = price * (1.0 if qty is None else qty) * (1.0 if times is None else times)
        code = None if pd.isna(rec["任务编号"]) else str(rec["任务编号"])
        lines.append([row, code, amount])
        if amount is not None:
            total += amount
            if code is not None:
                by_task[code] = by_task.get(code, 0.0) + amount
    print(json.dumps({"lines": lines, "byTask": by_task, "total": total}, ensure_ascii=False))


if __name__ == "__main__":
    main()
