//! A raw HTTP/1.1 stand-in for streaming tests: each request is answered by a
//! script of [`Step`]s (the last script repeats), so a test decides every byte
//! of the body, how it is split into chunks, when it pauses, when it waits for
//! the test's go-ahead, and whether it ends cleanly or is cut.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

use super::faults::{Arrival, read_request};

/// One step of an answer.
#[derive(Clone, Debug)]
pub enum Step {
    /// `200 OK`, `Content-Type: text/event-stream`, `X-TC-RequestId`, and a
    /// chunked body to come.
    EventStream {
        request_id: String,
    },
    /// A whole response with this status, type and body; the connection stays
    /// open.
    Whole {
        status: u16,
        content_type: String,
        body: String,
    },
    /// One HTTP chunk of the body.
    Send(Vec<u8>),
    /// `event` sent `times` times, `batch` events per HTTP chunk, made as it
    /// goes (a long stream that the stand-in does not hold either).
    Repeat {
        event: Vec<u8>,
        times: usize,
        batch: usize,
    },
    Pause(Duration),
    /// Waits until the test calls [`EventServer::release`].
    Gate,
    /// The body's last chunk, ending it properly.
    End,
    /// Closes the connection without ending the body.
    Cut,
}

impl Step {
    pub fn event_stream(request_id: &str) -> Self {
        Step::EventStream {
            request_id: request_id.to_owned(),
        }
    }

    pub fn json(body: &str) -> Self {
        Step::Whole {
            status: 200,
            content_type: "application/json".to_owned(),
            body: body.to_owned(),
        }
    }

    pub fn send(text: impl Into<Vec<u8>>) -> Self {
        Step::Send(text.into())
    }

    /// `data: <json>` and the blank line that ends the event, in one chunk.
    pub fn event(json: &str) -> Self {
        Step::Send(format!("data: {json}\n\n").into_bytes())
    }
}

pub struct EventServer {
    pub addr: SocketAddr,
    arrivals: Arc<Mutex<Vec<Arrival>>>,
    gate: Arc<Semaphore>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for EventServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl EventServer {
    /// Answers the n-th request with `scripts[n]`, or the last script.
    pub async fn start(scripts: Vec<Vec<Step>>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let arrivals = Arc::new(Mutex::new(Vec::new()));
        let gate = Arc::new(Semaphore::new(0));
        let scripts = Arc::new(scripts);
        let (log, permits) = (Arc::clone(&arrivals), Arc::clone(&gate));
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
                    Arc::clone(&scripts),
                    Arc::clone(&log),
                    Arc::clone(&permits),
                ));
            }
        });
        EventServer {
            addr,
            arrivals,
            gate,
            task,
        }
    }

    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn arrivals(&self) -> Vec<Arrival> {
        self.arrivals.lock().unwrap().clone()
    }

    pub fn attempts(&self) -> usize {
        self.arrivals.lock().unwrap().len()
    }

    /// Lets one waiting [`Step::Gate`] (or the next one) go on.
    pub fn release(&self) {
        self.gate.add_permits(1);
    }
}

async fn serve(
    mut stream: TcpStream,
    connection: usize,
    scripts: Arc<Vec<Vec<Step>>>,
    log: Arc<Mutex<Vec<Arrival>>>,
    gate: Arc<Semaphore>,
) {
    while let Some((head, body)) = read_request(&mut stream).await {
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
        let script = &scripts[index.min(scripts.len() - 1)];
        for step in script {
            if !act(&mut stream, step, &gate).await {
                return;
            }
        }
    }
}

/// Performs one step; returns whether to go on with the connection.
async fn act(stream: &mut TcpStream, step: &Step, gate: &Semaphore) -> bool {
    match step {
        Step::EventStream { request_id } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nX-TC-RequestId: {request_id}\r\nTransfer-Encoding: chunked\r\n\r\n"
            );
            stream.write_all(head.as_bytes()).await.is_ok()
        }
        Step::Whole {
            status,
            content_type,
            body,
        } => {
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
                body.len()
            );
            stream.write_all(head.as_bytes()).await.is_ok()
                && stream.write_all(body.as_bytes()).await.is_ok()
        }
        Step::Send(bytes) => write_chunk(stream, bytes).await,
        Step::Repeat {
            event,
            times,
            batch,
        } => {
            let chunk = event.repeat(*batch);
            let mut sent = 0;
            while sent < *times {
                let n = (*times - sent).min(*batch);
                if !write_chunk(stream, &chunk[..n * event.len()]).await {
                    return false;
                }
                sent += n;
            }
            true
        }
        Step::Pause(pause) => {
            tokio::time::sleep(*pause).await;
            true
        }
        Step::Gate => gate.acquire().await.map(|p| p.forget()).is_ok(),
        Step::End => stream.write_all(b"0\r\n\r\n").await.is_ok(),
        Step::Cut => false,
    }
}

async fn write_chunk(stream: &mut TcpStream, bytes: &[u8]) -> bool {
    let mut chunk = format!("{:x}\r\n", bytes.len()).into_bytes();
    chunk.extend_from_slice(bytes);
    chunk.extend_from_slice(b"\r\n");
    stream.write_all(&chunk).await.is_ok()
}
