"""Synthetic parties and officers: names, 身份证号, 统一社会信用代码, addresses, plates.

Numbers carry valid check digits so an extractor that validates them is exercised, but the
area codes, names and companies are invented.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from app.paths import read_yaml

_CATALOG = Path(__file__).with_name("catalog.yaml")
_AREA_CODES = ("410102", "330106", "320583", "440304", "510107", "370203")
_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


@cache
def catalog() -> dict[str, Any]:
    """Departments, causes and name lists of catalog.yaml."""
    return read_yaml(_CATALOG)


@dataclass(frozen=True)
class Party:
    name: str
    is_company: bool
    id_no: str  # 统一社会信用代码 or 公民身份号码
    address: str
    representative: str  # 法定代表人 (company) or the person themself
    phone: str

    @property
    def id_label(self) -> str:
        return "统一社会信用代码" if self.is_company else "身份证号码"


@dataclass(frozen=True)
class Officer:
    name: str
    cert_no: str


def person_name(rng: random.Random) -> str:
    cat = catalog()
    return rng.choice(cat["surnames"]) + rng.choice(cat["given_names"])


def id_card_number(rng: random.Random) -> str:
    """An 18-digit 公民身份号码 with a valid ISO 7064 MOD 11-2 check digit."""
    born = date(1965, 1, 1) + timedelta(days=rng.randrange(365 * 35))
    body = f"{rng.choice(_AREA_CODES)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(body))
    return body + "10X98765432"[total % 11]


def credit_code(rng: random.Random) -> str:
    """An 18-character 统一社会信用代码 (GB 32100) with valid check characters."""
    org = [rng.randrange(10) for _ in range(8)]
    check = 11 - sum(d * w for d, w in zip(org, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    org_code = "".join(map(str, org)) + {10: "X", 11: "0"}.get(check, str(check))
    body = "91" + rng.choice(_AREA_CODES) + org_code
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(body, _CREDIT_WEIGHTS, strict=True))
    return body + _CREDIT_CHARS[(31 - total % 31) % 31]


def address(rng: random.Random, place_prefix: str) -> str:
    street = rng.choice(catalog()["streets"])
    return f"{place_prefix}{street}{rng.randint(1, 399)}号"


def phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"


def make_party(rng: random.Random, is_company: bool, place_prefix: str, city: str) -> Party:
    cat = catalog()
    if is_company:
        name = f"{city}{rng.choice(cat['company_words'])}{rng.choice(cat['company_trades'])}"
        return Party(
            name, True, credit_code(rng), address(rng, place_prefix), person_name(rng), phone(rng)
        )
    name = person_name(rng)
    return Party(name, False, id_card_number(rng), address(rng, place_prefix), name, phone(rng))


def make_officers(rng: random.Random, count: int = 2) -> list[Officer]:
    """Distinct officers with 执法证号 of one issuing series."""
    series = rng.choice(("3301", "4101", "3205", "4403"))
    names: list[str] = []
    while len(names) < count:
        candidate = person_name(rng)
        if candidate not in names:
            names.append(candidate)
    return [Officer(n, f"{series}{rng.randint(10, 99)}{rng.randrange(100000):05d}") for n in names]


def plate(rng: random.Random, abbr: str) -> str:
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    tail = "".join(rng.choice("0123456789" + letters[:6]) for _ in range(4))
    return f"{abbr}{rng.choice(letters[:6])}·{rng.randint(1, 9)}{tail}"
