"""Personal data: the one definition of it, the scrubber, the validator, and author pseudonyms.

:data:`KINDS` is the project's only definition of personal data in text. Each kind has a
pattern, a placeholder and a cheap hint; the comment scrubber (:func:`scrub_text`,
:func:`scrub_texts`, :func:`scrub_array`) replaces every match by its placeholder, so the
text keeps its shape ("hubungi [TELEPON]") but loses the person, and the dataset's loaders
refuse free-text cells in which :func:`find_personal_data` finds any of
:data:`DATASET_KINDS`. What counts:

- ``email``: e-mail addresses, also written ``nama[at]mail.com``, ``nama (at) mail dot com``
  or ``nama at mail dot com``;
- ``url``: web addresses with a scheme, ``www.`` or a path (``bit.ly/x1``);
- ``site``: a bare site name (``budi99.blogspot.com``, ``Kompas.com``);
- ``nip``: the 18-digit civil-servant number, unbroken or grouped 8-6-1-3
  (``19850312 201001 1 005``, with spaces, dots or dashes);
- ``nik``: the 16-digit national identity number, unbroken or grouped 4-4-4-4, 6-6-4 or
  2-2-2-6-4;
- ``bank_account``: a number of 6 to 20 digits after ``rek.``, ``rekening``, ``no. rek``,
  ``norek`` or ``nomor rekening`` and an optional bank name (``rek. BRI 1234-5678-9012``);
- ``phone``: Indonesian mobile and landline numbers, with a ``0``, ``62`` or ``+62`` prefix,
  area codes in brackets or not, and space, dot or dash separators;
- ``handle``: a social-media account: ``@nama``, or a platform named with its account
  (``tiktok: @x``, ``Instagram @x``, ``IG: nama``, ``ig nama_akun``, ``Twitter: budi.s``).

Two rules decide the borderline. A platform's name alone is not personal data ("video viral
di Instagram", "diunggah akun Instagram resmi Pemkab", "Platform Instagram: a member
reshared it"); an account is: after an ``@``, after a platform tag and a colon (``IG:``,
``FB:``, ``YT:``), or after a platform's name when it holds a digit, ``_`` or inner ``.``
(the "akun @x" of a comment counts, whoever owns it). And the one
difference between the scrubber and the validator: a bare site name is scrubbed from
comments, where it may be a person's blog, but the dataset may hold it, because its outlets
are named by their sites (``outlet`` "Kompas.com", coding notes "the stored Suara.com page");
a URL with a scheme, ``www.`` or a path is refused there as everywhere.

Ordinary numbers are not personal data: dates (``23/12/2025``, ``2025-12-23``), times
(``08.30``), money (``Rp 1.250.000``, ``Rp 62.500.000``), case ids (``ASN-2025-0001``),
regulation numbers (``PP 94/2021``, ``Nomor 800/1234/2025``) and counts pass untouched.

:func:`hash_author` replaces an author id by a salted SHA-256 pseudonym: the same id and salt
always give the same pseudonym (so one author's comments can still be grouped), and without
the salt it cannot be reversed by hashing candidate ids.

Examples
--------
>>> scrub_text("cek wa 0812-3456-7890 atau @admin_dinas, email aduan@pemkab.go.id")
'cek wa [TELEPON] atau [AKUN], email [EMAIL]'
>>> scrub_text("NIP 19850312 201001 1 005, transfer ke rek. BRI 1234-5678-9012, IG: budi_s")
'NIP [NIP], transfer ke rek. BRI [REKENING], IG: [AKUN]'
>>> find_personal_data("lihat berita Kompas.com, kontak nama[at]mail.com")
['site', 'email']
>>> find_personal_data("lihat berita Kompas.com, kontak nama[at]mail.com", kinds=DATASET_KINDS)
['email']
>>> hash_author("user123", salt="s3cret")
'u_88dfee9171fa5a9a'
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from typing import NamedTuple

__all__ = [
    "Kind", "KINDS", "DATASET_KINDS", "PLACEHOLDERS", "scrub_text", "scrub_texts",
    "scrub_array", "find_personal_data", "flag_personal_data", "hash_author",
]


class Kind(NamedTuple):
    """One kind of personal data."""

    label: str
    """What it is, in plain English (error messages)."""
    placeholder: str
    """What the scrubber puts in its place."""
    pattern: str
    """Python ``re`` pattern (IGNORECASE, ASCII) of one item, without capturing groups."""
    hint: str
    """RE2-compatible pattern found inside every match of ``pattern``: a text without it
    cannot hold this kind, so the scrubber can skip it cheaply."""
    keep: str = ""
    """Pattern of the cue at the start of a match that the scrubber keeps ("rek. BRI ")."""


# Python's re tries each branch at each position: possessive repeats (``+`` after a count)
# and token-start lookbehinds keep the search linear in the length of the text.
_TLD = r"(?:com|net|org|id|ly|me|io|info|co|xyz|site|online|link|app|gl)"
_HOST = r"\b(?:[a-z0-9-]{1,63}+\.)+" + _TLD + r"\b"
# e-mail parts, the "@" and the dots also as words ("[at]", "(at)", " dot "); a local part
# starts a token and has at most 64 characters (RFC 5321), so the search stays linear
_LOCAL = r"(?<![\w.+-])[\w.+-]{1,64}+"
_LABEL = r"[\w-]{1,63}"
_WORD_DOT = r"(?: ?[\[({<] ?dot ?[\])}>] ?|\s+dot\s+)"
_DOT = rf"(?:\.|{_WORD_DOT})"
_AT = r"(?:@|\s@\s| ?[\[({<] ?at ?[\])}>] ?)"
# a number that is not a date or an amount in thousands (Rp 1.250.000)
_NOT_DATE_OR_MONEY = r"(?!\d{1,4}[-./]\d{1,2}[-./]\d{1,4}(?!\d))(?!\d{1,3}(?:\.\d{3})+(?!\d))"
_BANK = (r"(?:bank\s+[a-z]+|bri|bni|bca|bsi|btn|bjb|mandiri|danamon|permata|cimb(?:\s+niaga)?"
         r"|ocbc(?:\s+nisp)?|panin|mega|muamalat|maybank|jago|seabank|dki|jatim|jateng|jabar)")
_PLATFORM = r"(?:ig|insta(?:gram)?|tik ?tok|twitter|fb|facebook|threads|youtube|yt)"
_NAME = r"[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?"  # an account name: 1-30, not ending in "."
_DIGITS4 = r"\d(?:[ .()+-]{0,3}\d){3}"  # four digits, at most three separators apart
_PREFIX = r"(?:\+62|62|0)[ .-]?"
_PHONE_CODES = [(r"8\d{2,3}", r"(?:[ .-]?\d{3,4}[ .-]?\d{3,5}|[ .-]?\d{6,8})"),  # mobile
                (r"[2-79]\d{1,2}", r"[ .-]?(?:\d{3,4}[ .-]?\d{2,4}|\d{5,8})")]  # landline
_URL_END = r"[^\s<>\"'.,;:!?)\]]"  # a URL does not end in punctuation or a closing bracket

# Tried left to right at each position of the text: e-mail before URL (an address holds a
# domain), URL before site (a site with a path is a URL), NIP before NIK before bank account
# and phone (an 18- or 16-digit number is neither), bank account before phone.
KINDS = {
    "email": Kind(
        "e-mail addresses", "[EMAIL]",
        rf"{_LOCAL}{_AT}{_LABEL}(?:{_DOT}{_LABEL})+"
        rf"|{_LOCAL}\s+at\s+{_LABEL}(?:{_DOT}{_LABEL})*?{_WORD_DOT}{_LABEL}(?:{_DOT}{_LABEL})*",
        r"@|[\[({<] ?at ?[\])}>]|\bdot\b"),
    "url": Kind(
        "URLs", "[URL]",
        rf"(?:https?://|www\.)[^\s<>\"']*{_URL_END}|{_HOST}/(?:[^\s<>\"']*{_URL_END})?",
        rf"https?:|www\.|\.{_TLD}\b"),
    "site": Kind("site names", "[URL]", _HOST, rf"\.{_TLD}\b"),
    "nip": Kind(
        "NIP numbers", "[NIP]",
        r"(?<!\d)(?:19|20)\d{6}[ .-]?\d{6}[ .-]?\d[ .-]?\d{3}(?!\d)",
        r"\d{8}"),
    "nik": Kind(
        "NIK numbers", "[NIK]",
        r"(?<!\d)(?:\d{4}[ .-]?\d{4}[ .-]?\d{4}[ .-]?\d{4}|\d{6}[ .-]?\d{6}[ .-]?\d{4}"
        r"|\d{2}[ .-]?\d{2}[ .-]?\d{2}[ .-]?\d{6}[ .-]?\d{4})(?!\d)",
        r"\d{4}"),
    "bank_account": Kind(
        "bank account numbers", "[REKENING]",
        rf"\b(?:no(?:mor)?\.?\s*rek(?:ening)?|norek|rek(?:ening)?)\b\.?"
        rf"(?:[\s:.#]*{_BANK}\b\.?)?[\s:.#]*{_NOT_DATE_OR_MONEY}\d(?:[ .-]?\d){{5,19}}(?!\d)",
        r"rek(?:ening)?\b", keep=r"\D*"),
    # 0, 62 or +62; a mobile number (8xx and 6 to 9 digits) or an area code (2 or 3 digits,
    # not 8xx) and 5 to 8 digits; brackets only in pairs, "(0274) 512345", "+62 (21) ...".
    # Not inside a word or an amount ("Rp 1.062.500.000", "Rp 62.500.000").
    "phone": Kind(
        "phone numbers", "[TELEPON]",
        r"(?<![\w+])(?<!\d[.,])(?!62(?:[.,]\d{3})+(?!\d))(?:"
        + "|".join(rf"\({_PREFIX}{code}\){rest}|{_PREFIX}(?:\({code}\)|{code}){rest}"
                   for code, rest in _PHONE_CODES) + r")(?!\d)",
        _DIGITS4),
    # @nama; a platform and "@" (tiktok: @x); a platform tag and a colon (IG: nama); a
    # platform and a name holding a digit, "_" or inner "." (ig nama_akun, Instagram:
    # budi.s). A platform named alone, or in prose ("Platform Instagram: a member"), is not.
    "handle": Kind(
        "social-media accounts", "[AKUN]",
        rf"\b{_PLATFORM}\b\s*:?\s*@{_NAME}|\b(?:ig|fb|yt)\s*:\s*{_NAME}"
        rf"|\b{_PLATFORM}\s*[:\s]\s*(?=[a-z_][a-z0-9_]*(?:[_0-9]|\.[a-z0-9_])){_NAME}"
        rf"|(?<![\w.@])@{_NAME}",
        rf"@|\b{_PLATFORM}\b", keep=rf"{_PLATFORM}\b\s*:?\s*"),
}
#: The kinds the dataset's loaders refuse in free-text cells: all but bare site names.
DATASET_KINDS = tuple(k for k in KINDS if k != "site")
PLACEHOLDERS = {k: kind.placeholder for k, kind in KINDS.items()}
_FLAGS = re.IGNORECASE | re.ASCII  # ASCII classes, as in RE2 (the vectorised pre-check)

# The vectorised pre-check (RE2 in Arrow): texts without any kind's hint skip the scrubber.
_HINT = "|".join(kind.hint for kind in KINDS.values())
_HINT_RE = re.compile(_HINT, _FLAGS)
_KIND_HINTS = {k: re.compile(kind.hint, _FLAGS) for k, kind in KINDS.items()}
_KEEP = {k: re.compile(kind.keep, _FLAGS) for k, kind in KINDS.items() if kind.keep}


@functools.cache
def _compile(kinds: tuple[str, ...]) -> re.Pattern:
    """The alternation of ``kinds`` in :data:`KINDS` order, one named group each."""
    return re.compile("|".join(f"(?P<{k}>{KINDS[k].pattern})" for k in kinds) or "(?!x)x",
                      _FLAGS)


_SCRUB = _compile(tuple(KINDS))


def _pattern_for(text: str) -> re.Pattern:
    """The scrubber restricted to the kinds whose hint ``text`` holds: Python's re tries every
    branch at every position, and a kind without its hint in the text cannot match, so the
    matches are the same as the full pattern's."""
    return _compile(tuple(k for k, hint in _KIND_HINTS.items() if hint.search(text)))


def _placeholder(match: re.Match) -> str:
    kind = match.lastgroup
    lead = _KEEP[kind].match(match.group()) if kind in _KEEP else None
    return (lead.group() if lead else "") + PLACEHOLDERS[kind]


def _scrub_one(text: str) -> str:
    return _pattern_for(text).sub(_placeholder, text)


def scrub_text(text: str | None) -> str:
    """Replace personal data in ``text`` by placeholders (``None`` gives ``""``).

    Examples
    --------
    >>> scrub_text("NIK 3578 0112 3456 0001, lihat https://bit.ly/x1 dan www.contoh.com")
    'NIK [NIK], lihat [URL] dan [URL]'
    >>> scrub_text("kirim ke budi (at) mail dot com atau tiktok: @budi_s")
    'kirim ke [EMAIL] atau tiktok: [AKUN]'
    >>> scrub_text("rapat pukul 08.30, 40 ASN, Rp 1.250.000, PP 94/2021, video viral di Instagram")
    'rapat pukul 08.30, 40 ASN, Rp 1.250.000, PP 94/2021, video viral di Instagram'
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
        suspects = arr.take(rows)
        # the kinds each hinted text may hold: one RE2 pass per kind over these few texts,
        # then one Python pass per text with the scrubber cut to its kinds (see _pattern_for)
        held = np.zeros(len(rows), np.int64)
        for bit, kind in enumerate(KINDS.values()):
            found = pc.match_substring_regex(suspects, kind.hint, ignore_case=True)
            held |= found.to_numpy(zero_copy_only=False).astype(np.int64) << bit
        fixed = suspects.to_pylist()
        for code in np.unique(held).tolist():
            sub = _compile(tuple(k for bit, k in enumerate(KINDS) if code >> bit & 1)).sub
            for i in np.flatnonzero(held == code).tolist():
                fixed[i] = sub(_placeholder, fixed[i])
        fixed = pa.array(fixed, pa.string())
        mask = np.zeros(len(arr), bool)
        mask[rows] = True
        arr = pc.replace_with_mask(arr, pa.array(mask), fixed)
    return arr


def find_personal_data(text: str | None, *, kinds: tuple[str, ...] = tuple(KINDS)) -> list[str]:
    """Kinds of personal data in ``text`` (empty when none), in the order they appear.

    Parameters
    ----------
    text : str or None
        The text to search.
    kinds : tuple of str
        The kinds to report (default all); the dataset's loaders pass
        :data:`DATASET_KINDS`. The text is always read with every kind, so that an e-mail
        address is not taken for the site name it holds.

    Examples
    --------
    >>> find_personal_data("hubungi +62 812 3456 7890 atau @humas")
    ['phone', 'handle']
    >>> find_personal_data("Checked against the stored Kompas.com page", kinds=DATASET_KINDS)
    []
    """
    if not text:
        return []
    return [m.lastgroup for m in _pattern_for(text).finditer(text) if m.lastgroup in kinds]


def flag_personal_data(texts: Iterable[str], *, kinds: tuple[str, ...] = tuple(KINDS)
                       ) -> list[bool]:
    """Whether each text holds personal data of ``kinds``: :func:`find_personal_data` on the
    texts that hold a hint of any of them, found in one vectorised pass (RE2 in Arrow).

    Examples
    --------
    >>> flag_personal_data(["rapat 2025", "hubungi @humas", ""])
    [False, True, False]
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    texts = list(texts)
    hint = "|".join(KINDS[k].hint for k in kinds) or "(?!x)x"
    hinted = pc.match_substring_regex(pa.array(texts, pa.string()), hint, ignore_case=True)
    flags = [False] * len(texts)
    for i in np.flatnonzero(hinted.to_numpy(zero_copy_only=False)).tolist():
        flags[i] = bool(find_personal_data(texts[i], kinds=kinds))
    return flags


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
