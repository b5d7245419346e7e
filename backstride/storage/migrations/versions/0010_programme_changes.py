"""A clinician's programme changes for a runner, as append-only versions"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "programme_changes",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author_id", sa.String(length=36), nullable=False),
        sa.Column("author_login", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("exercise_id", sa.String(length=80), nullable=True),
        sa.Column("max_reps", sa.Integer(), nullable=True),
        sa.Column("max_hold_s", sa.Integer(), nullable=True),
        sa.Column("sessions", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("undoes", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_programme_changes_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_changes")),
        sa.UniqueConstraint("user_id", "version", name=op.f("uq_programme_changes_user_id")),
    )
    with op.batch_alter_table("programme_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_programme_changes_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("programme_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_changes_user_id"))
    op.drop_table("programme_changes")
