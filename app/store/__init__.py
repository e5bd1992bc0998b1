"""The local store: SQLite by default (one file in the data folder), PostgreSQL for a team.

- ``database``      ``open_database(url) -> Database`` (engine, ``session()`` unit of work)
- ``models``        the tables (SQLAlchemy 2 typed models)
- ``migrations``    ``ensure_ready`` / ``upgrade`` / revisions (Alembic, configured in code)
- ``backup``, ``restore``  ``db backup`` / ``db restore``
- ``repositories``, ``audit``  the first shared queries and the audit log
- ``errors``        ``StoreError`` and its subclasses (Chinese messages)

Submodules are imported explicitly (``from app.store.migrations import ensure_ready``), so
importing one does not pull in Alembic for the others.
"""
