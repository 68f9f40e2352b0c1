"""ML Interview Prep: the guide's data contract, loading, validation and rendering.

Nothing here imports MkDocs: the hook in ``hooks/`` is a thin adapter, and the
scripts and tests use the same functions directly.
"""
