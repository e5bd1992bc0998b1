"""Team mode's PostgreSQL server: the address checked and the connection tried when the
database is opened.

A wrong ``--db`` host, a server that does not answer or a refused login would otherwise
surface wherever the first query happens, as the driver's English text or as "程序内部错误".
Tried once at open, each becomes one Chinese line naming the server and what to check.
"""

from __future__ import annotations

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from app.store.errors import DriverMissingError, StoreError

# Seconds to wait for a server that does not answer (a wrong address, a firewall dropping
# packets): without it the driver waits for the operating system, two minutes or more.
CONNECT_TIMEOUT_S = 10
URL_EXAMPLE = "postgresql+psycopg://用户名:密码@服务器:5432/数据库名"

# The driver's words (libpq's messages are English and stable) → what is wrong, what to
# check. A reason applies when all the words of one of its phrases appear.
_REASONS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (
        ("failed to resolve host", "could not translate host name", "name or service not known"),
        "找不到这台服务器（主机名无法解析）",
        "请检查 --db 地址中的服务器名称是否写错，以及本机的网络连接",
    ),
    (
        ("password authentication failed", "no password supplied"),
        "服务器拒绝登录（用户名或密码不正确）",
        "请检查 --db 地址中的用户名和密码，或请数据库管理员核对账号",
    ),
    (
        ("no pg_hba.conf entry",),
        "服务器不允许本机连接",
        "请数据库管理员在服务器的访问设置（pg_hba.conf）中允许本机",
    ),
    (
        ("role+does not exist",),
        "服务器上没有这个用户",
        "请检查 --db 地址中的用户名，或请数据库管理员创建该用户",
    ),
    (
        ("database+does not exist",),
        "服务器上没有这个数据库",
        "请检查 --db 地址末尾的数据库名，或请数据库管理员先创建该数据库",
    ),
    (
        ("connection refused",),
        "服务器拒绝连接",
        "请检查数据库服务是否已启动、端口是否正确（默认 5432）、防火墙是否放行",
    ),
    (
        ("invalid response to ssl negotiation", "server closed the connection unexpectedly"),
        "该地址和端口上的程序不是 PostgreSQL 数据库服务",
        "请检查 --db 地址中的服务器和端口（默认 5432）",
    ),
    (
        ("timeout expired", "timed out", "no route to host", "network is unreachable"),
        "服务器没有响应",
        "请检查服务器地址和端口、网络连接，以及防火墙是否放行",
    ),
)


class BadDatabaseUrlError(StoreError):
    """The ``--db`` address cannot be read as a database address."""

    def __init__(self, text: str) -> None:
        super().__init__(
            f"数据库地址格式不正确：{_hide_password(text)}。"
            f"团队模式的地址应形如 {URL_EXAMPLE}；不使用团队模式时去掉 --db。"
        )


class ServerUnreachableError(StoreError):
    """The PostgreSQL server named by the address cannot be used; nothing was changed."""


def _hide_password(text: str) -> str:
    try:
        return make_url(text).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return text.split("@")[-1] if "@" in text else text


def parse_url(url: str | URL) -> URL:
    """``url`` parsed; a malformed address (a port that is not a number …) is refused in
    words."""
    if isinstance(url, URL):
        return url
    try:
        parsed = make_url(url)
        parsed.port  # noqa: B018 (the port is checked when read)
    except (ArgumentError, ValueError) as exc:
        raise BadDatabaseUrlError(url) from exc
    return parsed


def server_name(url: URL) -> str:
    return f"{url.host or 'localhost'}:{url.port or 5432}"


def connection_error(exc: BaseException, url: URL) -> ServerUnreachableError:
    """The failure to connect ``exc`` as one line: the server, what is wrong, what to check."""
    said = str(getattr(exc, "orig", None) or exc).strip()
    lower = said.lower()
    where = f"数据库服务器 {server_name(url)}"
    for phrases, reason, check in _REASONS:
        if any(all(word in lower for word in phrase.split("+")) for phrase in phrases):
            return ServerUnreachableError(
                f"无法连接{where}：{reason}。{check}；数据库未作任何改动。"
            )
    first_line = said.splitlines()[0] if said else type(exc).__name__
    return ServerUnreachableError(
        f"无法连接{where}（{first_line}）。请检查 --db 地址（{URL_EXAMPLE}）、"
        "服务器是否已启动和网络连接；数据库未作任何改动。"
    )


def server_engine(url: URL) -> Engine:
    """A PostgreSQL (team) engine whose server has answered once; a missing driver, a wrong
    address or a refused login is named in Chinese, not as a traceback."""
    postgres = url.get_backend_name() == "postgresql"
    try:
        engine = create_engine(
            url,
            pool_pre_ping=True,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S} if postgres else {},
        )
    except (ImportError, NoSuchModuleError) as exc:
        if postgres:
            raise DriverMissingError(url.get_driver_name() or url.get_backend_name()) from exc
        raise BadDatabaseUrlError(url.render_as_string(hide_password=False)) from exc
    try:
        engine.connect().close()
    except DBAPIError as exc:
        engine.dispose()
        raise connection_error(exc, url) from exc
    return engine
