"""The plans' data, in plain Python: load, validate, model, and the pages made from it.

Nothing in this package imports MkDocs. `hooks/site.py` is the thin MkDocs layer on
top; another engine would need only its own thin layer.
"""
