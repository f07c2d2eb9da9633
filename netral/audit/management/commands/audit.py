from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from netral.audit import anchors
from netral.audit.verify import verify_chain


class Command(BaseCommand):
    requires_system_checks: list[str] = []  # checks import every page and API; prepare runs them
    help = (
        "Audit trail: `netral audit verify` checks every chain end to end and against the "
        "signed checkpoints; `netral audit checkpoint` writes one now."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--lang",
            choices=[code for code, _name in settings.LANGUAGES],
            help="language of the messages (default: Bahasa Indonesia)",
        )
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="exit 0 if the trail is intact, 1 naming the first break")
        checkpoint = sub.add_parser(
            "checkpoint",
            help="append a signed checkpoint of every chain's end to the file in "
            "the data folder (the beat job does it every NETRAL_AUDIT_CHECKPOINT_SECONDS)",
        )
        checkpoint.add_argument(
            "--mail", action="store_true", help="also mail it to the supervisors"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options.get("lang") or settings.LANGUAGE_CODE):
            if options["action"] == "checkpoint":
                self._checkpoint(bool(options.get("mail")))
            else:
                self._verify()

    def _verify(self) -> None:
        report = verify_chain()
        if not report.ok:
            raise CommandError(_("jejak audit RUSAK: %(reason)s") % {"reason": report.reason})
        self.stdout.write(
            _(
                "jejak audit utuh: %(n)s entri diperiksa dalam %(shards)s rantai, cocok dengan "
                "%(cps)s titik periksa"
            )
            % {"n": report.checked, "shards": report.shards, "cps": report.checkpoints}
        )
        for note in report.notes:
            self.stdout.write(_("catatan: %(note)s") % {"note": note})

    def _checkpoint(self, mail: bool) -> None:
        try:
            written = anchors.write(force=mail)
        except anchors.AnchorError as exc:
            raise CommandError(
                _("titik periksa tidak bisa ditulis: %(why)s") % {"why": exc}
            ) from None
        if written is None:
            self.stdout.write(
                _("tidak ada entri baru sejak titik periksa terakhir: tidak ada yang ditulis")
            )
            return
        self.stdout.write(
            _("titik periksa %(n)s ditulis ke %(file)s")
            % {"n": written.number, "file": anchors.path()}
        )
        if mail:
            from netral.audit import mail as mailing

            sent = mailing.send(written)
            self.stdout.write(_("dikirim ke %(n)s pengawas") % {"n": sent})
