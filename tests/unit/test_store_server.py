"""Team mode: a wrong --db address, a server that cannot be reached and a refused login are
each one Chinese line naming the server and what to check, raised when the database is
opened (not "程序内部错误" at the first query)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from app.store.database import open_database
from app.store.errors import StoreError
from app.store.server import BadDatabaseUrlError, ServerUnreachableError, parse_url


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://u:secret@db.example:abc/x",
        "postgres://u:secret@db.example/x",
        "数据库",
    ],
)
def test_a_malformed_address_is_refused_with_the_expected_form(url: str) -> None:
    with pytest.raises(BadDatabaseUrlError) as refused:
        open_database(url)
    message = str(refused.value)
    assert "数据库地址格式不正确" in message and "postgresql+psycopg://" in message
    assert "secret" not in message  # a password typed into the address is never echoed
    assert isinstance(refused.value, StoreError)


def test_an_unknown_host_is_named() -> None:
    with pytest.raises(ServerUnreachableError) as refused:
        open_database("postgresql+psycopg://u:p@no-such-server.invalid/anjuan")
    message = str(refused.value)
    assert "no-such-server.invalid:5432" in message and "主机名无法解析" in message
    assert "服务器名称" in message and "未作任何改动" in message


def test_a_closed_port_says_what_to_check() -> None:
    with pytest.raises(ServerUnreachableError) as refused:
        open_database("postgresql+psycopg://u:p@127.0.0.1:1/anjuan")
    message = str(refused.value)
    assert "127.0.0.1:1" in message and "拒绝连接" in message and "端口" in message


def test_a_good_address_parses() -> None:
    url = parse_url("postgresql+psycopg://u:p@db.example:5433/anjuan")
    assert (url.host, url.port, url.database) == ("db.example", 5433, "anjuan")


@pytest.mark.postgres
def test_a_wrong_password_is_a_refused_login(postgres_url: str) -> None:
    wrong = make_url(postgres_url).set(password="not-the-password")
    with pytest.raises(ServerUnreachableError) as refused:
        open_database(wrong.render_as_string(hide_password=False))
    message = str(refused.value)
    assert "用户名或密码不正确" in message and f"{wrong.host}:" in message
    assert "not-the-password" not in message
