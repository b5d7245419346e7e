"""A clinician's requests that a runner link them (the other way round from an invitation)"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "care_requests",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("clinician_id", sa.String(length=36), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["clinician_id"],
            ["users.id"],
            name=op.f("fk_care_requests_clinician_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_requests")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_care_requests_code_hash")),
    )
    with op.batch_alter_table("care_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_care_requests_clinician_id"), ["clinician_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("care_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_care_requests_clinician_id"))
    op.drop_table("care_requests")
