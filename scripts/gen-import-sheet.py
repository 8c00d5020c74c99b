#!/usr/bin/env python3
"""Writes a large action plan in the Wolverhampton layout, for scripts/bench-import.sh.

    gen-import-sheet.py ACTIONS OUT.csv [OUT.xlsx]

Two title rows, then six sections, each a section row followed by the header row
"Action, Activity, Targets, Partners, Resources" and its share of the actions. Action titles are
unique (the importer matches actions by title); target cells hold several lines, some with a due
date; partners and resources are the demo forum's short names. Python 3 standard library only.
"""
import csv
import sys
import zipfile
from xml.sax.saxutils import escape

SECTIONS = [
    "Everyone’s Business",
    "Prevention and Awareness Raising",
    "Protection and Justice",
    "Support Services",
    "Health Care Needs",
    "Children Support and Services",
]
HEADER = ["Action", "Activity", "Targets", "Partners", "Resources"]
PARTNERS = ["WDVF", "WCC", "PCT", "SWP", "WCSP", "SDVC", "WMP", "SC&H", "SSD", "NPS", "Haven",
            "AWAAZ", "VS", "LEA", "Schools", "Youth Orgs", "RRI", "MP", "ITS", "ACCI", "RWHT",
            "Barnardos", "CAFCASS", "Relate"]
RESOURCES = ["WDVF", "WCC", "WCSP", "Haven", "In-house", "Grants"]
DATES = ["2005-2006", "2006-2007", "March 2006", "March 2007", "Ongoing monitoring"]


def rows(actions):
    yield ["Wolverhampton Crime and Disorder Reduction and Substance Misuse Strategy", "", "", "", ""]
    yield ["DOMESTIC VIOLENCE", "", "", "", ""]
    per = -(-actions // len(SECTIONS))
    n = 0
    for title in SECTIONS:
        yield ["", "", "", "", ""]
        yield [title, "", "", "", ""]
        yield HEADER
        for _ in range(per):
            if n == actions:
                break
            n += 1
            p = [PARTNERS[(n * k) % len(PARTNERS)] for k in (1, 3, 7)]
            targets = "\n".join([
                "Best Value Indicator",
                f"{n % 12 + 1} multi-agency meetings per year",
                f"{n * 5 % 500 + 10} staff trained",
                DATES[n % len(DATES)],
            ])
            yield [
                f"Action {n:05}: improve the response to domestic violence in area {n % 40 + 1}",
                f"Develop and deliver activity {n} with partner agencies.\n\n"
                "Review progress at the forum each quarter.",
                targets,
                f"{p[0]}, {p[1]} and {p[2]}",
                f"{RESOURCES[n % len(RESOURCES)]} and {RESOURCES[(n + 1) % len(RESOURCES)]}",
            ]


def col(i):
    return "ABCDE"[i]


def write_xlsx(path, table):
    sheet = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(table, start=1):
        cells = "".join(
            f'<c r="{col(i)}{r}" t="inlineStr"><is><t xml:space="preserve">{escape(v)}</t></is></c>'
            for i, v in enumerate(row) if v)
        sheet.append(f'<row r="{r}">{cells}</row>')
    sheet.append("</sheetData></worksheet>")
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '</Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>',
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Action plan" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '</Relationships>',
        "xl/worksheets/sheet1.xml": "".join(sheet),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)


def main():
    actions = int(sys.argv[1])
    table = list(rows(actions))
    with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(table)
    if len(sys.argv) > 3:
        write_xlsx(sys.argv[3], table)
    cells = len(table) * len(HEADER)
    print(f"{actions} actions: {len(table)} rows, {cells} cells (rows x columns)")


if __name__ == "__main__":
    main()
