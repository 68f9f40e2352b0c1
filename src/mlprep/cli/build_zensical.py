"""Build the site with Zensical, which runs no hooks: stage the filled pages, build them, publish the site.

    python -m mlprep.cli.build_zensical [--site-dir DIR]   # or: python3 scripts/dev.py build --engine zensical

Run from the project folder. The staging copy is ``build/zensical/``
(``mlprep.site.stage``), locked from staging to publishing, so two builds of one
project take turns instead of staging over each other; the finished site replaces
``--site-dir`` in one rename, so bad data or a failed build leaves the previous
site as it was. Exit codes: 0 built, 1 the configuration, the data, a page or the
build failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from mlprep.data.file_write import locked
from mlprep.data.problems import DataError
from mlprep.data.terminal_text import log_lines
from mlprep.site.render import RenderError
from mlprep.site.stage import ConfigError, publish, stage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mlprep.cli.build_zensical", description="Build the site with Zensical."
    )
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="where the site goes (default: site)")
    args = parser.parse_args(argv)
    root, out = Path.cwd(), Path.cwd() / "build" / "zensical"
    out.mkdir(parents=True, exist_ok=True)
    with locked(out):
        return _build(root, out, args.site_dir)


def _build(root: Path, out: Path, site_dir: Path) -> int:
    try:
        config = stage(root, out)
    except DataError as err:
        print(err.report(), file=sys.stderr)
        return 1
    except (ConfigError, RenderError) as err:
        print(log_lines(str(err)), file=sys.stderr)  # one problem a line, as the MkDocs build prints them
        return 1
    engine = Path(sys.executable).with_name("zensical")
    if subprocess.run([str(engine), "build", "--strict", "-f", config.name], cwd=out).returncode:
        print("zensical build failed; the site was not changed", file=sys.stderr)
        return 1
    publish(out / "site", site_dir)
    print(f"Built with Zensical into {site_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
