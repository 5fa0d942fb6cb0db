"""page provenance of documents read from pages (PDF, Word, Excel, scans)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tables") as batch_op:
        batch_op.add_column(sa.Column("page_start", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("page_end", sa.Integer(), nullable=True))
    with op.batch_alter_table("indicators") as batch_op:
        batch_op.add_column(sa.Column("page", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("page_end", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("bbox", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("ocr_confidence", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("ocr_doubtful", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("indicators") as batch_op:
        for name in ("ocr_doubtful", "ocr_confidence", "bbox", "page_end", "page"):
            batch_op.drop_column(name)
    with op.batch_alter_table("tables") as batch_op:
        batch_op.drop_column("page_end")
        batch_op.drop_column("page_start")
