"""Files on disk: bounded reading, parsing, atomic writing, canonical JSON, names, the data folder.

May import: nothing of Assessor's but assessor.errors.
"""
