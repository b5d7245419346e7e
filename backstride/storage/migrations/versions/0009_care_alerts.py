"""Care alerts for clinicians, the clinician mark and alert address on accounts"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "care_alerts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("clinician_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("source_id", sa.String(length=36), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("what", sa.String(length=200), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("email_claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("email_attempts", sa.Integer(), nullable=False),
        sa.Column("emailed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["clinician_id"],
            ["users.id"],
            name=op.f("fk_care_alerts_clinician_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_care_alerts_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_care_alerts")),
        sa.UniqueConstraint(
            "clinician_id", "user_id", "kind", "source_id", name="uq_care_alerts_event"
        ),
    )
    with op.batch_alter_table("care_alerts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_care_alerts_user_id"), ["user_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_care_alerts_clinician_id"), ["clinician_id"], unique=False
        )
        batch_op.create_index("ix_care_alerts_unsent", ["emailed_at"], unique=False)
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_clinician", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("alert_email", sa.String(length=254), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("alert_email")
        batch_op.drop_column("is_clinician")
    with op.batch_alter_table("care_alerts", schema=None) as batch_op:
        batch_op.drop_index("ix_care_alerts_unsent")
        batch_op.drop_index(batch_op.f("ix_care_alerts_clinician_id"))
        batch_op.drop_index(batch_op.f("ix_care_alerts_user_id"))
    op.drop_table("care_alerts")
