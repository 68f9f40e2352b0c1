"""Command-line entry points: validate the data, add a resource, regenerate the schemas, build with
Zensical, check links, write the pull request's review summary, keep the nightly link check's issue
and the repository's labels. ``scripts/`` holds one thin wrapper per command; ``scripts/dev.py``
runs them all. The issue and labels commands need only the standard library, as their workflows
install nothing."""
