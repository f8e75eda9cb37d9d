"""Personal data: find it, scrub it from text, and pseudonymise author ids.

Before any comment text is stored or exported, :func:`scrub_text` replaces e-mail addresses,
URLs, 16-digit NIK (national identity numbers, with or without separators), Indonesian phone
numbers (mobile and landline, local or +62 forms) and @handles by placeholders, so the text
keeps its shape ("hubungi [TELEPON]") but loses the person. :func:`hash_author` replaces an
author id by a salted SHA-256 pseudonym: the same id and salt always give the same pseudonym
(so one author's comments can still be grouped), and without the salt it cannot be reversed
by hashing candidate ids.

Examples
--------
>>> scrub_text("cek wa 0812-3456-7890 atau @admin_dinas, email aduan@pemkab.go.id")
'cek wa [TELEPON] atau [AKUN], email [EMAIL]'
>>> hash_author("user123", salt="s3cret")
'u_88dfee9171fa5a9a'
"""

from __future__ import annotations

import hashlib
import re

PLACEHOLDERS = {
    "email": "[EMAIL]",
    "url": "[URL]",
    "nik": "[NIK]",
    "phone": "[TELEPON]",
    "handle": "[AKUN]",
}
# One alternation, tried left to right at each position: e-mail before URL (an address holds
# a domain), NIK before phone (sixteen digits are not a phone number).
_PARTS = {
    # bounded local part: an unbounded one makes the search quadratic on long text
    "email": r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+",
    "url": (r"(?:https?://|www\.)[^\s<>\"']+"
            r"|\b[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*\.(?:com|net|org|id|ly|me|io|info|co"
            r"|xyz|site|online|link|app|gl)\b(?:/[^\s<>\"']*)?"),
    "nik": r"(?<!\d)\d{4}[ .-]?\d{4}[ .-]?\d{4}[ .-]?\d{4}(?!\d)",
    "phone": r"(?<![\w+])\(?(?:\+62|62|0)[ .-]?\(?\d{2,4}\)?(?:[ .-]?\d{2,5}){1,3}(?!\d)",
    "handle": r"(?<![\w.@])@[A-Za-z0-9_.]{2,30}",
}
# ASCII classes, as in the vectorised pre-check below (RE2's \d and \w are ASCII)
_SCRUB = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _PARTS.items()),
                    re.IGNORECASE | re.ASCII)
# Patterns the dataset's loaders use to refuse personal data in free-text cells.
PERSONAL_DATA_PATTERNS = {
    "e-mail address": re.compile(_PARTS["email"]),
    "@handle": re.compile(_PARTS["handle"]),
    "phone number": re.compile(r"(?<!\d)(?:\+62|62|0)8\d{1,3}[\s.-]?\d{3,4}[\s.-]?\d{3,5}(?!\d)"),
    "16-digit NIK": re.compile(r"(?<!\d)\d{16}(?!\d)"),
}


# A cheap test that a text may hold personal data: every match of the scrubber contains an
# "@", a URL start, a known top-level domain, or four digits with at most three separator
# characters between neighbours. Texts without it skip the full scrubber.
_HINT = (r"@|https?:|www\.|\.(?:com|net|org|id|ly|me|io|info|co|xyz|site|online|link|app|gl)"
         r"\b|\d(?:[ .()+-]{0,3}\d){3}")
_HINT_RE = re.compile(_HINT, re.IGNORECASE | re.ASCII)


def _placeholder(match: re.Match) -> str:
    return PLACEHOLDERS[match.lastgroup]


def _subset(at: bool, digits: bool, dots: bool) -> re.Pattern:
    """The scrubber restricted to the kinds a text can hold (same order, same matches)."""
    kinds = [k for k in _PARTS
             if (k in ("email", "handle") and at) or (k in ("nik", "phone") and digits)
             or (k == "url" and dots)]
    return re.compile("|".join(f"(?P<{k}>{_PARTS[k]})" for k in kinds) or "(?!x)x",
                      re.IGNORECASE | re.ASCII)


# Python's re tries every branch at every position, so a text is scrubbed with only the
# branches its characters allow: no "@", no e-mail or handle; no digit, no phone or NIK.
_SUBSETS = {(a, d, u): _subset(a, d, u) for a in (False, True) for d in (False, True)
            for u in (False, True)}
_DIGIT = re.compile(r"\d", re.ASCII)


def _scrub_one(text: str) -> str:
    at = "@" in text
    dots = "." in text or "/" in text
    pattern = _SUBSETS[(at, bool(_DIGIT.search(text)), dots or at)]
    return pattern.sub(_placeholder, text)


def scrub_text(text: str | None) -> str:
    """Replace personal data in ``text`` by placeholders (``None`` gives ``""``).

    Examples
    --------
    >>> scrub_text("NIK 3578 0112 3456 0001, lihat https://bit.ly/x1 dan www.contoh.com")
    'NIK [NIK], lihat [URL] dan [URL]'
    >>> scrub_text("rapat pukul 08.30, 40 ASN, tahun 2025")
    'rapat pukul 08.30, 40 ASN, tahun 2025'
    """
    if not text:
        return ""
    return _scrub_one(text)


def scrub_texts(texts: list) -> list[str]:
    """:func:`scrub_text` on many texts at once; texts that cannot hold personal data (most
    of them) are found in one vectorised pass and left as they are.

    Examples
    --------
    >>> scrub_texts(["aman saja", None, "cek @humas"])
    ['aman saja', '', 'cek [AKUN]']
    """
    import pyarrow as pa

    clean = [t if isinstance(t, str) else "" for t in texts]
    return scrub_array(pa.array(clean, type=pa.string())).to_pylist()


def scrub_array(texts):
    """:func:`scrub_texts` on an Arrow string array (nulls become ``""``): the pre-check and
    the untouched texts stay in Arrow, only the hinted ones pass through Python."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pc.fill_null(texts, "")
    hinted = pc.match_substring_regex(arr, _HINT, ignore_case=True)
    rows = np.flatnonzero(hinted.to_numpy(zero_copy_only=False))
    if len(rows):
        fixed = pa.array([_scrub_one(t) for t in arr.take(rows).to_pylist()], pa.string())
        mask = np.zeros(len(arr), bool)
        mask[rows] = True
        arr = pc.replace_with_mask(arr, pa.array(mask), fixed)
    return arr


def find_personal_data(text: str) -> list[str]:
    """Kinds of personal data in ``text`` (empty when none), in the order they appear.

    Examples
    --------
    >>> find_personal_data("hubungi +62 812 3456 7890 atau @humas")
    ['phone', 'handle']
    """
    return [m.lastgroup for m in _SCRUB.finditer(text or "")]


def hash_author(author_id: object, *, salt: str) -> str:
    """Salted pseudonym of an author id: ``u_`` and 16 hex digits of SHA-256(salt, id).

    Raises
    ------
    ValueError
        If ``salt`` is empty: an unsalted hash of a user name can be reversed by hashing
        candidate names.
    """
    if not salt:
        raise ValueError("a non-empty salt is needed to pseudonymise author ids")
    digest = hashlib.sha256(f"{salt}\x1f{author_id}".encode()).hexdigest()
    return "u_" + digest[:16]
