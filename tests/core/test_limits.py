"""The reader's address (portal/core/limits.py): only a configured proxy may name it."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from portal.core.limits import UNKNOWN_ADDRESS, client_address


def address(peer: str | None, forwarded: str | None = None) -> str:
    request = RequestFactory().get("/")
    if peer is None:
        del request.META["REMOTE_ADDR"]
    else:
        request.META["REMOTE_ADDR"] = peer
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(request)


def test_nobody_is_trusted_by_default():
    """Without TRUSTED_PROXIES, X-Forwarded-For is the reader's to write: never read."""
    from portal import settings as production

    assert production.TRUSTED_PROXIES == []
    assert address("127.0.0.1", "203.0.113.9") == "127.0.0.1"
    assert address("10.20.0.7", "203.0.113.9") == "10.20.0.7"


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        # Directly connected readers: the header is theirs to write, so it is ignored.
        ("93.184.216.34", "203.0.113.9", "93.184.216.34"),
        ("10.20.0.7", "203.0.113.9", "10.20.0.7"),  # private peers are not proxies
        ("192.168.1.20", None, "192.168.1.20"),
        # Behind nginx on loopback: the address nginx appended last.
        ("127.0.0.1", "203.0.113.9", "203.0.113.9"),
        ("127.0.0.1", "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # the reader wrote the first
        ("::1", "2001:db8::5", "2001:db8::5"),
        ("127.0.0.1", "10.20.0.7", "10.20.0.7"),  # a colleague on the intranet, through nginx
        ("127.0.0.1", None, "127.0.0.1"),
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("", None, UNKNOWN_ADDRESS),
        (None, None, UNKNOWN_ADDRESS),
    ],
)
def test_client_address_trusts_only_the_configured_proxies(peer, forwarded, expected, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]  # nginx on the same machine
    assert address(peer, forwarded) == expected


def test_trusted_proxies_come_from_the_settings(settings):
    settings.TRUSTED_PROXIES = ["10.20.0.0/29", "172.16.5.1"]
    assert address("10.20.0.7", "203.0.113.9") == "203.0.113.9"
    assert address("172.16.5.1", "203.0.113.9") == "203.0.113.9"
    assert address("10.20.0.8", "203.0.113.9") == "10.20.0.8"  # outside the network
    assert address("127.0.0.1", "203.0.113.9") == "127.0.0.1"  # loopback no longer named
