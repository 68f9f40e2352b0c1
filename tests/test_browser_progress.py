"""Progress ticks in a real browser: they survive a reload and an export/import round trip.

Every task of the real timeline gets a labelled checkbox; the ticking rules run on the fixture
guide's site, whose phases are known to hold the two tasks in one phase and the three across the
timeline that the tests tick, whatever the real timeline holds today.
"""

from __future__ import annotations

import json
from itertools import count
from pathlib import Path
from typing import Any

from mlprep.data.load import load_guide
from tests.support.pages import opened
from tests.support.project import FIXTURE, ROOT

TIMELINE = load_guide(ROOT / "data").timeline
# The fixture guide's tasks, picked by shape rather than named.
FIXED = load_guide(FIXTURE).timeline
TASKS = [t.id for p in FIXED.phases for t in p.tasks]
PHASE = next(p for p in FIXED.phases if len(p.tasks) >= 2)  # a phase with a task ticked and one not
CLICKED, UNTICKED = PHASE.tasks[0].id, PHASE.tasks[1].id
KEYED = next(t.id for p in FIXED.phases if p is not PHASE for t in p.tasks)  # ticked from the keyboard


def phase_bar(page: Any, phase_id: str) -> tuple[str, str]:
    bar = page.locator(f"#progress-phase-{phase_id}")
    return bar.evaluate("b => String(b.value)"), bar.evaluate("b => String(b.max)")


def test_every_task_has_a_labelled_checkbox(browser: Any, site_url: str) -> None:
    with opened(browser) as w:
        w.page.goto(site_url + "timeline/")
        for phase in TIMELINE.phases:
            for task in phase.tasks:
                box = w.page.get_by_role("checkbox", name=" ".join(task.text.split())[:40], exact=False)
                assert box.count() == 1, task.id
                assert box.get_attribute("id") == f"done-{task.id}"
            assert phase_bar(w.page, phase.id) == ("0", str(len(phase.tasks)))


def test_a_tick_survives_a_reload(browser: Any, fixture_site_url: str) -> None:
    with opened(browser) as w:
        page = w.page
        page.goto(fixture_site_url + "timeline/")
        page.locator(f"label[for=done-{CLICKED}]").click()  # clicking the task's words ticks it
        page.locator(f"#done-{KEYED}").focus()
        page.keyboard.press("Space")  # and so does the keyboard
        page.reload()
        assert page.locator(f"#done-{CLICKED}").is_checked()
        assert page.locator(f"#done-{KEYED}").is_checked()
        assert not page.locator(f"#done-{UNTICKED}").is_checked()
        ticked_here = sum(t.id in (CLICKED, KEYED) for t in PHASE.tasks)
        assert phase_bar(page, PHASE.id) == (str(ticked_here), str(len(PHASE.tasks)))
        assert page.locator("#progress-all-text").text_content() == f"2 of {len(TASKS)}"
        page.locator(f"#done-{CLICKED}").uncheck()
        page.reload()
        assert not page.locator(f"#done-{CLICKED}").is_checked()


def test_export_then_import_into_a_fresh_browser(browser: Any, fixture_site_url: str, tmp_path: Path) -> None:
    ticked = [TASKS[0], TASKS[len(TASKS) // 2], TASKS[-1]]  # three tasks, from across the timeline
    assert len(set(ticked)) == 3
    with opened(browser) as w:
        w.page.goto(fixture_site_url + "timeline/")
        for task in ticked:
            w.page.check(f"#done-{task}")
        with w.page.expect_download() as info:
            w.page.get_by_role("button", name="Export ticks (.json)").click()
        exported = tmp_path / "progress.json"
        info.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert sorted(data["done"]) == sorted(ticked)

    with opened(browser) as w:  # a new context: empty localStorage
        page = w.page
        page.goto(fixture_site_url + "timeline/")
        assert page.locator(".guide-check:checked").count() == 0
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Import ticks…").click()
        chooser.value.set_files(str(exported))
        page.wait_for_function("document.getElementById('progress-status').textContent.startsWith('Imported')")
        assert "Imported 3 ticked tasks." == page.locator("#progress-status").text_content()
        page.reload()
        assert sorted(page.locator(".guide-check:checked").evaluate_all("bs => bs.map(b => b.dataset.task)")) == sorted(
            ticked
        )


def test_a_foreign_file_changes_nothing(browser: Any, fixture_site_url: str, tmp_path: Path) -> None:
    bogus = tmp_path / "other.json"
    bogus.write_text(json.dumps({"done": [CLICKED]}))
    unknown = tmp_path / "unknown.json"
    gone = next(f"gone-task-{n}" for n in count() if f"gone-task-{n}" not in TASKS)  # an id no task has
    unknown.write_text(json.dumps({"format": "ml-interview-prep-progress", "version": 1, "done": [CLICKED, gone]}))
    with opened(browser) as w:
        page = w.page
        page.goto(fixture_site_url + "timeline/")
        page.check(f"#done-{UNTICKED}")
        page.set_input_files("#progress-file", str(bogus))
        page.wait_for_function("document.getElementById('progress-status').textContent !== ''")
        assert "not a progress file" in (page.locator("#progress-status").text_content() or "")
        assert page.locator(f"#done-{UNTICKED}").is_checked()
        page.set_input_files("#progress-file", str(unknown))
        page.wait_for_function("document.getElementById('progress-status').textContent.startsWith('Imported')")
        assert "1 unknown task" in (page.locator("#progress-status").text_content() or "")
        assert page.locator(f"#done-{CLICKED}").is_checked() and not page.locator(f"#done-{UNTICKED}").is_checked()
