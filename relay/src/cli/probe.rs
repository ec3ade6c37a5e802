//! `stele-relay probe`: the container health check.

use clap::Args;

use crate::cli::Failure;
use crate::config::http::ListenOptions;

/// `stele-relay probe`: exit 0 when the relay at `STELE_LISTEN` answers `/livez`, for
/// container health checks (a FROM-scratch image has no curl).
#[derive(Debug, Args)]
pub struct ProbeArgs {
    #[command(flatten)]
    address: ListenOptions,
}

/// `stele-relay probe`: exit 1 when the relay does not answer 200.
pub fn run(args: &ProbeArgs) -> Result<(), Failure> {
    use std::io::{Read, Write};
    use std::net::ToSocketAddrs;
    let timeout = std::time::Duration::from_secs(3);
    let answer = (|| -> std::io::Result<String> {
        let mut address = args
            .address
            .listen
            .to_socket_addrs()?
            .next()
            .ok_or_else(|| std::io::Error::other("no address"))?;
        if address.ip().is_unspecified() {
            address.set_ip(if address.is_ipv4() {
                std::net::Ipv4Addr::LOCALHOST.into()
            } else {
                std::net::Ipv6Addr::LOCALHOST.into()
            });
        }
        let mut stream = std::net::TcpStream::connect_timeout(&address, timeout)?;
        stream.set_read_timeout(Some(timeout))?;
        write!(
            stream,
            "GET /livez HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
        )?;
        let mut response = String::new();
        stream.read_to_string(&mut response)?;
        Ok(response)
    })();
    match answer {
        Ok(response) if response.starts_with("HTTP/1.1 200") => Ok(()),
        Ok(response) => Err(Failure::failed(
            "probe",
            response.lines().next().unwrap_or("no answer"),
        )),
        Err(error) => Err(Failure::failed(
            "probe",
            format_args!("{}: {error}", args.address.listen),
        )),
    }
}
