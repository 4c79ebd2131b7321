//! Which address the phones should use: the laptop's address on the local network.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};

/// The laptop's likely address on the local network (IPv4), found without sending
/// anything: "connecting" a UDP socket only asks the kernel which interface would route
/// to the given address, and that interface's address becomes the socket's local
/// address. Private ranges are tried in turn (home and office networks, then the
/// hotspot ranges); `None` when the laptop has no such route (no network: use
/// loopback, and say so).
pub fn likely_lan_ipv4() -> Option<Ipv4Addr> {
    const PROBES: [Ipv4Addr; 3] = [
        Ipv4Addr::new(192, 168, 255, 254),
        Ipv4Addr::new(10, 255, 255, 254),
        Ipv4Addr::new(172, 31, 255, 254),
    ];
    PROBES
        .iter()
        .find_map(|&probe| local_address_towards(probe))
}

/// The local address the kernel would use towards `probe` (no packet is sent), when it
/// is a private, non-loopback IPv4 address.
pub fn local_address_towards(probe: Ipv4Addr) -> Option<Ipv4Addr> {
    let socket = UdpSocket::bind(SocketAddr::from((Ipv4Addr::UNSPECIFIED, 0))).ok()?;
    socket.connect(SocketAddr::from((probe, 9))).ok()?;
    match socket.local_addr().ok()?.ip() {
        IpAddr::V4(ip) if ip.is_private() || ip.is_link_local() => Some(ip),
        _ => None,
    }
}

/// The address to put in the page's URL for a server bound to `bind`: the bound address
/// itself, or for an unspecified one (0.0.0.0, ::) the likely LAN address, else loopback.
pub fn url_host(bind: IpAddr) -> IpAddr {
    if bind.is_unspecified() {
        likely_lan_ipv4().map_or(IpAddr::V4(Ipv4Addr::LOCALHOST), IpAddr::V4)
    } else {
        bind
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_is_not_offered_as_a_lan_address_and_a_bound_address_stays() {
        // Towards loopback the kernel picks 127.0.0.1, which is not a LAN address.
        assert_eq!(local_address_towards(Ipv4Addr::LOCALHOST), None);
        let bound = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 1));
        assert_eq!(url_host(bound), bound);
    }
}
