"""`winback plan --format ics` read back with python3-icalendar, against the plan's json; and the
bytes themselves: CRLF, lines of at most 75 octets folded between characters, identical re-runs."""

import datetime
import sys

from common import EXAMPLE_PLANS, TRICKY_PLAN, Case

try:
    import icalendar
except ImportError:
    print("FAILED: python3-icalendar is missing (scripts/setup-debian installs it)", file=sys.stderr)
    sys.exit(1)


def check_bytes(case, data, what):
    case.expect(data.endswith(b"\r\n"), f"{what}: does not end in CRLF")
    lines = data.split(b"\r\n")[:-1]
    for number, line in enumerate(lines, start=1):
        case.expect(b"\n" not in line and b"\r" not in line, f"{what}: line {number}: bare CR or LF")
        case.expect(len(line) <= 75, f"{what}: line {number} has {len(line)} octets")
        try:
            line.decode("utf-8")  # a fold inside a character would leave a broken sequence
        except UnicodeDecodeError:
            case.fail(f"{what}: line {number} is folded inside a UTF-8 character: {line!r}")
    case.equal(lines[0], b"BEGIN:VCALENDAR", f"{what}: first line")
    return lines


def date_of(iso):
    return datetime.date.fromisoformat(iso)


def check_plan(case, book, lang, window):
    objects = case.plan_json(book, "--lang", lang, *window)
    case.expect(len(objects) > 0, f"plan {window} is empty: nothing would be tested")
    args = ["--lang", lang, "plan", *window, "--format", "ics"]
    what = " ".join(args)
    data = case.run(book, *args)[1]
    case.equal(case.run(book, *args)[1], data, f"{what}: a second run")
    lines = check_bytes(case, data, what)
    case.expect(any(line.startswith(b" ") for line in lines), f"{what}: nothing folded, the test proves little")

    calendar = icalendar.Calendar.from_ical(data)
    case.equal(calendar.name, "VCALENDAR", f"{what}: object")
    case.equal(str(calendar.get("VERSION")), "2.0", f"{what}: VERSION")
    case.expect(str(calendar.get("PRODID", "")).startswith("-//winback//"), f"{what}: PRODID")
    todos = list(calendar.walk("VTODO"))
    case.equal(len(todos), len(objects), f"{what}: VTODOs")
    uids = [str(todo.get("UID")) for todo in todos]
    case.equal(len(set(uids)), len(uids), f"{what}: UIDs unique")
    plan_day = date_of(window[window.index("--date") + 1])
    stamp = datetime.datetime.combine(plan_day, datetime.time(0, 0), tzinfo=datetime.timezone.utc)
    for todo, obj in zip(todos, objects):
        where = f"{what}: {obj['action_id']}"
        case.equal(str(todo.get("UID")), obj["action_id"] + "@winback", f"{where}: UID")
        due = todo.decoded("DUE")
        case.expect(type(due) is datetime.date, f"{where}: DUE is not an all-day DATE: {due!r}")
        case.equal(due, date_of(obj["due"]), f"{where}: DUE")
        case.equal(todo.decoded("DTSTAMP"), stamp, f"{where}: DTSTAMP")
        case.expect(str(todo.get("SUMMARY")).startswith(obj["client"] + ": "), f"{where}: SUMMARY")
        task = obj["task"].replace("\r\n", "\n").replace("\r", "\n")
        description = str(todo.get("DESCRIPTION"))
        case.expect(description.startswith(task), f"{where}: DESCRIPTION {description!r} does not start with the task")
        case.expect(obj["action_id"] in description, f"{where}: DESCRIPTION names the action")
        categories = [str(c) for c in todo.get("CATEGORIES").cats]
        case.equal(categories, [obj["reason"]], f"{where}: CATEGORIES")
    return dict(zip((o["action_id"] for o in objects), uids))


def main():
    case = Case(sys.argv)
    for lang, window in EXAMPLE_PLANS:
        check_plan(case, case.example, lang, window)
    check_plan(case, case.tricky, "en", TRICKY_PLAN)
    check_plan(case, case.tricky, "ja", TRICKY_PLAN)

    # The same occurrence planned on two days (first due, then overdue) keeps its UID, so a
    # calendar that imports both updates one to-do.
    first = check_plan(case, case.example, "en", ["--date", "2026-11-20", "--days", "5"])
    later = check_plan(case, case.example, "en", ["--date", "2026-11-24", "--days", "5"])
    shared = set(first) & set(later)
    case.expect(len(shared) > 0, "no action is in both plans")
    for action in shared:
        case.equal(later[action], first[action], f"UID of {action} on two days")

    # Nothing due: still a calendar, with no to-dos.
    empty = case.run(case.tricky, "plan", "--date", "2026-01-05", "--format", "ics")[1]
    check_bytes(case, empty, "empty plan")
    case.equal(len(list(icalendar.Calendar.from_ical(empty).walk("VTODO"))), 0, "empty plan: VTODOs")
    case.done("ics")


main()
