"""A note as a mailto: link: every reserved character percent-encoded, CRLF line breaks."""

from __future__ import annotations

import pytest

from netdesk.domain.mailto import mail_subject, mailto
from netdesk.domain.models import MessageKind


def test_subject_and_body_are_percent_encoded() -> None:
    """Spaces as %20 (a + stays a plus in mail clients), & = ? # % encoded, UTF-8, CRLF."""
    link = mailto(" ann+work@example.com ", "Hi & more?", "Line 1, 50% #2\nZoë = café\r\nend")
    assert link == (
        "mailto:ann%2Bwork@example.com?subject=Hi%20%26%20more%3F"
        "&body=Line%201%2C%2050%25%20%232%0D%0AZo%C3%AB%20%3D%20caf%C3%A9%0D%0Aend"
    )


@pytest.mark.parametrize("address", ["", "  ", "ann", "ann@", "ann@example", "a b@example.com"])
def test_what_is_not_an_address_is_refused(address: str) -> None:
    with pytest.raises(ValueError, match="is not an email address"):
        mailto(address, "Hello", "Hi")


def test_each_kind_of_note_has_a_subject() -> None:
    assert mail_subject(MessageKind.FOLLOW_UP) == "Following up on my note"
    assert mail_subject(MessageKind.INCOMING) == "Hello"  # never sent, but never an error
