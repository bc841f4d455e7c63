"""Shared by the format tests: run the real winback binary and read its json plan.

Each test is `python3 tests/formats/NAME_test.py WINBACK SOURCE_DIR`; it exits 0 when every
check passes, 1 on the first failure (with a message), 77 when it must be skipped.
"""

import json
import os
import subprocess
import sys

SKIP = 77


class Case:
    def __init__(self, argv):
        if len(argv) != 3:
            sys.exit(f"usage: {argv[0]} WINBACK SOURCE_DIR")
        self.winback = argv[1]
        self.source = argv[2]
        self.example = os.path.join(self.source, "examples", "dayservice")
        self.tricky = os.path.join(self.source, "tests", "formats", "book")
        self.checks = 0

    def run(self, book, *args, check=True):
        """winback --dir BOOK ARGS in a fixed environment: (exit code, stdout bytes, stderr text)."""
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "TZ": "Asia/Tokyo"}
        done = subprocess.run([self.winback, "--dir", book, *args], env=env, capture_output=True)
        if check and done.returncode != 0:
            self.fail(f"winback {' '.join(args)} exited {done.returncode}: {done.stderr.decode()}")
        return done.returncode, done.stdout, done.stderr.decode("utf-8")

    def plan_json(self, book, *args):
        """The plan's actions as json: the reference the other formats are compared with."""
        return json.loads(self.run(book, "plan", *args, "--format", "json")[1])

    def expect(self, condition, message):
        self.checks += 1
        if not condition:
            self.fail(message)

    def equal(self, actual, expected, what):
        self.expect(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")

    def fail(self, message):
        print(f"FAILED: {message}", file=sys.stderr)
        sys.exit(1)

    def done(self, what):
        print(f"{what}: {self.checks} checks passed")
        sys.exit(0)


# The windows of the example book that the tests read (json decides what to expect).
EXAMPLE_PLANS = [
    ("en", ["--date", "2026-11-24", "--days", "7"]),
    ("ja", ["--date", "2026-12-28", "--days", "14"]),
    ("ja", ["--date", "2027-02-26", "--until", "2027-03-06"]),
]
TRICKY_PLAN = ["--date", "2026-11-24", "--days", "3"]
# C-0004 and C-0009 have characters with no CP932 form (ë, 𠮷).
TRICKY_CP932_CLIENTS = ["--client", "C-0001", "--client", "C-0002", "--client", "C-0003"]
