"""Who is asking, and how often: the reader's address and the limits of the public POSTs
(the article rating and the visit counter).

- ``client_address``: the peer's address, unless the peer is one of our own proxies
  (``settings.TRUSTED_PROXIES``, nginx's address; nobody by default). Only then is the
  address that proxy appended to ``X-Forwarded-For`` the reader's (read by django-ipware).
  Being on a private network earns no trust: inside a ministry network everyone is.
- The rates (``settings.RATE_LIMITS``) are counted by django-ratelimit per reader address
  (``settings.RATELIMIT_IP_META_KEY`` names ``client_address``), in the shared cache.
  Each is loose enough for a 20-person office behind one address and tight enough to
  stop a script.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from ipware import get_client_ip

# Returned when the server gives no peer address at all (a Unix socket without a proxy
# header): such requests share one limit rather than escape it.
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 (an address to count under, not to bind)


def is_trusted_proxy(address: str) -> bool:
    """Is ``address`` one of the proxies named in ``settings.TRUSTED_PROXIES``
    (addresses or networks such as ``10.20.0.5`` or ``10.20.0.0/29``)?"""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in settings.TRUSTED_PROXIES:
        network = ipaddress.ip_network(entry, strict=False)
        if ip.version == network.version and ip in network:
            return True
    return False


def client_address(request) -> str:
    """The reader's address: the peer, or, when the peer is a trusted proxy, the address
    that proxy appended last to ``X-Forwarded-For`` (what came before it the reader may
    have written)."""
    peer = request.META.get("REMOTE_ADDR", "")
    if is_trusted_proxy(peer):
        forwarded, _routable = get_client_ip(
            request, proxy_count=0, request_header_order=["HTTP_X_FORWARDED_FOR"], strict=False
        )
        if forwarded:
            return forwarded
    return peer or UNKNOWN_ADDRESS


# -- rates for django-ratelimit's ``rate=`` (a callable given the group and the request) ----


def rating_rate(group, request) -> str:
    """Ratings per reader address (one per browser and article is the rating's own rule)."""
    return settings.RATE_LIMITS["rating"]


def visit_rate(group, request) -> str:
    """Posts to the visit counter per reader address."""
    return settings.RATE_LIMITS["visit"]


def new_visitor_rate(group, request) -> str | None:
    """Posts to the visit counter without a visitor cookie the portal signed (a new
    browser, or a script that drops or invents its cookies) per reader address; none for
    a known browser."""
    from .views import visitor_id

    return None if visitor_id(request) else settings.RATE_LIMITS["visit_new_browser"]
