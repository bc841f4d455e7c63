"""CSV and TSV of `winback plan` (and `clients`) read back with Python's csv module, cell by cell,
in UTF-8, UTF-8 with a BOM and CP932, against the plan's json."""

import csv
import io
import json
import re
import sys

from common import EXAMPLE_PLANS, TRICKY_CP932_CLIENTS, TRICKY_PLAN, Case

BOM = b"\xef\xbb\xbf"
# Where glibc's CP932 and Python's cp932 codec read the same byte as different characters
# (the JIS and Microsoft tables): what a reader of the file sees.
CP932_READS_AS = str.maketrans({"\u301c": "\uff5e", "\u2016": "\u2225", "\u2212": "\uff0d",
                                "\u00a2": "\uffe0", "\u00a3": "\uffe1", "\u00ac": "\uffe2", "\u2014": "\u2015"})
PLAIN_NUMBER = re.compile(r"^[+-]?[0-9 ().-]*[0-9][0-9 ().-]*$")


def expected_cell(value, raw):
    """PRODUCT.md: a cell starting like a formula gets a leading ' (plain numbers excepted)."""
    text = "" if value is None else str(value)
    if not raw and text and text[0] in "=+-@\t\r\0" and not PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def read_rows(case, data, encoding, delimiter, what):
    if encoding == "utf-8-sig":
        case.expect(data.startswith(BOM), f"{what}: no byte-order mark")
    else:
        case.expect(not data.startswith(BOM), f"{what}: unexpected byte-order mark")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        case.fail(f"{what}: not {encoding}: {e}")
    if delimiter == ",":
        case.expect(text.endswith("\r\n"), f"{what}: lines must end in CRLF")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))


def compare(case, rows, objects, raw, what, translate=None):
    case.expect(len(rows) == len(objects) + 1, f"{what}: {len(rows) - 1} rows for {len(objects)} objects")
    keys = list(objects[0].keys()) if objects else rows[0]
    case.equal(rows[0], keys, f"{what}: header")
    for number, (row, obj) in enumerate(zip(rows[1:], objects), start=1):
        case.equal(len(row), len(keys), f"{what}: row {number} cells")
        for key, cell in zip(keys, row):
            expected = expected_cell(obj[key], raw)
            if translate:
                expected = expected.translate(translate)
            case.equal(cell, expected, f"{what}: row {number} {key}")


def check_plan(case, book, lang, window, encodings):
    objects = case.plan_json(book, "--lang", lang, *window)
    case.expect(len(objects) > 0, f"plan {window} is empty: nothing would be tested")
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        for raw in (False, True):
            for options, encoding, translate in encodings:
                args = ["--lang", lang, "plan", *window, "--format", fmt, *options] + (["--raw"] if raw else [])
                what = " ".join(args)
                rows = read_rows(case, case.run(book, *args)[1], encoding, delimiter, what)
                compare(case, rows, objects, raw, what, translate)


ENCODINGS = [([], "utf-8", None), (["--bom"], "utf-8-sig", None),
             (["--encoding", "cp932"], "cp932", CP932_READS_AS)]


def main():
    case = Case(sys.argv)
    for lang, window in EXAMPLE_PLANS:
        check_plan(case, case.example, lang, window, ENCODINGS)
    # Commas, quotes, newlines, formula starts, fullwidth and combining text.
    check_plan(case, case.tricky, "en", TRICKY_PLAN, ENCODINGS[:2])
    check_plan(case, case.tricky, "en", TRICKY_PLAN + TRICKY_CP932_CLIENTS, ENCODINGS)

    # Other commands take the same options.
    clients = case.run(case.example, "clients", "--date", "2026-11-24", "--format", "json")[1]
    objects = json.loads(clients)
    for options, encoding, translate in ENCODINGS:
        args = ["clients", "--date", "2026-11-24", "--format", "csv", *options]
        rows = read_rows(case, case.run(case.example, *args)[1], encoding, ",", " ".join(args))
        compare(case, rows, objects, False, " ".join(args), translate)

    calendar = json.loads(case.run(case.example, "calendar", "--year", "2027", "--format", "json")[1])
    for options, encoding, translate in ENCODINGS:
        args = ["calendar", "--year", "2027", "--format", "tsv", *options]
        rows = read_rows(case, case.run(case.example, *args)[1], encoding, "\t", " ".join(args))
        compare(case, rows, calendar, False, " ".join(args), translate)

    # A character with no CP932 form: exit 1, nothing on stdout, the client and field named and
    # nothing of the person's text.
    code, out, err = case.run(case.tricky, "plan", *TRICKY_PLAN, "--format", "csv", "--encoding", "cp932",
                              check=False)
    case.equal(code, 1, "unencodable: exit code")
    case.equal(out, b"", "unencodable: stdout")
    case.equal(err, 'winback: error: --encoding cp932: client C-0009, field "client": character U+20BB7 has no '
               'CP932 form; nothing was written (use --bom for UTF-8, or change the character in the book)\n',
               "unencodable: message")
    case.done("csv")


main()
