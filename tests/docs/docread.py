#!/usr/bin/python3
# docread.py — reads the documents cyberduty writes back the way a person's tools do, for
# tests/cli/documents.sh: PDF through poppler-utils (pdftotext, pdftotext -bbox, pdffonts,
# pdfinfo), Word through python3-docx, Excel through python3-openpyxl (all Debian packages in
# scripts/deps). Each command exits 1 with what it found when a check fails.
#
#   docread.py text FILE.pdf|FILE.docx WORD…   the words appear in this order (spaces ignored)
#   docread.py layout FILE.pdf                   A4, margins 28 / 37 / 26 mm, block 156 × 225 mm,
#                                                3号 text on the grid of 22 lines, page numbers
#                                                right on odd and left on even pages, never a
#                                                page of the signature and date alone
#   docread.py fonts FILE.pdf FACE…              every font embedded, each FACE among them
#   docread.py styles FILE.docx STYLE:TEXT…      a paragraph of that style holds that text
#   docread.py page FILE.docx                    A4 and the margins of the section
#   docread.py ledger FILE.xlsx DB              every row of the ledger's workbook, cell by cell
#                                                for what the register holds as it is written
#   docread.py ranking FILE.xlsx RANKING.json    every cell of the results list as the ranking
#                                                (`assess ranking --json`) has it
#   docread.py kept FILE.docx                    the block before the signature and date, and
#                                                the blank lines between, keep with them
#   docread.py cells FILE.docx|FILE.xlsx R C TEXT …  the cell (1-based) of the first table /
#                                                sheet holds exactly TEXT
#   docread.py rows FILE.xlsx N                  the sheet has N rows
#   docread.py printable FILE.xlsx               each sheet prints on A4 (landscape above 8
#                                                columns), one page wide, the head row repeated
#   docread.py font FILE.docx TEXT FACE          a run of exactly TEXT is set in FACE (its
#                                                East Asian face, w:rFonts w:eastAsia)
#   docread.py head FILE.pdf up|down NUMBER      the first page's head, measured from its pixels
#                                                (pdftoppm) and words: the 发文机关标志 red,
#                                                centred, its top 35 mm below the block's; a red
#                                                rule the block's width 4 mm below the number;
#                                                the number centred (down: 下行文) or flush left
#                                                one character in with 签发人 flush right one
#                                                character in (up: 上行文)
import re
import subprocess
import sys

MM = 72 / 25.4


def fail(msg):
    print("docread: " + msg, file=sys.stderr)
    sys.exit(1)


def run(*cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def plain(path):
    if path.endswith(".pdf"):
        t = run("pdftotext", "-layout", path, "-")
    else:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        d = docx.Document(path)
        parts = []
        # the body in document order: paragraphs and tables as they stand
        for el in d.element.body.iterchildren():
            if el.tag.endswith("}p"):
                parts.append(Paragraph(el, d).text)
            elif el.tag.endswith("}tbl"):
                for row in Table(el, d).rows:
                    parts += [c.text for c in row.cells]
        t = "\n".join(parts)
    return re.sub(r"\s+", "", t)


def in_order(path, words):
    t = plain(path)
    at = 0
    for w in words:
        w = re.sub(r"\s+", "", w)
        k = t.find(w, at)
        if k < 0:
            where = "anywhere" if t.find(w) < 0 else "after the previous word"
            fail("%s: %r not found %s; text: %s" % (path, w, where, t[:3000]))
        at = k + len(w)


def absent(path, words):
    t = plain(path)
    for w in words:
        if re.sub(r"\s+", "", w) in t:
            fail("%s: %r should not be there; text: %s" % (path, w, t[:3000]))


def boxes(path):
    html = run("pdftotext", "-bbox", path, "-")
    pages = []
    for p in html.split("<page ")[1:]:
        size = re.search(r'width="([\d.]+)" height="([\d.]+)"', p)
        words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', p)]
        pages.append((float(size.group(1)), float(size.group(2)), words))
    return pages


def near(what, got_pt, want_mm, tol_mm):
    got = got_pt / MM
    if abs(got - want_mm) > tol_mm:
        fail("%s is %.1f mm, want %.1f ± %.1f mm" % (what, got, want_mm, tol_mm))


def em_top(word):
    """The top of a word's em square (where the renderer puts a line's top on the grid) from its
    box: Fandol's boxes are one em tall; Noto Sans/Serif CJK's (黑体 captions, headings and table
    heads) reach its ascender, 1.160 em above the baseline, and its descender, 0.288 em below
    (the fonts' hhea metrics), while the em's top stands 0.88 em above it (doc_pdf.c ASCENT)."""
    h = word[3] - word[1]
    for size in (16, 12, 10.5, 22):
        if abs(h - 1.448 * size) < 0.3:
            return word[1] + (1.160 - 0.88) * size
    return word[1]


def body_size(word):
    """3号 text (body, headings, captions: 16 pt) by its box, either face's; False for a table's
    cells (小四, 五号), which stand a cell's padding below the table's top rule"""
    h = word[3] - word[1]
    return abs(h - 16) < 0.3 or abs(h - 1.448 * 16) < 0.3


def layout(path):
    pages = boxes(path)
    lefts, tops, rights = [], [], []
    if not pages:
        fail(path + ": no pages")
    for i, (w, h, words) in enumerate(pages, 1):
        near("page %d width" % i, w, 210, 0.2)
        near("page %d height" % i, h, 297, 0.2)
        # the page number: "— N —", the lowest words of the page
        num = [x for x in words if x[1] > 262 * MM]
        body = [x for x in words if x[1] <= 262 * MM]
        if [x[4] for x in num] != ["—", str(i), "—"]:
            fail("page %d: the page number reads %r" % (i, [x[4] for x in num]))
        if i % 2:
            near("page %d number's right end" % i, num[-1][2], 28 + 156 - 14 / MM, 0.6)
        else:
            near("page %d number's left end" % i, num[0][0], 28 + 14 / MM, 0.6)
        near("page %d number's line" % i, num[1][3], 262 + 7 + 3.5, 2.5)
        # nothing outside the block (pdftotext's boxes reach the fonts' ascent, which in Noto
        # CJK stands up to 2.5 mm above the characters); a line of body text starts at its left
        # edge and the first line of a page stands on its top
        lefts.append(min(x[0] for x in body))
        rights.append(max([x[2] for x in body if body_size(x)] or [0]))
        # 22 lines of 3号 text to the block: each line's em top on the grid 37 mm + k × 225/22
        for x in body:
            if body_size(x):
                k = (em_top(x) / MM - 37) / (225 / 22)
                if abs(k - round(k)) * 225 / 22 > 0.3 or not 0 <= round(k) < 22:
                    fail("page %d: %r off the grid of 22 lines (line %.2f)" % (i, x[4][:12], k + 1))
        if lefts[-1] < 27 * MM:
            fail("page %d: text left of the block (%.1f mm)" % (i, lefts[-1] / MM))
        if max(x[2] for x in body) > (28 + 156 + 0.5) * MM:
            fail("page %d: text past the right edge of the block (%.1f mm)"
                 % (i, max(x[2] for x in body) / MM))
        if max(x[3] for x in body) > (37 + 225 + 1) * MM:
            fail("page %d: text below the block (%.1f mm)" % (i, max(x[3] for x in body) / MM))
        # never a page of the signature and date alone (GB/T 9704-2012 §7.3.5.1: the seal's
        # top within a line of the body text): a page of at most two lines ending in a date
        lines = sorted(set(round(x[1]) for x in body))
        last = max(body, key=lambda x: (x[1], x[0]))
        if len(lines) <= 2 and re.search(r"\d{4}年\d{1,2}月\d{1,2}日$", last[4]):
            fail("page %d: the signature and date alone on a page" % i)
        if i > 1:
            if min(x[1] for x in body) < 34.4 * MM:
                fail("page %d: text above the block (%.1f mm)"
                     % (i, min(x[1] for x in body) / MM))
            # the top margin from the pages that open with a line of 3号 text (one that opens
            # with a table has its first words a cell's padding below the table's top)
            first = min(body, key=lambda x: x[1])
            if body_size(first):
                tops.append(em_top(first))
    near("the left margin (the leftmost line of all pages)", min(lefts), 28, 0.5)
    # 28 characters of 3号 fill a line: the longest lines of 3号 text end at the block's right
    # edge, 26 mm from the paper's
    near("the right margin (the longest line of 3号 text)", max(rights), 28 + 156, 0.6)
    # every page (after the first) that opens with a line of 3号 text has it on the block's top
    for t in tops:
        near("the top margin (the first line of a page that opens with text)", t, 37, 0.5)


def fonts(path, faces):
    out = run("pdffonts", path).splitlines()[2:]
    names = []
    for line in out:
        f = line.split()
        if f[-5] != "yes":
            fail("%s: font %s not embedded: %s" % (path, f[0], line))
        names.append(f[0])
    for face in faces:
        if not any(face in n for n in names):
            fail("%s: no %s among %s" % (path, face, names))


def styles(path, pairs):
    import docx
    d = docx.Document(path)
    have = [(p.style.name, p.text) for p in d.paragraphs]
    for pair in pairs:
        style, text = pair.split(":", 1)
        if not any(s == style and text in t for s, t in have):
            fail("%s: no paragraph of style %r with %r; have %r" % (path, style, text, have[:40]))


def page(path):
    import docx
    from docx.shared import Mm
    s = docx.Document(path).sections[0]
    for what, got, want in (("width", s.page_width, 210), ("height", s.page_height, 297),
                            ("top", s.top_margin, 37), ("left", s.left_margin, 28),
                            ("right", s.right_margin, 26), ("bottom", s.bottom_margin, 35)):
        if abs(got - Mm(want)) > Mm(0.1):
            fail("%s: page %s %.2f mm, want %d" % (path, what, got / Mm(1), want))


def kept(path):
    """Word keeps the signature and date with the body before them: the last body block (a
    paragraph, or a table's last row), the paragraphs between it and the date keep with the next
    (w:keepNext, their own or their style's), so the signature never stands alone on a page"""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    d = docx.Document(path)

    def keeps(p):
        st, k = p.style, p.paragraph_format.keep_with_next
        while k is None and st is not None:
            k, st = st.paragraph_format.keep_with_next, st.base_style
        return bool(k)

    body = [el for el in d.element.body.iterchildren() if el.tag.endswith(("}p", "}tbl"))]
    dates = [i for i, el in enumerate(body)
             if el.tag.endswith("}p") and Paragraph(el, d).style.name == "Date"]
    if not dates:
        fail("%s: no paragraph of style Date" % path)
    i = dates[-1] - 1
    while i >= 0 and body[i].tag.endswith("}p") and \
            Paragraph(body[i], d).style.name in ("Signature", "Blank Line", "Table After"):
        if not keeps(Paragraph(body[i], d)):
            fail("%s: the %s before the date does not keep with the next"
                 % (path, Paragraph(body[i], d).style.name))
        i -= 1
    if i < 0:
        fail("%s: nothing before the signature" % path)
    if body[i].tag.endswith("}tbl"):
        last = Table(body[i], d).rows[-1]
        ps = [p for c in last.cells for p in c.paragraphs]
        what = "the last row of the table before the signature"
    else:
        ps = [Paragraph(body[i], d)]
        what = "the paragraph before the signature (%r)" % ps[0].text[:20]
    if not all(keeps(p) for p in ps):
        fail("%s: %s does not keep with the signature" % (path, what))


def ranking(path, json_path):
    """the results workbook, every cell of every row, against the ranking as `assess ranking
    --json` reads it: rank, unit, year, version, stage, score, grade, veto, last year's score and
    grade, the change (numbers compared as numbers, an empty cell as null)"""
    import json
    import openpyxl
    r = json.load(open(json_path))["ranking"]
    rows = list(openpyxl.load_workbook(path).active.iter_rows(min_row=2, values_only=True))

    def norm(v):
        num = isinstance(v, (int, float, str)) and \
            str(v).lstrip("+-").replace(".", "", 1).isdigit()
        return float(v) if num else v
    if len(rows) != len(r):
        fail("%s: %d rows, the ranking has %d" % (path, len(rows), len(r)))
    for x, row in zip(r, rows):
        p = x["previous"] or {}
        want = [x["rank"], x["unit"]["code"], x["unit"]["name"], x["year"], x["version"],
                x["stage_label"], x["total"], x["grade_label"], "是" if x["vetoed"] else "否",
                p.get("total"), p.get("grade_label"), x["change"]]
        if [norm(v) for v in want] != [norm(v) for v in row]:
            fail("%s: row %r, want %r" % (path, row, want))


def ledger(path, db):
    """the ledger's workbook, cell by cell for what the register holds as it is written — code,
    name, address, the four units by code, maintainer, level, the MLPS dates and filing number,
    software — against the database, row by row in its order (the asset's id)"""
    import datetime
    import openpyxl
    import sqlite3
    cols = {0: "a.code", 1: "a.name", 3: "a.url", 4: "b.code", 5: "u.code", 6: "m.code",
            7: "o.code", 8: "a.maintainer", 9: "a.mlps_level", 10: "a.graded_on",
            11: "a.filing_no", 12: "a.filed_on", 13: "a.assessed_on", 21: "a.software"}
    sql = ("SELECT " + ", ".join(cols.values()) + " FROM asset a"
           " LEFT JOIN unit b ON b.id = a.builder_unit LEFT JOIN unit u ON u.id = a.user_unit"
           " LEFT JOIN unit m ON m.id = a.manager_unit"
           " LEFT JOIN unit o ON o.id = a.operator_unit ORDER BY a.id")
    want = sqlite3.connect(db).execute(sql).fetchall()
    rows = list(openpyxl.load_workbook(path).active.iter_rows(min_row=2, values_only=True))

    def cell(v):
        return v.strftime("%Y-%m-%d") if isinstance(v, datetime.datetime) else v
    if len(rows) != len(want):
        fail("%s: %d rows, the register has %d" % (path, len(rows), len(want)))
    for row, w in zip(rows, want):
        got = tuple(cell(row[i]) for i in cols)
        if got != tuple(w):
            fail("%s: row %r, want %r" % (path, got, w))


def cells(path, args):
    if path.endswith(".xlsx"):
        import openpyxl
        ws = openpyxl.load_workbook(path, read_only=True).worksheets[0]
        get = lambda r, c: ws.cell(row=r, column=c).value
    else:
        import docx
        tb = docx.Document(path).tables[0]
        get = lambda r, c: tb.cell(r - 1, c - 1).text
    for k in range(0, len(args), 3):
        r, c, want = int(args[k]), int(args[k + 1]), args[k + 2]
        got = get(r, c)
        if str(got if got is not None else "") != want:
            fail("%s: cell (%d,%d) is %r, want %r" % (path, r, c, got, want))


def rows(path, n):
    import openpyxl
    ws = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    got = sum(1 for _ in ws.iter_rows())
    if got != n:
        fail("%s: %d rows, want %d" % (path, got, n))


def printable(path):
    import openpyxl
    for ws in openpyxl.load_workbook(path).worksheets:
        ps, wide = ws.page_setup, ws.max_column > 8
        if str(ps.paperSize) != "9":
            fail("%s: sheet %s: paper %r, want 9 (A4)" % (path, ws.title, ps.paperSize))
        if (ps.orientation == "landscape") != wide:
            fail("%s: sheet %s of %d columns: orientation %r" % (path, ws.title, ws.max_column,
                                                                  ps.orientation))
        # fitToWidth left out means 1 (ECMA-376 §18.3.1.63)
        if (not ws.sheet_properties.pageSetUpPr.fitToPage or ps.fitToWidth not in (None, 1)
                or ps.fitToHeight != 0):
            fail("%s: sheet %s: not fitted to one page's width" % (path, ws.title))
        if ws.print_title_rows not in ("1:1", "$1:$1"):
            fail("%s: sheet %s: head row printed on every page %r" % (path, ws.title,
                                                                      ws.print_title_rows))


def run_font(path, text, face):
    import docx
    from docx.oxml.ns import qn
    seen = []
    for p in docx.Document(path).paragraphs:
        for r in p.runs:
            if r.text == text:
                f = r._element.rPr.find(qn("w:rFonts")) if r._element.rPr is not None else None
                got = f.get(qn("w:eastAsia")) if f is not None else None
                if got == face:
                    return
                seen.append(got)
    fail("%s: no run %r in %s (runs of that text: %r)" % (path, text, face, seen))


def red_pixels(path, dpi):
    """the red pixels of page 1 as (x, y) in mm, rendered by pdftoppm as a binary PPM"""
    ppm = subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", str(dpi), path],
                         check=True, capture_output=True).stdout
    head = ppm.split(maxsplit=4)
    w, h = int(head[1]), int(head[2])
    data = head[4]
    mm = 25.4 / dpi
    rows = {}
    for y in range(h):
        row = data[3 * w * y:3 * w * (y + 1)]
        xs = [x for x in range(w) if row[3 * x] > 200 and row[3 * x + 1] < 90 and row[3 * x + 2] < 90]
        if xs:
            rows[y * mm] = (xs[0] * mm, xs[-1] * mm, len(xs) * mm)
    return rows


def official_head(path, kind, number):
    rows = red_pixels(path, 150)
    if not rows:
        fail("%s: nothing red on page 1 (the 发文机关标志 and the rule are red)" % path)
    # the rule: the red rows that run the block's width, solid
    rule = [y for y, (a, b, n) in rows.items() if n > 150 and b - a > 150]
    if not rule:
        fail("%s: no red rule the width of the block; red rows: %r" % (path, sorted(rows)[:5]))
    ry = min(rule)
    a, b, n = rows[ry]
    if abs(a - 28) > 0.6 or abs(b - 184) > 0.6:
        fail("%s: the red rule runs %.1f … %.1f mm, want 28 … 184" % (path, a, b))
    mark = [(y, v) for y, v in rows.items() if y < ry - 5]
    if not mark:
        fail("%s: no red 发文机关标志 above the rule" % path)
    top = min(y for y, _ in mark)
    # the glyphs' ink starts a little below the em's top
    if not 72 <= top <= 75.5:
        fail("%s: the 发文机关标志's top is %.1f mm from the page's, want 37 + 35 = 72 mm "
             "(its ink up to 3.5 mm lower)" % (path, top))
    left = min(v[0] for _, v in mark)
    right = max(v[1] for _, v in mark)
    if abs((left + right) / 2 - 106) > 1:
        fail("%s: the 发文机关标志 is not centred (%.1f … %.1f mm)" % (path, left, right))
    # the number's line: the words just above the rule
    words = [x for x in boxes(path)[0][2] if ry * MM - 12 * MM < x[3] < ry * MM]
    if not words or number not in "".join(x[4] for x in words):
        fail("%s: the number %r not on the line above the rule: %r" % (path, number, words))
    gap = ry - max(x[3] for x in words) / MM
    if not 2.5 <= gap <= 5:
        fail("%s: the rule is %.1f mm below the number's line, want 4 mm" % (path, gap))
    x0, x1 = min(x[0] for x in words) / MM, max(x[2] for x in words) / MM
    char = 156 / 28
    if kind == "up":
        line = "".join(x[4] for x in words)
        if "签发人" not in line:
            fail("%s: no 签发人 on the number's line: %r" % (path, line))
        if abs(x0 - (28 + char)) > 0.8 or abs(x1 - (184 - char)) > 0.8:
            fail("%s: the number's line runs %.1f … %.1f mm, want one character in from either "
                 "edge (%.1f … %.1f)" % (path, x0, x1, 28 + char, 184 - char))
    elif abs((x0 + x1) / 2 - 106) > 1:
        fail("%s: the number is not centred (%.1f … %.1f mm)" % (path, x0, x1))


cmd, path, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
{"text": lambda: in_order(path, rest), "absent": lambda: absent(path, rest),
 "layout": lambda: layout(path),
 "fonts": lambda: fonts(path, rest), "styles": lambda: styles(path, rest),
 "page": lambda: page(path), "cells": lambda: cells(path, rest),
 "kept": lambda: kept(path), "ranking": lambda: ranking(path, rest[0]),
 "ledger": lambda: ledger(path, rest[0]),
 "rows": lambda: rows(path, int(rest[0])),
 "printable": lambda: printable(path),
 "head": lambda: official_head(path, rest[0], rest[1]),
 "font": lambda: run_font(path, rest[0], rest[1])}[cmd]()
