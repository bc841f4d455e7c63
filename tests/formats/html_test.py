"""`winback plan --format html`: a self-contained page (parsed with Python's html.parser), then
printed to PDF by headless Chromium and read back with pdftotext and pdfinfo (poppler-utils):
every client is on the paper, and each day starts on a new sheet. Skipped (77) without Chromium."""

import datetime
import html.parser
import os
import shutil
import subprocess
import sys
import tempfile

from common import EXAMPLE_PLANS, SKIP, TRICKY_CP932_CLIENTS, TRICKY_PLAN, Case

WEEKDAYS = {"en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
            "ja": ["月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日"]}
# Everything the page may contain: no script, no link, no image, nothing that loads anything.
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "section", "h1", "p", "table", "colgroup",
                "col", "thead", "tbody", "tr", "th", "td", "b", "br", "span"}
ALLOWED_ATTRIBUTES = {"lang", "charset", "class"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.lang, self.style = set(), set(), None, ""
        self.bold, self.headings, self._in = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag not in ("br", "meta", "col"):
            self._in.append([tag, ""])

    def handle_endtag(self, tag):
        while self._in:
            name, text = self._in.pop()
            if name == "b":
                self.bold.append(text)
            if name == "h1":
                self.headings.append(text)
            if name == "style":
                self.style = text
            if self._in:
                self._in[-1][1] += text
            if name == tag:
                break

    def handle_data(self, data):
        if self._in:
            self._in[-1][1] += data


def squeeze(text):
    return "".join(text.split())


def sections_of(objects, plan_day):
    """The days the sheet has, in order: the overdue actions are on the first day's sheet."""
    days = []
    for obj in objects:
        day = plan_day if obj["overdue_days"] > 0 else obj["due"]
        if not days or days[-1] != day:
            days.append(day)
    return days


def heading(day, lang):
    return f"{day} ({WEEKDAYS[lang][datetime.date.fromisoformat(day).weekday()]})"


def check_page(case, book, lang, window):
    objects = case.plan_json(book, "--lang", lang, *window)
    args = ["--lang", lang, "plan", *window, "--format", "html"]
    what = " ".join(args)
    data = case.run(book, *args)[1].decode("utf-8")
    page = Page()
    page.feed(data)
    page.close()
    case.expect(page.tags <= ALLOWED_TAGS, f"{what}: unexpected tags {page.tags - ALLOWED_TAGS}")
    case.expect(page.attributes <= ALLOWED_ATTRIBUTES, f"{what}: unexpected attributes {page.attributes - ALLOWED_ATTRIBUTES}")
    case.equal(page.lang, lang, f"{what}: lang")
    for needle in ("url(", "@import", "//"):
        case.expect(needle not in page.style, f"{what}: the style refers to something outside ({needle})")
    case.expect("size: A4" in page.style, f"{what}: no A4 page size")
    # Escaping: every name reads back as the same text.
    case.equal(page.bold, [o["client"] for o in objects], f"{what}: client names")
    days = sections_of(objects, window[window.index("--date") + 1])
    case.equal([h.split(" — ")[-1] for h in page.headings], [heading(d, lang) for d in days], f"{what}: sections")
    return data, objects, days


def print_to_pdf(case, chromium, html_text, folder):
    source = os.path.join(folder, "plan.html")
    pdf = os.path.join(folder, "plan.pdf")
    with open(source, "w", encoding="utf-8") as f:
        f.write(html_text)
    profile = tempfile.mkdtemp(dir=folder)
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-extensions", f"--user-data-dir={profile}", "--no-pdf-header-footer",
               f"--print-to-pdf={pdf}", "file://" + source]
    done = subprocess.run(command, capture_output=True, timeout=120)
    case.expect(done.returncode == 0 and os.path.exists(pdf), f"chromium failed: {done.stderr.decode()[-2000:]}")
    return pdf


def pdf_pages(case, pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
    texts = []
    for number in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), pdf, "-"], capture_output=True,
                              text=True, check=True).stdout
        texts.append(squeeze(text))
    return texts


def check_paper(case, chromium, folder, book, lang, window):
    html_text, objects, days = check_page(case, book, lang, window)
    what = f"printed {lang} {' '.join(window)}"
    pages = pdf_pages(case, print_to_pdf(case, chromium, html_text, folder))
    case.expect(len(pages) >= len(days), f"{what}: {len(pages)} pages for {len(days)} days")
    everything = "".join(pages)
    for obj in objects:
        # Word by word: pdftotext reads the cells of a row side by side, so a wrapped name may
        # have a neighbouring cell's text between its words.
        for word in obj["client"].split():
            case.expect(word in everything, f"{what}: client {obj['client_id']} is not on paper")
    # Each day's heading is on its own sheet, in order, and the first sheet is the first day's.
    first_pages = []
    for day in days:
        found = [n for n, text in enumerate(pages) if squeeze(heading(day, lang)) in text]
        case.equal(len(found), 1, f"{what}: sheets with the heading of {day}")
        first_pages.append(found[0])
    case.equal(first_pages[0], 0, f"{what}: first sheet")
    case.equal(first_pages, sorted(set(first_pages)), f"{what}: one day per sheet, in order")
    print(f"{what}: {len(objects)} actions, {len(days)} days, {len(pages)} pages")


def main():
    case = Case(sys.argv)
    for lang, window in EXAMPLE_PLANS:
        check_page(case, case.example, lang, window)
    check_page(case, case.tricky, "en", TRICKY_PLAN)
    empty = case.run(case.tricky, "plan", "--date", "2026-01-05", "--format", "html")[1].decode()
    case.expect("Nothing is due." in empty, "empty plan: no sentence saying so")

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    missing = [name for name, path in (("chromium", chromium), ("pdftotext", shutil.which("pdftotext")),
                                       ("pdfinfo", shutil.which("pdfinfo"))) if not path]
    if missing:
        print(f"SKIPPED: printing needs {', '.join(missing)} (scripts/setup-debian installs chromium and "
              f"poppler-utils); the page itself passed {case.checks} checks")
        sys.exit(SKIP)
    with tempfile.TemporaryDirectory() as folder:
        for lang, window in EXAMPLE_PLANS:
            check_paper(case, chromium, folder, case.example, lang, window)
        # The emoji of C-0009 needs a colour emoji font: the other tricky clients print.
        check_paper(case, chromium, folder, case.tricky, "en", TRICKY_PLAN + TRICKY_CP932_CLIENTS + ["--client", "C-0004"])
    case.done("html")


main()
