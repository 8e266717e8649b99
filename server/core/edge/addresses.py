"""The client's address, for limits per address: the socket peer, or, when the peer is one of
the trusted reverse proxies (`TRUSTED_PROXIES`), the address that proxy put in X-Forwarded-For.

X-Forwarded-For is read from the right: each trusted proxy appends the peer it saw, so the
rightmost address that is not a trusted proxy is the client. Whatever a client wrote further
left is never believed, and from an untrusted peer the header is ignored whole.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

#: IPv6 clients are counted per /64: one subscriber usually holds a whole /64.
IPV6_BUCKET_BITS = 64


@lru_cache(maxsize=8)
def trusted_networks(spec: str) -> tuple[Network, ...]:
    """`"10.0.0.0/8, 127.0.0.1"` -> networks; raises ValueError on a malformed entry."""
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in spec.split(",") if part.strip())


def _parse(text: str) -> Address | None:
    try:
        addr = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    return addr


def _trusted(addr: Address, trusted: tuple[Network, ...]) -> bool:
    return any(addr.version == net.version and addr in net for net in trusted)


def client_address(peer: str | None, forwarded_for: str | None, trusted: tuple[Network, ...]) -> str:
    """The client's address as text ("unknown" without a peer, e.g. a unix socket)."""
    peer_addr = _parse(peer) if peer else None
    if peer_addr is None:
        return peer or "unknown"
    if not forwarded_for or not _trusted(peer_addr, trusted):
        return str(peer_addr)
    nearest = peer_addr
    for hop in reversed(forwarded_for.split(",")):
        addr = _parse(hop)
        if addr is None:  # garbage left of the trusted hops: the last proxy's peer is all we know
            return str(nearest)
        if not _trusted(addr, trusted):
            return str(addr)
        nearest = addr
    return str(nearest)


def bucket(address: str) -> str:
    """What a limit per address counts: the IPv4 address, or the /64 of an IPv6 one."""
    addr = _parse(address)
    if isinstance(addr, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{addr}/{IPV6_BUCKET_BITS}", strict=False))
    return str(addr) if addr is not None else address
