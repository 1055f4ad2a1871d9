//! The requests the endpoint has answered, the most recent ones only, so that a
//! long-running endpoint keeps a flat memory footprint under sustained load.

use std::collections::VecDeque;

/// How many answered requests an endpoint remembers unless told otherwise.
pub const DEFAULT_REQUEST_LOG_LIMIT: usize = 10_000;

/// One request as the endpoint saw it, for tests to inspect.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Received {
    /// `X-TC-Action`, empty when missing.
    pub action: String,
    /// `GET` or `POST`.
    pub method: String,
    /// The error code answered, or `None` on success (or when a scenario
    /// cut the connection instead of answering).
    pub error_code: Option<String>,
    /// The RequestId answered.
    pub request_id: String,
}

/// The last `limit` requests, oldest first.
#[derive(Debug)]
pub(crate) struct RequestLog {
    limit: usize,
    entries: VecDeque<Received>,
}

impl Default for RequestLog {
    fn default() -> Self {
        RequestLog::with_limit(DEFAULT_REQUEST_LOG_LIMIT)
    }
}

impl RequestLog {
    pub(crate) fn with_limit(limit: usize) -> Self {
        RequestLog {
            limit,
            entries: VecDeque::new(),
        }
    }

    /// Adds `request`, forgetting the oldest one when the log is full.
    pub(crate) fn push(&mut self, request: Received) {
        if self.limit == 0 {
            return;
        }
        if self.entries.len() == self.limit {
            self.entries.pop_front();
        }
        self.entries.push_back(request);
    }

    /// A copy of what the log holds, oldest first.
    pub(crate) fn snapshot(&self) -> Vec<Received> {
        self.entries.iter().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn received(n: usize) -> Received {
        Received {
            action: format!("Action{n}"),
            method: "POST".to_owned(),
            error_code: None,
            request_id: n.to_string(),
        }
    }

    #[test]
    fn keeps_the_most_recent_requests() {
        let mut log = RequestLog::with_limit(3);
        for n in 0..5 {
            log.push(received(n));
        }
        let ids: Vec<String> = log.snapshot().into_iter().map(|r| r.request_id).collect();
        assert_eq!(ids, ["2", "3", "4"]);
    }

    #[test]
    fn a_zero_limit_keeps_nothing() {
        let mut log = RequestLog::with_limit(0);
        log.push(received(1));
        assert!(log.snapshot().is_empty());
    }
}
