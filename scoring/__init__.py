"""The law of the product: checklists, scores, grades, vetoes, time limits, working days.

Pure Python. Nothing here imports the application, Qt, SQLAlchemy or PyMuPDF
(an import-linter contract in pyproject.toml keeps it so), so every rule is
testable in milliseconds without a window or a database.
"""
