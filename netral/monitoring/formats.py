"""The documented layout of monitoring files (docs/monitoring-format.md): fields, header
aliases, a source's own mapping, and one record read from one JSON line or CSV row.

`read_records` yields, for each line of a file, either a `Record` or a `Problem` naming the
line and the field; nothing is dropped without a problem saying so.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from ural import get_domain_name

from netral.monitoring.models import Platform

FIELDS = (
    "platform",
    "external_id",
    "url",
    "author_handle",
    "author_name",
    "author_id",
    "text",
    "posted_at",
    "media",
    "likes",
    "comments",
    "shares",
    "views",
    "region",
)
COUNT_FIELDS = ("likes", "comments", "shares", "views")
MAX_TEXT = 20_000
JAKARTA = ZoneInfo("Asia/Jakarta")

# What the tools teams use call each field (lower case, spaces and dashes as "_").
ALIASES: dict[str, str] = {
    "id": "external_id",
    "post_id": "external_id",
    "tweet_id": "external_id",
    "status_id": "external_id",
    "video_id": "external_id",
    "id_unggahan": "external_id",
    "link": "url",
    "permalink": "url",
    "post_url": "url",
    "tautan": "url",
    "post_link": "url",
    "username": "author_handle",
    "screen_name": "author_handle",
    "handle": "author_handle",
    "user": "author_handle",
    "author": "author_handle",
    "akun": "author_handle",
    "user_screen_name": "author_handle",
    "page_handle": "author_handle",
    "name": "author_name",
    "display_name": "author_name",
    "user_name": "author_name",
    "page_name": "author_name",
    "nama": "author_name",
    "author_display_name": "author_name",
    "user_id": "author_id",
    "page_id": "author_id",
    "account_id": "author_id",
    "content": "text",
    "message": "text",
    "caption": "text",
    "full_text": "text",
    "body": "text",
    "description": "text",
    "teks": "text",
    "isi": "text",
    "created_at": "posted_at",
    "date": "posted_at",
    "timestamp": "posted_at",
    "published": "posted_at",
    "post_created": "posted_at",
    "waktu": "posted_at",
    "tanggal": "posted_at",
    "create_time": "posted_at",
    "media_urls": "media",
    "images": "media",
    "image_url": "media",
    "media_url": "media",
    "like_count": "likes",
    "favorite_count": "likes",
    "reactions": "likes",
    "digg_count": "likes",
    "total_interactions": "likes",
    "reply_count": "comments",
    "comment_count": "comments",
    "retweet_count": "shares",
    "share_count": "shares",
    "reposts": "shares",
    "view_count": "views",
    "play_count": "views",
    "impressions": "views",
    "region_code": "region",
    "kode_wilayah": "region",
    "wilayah": "region",
    "network": "platform",
    "site": "platform",
}
PLATFORM_ALIASES = {
    "twitter": "x",
    "fb": "facebook",
    "ig": "instagram",
    "yt": "youtube",
    "tik tok": "tiktok",
    "x.com": "x",
    "news": "web",
    "berita": "web",
}


# A post's address names its platform; an export without a platform column (a single-platform
# tool's, or a list of links) is read by it rather than refused line by line.
PLATFORM_DOMAINS = {
    "x.com": "x",
    "twitter.com": "x",
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "fb.watch": "facebook",
    "instagram.com": "instagram",
    "tiktok.com": "tiktok",
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "threads.net": "threads",
    "threads.com": "threads",
}


def platform_of(url: str) -> str:
    """The platform of a post's http(s) address: a known network's, else `web` (a news portal,
    a blog); "" when there is no readable address."""
    if not url.lower().startswith(("http://", "https://")):
        return ""
    domain = get_domain_name(url)
    if not domain:
        return ""
    return PLATFORM_DOMAINS.get(domain.lower(), "web")


class FormatError(ValueError):
    """The file as a whole cannot be read (nothing was imported)."""


@dataclass
class Record:
    line: int
    raw: str
    platform: str
    external_id: str = ""
    url: str = ""
    author_handle: str = ""
    author_name: str = ""
    author_id: str = ""
    text: str = ""
    posted_at: dt.datetime | None = None
    media: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    region: str = ""
    platform_assumed: bool = False  # no platform column, default or address: stored as `other`


@dataclass(frozen=True)
class Problem:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = _("baris %(n)d") % {"n": self.line}
        return (
            f"{where}, {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


def _key(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_")


def field_for(column: str, mapping: Mapping[str, str]) -> str | None:
    """The Netral field a column feeds: the source's mapping first, then the layout's own
    names, then the aliases."""
    if column in mapping:
        return mapping[column] if mapping[column] in FIELDS else None
    key = _key(column)
    if key in FIELDS:
        return key
    return ALIASES.get(key)


def parse_time(value: str) -> dt.datetime:
    """ISO 8601 (with or without zone; none means Jakarta time), "YYYY-MM-DD HH:MM[:SS]", or
    Unix seconds."""
    text = value.strip()
    if text.isdigit():
        return dt.datetime.fromtimestamp(int(text), tz=dt.UTC)
    parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=JAKARTA)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        raise ValueError(_("harus berupa teks"))
    return str(value).strip()


def build(
    line: int, raw: str, values: Mapping[str, Any], *, default_platform: str = ""
) -> Record | Problem:
    """One record from the values of one line, already keyed by Netral field."""

    def problem(name: str, message: str) -> Problem:
        return Problem(line, name, message)

    try:
        texts = {k: _text(v) for k, v in values.items() if k not in {"media", *COUNT_FIELDS}}
    except ValueError as exc:
        return problem("", str(exc))
    for name, text in texts.items():
        if "\x00" in text:
            return problem(name, _("berisi karakter null"))
    platform = texts.get("platform", "").lower() or default_platform
    platform = PLATFORM_ALIASES.get(platform, platform) or platform_of(texts.get("url", ""))
    # A list of texts with ids only (a researcher's or a classifier's file) says nothing of its
    # platform: keep it as `other` rather than refuse every line; the import names the count
    # and the option that sets it.
    assumed = not platform
    platform = platform or Platform.OTHER
    if platform not in Platform.values:
        return problem(
            "platform",
            _("tidak dikenal: %(p)s (pilih: %(ok)s)")
            % {"p": platform, "ok": ", ".join(Platform.values)},
        )
    record = Record(line=line, raw=raw, platform=platform, platform_assumed=assumed)
    record.external_id = texts.get("external_id", "")[:200]
    record.url = texts.get("url", "")
    if not record.external_id and not record.url:
        return problem("external_id", _("id unggahan atau url wajib diisi"))
    if record.url and not record.url.lower().startswith(("http://", "https://")):
        return problem("url", _("harus diawali http:// atau https://"))
    if len(record.url) > 1000:
        return problem("url", _("lebih dari 1000 karakter"))
    record.author_handle = texts.get("author_handle", "").lstrip("@").lower()[:100]
    record.author_name = texts.get("author_name", "")[:200]
    record.author_id = texts.get("author_id", "")[:100]
    record.text = texts.get("text", "")
    if len(record.text) > MAX_TEXT:
        return problem("text", _("lebih dari %(n)d karakter") % {"n": MAX_TEXT})
    if texts.get("posted_at"):
        try:
            record.posted_at = parse_time(texts["posted_at"])
        except (ValueError, OverflowError, OSError):
            return problem(
                "posted_at",
                _("waktu tidak terbaca: %(v)s (pakai ISO 8601, mis. 2024-10-01T08:30:00+07:00)")
                % {"v": texts["posted_at"][:40]},
            )
    media = values.get("media")
    if isinstance(media, str):
        media = [m.strip() for m in media.replace("|", ";").split(";") if m.strip()]
    if media is not None and not (
        isinstance(media, list) and all(isinstance(m, str) for m in media)
    ):
        return problem("media", _("harus daftar tautan"))
    record.media = list(media or [])[:20]
    for counted in COUNT_FIELDS:
        value = values.get(counted)
        if value in (None, ""):
            continue
        try:
            number = (
                int(str(value).replace(",", "").replace(".", ""))
                if isinstance(value, str)
                else int(value)
            )
        except (TypeError, ValueError):
            return problem(counted, _("harus bilangan bulat: %(v)s") % {"v": str(value)[:20]})
        if isinstance(value, bool) or number < 0 or number > 10**12:
            return problem(counted, _("harus bilangan bulat 0 atau lebih"))
        record.counts[counted] = number
    record.region = texts.get("region", "")
    return record


def _dig(obj: Mapping[str, Any], path: str) -> Any:
    value: Any = obj
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _jsonl(
    stream: IO[bytes], mapping: Mapping[str, str], default_platform: str
) -> Iterator[Record | Problem]:
    for number, data in enumerate(stream, start=1):
        try:
            line = data.decode("utf-8-sig" if number == 1 else "utf-8").strip()
        except UnicodeDecodeError:
            yield Problem(number, "", _("bukan teks UTF-8"))
            continue
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(
                number,
                "",
                _("JSON tidak sah (kolom %(c)d): %(m)s") % {"c": exc.colno, "m": exc.msg},
            )
            continue
        if not isinstance(obj, dict):
            yield Problem(number, "", _("harus berupa objek JSON {…}"))
            continue
        values: dict[str, Any] = {}
        for path, target in mapping.items():
            if target in FIELDS and "." in path:
                values.setdefault(target, _dig(obj, path))
        for key, value in obj.items():
            name = field_for(key, mapping)
            if name is not None:
                values.setdefault(name, value)
        yield build(number, line, values, default_platform=default_platform)


def _csv(
    stream: IO[bytes], mapping: Mapping[str, str], default_platform: str
) -> Iterator[Record | Problem]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        yield from _csv_rows(csv.reader(text), mapping, default_platform)
    finally:
        text.detach()  # the caller's file stays open (it reports progress by position)


def _csv_rows(
    reader: Any, mapping: Mapping[str, str], default_platform: str
) -> Iterator[Record | Problem]:
    try:
        header = next(reader)
    except StopIteration:
        return
    except UnicodeDecodeError as exc:
        raise FormatError(_("baris 1: bukan teks UTF-8")) from exc
    columns = [field_for(col, mapping) for col in header]
    if not any(columns):
        raise FormatError(
            _(
                "baris 1: tidak ada kolom yang dikenali (lihat "
                "docs/monitoring-format.md atau tetapkan pemetaan sumber)"
            )
        )
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError:
            yield Problem(start, "", _("bukan teks UTF-8; pembacaan berhenti di sini"))
            return
        except csv.Error as exc:
            yield Problem(start, "", _("CSV rusak: %(m)s; pembacaan berhenti di sini") % {"m": exc})
            return
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Problem(
                start, "", _("%(n)d kolom, seharusnya %(h)d") % {"n": len(row), "h": len(header)}
            )
            continue
        values = {name: cell for name, cell in zip(columns, row, strict=True) if name}
        raw = json.dumps(dict(zip(header, row, strict=True)), ensure_ascii=False)
        yield build(start, raw, values, default_platform=default_platform)


def detect_layout(name: str, head: bytes) -> str:
    lower = name.lower()
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if lower.endswith((".csv", ".tsv")):
        return "csv"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return "jsonl" if stripped.startswith(b"{") else "csv"


def read_records(
    stream: IO[bytes],
    *,
    name: str,
    mapping: Mapping[str, str] | None = None,
    default_platform: str = "",
) -> Iterator[Record | Problem]:
    """Records and problems, line by line, from a JSONL or CSV file (by its name or first
    bytes)."""
    head = stream.read(64)
    stream.seek(0)
    layout = detect_layout(name, head)
    reader = _jsonl if layout == "jsonl" else _csv
    yield from reader(stream, dict(mapping or {}), default_platform)


def read_batches(
    stream: IO[bytes],
    *,
    name: str,
    size: int,
    mapping: Mapping[str, str] | None = None,
    default_platform: str = "",
) -> Iterator[tuple[list[Record], list[Problem]]]:
    """`read_records` in batches of `size` records, each with the bad lines read since the
    batch before (the last batch may hold only bad lines)."""
    records: list[Record] = []
    problems: list[Problem] = []
    entries = read_records(stream, name=name, mapping=mapping, default_platform=default_platform)
    for entry in entries:
        if isinstance(entry, Problem):
            problems.append(entry)
            continue
        records.append(entry)
        if len(records) >= size:
            yield records, problems
            records, problems = [], []
    if records or problems:
        yield records, problems
