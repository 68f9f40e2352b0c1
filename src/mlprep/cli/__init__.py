"""Command-line entry points: validate the data, add a resource, check links, write the pull
request's review summary. ``scripts/`` holds one thin wrapper per command; ``scripts/dev.py``
runs them all."""
