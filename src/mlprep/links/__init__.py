"""External-link check of the built site, with LinkChecker doing the fetching.

LinkChecker fetches; this package decides what to fetch (content links only,
each unique URL once), retries transient failures, turns results into verdicts,
says where each URL is written, and reports. One concern per module:

- ``extract``     content links of a built site (theme boilerplate left out)
- ``locate``      where a URL is written: data file line, or docs/ page line
- ``config``      the repository's ``linkcheck.toml`` (settings, per-host bot walls)
- ``server``      loopback HTTP server for site/ and the generated link lists
- ``model``       the vocabulary: verdicts and the record kept for each unique URL
- ``linkchecker`` LinkChecker as a subprocess under a wall-clock limit, its CSV output parsed
- ``hosts``       one pass over some URLs: a LinkChecker process per host, each under its own time limit
- ``verdict``     a fetch result turned into ok / moved / blocked / dead
- ``wayback``     closest archived snapshot for dead URLs
- ``gone``        links the data marks gone (set apart, archive checked); the edit that marks a dead one
- ``cache``       results file kept across runs (recent 'ok's, runs in a row rate limited)
- ``report``      Markdown and JSON reports
- ``check``       the passes, retries and time budget tied together
- ``changed``     the URLs a change adds or edits (a pull request's check)
- ``issue``       the nightly check's GitHub issue: opened, told of new dead links and failures, closed
"""
