"""The site layer: Jinja templates rendered over the data into Markdown blocks, the pages' order
and facets, and the adapter that stages filled pages for engines without hooks. Imports nothing from
MkDocs or any other engine (hooks/guide.py and the engines call in)."""
