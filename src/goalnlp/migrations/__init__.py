"""Alembic migrations of the goalnlp database schema (see :mod:`goalnlp.db`).

Run by :func:`goalnlp.db.upgrade` (``goalnlp db upgrade``, and every ``--db`` load);
a new revision goes in ``versions/`` with ``down_revision`` set to the last one, and
``goalnlp.db.SCHEMA_VERSION`` moves to it.
"""
