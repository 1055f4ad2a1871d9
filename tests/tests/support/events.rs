//! Streamed answers for the raw server of `faults.rs` ([`Fault::Steps`]): a
//! script of [`Step`]s decides every byte of the body, how it is split into
//! chunks, when it pauses, when it waits for the test's go-ahead, and whether
//! it ends cleanly or is cut.
//!
//! [`Fault::Steps`]: super::faults::Fault::Steps

use std::sync::Arc;
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::sync::Semaphore;

/// One step of an answer.
#[derive(Clone, Debug)]
pub(crate) enum Step {
    /// `200 OK`, `Content-Type: text/event-stream`, `X-TC-RequestId`, and a
    /// chunked body to come.
    EventStream { request_id: String },
    /// One HTTP chunk of the body.
    Send(Vec<u8>),
    /// `event` sent `times` times, `batch` events per HTTP chunk, made as it
    /// goes (a long stream that the stand-in does not hold either).
    Repeat {
        event: Vec<u8>,
        times: usize,
        batch: usize,
    },
    /// Waits this long before the next step.
    Pause(Duration),
    /// Waits until the test adds a permit to the semaphore.
    Gate(Arc<Semaphore>),
    /// The body's last chunk, ending it properly.
    End,
    /// Closes the connection without ending the body.
    Cut,
}

impl Step {
    pub(crate) fn event_stream(request_id: &str) -> Self {
        Step::EventStream {
            request_id: request_id.to_owned(),
        }
    }

    pub(crate) fn send(text: impl Into<Vec<u8>>) -> Self {
        Step::Send(text.into())
    }

    /// `data: <json>` and the blank line that ends the event, in one chunk.
    pub(crate) fn event(json: &str) -> Self {
        Step::Send(format!("data: {json}\n\n").into_bytes())
    }
}

/// Performs the steps of one answer; returns whether the connection stays
/// usable.
pub(crate) async fn perform(stream: &mut TcpStream, steps: &[Step]) -> bool {
    for step in steps {
        if !act(stream, step).await {
            return false;
        }
    }
    true
}

/// Performs one step; returns whether to go on with the connection.
async fn act(stream: &mut TcpStream, step: &Step) -> bool {
    match step {
        Step::EventStream { request_id } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nX-TC-RequestId: {request_id}\r\nTransfer-Encoding: chunked\r\n\r\n"
            );
            stream.write_all(head.as_bytes()).await.is_ok()
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
        Step::Gate(gate) => gate.acquire().await.map(|p| p.forget()).is_ok(),
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
