"""Mutation testing of the planner's date logic: does a small bug in the JavaScript fail a test?

    .venv/bin/python scripts/mutate_js.py            # every mutant (about 90 minutes on 2 cores, 3 at once)
    .venv/bin/python scripts/mutate_js.py --list     # the mutants, numbered, without running anything
    .venv/bin/python scripts/mutate_js.py --only 3 17   # just these
    .venv/bin/python scripts/mutate_js.py --file plan.js

Each mutant changes one thing in docs/javascripts/plan.js (the dates, all of it)
or in the date-related parts of planner.js (the input bounds, "already past",
"You are here", the status words that depend on dates): a comparison's
boundary (< and <=, > and >=), an equality, + and -, a dropped minus, && and
||, a constant one higher or lower, min and max, floor and ceil, and a list of
hand-written ones (a clamp removed, a branch swapped, a step reordered). Each
is written into a copy of the project, where the real tests run against it:
tests/test_plan_properties.py (Hypothesis, calling MLPrepPlan.compute in
Chromium) and tests/test_browser_planner.py, stopping at the first failure. A
mutant is killed when a test fails, survives when all pass. Hypothesis keeps
its example database across the run (a counterexample that killed one mutant
is tried first on the next) and skips shrinking, which only makes a failure
prettier. A mutant that is not valid JavaScript (``node --check``) is not run.

The summary goes to stdout and, with every mutant's outcome, to
build/mutation/js.md and js.json. Not part of the normal test run: it is slow.
README.md, "Mutation testing", has the last score and the surviving mutants.
"""

from __future__ import annotations

import argparse
import json
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "docs" / "javascripts"
OUT = ROOT / "build" / "mutation"
TESTS = {
    "plan.js": ["tests/test_plan_properties.py", "tests/test_browser_planner.py"],
    "planner.js": ["tests/test_browser_planner.py", "tests/test_plan_properties.py"],
}
# The parts of planner.js that deal in dates (start marker, end marker); the rest draws the form and the calendar.
PLANNER_REGIONS = [
    ("function today()", "var FORMAT"),
    ("function ago(", "var MILESTONES"),
    ("function readInput(", "function el("),
    ("function statusText(", "function clearDates()"),
]
# The hand-written mutants: (file, what it does, exact text, replacement); the text must occur exactly once.
CURATED = [
    ("plan.js", "final school year later than the search delays it", "cmp(input.final, dates.search) < 0",
     "cmp(input.final, dates.search) !== 0"),
    ("plan.js", "no clamp to today", ' { dates.search = now; adjusted.push("today"); }', " {}"),
    ("plan.js", "no clamp to the final school year", ' { dates.search = input.final; adjusted.push("final"); }', " {}"),
    ("plan.js", "no clamp to weeks before a known interview",
     ' { dates.search = soonest; adjusted.push("interview-soon"); }', " {}"),
    ("plan.js", "no clamp to the shortest lead before a known interview",
     ' { dates.search = longest; adjusted.push("interview-late"); }', " {}"),
    ("plan.js", "interview clamps in the other order",
     'if (cmp(dates.search, soonest) > 0) { dates.search = soonest; adjusted.push("interview-soon"); }\n'
     '      else if (cmp(dates.search, longest) < 0) { dates.search = longest; adjusted.push("interview-late"); }',
     'if (cmp(dates.search, longest) < 0) { dates.search = longest; adjusted.push("interview-late"); }\n'
     '      else if (cmp(dates.search, soonest) > 0) { dates.search = soonest; adjusted.push("interview-soon"); }'),
    ("plan.js", "final-year clamp after the interview clamps",
     'if (input.final && cmp(input.final, dates.search) < 0) { dates.search = input.final; adjusted.push("final"); }\n'
     "    if (input.interview) {",
     "if (input.interview) {"),
    ("plan.js", "no refusal of a past start date", 'if (cmp(input.start, now) < 0) return fail("start-past");', ""),
    ("plan.js", "no refusal of a past interview", 'if (cmp(input.interview, now) < 0) return fail("interview-past");',
     ""),
    ("plan.js", "no refusal when the latest start has passed",
     'if (cmp(dates.latest, now) < 0) return fail("too-late");', ""),
    ("plan.js", "no refusal of an interview after the offers date",
     'if (cmp(dates.interview, dates.offers) > 0) return fail("interview-after-offers");', ""),
    ("plan.js", "no refusal of a search after the latest start",
     'if (cmp(dates.search, dates.latest) > 0) return fail("search-too-late");', ""),
    ("plan.js", "no refusal of a phase after the start date",
     'if (rows.some(function (r) { return cmp(r.date, dates.start) > 0; })) return fail("after-start");', ""),
    ("plan.js", "days before months", "return addDays(addMonths(t, dur.months), dur.days);",
     "return addMonths(addDays(t, dur.days), dur.months);"),
    ("plan.js", "weeks before months", "return addDays(addMonths(input.start, -months), -7 * weeks);",
     "return addMonths(addDays(input.start, -7 * weeks), -months);"),
    ("plan.js", "no last-day-of-month rule", "d: Math.min(t.d, daysIn(y, m))", "d: t.d"),
    ("plan.js", "ties not in page order", "return cmp(a.date, b.date) || a.index - b.index;",
     "return cmp(a.date, b.date) || b.index - a.index;"),
    ("plan.js", "rows not sorted", "rows.sort(function (a, b) { return cmp(a.date, b.date) || a.index - b.index; });",
     ""),
    ("plan.js", "earliest from the shortest lead", "earliest: back(data.lead.longest + input.notice, input.visa)",
     "earliest: back(data.lead.shortest + input.notice, input.visa)"),
    ("plan.js", "latest from the longest lead", "latest: back(data.lead.shortest + input.notice, input.visa)",
     "latest: back(data.lead.longest + input.notice, input.visa)"),
    ("plan.js", "notice left out of the search", "search: back(input.lead + input.notice, input.visa)",
     "search: back(input.lead, input.visa)"),
    ("plan.js", "visa left out of the offers date", "offers: back(input.notice, input.visa)",
     "offers: back(input.notice, 0)"),
    ("plan.js", "a known interview ignored", "dates.interview = input.interview;",
     "dates.interview = addDays(dates.search, 7 * input.weeks);"),
    ("plan.js", "interview from the lead time's date, not the clamped one",
     "dates.interview = addDays(dates.search, 7 * input.weeks);",
     "dates.interview = addDays(dates.offers, -7 * input.weeks);"),
    ("plan.js", "phases with an unknown anchor dated at the start", "if (dur && anchors[p.anchor])",
     "if (dur)"),
    ("plan.js", "a negative duration read as positive", "var sign = p[1] ? -1 : 1", "var sign = 1"),
    ("plan.js", "years not counted", "n(2) * 12 + n(3)", "n(3)"),
    ("plan.js", "weeks not counted", "n(4) * 7 + n(5)", "n(5)"),
    ("plan.js", "a date the month lacks accepted", "t.d <= daysIn(t.y, t.m)", "t.d <= 31"),
    ("plan.js", "string comparison of unpadded dates", "pad(t.m, 2)", "String(t.m)"),
    ("planner.js", '"already past" on today', "var past = cmp(r.date, now) < 0", "var past = cmp(r.date, now) <= 0"),
    ("planner.js", '"You are here" after a phase on today', "if (!marked && cmp(r.date, now) > 0) here();",
     "if (!marked && cmp(r.date, now) >= 0) here();"),
    ("planner.js", '"You are here" never placed in the list', "if (!marked && cmp(r.date, now) > 0) here();", ""),
    ("planner.js", "the timeline's own dates marked past on today", "if (cmp(r.date, now) < 0) p.appendChild",
     "if (cmp(r.date, now) <= 0) p.appendChild"),
    ("planner.js", "status counts phases past on today", "return r.phase && cmp(r.date, now) < 0;",
     "return r.phase && cmp(r.date, now) <= 0;"),
    ("planner.js", "status counts milestones as phases past", "return r.phase && cmp(r.date, now) < 0;",
     "return cmp(r.date, now) < 0;"),
    ("planner.js", "status: the date the lead time and the final year give swapped",
     '>= 0 ? "your final school year gives" : "your lead time gives"',
     '>= 0 ? "your lead time gives" : "your final school year gives"'),
    ("planner.js", "status: the first rule that moved the search explains it, not the last",
     "[plan.adjusted[plan.adjusted.length - 1]]", "[plan.adjusted[0]]"),
    ("planner.js", "a final school year after the start date accepted",
     "(!!input.final && !(input.start && cmp(input.final, input.start) >= 0))", "!!input.final"),
    ("planner.js", "status: the lead time named as the origin of a search date a rule moved",
     "var search = plan.adjusted.length ? ", "var search = false ? "),
    ("planner.js", "status: days to the search counted backwards", "ago(P.daysBetween(now, d.search))",
     "ago(P.daysBetween(d.search, now))"),
    ("planner.js", "today in UTC instead of the reader's day",
     "var n = new Date(); return { y: n.getFullYear(), m: n.getMonth() + 1, d: n.getDate() };",
     "var n = new Date(); return { y: n.getUTCFullYear(), m: n.getUTCMonth() + 1, d: n.getUTCDate() };"),
]  # fmt: skip


@dataclass
class Mutant:
    number: int
    file: str
    line: int
    what: str
    source: str  # the whole mutated file
    outcome: str = ""  # killed, survived, invalid, error
    by: str = ""  # the first failing test
    seconds: float = 0.0


# A small JavaScript lexer: enough to tell operators from the same characters in strings, regexes and comments.
_TOKEN = re.compile(
    r"""(?P<space>\s+)|(?P<comment>//[^\n]*|/\*.*?\*/)|(?P<string>"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')"""
    r"""|(?P<number>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)"""
    r"""|(?P<op>===|!==|==|!=|<=|>=|&&|\|\||[-+*/%<>!?:=(){}\[\];,.])""",
    re.S,
)
_REGEX = re.compile(r"/(?:\\.|\[(?:\\.|[^\]\\])*\]|[^/\\\n])+/[gimsuy]*")
_BEFORE_REGEX = {"=", "(", ",", ":", ";", "!", "&&", "||", "?", "{", "}", "[", "return"}
_SWAP = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "===": "!==", "!==": "===", "&&": "||", "||": "&&", "*": "/"}
_COMPARE = {"<", "<=", ">", ">=", "===", "!=="}
_CALLS = {
    "Math.min": "Math.max",
    "Math.max": "Math.min",
    "Math.floor": "Math.ceil",
    "Math.round": "Math.floor",
}


def tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, offset) of every token; regex literals are one token of kind 'regex'."""
    out: list[tuple[str, str, int]] = []
    i = 0
    significant: list[str] = []
    while i < len(text):
        if text[i] == "/" and (not significant or significant[-1] in _BEFORE_REGEX):
            found = _REGEX.match(text, i)
            if found and not text.startswith(("//", "/*"), i):
                out.append(("regex", found.group(), i))
                significant.append(found.group())
                i = found.end()
                continue
        match = _TOKEN.match(text, i)
        if not match:
            raise ValueError(f"cannot read the JavaScript at offset {i}: {text[i : i + 20]!r}")
        kind = match.lastgroup or ""
        if kind not in ("space", "comment"):
            out.append((kind, match.group(), i))
            significant.append(match.group())
        i = match.end()
    return out


def regions(file: str, text: str) -> list[tuple[int, int]]:
    if file == "plan.js":
        return [(text.index("(function (root) {"), text.index("root.MLPrepPlan ="))]
    return [(text.index(start), text.index(end)) for start, end in PLANNER_REGIONS]


def operator_mutants(file: str, text: str) -> list[tuple[int, str, str]]:
    """(offset, what, mutated file) for each operator and constant in the file's date regions."""
    spans = regions(file, text)
    found: list[tuple[int, str, str]] = []
    toks = tokens(text)

    def put(offset: int, old: str, new: str) -> None:
        found.append(
            (offset, f"{old} → {new}" if new else f"{old} removed", text[:offset] + new + text[offset + len(old) :])
        )

    for n, (kind, tok, offset) in enumerate(toks):
        if not any(a <= offset < b for a, b in spans):
            continue
        previous = toks[n - 1][1] if n else ""
        unary = previous in _BEFORE_REGEX or previous in ("-", "+", "<", ">", "<=", ">=", "===", "!==", "*")
        if kind == "op" and tok in _SWAP:
            put(offset, tok, _SWAP[tok])
        elif kind == "op" and tok == "-" and unary:
            put(offset, tok, "")
        elif kind == "op" and tok in ("+", "-") and not unary:
            # String concatenation is left alone: it builds words, not dates.
            if "string" not in (toks[n - 1][0], toks[n + 1][0]):
                put(offset, tok, "-" if tok == "+" else "+")
        elif kind == "op" and tok == "!" and toks[n + 1][1] != "=":
            put(offset, tok, "")
        elif kind == "number" and not (tok == "0" and previous in _COMPARE):
            # (cmp(a, b) < 0 → < 1 would repeat the boundary mutant < → <=.)
            value = int(float(tok))
            put(offset, tok, str(value + 1))
            if value > 1:
                put(offset, tok, str(value - 1))
        elif kind == "name" and tok in _CALLS:
            put(offset, tok, _CALLS[tok])
    return found


def mutants(only_file: str | None = None) -> list[Mutant]:
    out: list[Mutant] = []
    for file in ("plan.js", "planner.js"):
        if only_file and file != only_file:
            continue
        text = (JS / file).read_text(encoding="utf-8")
        for offset, what, source in operator_mutants(file, text):
            out.append(Mutant(0, file, text.count("\n", 0, offset) + 1, what, source))
        for cfile, what, old, new in CURATED:
            if cfile != file:
                continue
            if text.count(old) != 1:
                raise SystemExit(f"{file}: the curated mutant {what!r} no longer matches exactly once: {old!r}")
            offset = text.index(old)
            out.append(Mutant(0, file, text.count("\n", 0, offset) + 1, what, text.replace(old, new)))
    for i, m in enumerate(out, 1):
        m.number = i
    return out


CONFTEST = '''"""Written by tests/mutation/js.py: no shrinking (a failure is all it takes), one database for the run."""
from hypothesis import Phase, settings

settings.register_profile("mutation", phases=[Phase.explicit, Phase.reuse, Phase.generate])
settings.load_profile("mutation")
'''


def workspace(tmp: Path) -> Path:
    """A copy of what the tests read: the site's sources and the tests themselves."""
    project = tmp / "project"
    project.mkdir(parents=True)
    for name in ("mkdocs.yml", "CONTRIBUTING.md", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)
    for name in ("docs", "data", "hooks", "overrides", "tests"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    return project


def run_tests(project: Path, tests: list[str], timeout: float) -> tuple[bool, str, str]:
    """(passed, first failing test, output tail)."""
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-o", "addopts=-rf", *tests]
    try:
        done = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, "(timed out)", ""
    failed = re.search(r"^(?:FAILED|ERROR) (\S+)", done.stdout, re.M)
    return done.returncode == 0, failed.group(1) if failed else "", done.stdout[-2000:]


def report(results: list[Mutant], elapsed: float) -> str:
    lines = ["# JavaScript mutation run", ""]
    lines.append("| file | mutants | killed | survived | not valid JS | score |")
    lines.append("| --- | --- | --- | --- | --- | --- |")
    for file in sorted({m.file for m in results}):
        mine = [m for m in results if m.file == file]
        killed = sum(m.outcome == "killed" for m in mine)
        survived = sum(m.outcome == "survived" for m in mine)
        invalid = sum(m.outcome == "invalid" for m in mine)
        valid = killed + survived
        score = f"{100 * killed / valid:.1f} %" if valid else "-"
        lines.append(f"| {file} | {len(mine)} | {killed} | {survived} | {invalid} | {score} |")
    lines += ["", f"{elapsed / 60:.1f} minutes.", "", "## Survivors", ""]
    for m in results:
        if m.outcome == "survived":
            lines.append(f"- #{m.number} {m.file}:{m.line}: {m.what}")
    if not any(m.outcome == "survived" for m in results):
        lines.append("None.")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--list", action="store_true", help="print the mutants and stop")
    parser.add_argument("--only", type=int, nargs="*", help="run only these mutant numbers")
    parser.add_argument("--file", choices=("plan.js", "planner.js"), help="mutate only this file")
    parser.add_argument("--jobs", type=int, default=3, help="mutants tested at once, each in its own copy")
    parser.add_argument("--timeout", type=float, default=600, help="seconds for one mutant's tests")
    args = parser.parse_args(argv)
    every = mutants()  # numbered over both files, so a number means the same mutant with or without --file
    chosen = [m for m in every if (not args.file or m.file == args.file) and (not args.only or m.number in args.only)]
    if args.list:
        for m in chosen:
            print(f"#{m.number} {m.file}:{m.line}: {m.what}")
        return 0
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mutate-js-") as tmp:
        # One copy of the project per worker: the tests mostly wait on the browser, so two or three share 2 cores.
        projects = [workspace(Path(tmp) / f"w{i}") for i in range(max(1, args.jobs))]
        print("checking the tests pass on the unmutated code...", flush=True)
        passed, failed, tail = run_tests(projects[0], TESTS["plan.js"], args.timeout)
        if not passed:
            print(f"the tests fail without a mutant ({failed}); fix that first\n{tail}", file=sys.stderr)
            return 2
        free: queue.Queue[Path] = queue.Queue()
        for project in projects:
            free.put(project)

        def one(m: Mutant) -> None:
            project = free.get()
            try:
                target = project / "docs" / "javascripts" / m.file
                original = target.read_text(encoding="utf-8")
                checked = project / "check.js"
                checked.write_text(m.source, encoding="utf-8")
                syntax = subprocess.run(["node", "--check", str(checked)], capture_output=True, text=True)
                start = time.monotonic()
                if syntax.returncode:
                    m.outcome = "invalid"
                else:
                    target.write_text(m.source, encoding="utf-8")
                    passed, m.by, _ = run_tests(project, TESTS[m.file], args.timeout)
                    m.outcome = "survived" if passed else "killed"
                    target.write_text(original, encoding="utf-8")
                m.seconds = round(time.monotonic() - start, 1)
                print(f"#{m.number} {m.file}:{m.line} {m.what}: {m.outcome} {m.by} ({m.seconds:g} s)", flush=True)
            finally:
                free.put(project)

        with ThreadPoolExecutor(max_workers=len(projects)) as pool:
            list(pool.map(one, chosen))
    text = report(chosen, time.monotonic() - began)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "js.md").write_text(text, encoding="utf-8")
    rows = [{k: v for k, v in asdict(m).items() if k != "source"} for m in chosen]
    (OUT / "js.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(text)
    return 0
