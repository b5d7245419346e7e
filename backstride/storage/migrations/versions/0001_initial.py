"""Initial schema: users, profiles, screenings, pain, sessions, activities, plans"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("handle", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("handle", name=op.f("uq_users_handle")),
    )
    op.create_table(
        "activities",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("source", sa.String(length=255), nullable=False),
        sa.Column("raw_sha256", sa.String(length=64), nullable=False),
        sa.Column("start_utc", sa.DateTime(timezone=True), nullable=False),
        sa.Column("local_offset_min", sa.Integer(), nullable=True),
        sa.Column("sport", sa.String(length=32), nullable=False),
        sa.Column("sub_sport", sa.String(length=32), nullable=True),
        sa.Column("elapsed_s", sa.Float(), nullable=False),
        sa.Column("moving_s", sa.Float(), nullable=True),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("samples", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_activities_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
        sa.UniqueConstraint("user_id", "raw_sha256", name="user_file"),
    )
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activities_user_id"), ["user_id"], unique=False)
        batch_op.create_index("ix_activities_user_start", ["user_id", "start_utc"], unique=False)

    op.create_table(
        "exercise_sessions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("duration_s", sa.Float(), nullable=True),
        sa.Column("rpe", sa.Integer(), nullable=True),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("routine", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_exercise_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise_sessions")),
    )
    with op.batch_alter_table("exercise_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exercise_sessions_user_id"), ["user_id"], unique=False)

    op.create_table(
        "pain_entries",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("when", sa.String(length=16), nullable=False),
        sa.Column("reaches", sa.String(length=16), nullable=False),
        sa.Column("side", sa.String(length=8), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint("score >= 0 AND score <= 10", name=op.f("ck_pain_entries_score_range")),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_pain_entries_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pain_entries")),
    )
    with op.batch_alter_table("pain_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pain_entries_user_id"), ["user_id"], unique=False)
        batch_op.create_index("ix_pain_entries_user_time", ["user_id", "recorded_at"], unique=False)

    op.create_table(
        "plans",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_plans_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plans")),
    )
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plans_user_id"), ["user_id"], unique=False)

    op.create_table(
        "profiles",
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_profiles_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_profiles")),
    )
    op.create_table(
        "screenings",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("rule_table_version", sa.String(length=32), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("triage", sa.String(length=16), nullable=False),
        sa.Column("pattern", sa.String(length=32), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_screenings_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screenings")),
    )
    with op.batch_alter_table("screenings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_screenings_user_id"), ["user_id"], unique=False)
        batch_op.create_index("ix_screenings_user_time", ["user_id", "taken_at"], unique=False)

    op.create_table(
        "exercise_logs",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=64), nullable=False),
        sa.Column("level_id", sa.String(length=64), nullable=False),
        sa.Column("planned", sa.JSON(), nullable=False),
        sa.Column("done", sa.JSON(), nullable=False),
        sa.Column("pain_during", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["exercise_sessions.id"],
            name=op.f("fk_exercise_logs_session_id_exercise_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_exercise_logs_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise_logs")),
    )
    with op.batch_alter_table("exercise_logs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exercise_logs_session_id"), ["session_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_exercise_logs_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("exercise_logs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercise_logs_user_id"))
        batch_op.drop_index(batch_op.f("ix_exercise_logs_session_id"))

    op.drop_table("exercise_logs")
    with op.batch_alter_table("screenings", schema=None) as batch_op:
        batch_op.drop_index("ix_screenings_user_time")
        batch_op.drop_index(batch_op.f("ix_screenings_user_id"))

    op.drop_table("screenings")
    op.drop_table("profiles")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plans_user_id"))

    op.drop_table("plans")
    with op.batch_alter_table("pain_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_pain_entries_user_time")
        batch_op.drop_index(batch_op.f("ix_pain_entries_user_id"))

    op.drop_table("pain_entries")
    with op.batch_alter_table("exercise_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercise_sessions_user_id"))

    op.drop_table("exercise_sessions")
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_index("ix_activities_user_start")
        batch_op.drop_index(batch_op.f("ix_activities_user_id"))

    op.drop_table("activities")
    op.drop_table("users")
