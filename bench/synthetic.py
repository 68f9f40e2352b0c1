"""Synthetic data for the benchmark: the real catalog grown to n resources, tasks and stories citing them."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import yaml

from mlprep.data.models import Resource, Story

from . import ROOT

DATA_FILES = ("resources.yml", "timeline.yml", "stories.yml")
# The lengths the models allow, read from them: a copy's numbered id or title must still fit.
_RESOURCE = Resource.model_json_schema()["properties"]
_STORY = Story.model_json_schema()["properties"]


# --- synthetic data -------------------------------------------------------------------------


def _variant(url: str, tag: str) -> str:
    """A distinct page on the same site: the guide refuses two entries that open the same page."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}/{tag}", fragment=""))


def _move(entry: dict[str, Any], tag: str) -> None:
    """Point an entry at its variant page; a gone entry's archived copy names the page it copies."""
    new = _variant(entry["url"], tag)
    if entry.get("gone"):
        entry["gone"]["archive"] = entry["gone"]["archive"].replace(entry["url"], new)
    entry["url"] = new


def _numbered(value: str, suffix: str, limit: int) -> str:
    """``value`` and ``suffix`` within ``limit`` characters; an id cut before a hyphen must not keep it."""
    return value[: limit - len(suffix)].rstrip("- ") + suffix


def synthesize(n: int, source: Path = ROOT / "data") -> dict[str, Any]:
    """The real data grown to ``n`` resources, with about n/10 tasks and n/100 stories citing them."""
    real = {name: yaml.safe_load((source / name).read_text(encoding="utf-8")) for name in DATA_FILES}
    catalog, timeline, stories = (copy.deepcopy(real[name]) for name in DATA_FILES)
    base = real["resources.yml"]["resources"]
    if n < len(base):  # the real timeline and stories cite real entries
        raise ValueError(f"at least {len(base)} resources, the size of the real catalog")
    resources = catalog["resources"]
    for i in range(len(resources), n):
        r = copy.deepcopy(base[i % len(base)])
        r["id"] = _numbered(r["id"], f"-{i}", _RESOURCE["id"]["maxLength"])
        r["title"] = _numbered(r["title"], f" ({i})", _RESOURCE["title"]["maxLength"])
        if r.get("url"):
            _move(r, f"r{i}")
        resources.append(r)
    catalog["resources"] = resources
    ids = [r["id"] for r in resources]

    phases = timeline["phases"]
    texts = [t["text"] for p in real["timeline.yml"]["phases"] for t in p["tasks"]]
    for j in range(n // 10):
        phases[j % len(phases)]["tasks"].append(
            {
                "id": f"bench-task-{j}",
                "text": texts[j % len(texts)],
                "resources": [ids[(3 * j + k) % n] for k in range(3)],
            }
        )
    people = real["stories.yml"]["stories"]
    for k in range(n // 100):
        s = copy.deepcopy(people[k % len(people)])
        s["id"] = _numbered(s["id"], f"-{k}", _STORY["id"]["maxLength"])
        s["person"] = _numbered(s["person"], f" ({k})", _STORY["person"]["maxLength"])
        s["resources"] = [ids[(7 * k + m) % n] for m in range(5)]
        for j, w in enumerate(s["writeups"]):
            _move(w, f"s{k}-{j}")
        stories["stories"].append(s)
    return {"resources.yml": catalog, "timeline.yml": timeline, "stories.yml": stories}


def write_data(data_dir: Path, data: dict[str, Any]) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    for name, content in data.items():
        text = yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=88)
        (data_dir / name).write_text(text, encoding="utf-8")
