"""Mutation runs that are too slow for the test suite: scripts/mutate_js.py runs the planner's."""
