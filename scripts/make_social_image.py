#!/usr/bin/env python3
"""Draw the link-preview image (docs/assets/social.png, 1200x630) once; the PNG is committed.

    .venv/bin/python scripts/make_social_image.py

A thin wrapper: the drawing is tests/support/social_image.py, beside the browser helpers it uses.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/ sits beside src/

from tests.support.social_image import main  # noqa: E402

if __name__ == "__main__":
    main()
