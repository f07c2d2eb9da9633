"""The intake helpers (a submission through the real form or API) serve these tests too."""

from tests.intake.conftest import receipt_of, submit_api, submit_form

__all__ = ["receipt_of", "submit_api", "submit_form"]
