"""ML Interview Prep: the guide's data, its rendering, the link check and the tools around them.

The packages follow the data flow, and a lower layer never imports a higher one:

- ``mlprep.data``   models, YAML reading and writing, validation, URL identity
- ``mlprep.site``   templates rendered over the data; the staging adapter for hookless engines
- ``mlprep.links``  the external-link check (LinkChecker fetches)
- ``mlprep.github.client`` the GitHub client, inert Markdown, the pull request's review summary
- ``mlprep.cli``    command-line entry points behind the thin wrappers in ``scripts/``

Nothing here imports MkDocs: the hook in ``hooks/`` is a thin adapter.
"""
