"""The municipality's departments, and offers and friends across silos: importing a directory
(our JSON, CSV, HSDS 3.0), embeddings, ranking them against what was said, and the citizen's
ratings of ideas.

May import: facilitator.meetings and the layers below. Only ``st_backend`` may load
sentence-transformers (and torch).
"""
