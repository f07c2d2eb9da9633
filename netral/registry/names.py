"""Names as written and names as searched.

A registry writes "Dr. H. Ahmad Fauzi, S.Pd., M.Si."; a reporter types "ahmad fauzi" or "fauzi
ahmad", or spells it "Achmad Fauzy". `strip_titles` removes academic and religious titles;
`search_key` also folds the spelling variants of Indonesian names (old spelling oe/dj/tj,
ch/kh/h, doubled letters, a final y) so that both sides of a comparison are folded the same
way: the key is only ever compared with another key, never shown.
"""

from __future__ import annotations

import re
import unicodedata

# Titles written before or after a name (gelar akademik, profesi, keagamaan, adat). Compared
# without dots and case: "S.Pd.", "S. Pd" and "SPd" are the same title.
_TITLES = frozenset(
    {
        "amd",
        "amdak",
        "amdkeb",
        "amdkep",
        "amdkes",
        "amdkom",
        "amdpar",
        "amdtek",
        "apt",
        "bd",
        "dipl",
        "dr",
        "dra",
        "drg",
        "drs",
        "dsc",
        "h",
        "hc",
        "hj",
        "ir",
        "kh",
        "lc",
        "lcma",
        "ma",
        "mag",
        "map",
        "mars",
        "mba",
        "meng",
        "mfarm",
        "mh",
        "mhi",
        "mhum",
        "mip",
        "mkeb",
        "mkep",
        "mkes",
        "mkn",
        "mkom",
        "mm",
        "mpa",
        "mpd",
        "mpdi",
        "mph",
        "mpsi",
        "msc",
        "msi",
        "msos",
        "mt",
        "mtr",
        "ns",
        "phd",
        "prof",
        "sag",
        "sak",
        "sap",
        "sds",
        "se",
        "sei",
        "sfarm",
        "sfil",
        "sgz",
        "sh",
        "shum",
        "si",
        "sikom",
        "sip",
        "sipol",
        "sis",
        "skeb",
        "sked",
        "skep",
        "skm",
        "skom",
        "sn",
        "sp",
        "spa",
        "spb",
        "spd",
        "spdi",
        "spdsd",
        "spjp",
        "spkj",
        "spkk",
        "spm",
        "spn",
        "spog",
        "spot",
        "spp",
        "sppd",
        "sppk",
        "sprad",
        "sps",
        "spsi",
        "spsikolog",
        "spt",
        "sptht",
        "ssi",
        "ssit",
        "ssn",
        "ssos",
        "sst",
        "sstp",
        "sstr",
        "sstrkeb",
        "sstrkep",
        "ssy",
        "st",
        "sth",
        "sthi",
        "stri",
        "strkeb",
        "strkep",
        "sy",
        "ttgs",
        "ust",
        "ustadz",
    }
)
_PARTICLE = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
# Old spelling and common variants, applied in order to the lower-cased, title-free name.
_FOLDS = (
    (re.compile(r"oe"), "u"),
    (re.compile(r"dj"), "j"),
    (re.compile(r"tj"), "c"),
    (re.compile(r"sj"), "sy"),
    (re.compile(r"ch"), "h"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"dh"), "d"),
    (re.compile(r"th"), "t"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"q"), "k"),
    (re.compile(r"([a-z])\1+"), r"\1"),
    (re.compile(r"y\b"), "i"),
)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _is_title(token: str) -> bool:
    return token.replace(".", "").lower() in _TITLES


def strip_titles(name: str) -> str:
    """ "Dr. H. Ahmad Fauzi, S.Pd., M.Si." → "Ahmad Fauzi" (case kept)."""
    # Titles after the name follow a comma; each comma-separated part made only of titles goes.
    parts = [p for p in (name or "").split(",") if p.strip()]
    kept: list[str] = []
    for index, part in enumerate(parts):
        tokens = [t for t in re.split(r"[\s]+", part.strip()) if t]
        if index > 0 and all(_is_title(t) for t in tokens):
            continue
        # Leading titles ("Dr. H. Ahmad", "drg. Siti"), and trailing ones without a comma.
        while len(tokens) > 1 and _is_title(tokens[0]):
            tokens.pop(0)
        while len(tokens) > 1 and _is_title(tokens[-1]) and "." in tokens[-1]:
            tokens.pop()
        kept.append(" ".join(tokens))
    return _SPACES.sub(" ", " ".join(kept)).strip()


def plain(name: str) -> str:
    """Lower case, ASCII letters and single spaces, titles removed: for display sorting."""
    text = _ascii(strip_titles(name)).lower()
    text = _PARTICLE.sub(" ", text.replace("'", ""))
    return _SPACES.sub(" ", text).strip()


def search_key(name: str) -> str:
    """The folded form the search indexes and compares ("Achmad Fauzy" → "ahmad fauzi")."""
    key = plain(name)
    for pattern, replacement in _FOLDS:
        key = pattern.sub(replacement, key)
    return key


def query_key(text: str) -> str:
    """A search text folded like a name; unlike a name, a lone title-like word is kept."""
    key = search_key(text)
    return key or search_key(_PARTICLE.sub(" ", _ascii(text)))
