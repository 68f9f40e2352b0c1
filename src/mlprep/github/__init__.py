"""GitHub: a small REST client and Markdown that text from data or servers cannot act in.

Standard library only and importing nothing else of ``mlprep``, so a workflow runs it
without installing anything (``PYTHONPATH=src``), and the layers above can use it.
"""
