"""The data layer: the models (the data contract), reading YAML (a fast path and the line-aware
loader), writing it back (atomically, under a lock), validation with located problems, the checks
between entries and files, URL identity. Imports nothing from the layers above or from any engine."""
