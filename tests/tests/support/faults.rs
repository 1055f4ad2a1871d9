//! A raw TCP server that misbehaves on purpose: each request gets the next
//! scripted [`Fault`] (the last one repeats). Written on bare sockets so it can
//! do what a proper HTTP server never would: stall, truncate, reset.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::events::{self, Step};

/// What to do with one request.
#[derive(Clone, Debug)]
pub(crate) enum Fault {
    /// A complete response; the connection stays open for reuse.
    Respond {
        status: u16,
        body: String,
        extra_headers: Vec<(String, String)>,
    },
    /// A complete response, then the connection is closed after `idle`.
    RespondThenCloseAfter { body: String, idle: Duration },
    /// Nothing at all for `stall`, then close.
    StallBeforeHeaders(Duration),
    /// Headers announcing a longer body, the first bytes, then a stall.
    StallMidBody {
        head: String,
        announced: usize,
        stall: Duration,
    },
    /// Headers announcing a longer body, the first bytes, then close.
    TruncateBody { head: String, announced: usize },
    /// A chunked body of `bytes` bytes with no length announced.
    Stream { bytes: usize },
    /// A body announced by Content-Length as `bytes` long (never sent).
    Announce { bytes: usize },
    /// Abort the connection with a TCP reset.
    Reset,
    /// Read the request, then close without a word (a keep-alive race).
    CloseWithoutAnswer,
    /// A streamed answer, step by step.
    Steps(Vec<Step>),
}

impl Fault {
    pub(crate) fn respond(status: u16, body: &str) -> Self {
        Fault::Respond {
            status,
            body: body.to_owned(),
            extra_headers: Vec::new(),
        }
    }

    pub(crate) fn api_error(code: &str, request_id: &str) -> Self {
        Fault::respond(
            200,
            &format!(
                r#"{{"Response":{{"Error":{{"Code":"{code}","Message":"injected {code}"}},"RequestId":"{request_id}"}}}}"#
            ),
        )
    }
}

/// One request as it arrived.
#[derive(Clone, Debug)]
pub(crate) struct Arrival {
    pub at: Instant,
    pub head: String,
    pub body: Vec<u8>,
    pub connection: usize,
}

pub(crate) struct FaultServer {
    pub addr: SocketAddr,
    arrivals: Arc<Mutex<Vec<Arrival>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FaultServer {
    pub(crate) async fn start(script: Vec<Fault>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let arrivals = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(script);
        let log = Arc::clone(&arrivals);
        let task = tokio::spawn(async move {
            let mut connection = 0;
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                connection += 1;
                tokio::spawn(serve(
                    stream,
                    connection,
                    Arc::clone(&script),
                    Arc::clone(&log),
                ));
            }
        });
        FaultServer {
            addr,
            arrivals,
            task,
        }
    }

    pub(crate) fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub(crate) fn arrivals(&self) -> Vec<Arrival> {
        self.arrivals.lock().unwrap().clone()
    }

    pub(crate) fn attempts(&self) -> usize {
        self.arrivals.lock().unwrap().len()
    }
}

async fn serve(
    mut stream: TcpStream,
    connection: usize,
    script: Arc<Vec<Fault>>,
    log: Arc<Mutex<Vec<Arrival>>>,
) {
    loop {
        let Some((head, body)) = read_request(&mut stream).await else {
            return;
        };
        let index = {
            let mut log = log.lock().unwrap();
            log.push(Arrival {
                at: Instant::now(),
                head,
                body,
                connection,
            });
            log.len() - 1
        };
        let fault = script[index.min(script.len() - 1)].clone();
        let keep_open = act(&mut stream, fault).await;
        if !keep_open {
            return;
        }
    }
}

/// Performs one fault; returns whether the connection stays usable.
async fn act(stream: &mut TcpStream, fault: Fault) -> bool {
    match fault {
        Fault::Respond {
            status,
            body,
            extra_headers,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
                body.len()
            );
            for (name, value) in extra_headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            stream.write_all(head.as_bytes()).await.is_ok()
                && stream.write_all(body.as_bytes()).await.is_ok()
        }
        Fault::RespondThenCloseAfter { body, idle } => {
            let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", body.len());
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(body.as_bytes()).await;
            tokio::time::sleep(idle).await;
            false
        }
        Fault::StallBeforeHeaders(stall) => {
            tokio::time::sleep(stall).await;
            false
        }
        Fault::StallMidBody {
            head,
            announced,
            stall,
        } => {
            let _ = stream
                .write_all(
                    format!("HTTP/1.1 200 OK\r\nContent-Length: {announced}\r\n\r\n{head}")
                        .as_bytes(),
                )
                .await;
            tokio::time::sleep(stall).await;
            false
        }
        Fault::TruncateBody { head, announced } => {
            let _ = stream
                .write_all(
                    format!("HTTP/1.1 200 OK\r\nContent-Length: {announced}\r\n\r\n{head}")
                        .as_bytes(),
                )
                .await;
            false
        }
        Fault::Stream { bytes } => {
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
                .await;
            let chunk = vec![b' '; 64 * 1024];
            let mut sent = 0;
            while sent < bytes {
                let n = chunk.len().min(bytes - sent);
                if stream
                    .write_all(format!("{n:x}\r\n").as_bytes())
                    .await
                    .is_err()
                    || stream.write_all(&chunk[..n]).await.is_err()
                    || stream.write_all(b"\r\n").await.is_err()
                {
                    return false;
                }
                sent += n;
            }
            let _ = stream.write_all(b"0\r\n\r\n").await;
            false
        }
        Fault::Announce { bytes } => {
            let _ = stream
                .write_all(format!("HTTP/1.1 200 OK\r\nContent-Length: {bytes}\r\n\r\n").as_bytes())
                .await;
            tokio::time::sleep(Duration::from_secs(2)).await;
            false
        }
        Fault::Reset => {
            // A zero linger makes the close send a reset at once; the deprecation
            // is about non-zero lingers blocking the thread, which cannot happen here.
            #[allow(deprecated)]
            let _ = stream.set_linger(Some(Duration::ZERO));
            false
        }
        Fault::CloseWithoutAnswer => false,
        Fault::Steps(steps) => events::perform(stream, &steps).await,
    }
}

/// Reads one request: the head up to the blank line, then Content-Length bytes.
async fn read_request(stream: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).await.ok()? == 0 {
            return None;
        }
        buf.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let length = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse::<usize>().unwrap_or(0))
        })
        .unwrap_or(0);
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await.ok()?;
    Some((head, body))
}
