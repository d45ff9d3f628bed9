"""This computer's addresses: what the served game prints for the room, and which host names
it answers to. Everything is read locally; nothing is sent to find out."""

from __future__ import annotations

import ipaddress
import socket


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def network_address() -> str:
    """This computer's address on the local network, from its own host name (no socket is
    opened towards any other address to find it)."""
    name = socket.gethostname()
    try:
        infos = socket.getaddrinfo(name, None, socket.AF_INET)
    except OSError:
        return name
    for info in infos:
        address = str(info[4][0])  # an IPv4 socket address is (host, port)
        if not ipaddress.ip_address(address).is_loopback:
            return address
    return next(iter(interface_addresses()), name)


def interface_addresses() -> list[str]:
    """The non-loopback IPv4 addresses of this machine's interfaces (Linux; reads the
    interface table, sends nothing)."""
    try:
        import fcntl
        import struct
    except ImportError:  # not on this platform
        return []
    siocgifaddr = 0x8915
    found = []
    try:
        interfaces = socket.if_nameindex()
    except OSError:
        return []
    for _, interface in interfaces:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            try:
                packed = fcntl.ioctl(probe.fileno(), siocgifaddr,
                                     struct.pack("256s", interface[:15].encode()))
            except OSError:
                continue
        address = socket.inet_ntoa(packed[20:24])
        if not ipaddress.ip_address(address).is_loopback:
            found.append(address)
    return found


def share_url(host: str, port: int) -> str:
    shown = network_address() if host in ("0.0.0.0", "::", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def local_addresses() -> set[str]:
    """This computer's own names and interface addresses (read locally, nothing is sent)."""
    names = {socket.gethostname()}
    try:
        names.add(socket.getfqdn())
        for info in socket.getaddrinfo(socket.gethostname(), None):
            names.add(str(info[4][0]))
    except OSError:
        pass
    names.update(interface_addresses())
    return {n.lower() for n in names if n}
