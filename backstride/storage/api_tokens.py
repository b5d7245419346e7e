"""Personal access tokens in and out of the database, stored by the hash of their secret."""

import uuid
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backstride.domain.api_tokens import ApiToken, token_scope
from backstride.storage.tables import ApiTokenRow


def _token(row: ApiTokenRow) -> ApiToken:
    return ApiToken(row.id, row.name, token_scope(row.scope), row.created_at, row.last_used_at)


def add_api_token(
    session: Session, user_id: str, token_hash: str, name: str, scope: str, now: datetime
) -> ApiToken:
    """Store a new token and return it as listed."""
    row = ApiTokenRow(
        id=str(uuid.uuid4()),
        user_id=user_id,
        token_hash=token_hash,
        name=name,
        scope=scope,
        created_at=now,
        last_used_at=None,
    )
    session.add(row)
    session.flush()
    return _token(row)


def api_token_by_hash(session: Session, token_hash: str) -> tuple[str, ApiToken] | None:
    """The owner's user id and the token whose secret has this hash, or None."""
    row = session.scalar(select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash))
    return None if row is None else (row.user_id, _token(row))


def touch_api_token(session: Session, user_id: str, token_id: str, now: datetime) -> None:
    """Note that a token was used now."""
    row = session.get(ApiTokenRow, token_id)
    if row is not None and row.user_id == user_id:
        row.last_used_at = now
        session.flush()


def list_api_tokens(session: Session, user_id: str) -> list[ApiToken]:
    """A user's tokens, newest first."""
    rows = session.scalars(
        select(ApiTokenRow)
        .where(ApiTokenRow.user_id == user_id)
        .order_by(ApiTokenRow.created_at.desc(), ApiTokenRow.id)
    )
    return [_token(row) for row in rows]


def delete_api_token(session: Session, user_id: str, token_id: str) -> bool:
    """Forget one of a user's tokens; False when they have none by that id."""
    result = session.execute(
        delete(ApiTokenRow).where(ApiTokenRow.user_id == user_id, ApiTokenRow.id == token_id)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def delete_api_tokens(session: Session, user_id: str) -> int:
    """Forget every token of a user (a new password ends them all); how many there were."""
    result = session.execute(delete(ApiTokenRow).where(ApiTokenRow.user_id == user_id))
    return int(result.rowcount)  # type: ignore[attr-defined]
