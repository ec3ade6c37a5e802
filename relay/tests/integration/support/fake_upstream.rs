//! A fake Feedback API on loopback, speaking raw HTTP/1.1 so tests control every byte:
//! delays, status codes, truncated and oversized bodies. It records each request's query.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// What the fake answers.
#[derive(Debug, Clone)]
pub enum Behaviour {
    /// 200 with this body.
    Body(Vec<u8>),
    /// 200 with the entries whose `visible_from` ≥ `t` (all without `t`).
    Feed(Vec<(i64, String)>),
    /// This status and body.
    Status(u16, Vec<u8>),
    /// Wait, then behave.
    Delay(Duration, Box<Behaviour>),
    /// Declare `declared` bytes, send only `body`, close.
    Truncated { body: Vec<u8>, declared: usize },
    /// Stream this many bytes of JSON-ish filler, with or without Content-Length.
    Huge { bytes: usize, declare_length: bool },
    /// Accept, then close without answering.
    Hangup,
    /// This 3xx status with this `Location`, and a JSON body that would be a good sync.
    Redirect(u16, String),
}

#[derive(Default)]
struct State {
    behaviour: Option<Behaviour>,
    requests: Vec<HashMap<String, String>>,
    /// Every request's head as received: request line and headers.
    heads: Vec<String>,
}

/// A running fake.
#[derive(Clone)]
pub struct FakeUpstream {
    /// The endpoint URL to give the relay.
    pub url: String,
    state: Arc<Mutex<State>>,
}

impl FakeUpstream {
    /// Starts a fake on an ephemeral loopback port.
    pub async fn start(behaviour: Behaviour) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!(
            "http://{}/v1/email-campaigns/json-feedback",
            listener.local_addr().unwrap()
        );
        let state = Arc::new(Mutex::new(State {
            behaviour: Some(behaviour),
            ..State::default()
        }));
        let shared = state.clone();
        tokio::spawn(async move {
            loop {
                let Ok((socket, _)) = listener.accept().await else {
                    return;
                };
                tokio::spawn(handle(socket, shared.clone()));
            }
        });
        Self { url, state }
    }

    /// Starts a fake on its own runtime thread, for tests that run the relay as a process.
    pub fn start_in_background(behaviour: Behaviour) -> Self {
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                sender.send(Self::start(behaviour).await).unwrap();
                std::future::pending::<()>().await;
            });
        });
        receiver.recv().unwrap()
    }

    /// Changes what the next requests get.
    pub fn set(&self, behaviour: Behaviour) {
        self.state.lock().unwrap().behaviour = Some(behaviour);
    }

    /// Query parameters of every request so far.
    pub fn requests(&self) -> Vec<HashMap<String, String>> {
        self.state.lock().unwrap().requests.clone()
    }

    /// The head (request line and headers) of every request so far, as sent.
    pub fn heads(&self) -> Vec<String> {
        self.state.lock().unwrap().heads.clone()
    }

    /// `scheme://host:port` of this fake, for `Location` headers that point at it.
    pub fn origin(&self) -> String {
        let rest = self.url.strip_prefix("http://").unwrap();
        format!("http://{}", rest.split('/').next().unwrap())
    }
}

async fn handle(mut socket: tokio::net::TcpStream, state: Arc<Mutex<State>>) {
    let mut head = Vec::new();
    let mut buffer = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buffer[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let target = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let query: HashMap<String, String> =
        form_urlencoded::parse(target.split_once('?').map_or("", |(_, q)| q).as_bytes())
            .into_owned()
            .collect();
    let behaviour = {
        let mut state = state.lock().unwrap();
        state.requests.push(query.clone());
        state.heads.push(head.clone());
        state.behaviour.clone().expect("a behaviour is set")
    };
    respond(&mut socket, behaviour, &query).await;
}

fn respond<'a>(
    socket: &'a mut tokio::net::TcpStream,
    behaviour: Behaviour,
    query: &'a HashMap<String, String>,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + 'a>> {
    Box::pin(async move {
        let write = |status: u16, body: &[u8], declared: usize| {
            let mut out = format!("HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {declared}\r\nConnection: close\r\n\r\n").into_bytes();
            out.extend_from_slice(body);
            out
        };
        let bytes = match behaviour {
            Behaviour::Body(body) => write(200, &body, body.len()),
            Behaviour::Status(status, body) => write(status, &body, body.len()),
            Behaviour::Feed(entries) => {
                let since: Option<i64> = query.get("t").and_then(|t| t.parse().ok());
                let kept: Vec<String> = entries
                    .into_iter()
                    .filter(|(from, _)| since.is_none_or(|t| *from >= t))
                    .map(|(_, json)| json)
                    .collect();
                let body = super::success(&kept);
                write(200, &body, body.len())
            }
            Behaviour::Delay(delay, then) => {
                tokio::time::sleep(delay).await;
                return respond(socket, *then, query).await;
            }
            Behaviour::Truncated { body, declared } => write(200, &body, declared),
            Behaviour::Hangup => return,
            Behaviour::Redirect(status, location) => {
                let body = super::success(&[]);
                let mut out = format!("HTTP/1.1 {status} Moved\r\nLocation: {location}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len()).into_bytes();
                out.extend_from_slice(&body);
                out
            }
            Behaviour::Huge {
                bytes,
                declare_length,
            } => {
                let head = if declare_length {
                    format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {bytes}\r\nConnection: close\r\n\r\n")
                } else {
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
                        .to_owned()
                };
                if socket.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let chunk = vec![b' '; 64 * 1024];
                let mut sent = 0;
                while sent < bytes {
                    let n = chunk.len().min(bytes - sent);
                    if socket.write_all(&chunk[..n]).await.is_err() {
                        return;
                    }
                    sent += n;
                }
                return;
            }
        };
        let _ = socket.write_all(&bytes).await;
        let _ = socket.shutdown().await;
    })
}
