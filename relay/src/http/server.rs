//! The public listener's connections: HTTP/1.1 through hyper with limits a slow or hostile
//! client cannot get around. `axum::serve` has none of them (no header-read timeout, no
//! idle timeout, no cap), and ~1,100 slow-header sockets from one client then exhaust the
//! 1,024 files a systemd unit gets by default.
//!
//! - **Idle timeout**: a connection with no request in flight that sends nothing for
//!   `idle_timeout` (a kept-alive connection between requests, or a new one) is closed.
//! - **Header timeout**: once a request's first byte has come, its whole head must follow
//!   within `header_timeout` (a slowloris client trickles a byte every few seconds).
//! - **Send timeout**: a response the client takes no byte of for `idle_timeout` is closed
//!   (a slow reader that never reads holds its request "in flight" for ever otherwise; this
//!   is nginx's `send_timeout`).
//! - **Connection cap**: at most `max_connections` open at once. A new connection at the
//!   cap takes the place of the one that has waited longest with no request in flight (a
//!   slowloris socket is such a one: its request never starts), so sockets that merely
//!   hold a place cannot lock out shoppers. When every connection has a request in flight,
//!   it takes the place of one of the client holding the most connections, if that client
//!   holds more than the newcomer's (its response that has sent nothing for longest): one
//!   client reading slowly on a thousand sockets cannot lock the others out either. Only
//!   when the newcomer's own client holds the most is it closed at once. Each time a log
//!   line (at most one per 10 s) and the counter `stele_connections_shed_total{reason}` say
//!   so. A client is an IPv4 address or an IPv6 /64, as for the rate limit (behind a
//!   reverse proxy every connection is the proxy's, which then buffers slow readers itself).
//!
//! hyper's own header-read timer (counted from when a connection starts waiting) is set to
//! the sum of the two, as a backstop; the sweep below enforces each within 250 ms.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::task::{ready, Context, Poll};
use std::time::{Duration, Instant};

use axum::extract::ConnectInfo;
use bytes::Bytes;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::{watch, Notify};

use crate::config::http::{Limits, MIN_CONNECTIONS};
use crate::http::parse_errors;

/// Files the relay holds besides its connections: the database and its WAL, the upstream
/// and product-feed sockets, the listeners, the runtime's own.
const FILES_BESIDE_CONNECTIONS: u64 = 64;

/// Raises the soft open-file limit as far as `max_connections` needs (within the hard limit,
/// as Go's runtime does at start), and returns the cap the process can keep. When even the
/// hard limit leaves no room the cap is lowered to what fits, with a warning: past the
/// open-file limit `accept` fails and new connections wait in the kernel's queue, where the
/// cap cannot make room for a shopper by closing a slowloris socket.
pub fn raise_file_limit(max_connections: usize) -> usize {
    use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
    let needed = max_connections as u64 + FILES_BESIDE_CONNECTIONS;
    let limit = getrlimit(Resource::Nofile);
    let Some(current) = limit.current else {
        return max_connections; // unlimited
    };
    let wanted = limit.maximum.map_or(needed, |hard| needed.min(hard));
    let soft = if wanted > current
        && setrlimit(
            Resource::Nofile,
            Rlimit {
                current: Some(wanted),
                maximum: limit.maximum,
            },
        )
        .is_ok()
    {
        wanted
    } else {
        current
    };
    if soft >= needed {
        return max_connections;
    }
    let kept = usize::try_from(soft.saturating_sub(FILES_BESIDE_CONNECTIONS))
        .unwrap_or(usize::MAX)
        .max(MIN_CONNECTIONS)
        .min(max_connections);
    tracing::warn!(
        open_files = soft,
        max_connections,
        kept,
        "STELE_MAX_CONNECTIONS={max_connections} needs about {needed} open files, but this process may open {soft}, so the cap is {kept} connections: raise LimitNOFILE (the shipped unit sets 8192) or lower STELE_MAX_CONNECTIONS"
    );
    kept
}

/// How often the sweep looks for connections past a timeout.
const SWEEP: Duration = Duration::from_millis(250);

/// Milliseconds since the first call: a clock that fits an atomic.
fn now_ms() -> u64 {
    static START: OnceLock<Instant> = OnceLock::new();
    // Never 0: 0 means "no byte yet" in `first_byte_ms`.
    START.get_or_init(Instant::now).elapsed().as_millis() as u64 + 1
}

/// One open connection, as the sweep and the cap see it.
struct Connection {
    /// Whose it is: the peer's address, or its /64 for IPv6 ([`crate::http::router::rate_key`]).
    client: IpAddr,
    /// Requests whose response body has not ended.
    in_flight: AtomicUsize,
    /// When it last started to wait for a request (accepted, or a response ended).
    waiting_since_ms: AtomicU64,
    /// When the first byte of the next request came (0: none yet).
    first_byte_ms: AtomicU64,
    /// When the response in flight last got a byte onto the socket, or was ready to (0: no
    /// response yet; a handler still working is bounded by `STELE_REQUEST_TIMEOUT`).
    sent_ms: AtomicU64,
    /// Woken to close it.
    close: Notify,
}

impl Connection {
    fn new(client: IpAddr) -> Self {
        Self {
            client,
            in_flight: AtomicUsize::new(0),
            waiting_since_ms: AtomicU64::new(0),
            first_byte_ms: AtomicU64::new(0),
            sent_ms: AtomicU64::new(0),
            close: Notify::new(),
        }
    }

    fn idle(&self) -> bool {
        self.in_flight.load(Ordering::Acquire) == 0
    }

    fn start_waiting(&self) {
        self.first_byte_ms.store(0, Ordering::Release);
        self.sent_ms.store(0, Ordering::Release);
        self.waiting_since_ms.store(now_ms(), Ordering::Release);
    }

    /// Why it should close now, if it should.
    fn overdue(&self, limits: &Limits, now: u64) -> Option<&'static str> {
        if !self.idle() {
            let sent = self.sent_ms.load(Ordering::Acquire);
            return (sent != 0
                && now.saturating_sub(sent) > limits.idle_timeout.as_millis() as u64)
                .then_some("send_timeout");
        }
        match self.first_byte_ms.load(Ordering::Acquire) {
            0 => (now.saturating_sub(self.waiting_since_ms.load(Ordering::Acquire))
                > limits.idle_timeout.as_millis() as u64)
                .then_some("idle_timeout"),
            first => (now.saturating_sub(first) > limits.header_timeout.as_millis() as u64)
                .then_some("header_timeout"),
        }
    }
}

/// The open connections.
#[derive(Default)]
struct Registry {
    /// Whether `stele_connections_*` count these (the public port's; not the metrics
    /// listener's, whose own scrapes would overwrite the public gauge).
    counted: bool,
    open: Mutex<HashMap<u64, Arc<Connection>>>,
    next_id: AtomicU64,
    /// Woken whenever a connection ends (shutdown waits for the last).
    ended: Notify,
    last_warning_ms: AtomicU64,
}

impl Registry {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Connection>>> {
        self.open
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A place for a new connection of `client`, making room at the cap; `None` when every
    /// connection has a request in flight and `client` holds the most.
    fn admit(&self, limits: &Limits, client: IpAddr) -> Option<(u64, Arc<Connection>)> {
        let mut open = self.lock();
        if open.len() >= limits.max_connections {
            let (evict, reason) = match make_room(&open, client) {
                Some((id, reason)) => (Some(id), reason),
                None => (None, "refused_full"),
            };
            if let Some(evicted) = evict.and_then(|id| open.remove(&id)) {
                evicted.close.notify_one();
            }
            self.shed(reason, limits, open.len());
            // Every connection is busy and the newcomer's client holds the most: it is closed.
            evict?;
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let connection = Arc::new(Connection::new(client));
        connection.start_waiting();
        open.insert(id, connection.clone());
        self.count_open(open.len());
        Some((id, connection))
    }

    fn count_open(&self, open: usize) {
        if self.counted {
            metrics::gauge!("stele_connections_open").set(open as f64);
        }
    }

    fn shed(&self, reason: &'static str, limits: &Limits, open: usize) {
        if self.counted {
            metrics::counter!("stele_connections_shed_total", "reason" => reason).increment(1);
        }
        let now = now_ms();
        let last = self.last_warning_ms.load(Ordering::Relaxed);
        if (last == 0 || now.saturating_sub(last) >= 10_000)
            && self
                .last_warning_ms
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            tracing::warn!(
                open,
                max = limits.max_connections,
                reason,
                "connection limit reached (STELE_MAX_CONNECTIONS): {}; further ones are counted in stele_connections_shed_total for 10 s",
                match reason {
                    "evicted_idle" => "closed the connection that waited longest without a request",
                    "evicted_busiest_client" => "every connection has a request in flight: closed one of the client holding the most",
                    _ => "every connection has a request in flight and this client holds the most, so the new one was closed",
                }
            );
        }
    }

    fn remove(&self, id: u64) {
        let mut open = self.lock();
        open.remove(&id);
        self.count_open(open.len());
        drop(open);
        self.ended.notify_waiters();
    }

    fn sweep(&self, limits: &Limits) {
        let now = now_ms();
        let mut open = self.lock();
        open.retain(|_, connection| match connection.overdue(limits, now) {
            Some(reason) => {
                if self.counted {
                    metrics::counter!("stele_connections_closed_total", "reason" => reason)
                        .increment(1);
                }
                connection.close.notify_one();
                false
            }
            None => true,
        });
        let open = open.len();
        self.count_open(open);
    }

    fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }
}

/// Which connection makes room at the cap for one of `client`, and why: the one that has
/// waited longest without a request; else, of the client holding the most connections (if
/// it holds more than `client`), the one whose response has sent nothing for longest.
fn make_room(open: &HashMap<u64, Arc<Connection>>, client: IpAddr) -> Option<(u64, &'static str)> {
    let longest_waiting = open
        .iter()
        .filter(|(_, c)| c.idle())
        .min_by_key(|(_, c)| c.waiting_since_ms.load(Ordering::Acquire));
    if let Some((id, _)) = longest_waiting {
        return Some((*id, "evicted_idle"));
    }
    let mut held: HashMap<IpAddr, usize> = HashMap::new();
    for connection in open.values() {
        *held.entry(connection.client).or_default() += 1;
    }
    let newcomer = held.get(&client).copied().unwrap_or(0);
    let (busiest, most) = held.into_iter().max_by_key(|(_, n)| *n)?;
    if busiest == client || most <= newcomer + 1 {
        return None;
    }
    open.iter()
        .filter(|(_, c)| c.client == busiest)
        // A response not yet begun (0) is the last choice: its handler is still working.
        .min_by_key(|(_, c)| match c.sent_ms.load(Ordering::Acquire) {
            0 => u64::MAX,
            sent => sent,
        })
        .map(|(id, _)| (*id, "evicted_busiest_client"))
}

/// The socket, noting when a request's first byte arrives and when a response's bytes go,
/// and sending hyper's bare answer to a request it cannot parse in the API's JSON error
/// shape ([`parse_errors`]).
struct Tracked {
    stream: TcpStream,
    connection: Arc<Connection>,
    rewrite: Rewrite,
}

/// Where the socket is in replacing hyper's bare answer to a parse error.
enum Rewrite {
    /// None seen: bytes go out as hyper writes them.
    None,
    /// Seen at the end of what hyper offers: the bytes before it go out first.
    Pending(parse_errors::BareAnswer),
    /// The JSON answer in its place, and how many of its bytes are out.
    Sending(Vec<u8>, usize),
    /// Sent: hyper writes nothing after a parse error's answer, and nothing else may go.
    Done,
}

impl AsyncRead for Tracked {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.stream).poll_read(cx, buf);
        if buf.filled().len() > before && self.connection.idle() {
            let _ = self.connection.first_byte_ms.compare_exchange(
                0,
                now_ms(),
                Ordering::AcqRel,
                Ordering::Relaxed,
            );
        }
        polled
    }
}

impl Tracked {
    /// A response's bytes went out: its send timeout starts again (or, once its body has
    /// ended and hyper is writing what is left, its idle timeout: the connection is busy).
    fn note_sent(&self, polled: &Poll<std::io::Result<usize>>) {
        if matches!(polled, Poll::Ready(Ok(n)) if *n > 0) {
            let clock = if self.connection.idle() {
                &self.connection.waiting_since_ms
            } else {
                &self.connection.sent_ms
            };
            clock.store(now_ms(), Ordering::Release);
        }
    }

    /// Writes what hyper offers in `bufs`, or, once they end with hyper's bare answer to a
    /// parse error, the bytes before it and then the JSON answer in its place.
    fn poll_send(
        &mut self,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let total: usize = bufs.iter().map(|b| b.len()).sum();
        if let Rewrite::None = self.rewrite {
            // hyper's head buffer is one slice, and the bare answer is whole at its end.
            if let Some(last) = bufs.iter().rev().find(|b| !b.is_empty()) {
                if let Some(bare) = parse_errors::bare_answer_at(last) {
                    self.rewrite = Rewrite::Pending(bare);
                }
            }
        }
        loop {
            match &mut self.rewrite {
                Rewrite::None => {
                    let polled = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
                    self.note_sent(&polled);
                    return polled;
                }
                Rewrite::Pending(bare) => {
                    let before = total.saturating_sub(bare.len);
                    if before > 0 {
                        // A pipelined good answer goes out as it is; hyper then offers
                        // the rest, which ends with the bare answer, again.
                        let slices = first_bytes(bufs, before);
                        let polled = Pin::new(&mut self.stream).poll_write_vectored(cx, &slices);
                        self.note_sent(&polled);
                        return polled;
                    }
                    self.rewrite = Rewrite::Sending(parse_errors::json_answer(bare), 0);
                }
                Rewrite::Sending(answer, sent) => {
                    while *sent < answer.len() {
                        let polled =
                            ready!(Pin::new(&mut self.stream).poll_write(cx, &answer[*sent..]));
                        match polled {
                            Ok(0) => return Poll::Ready(Err(std::io::ErrorKind::WriteZero.into())),
                            Ok(n) => *sent += n,
                            Err(error) => return Poll::Ready(Err(error)),
                        }
                    }
                    self.rewrite = Rewrite::Done;
                    // hyper's bytes were all replaced.
                    return Poll::Ready(Ok(total));
                }
                Rewrite::Done => return Poll::Ready(Err(std::io::Error::other(
                    "the connection's last answer (to a request that could not be parsed) is sent",
                ))),
            }
        }
    }
}

/// The first `n` bytes of `bufs`.
fn first_bytes<'a>(bufs: &'a [std::io::IoSlice<'a>], mut n: usize) -> Vec<std::io::IoSlice<'a>> {
    let mut slices = Vec::new();
    for buf in bufs {
        if n == 0 {
            break;
        }
        let take = n.min(buf.len());
        slices.push(std::io::IoSlice::new(&buf[..take]));
        n -= take;
    }
    slices
}

impl AsyncWrite for Tracked {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        self.poll_send(cx, &[std::io::IoSlice::new(buf)])
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        self.poll_send(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// A request in flight: the connection is busy until the response body ends or is dropped.
struct InFlight(Arc<Connection>);

impl InFlight {
    fn begin(connection: &Arc<Connection>) -> Self {
        connection.in_flight.fetch_add(1, Ordering::AcqRel);
        Self(connection.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if self.0.in_flight.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.0.start_waiting();
        }
    }
}

/// A response body that holds its request's [`InFlight`] until it ends.
struct Guarded {
    body: axum::body::Body,
    _in_flight: InFlight,
}

impl http_body::Body for Guarded {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

/// Serves `router` on `listener` with `limits` until `shutdown` resolves; then requests in
/// flight get `deadline` to finish (idle connections close at once) before this returns
/// anyway. Handlers see the peer as `ConnectInfo<SocketAddr>`. `public`: whether its
/// connections are the ones `stele_connections_*` count.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    deadline: Duration,
    limits: Limits,
    public: bool,
) -> Result<(), String> {
    let registry = Arc::new(Registry {
        counted: public,
        ..Registry::default()
    });
    let (stop, stopping) = watch::channel(false);
    let sweeper = tokio::spawn({
        let registry = registry.clone();
        async move {
            let mut tick = tokio::time::interval(SWEEP);
            loop {
                tick.tick().await;
                registry.sweep(&limits);
            }
        }
    });
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors (EMFILE) and the like: wait for some to close.
                    tracing::warn!(%error, "cannot accept a connection; retrying shortly");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let client = crate::http::router::rate_key(peer.ip());
        let Some((id, connection)) = registry.admit(&limits, client) else {
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        tokio::spawn(serve_connection(
            stream,
            peer,
            router.clone(),
            limits,
            connection,
            stopping.clone(),
            {
                let registry = registry.clone();
                move || registry.remove(id)
            },
        ));
    }
    drop(listener);
    tracing::info!(
        deadline_s = deadline.as_secs_f64(),
        "shutting down: finishing requests in flight"
    );
    let _ = stop.send(true);
    let drained = async {
        loop {
            let ended = registry.ended.notified();
            if registry.is_empty() {
                return;
            }
            ended.await;
        }
    };
    if tokio::time::timeout(deadline, drained).await.is_err() {
        tracing::warn!("shutdown deadline passed with requests still in flight; exiting");
    }
    sweeper.abort();
    Ok(())
}

async fn serve_connection(
    stream: TcpStream,
    peer: SocketAddr,
    router: axum::Router,
    limits: Limits,
    connection: Arc<Connection>,
    mut stopping: watch::Receiver<bool>,
    on_end: impl FnOnce(),
) {
    let io = TokioIo::new(Tracked {
        stream,
        connection: connection.clone(),
        rewrite: Rewrite::None,
    });
    let service = hyper::service::service_fn({
        let connection = connection.clone();
        move |mut request: axum::http::Request<hyper::body::Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            let in_flight = InFlight::begin(&connection);
            let router = router.clone();
            async move {
                let response = tower::ServiceExt::oneshot(router, request)
                    .await
                    .unwrap_or_else(|never: Infallible| match never {});
                // The answer is ready: from now on the client must take its bytes.
                in_flight.0.sent_ms.store(now_ms(), Ordering::Release);
                Ok::<_, Infallible>(response.map(|body| {
                    axum::body::Body::new(Guarded {
                        body,
                        _in_flight: in_flight,
                    })
                }))
            }
        }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout + limits.idle_timeout)
        // Room for the router's 431 (which says which limit) before hyper's own.
        .max_headers(crate::http::MAX_HEADERS * 2);
    let served = builder.serve_connection(io, service);
    tokio::pin!(served);
    let mut stop_seen = *stopping.borrow();
    if stop_seen {
        served.as_mut().graceful_shutdown();
    }
    loop {
        tokio::select! {
            _ = served.as_mut() => break,
            () = connection.close.notified() => break,
            changed = stopping.changed(), if !stop_seen => {
                stop_seen = true;
                if changed.is_ok() {
                    served.as_mut().graceful_shutdown();
                }
            }
        }
    }
    on_end();
}
