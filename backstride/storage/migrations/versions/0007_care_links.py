"""Care links between runners and clinicians, their invitations, and the audit trail of access"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _owner(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["user_id"], ["users.id"], name=op.f(f"fk_{table}_user_id_users"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "care_links",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("clinician_id", sa.String(length=36), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["clinician_id"],
            ["users.id"],
            name=op.f("fk_care_links_clinician_id_users"),
            ondelete="CASCADE",
        ),
        _owner("care_links"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_links")),
    )
    with op.batch_alter_table("care_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_care_links_user_id"), ["user_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_care_links_clinician_id"), ["clinician_id"], unique=False
        )
    op.create_table(
        "care_invites",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        _owner("care_invites"),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_care_invites")),
    )
    with op.batch_alter_table("care_invites", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_care_invites_user_id"), ["user_id"], unique=False)
    op.create_table(
        "care_audit",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("clinician_id", sa.String(length=36), nullable=False),
        sa.Column("clinician_login", sa.String(length=64), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("change", sa.Boolean(), nullable=False),
        sa.Column("what", sa.String(length=200), nullable=False),
        _owner("care_audit"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_audit")),
    )
    with op.batch_alter_table("care_audit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_care_audit_user_id"), ["user_id"], unique=False)
        batch_op.create_index("ix_care_audit_user_time", ["user_id", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("care_audit", schema=None) as batch_op:
        batch_op.drop_index("ix_care_audit_user_time")
        batch_op.drop_index(batch_op.f("ix_care_audit_user_id"))
    op.drop_table("care_audit")
    with op.batch_alter_table("care_invites", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_care_invites_user_id"))
    op.drop_table("care_invites")
    with op.batch_alter_table("care_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_care_links_clinician_id"))
        batch_op.drop_index(batch_op.f("ix_care_links_user_id"))
    op.drop_table("care_links")
