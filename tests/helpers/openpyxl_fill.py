"""Fill a plan workbook the way a script does it: openpyxl load_workbook, write values, save.

openpyxl keeps formulas as text and writes them back without a calculated value (<f>…</f><v></v>),
so every formula cell of the saved file has no cached value.

    /usr/bin/python3 openpyxl_fill.py spec.json

spec.json: {"in": path, "out": path, "sheets": {"预算明细": [{"row": 4, "values": {"taskCode": "T001", ...}}]}}
Columns are found by the hidden stable-key row (row 2). A value that is a string starting with "="
is written as a formula; null clears the cell.
"""
import json
import sys

from openpyxl import load_workbook


def main() -> None:
    spec = json.load(open(sys.argv[1], encoding="utf-8"))
    wb = load_workbook(spec["in"])
    for sheet, rows in spec.get("sheets", {}).items():
        ws = wb[sheet]
        cols = {c.value: c.column for c in ws[2] if isinstance(c.value, str)}
        for r in rows:
            for key, value in r["values"].items():
                ws.cell(row=r["row"], column=cols[key]).value = value
    wb.save(spec["out"])


if __name__ == "__main__":
    main()
