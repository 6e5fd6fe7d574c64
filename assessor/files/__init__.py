"""Files on disk: bounded reading, parsing, atomic writing, canonical JSON, names, the data folder;
and the one check for text that comes in (:mod:`assessor.files.text_checks`).

May import: nothing of Assessor's but assessor.errors.
"""
