//! The server-sent-events wire format, cut down to what a chunk needs: bytes
//! go in as they arrive, each event's data comes out. Lines end with LF, CRLF
//! or CR; a blank line ends an event; `data:` lines are joined with LF;
//! comments (`:`), `event:`, `id:`, `retry:` and unknown fields are skipped.
//!
//! Memory stays bounded: at most one line and one event's data are held, each
//! refused past `max` bytes, so an endless line cannot exhaust memory. That
//! bound is why this is not a crate: the widely used event-stream parsers
//! (`eventsource-stream`, `sse-stream`) grow their line and data buffers
//! without limit.

/// Why the stream was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum SseError {
    /// One line grew past the limit without ending.
    LineTooLong {
        /// The limit.
        max: usize,
        /// The line's first bytes.
        start: Vec<u8>,
    },
    /// One event's data grew past the limit.
    EventTooLarge {
        /// The limit.
        max: usize,
        /// The data's first bytes.
        start: Vec<u8>,
    },
}

impl SseError {
    /// What went wrong, and the start of the offending text.
    pub fn describe(&self) -> (String, &[u8]) {
        match self {
            SseError::LineTooLong { max, start } => (
                format!(
                    "an event-stream line is longer than {max} bytes (StreamConfig::max_event_bytes)"
                ),
                start,
            ),
            SseError::EventTooLarge { max, start } => (
                format!(
                    "an event's data is larger than {max} bytes (StreamConfig::max_event_bytes)"
                ),
                start,
            ),
        }
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How much of an offending line or event an error keeps.
const EXCERPT: usize = 256;

/// Splits a byte stream into lines, and lines into events.
#[derive(Debug)]
pub struct EventDecoder {
    /// Received bytes; those before `start` are consumed.
    buf: Vec<u8>,
    start: usize,
    /// How far past `start` no line end was found, so a long line is not
    /// scanned again each time more of it arrives.
    scanned: usize,
    /// A line ended with CR at the end of what had arrived: a LF right after
    /// it belongs to that line end.
    skip_lf: bool,
    event: Event,
}

/// The event being read.
#[derive(Debug)]
struct Event {
    /// Its data lines, each followed by LF.
    data: Vec<u8>,
    /// Whether the first line of the stream (which may start with a
    /// byte-order mark) is past.
    started: bool,
    max: usize,
}

impl EventDecoder {
    /// A decoder refusing lines and events over `max` bytes.
    pub fn new(max: usize) -> Self {
        EventDecoder {
            buf: Vec::new(),
            start: 0,
            scanned: 0,
            skip_lf: false,
            event: Event {
                data: Vec::new(),
                started: false,
                max,
            },
        }
    }

    /// Adds bytes as they arrived.
    pub fn feed(&mut self, bytes: &[u8]) {
        if self.start > 0 {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// The data of the next complete event, or `None` until more bytes arrive.
    pub fn next_event(&mut self) -> Result<Option<Vec<u8>>, SseError> {
        let max = self.event.max;
        loop {
            if self.skip_lf && self.start < self.buf.len() {
                self.skip_lf = false;
                if self.buf[self.start] == b'\n' {
                    self.start += 1;
                }
            }
            let from = self.start + self.scanned;
            let Some(offset) = self.buf[from..]
                .iter()
                .position(|&b| b == b'\n' || b == b'\r')
            else {
                self.scanned = self.buf.len() - self.start;
                if self.scanned > max {
                    return Err(SseError::LineTooLong {
                        max,
                        start: excerpt(&self.buf[self.start..]),
                    });
                }
                return Ok(None);
            };
            let end = from + offset;
            let line = &self.buf[self.start..end];
            self.skip_lf = self.buf[end] == b'\r';
            self.start = end + 1;
            self.scanned = 0;
            if line.len() > max {
                return Err(SseError::LineTooLong {
                    max,
                    start: excerpt(line),
                });
            }
            if let Some(event) = self.event.line(line)? {
                return Ok(Some(event));
            }
        }
    }

    /// At the end of the stream: an event whose final blank line never came
    /// (a final line without its line end counts as complete), if any.
    pub fn finish(&mut self) -> Result<Option<Vec<u8>>, SseError> {
        if let Some(event) = self.next_event()? {
            return Ok(Some(event));
        }
        if self.start < self.buf.len() {
            let rest = self.buf.split_off(self.start);
            self.start = 0;
            self.scanned = 0;
            if let Some(event) = self.event.line(&rest)? {
                return Ok(Some(event));
            }
        }
        Ok(self.event.dispatch())
    }
}

impl Event {
    /// Applies one line; a blank line yields the event it ends.
    fn line(&mut self, mut line: &[u8]) -> Result<Option<Vec<u8>>, SseError> {
        if !self.started {
            self.started = true;
            line = line.strip_prefix(BOM).unwrap_or(line);
        }
        if line.is_empty() {
            return Ok(self.dispatch());
        }
        let (field, value) = match line.iter().position(|&b| b == b':') {
            Some(0) => return Ok(None), // a comment
            Some(colon) => {
                let value = &line[colon + 1..];
                (&line[..colon], value.strip_prefix(b" ").unwrap_or(value))
            }
            None => (line, &b""[..]),
        };
        if field == b"data" {
            if self.data.len() + value.len() + 1 > self.max {
                let start = excerpt(&self.data);
                self.data.clear();
                return Err(SseError::EventTooLarge {
                    max: self.max,
                    start,
                });
            }
            self.data.extend_from_slice(value);
            self.data.push(b'\n');
        }
        // `event`, `id`, `retry` and unknown fields name nothing a chunk needs.
        Ok(None)
    }

    /// Ends the event: its data without the last LF, unless it had none.
    fn dispatch(&mut self) -> Option<Vec<u8>> {
        if self.data.is_empty() {
            return None;
        }
        let mut data = std::mem::take(&mut self.data);
        data.pop();
        Some(data)
    }
}

fn excerpt(bytes: &[u8]) -> Vec<u8> {
    bytes[..bytes.len().min(EXCERPT)].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every event of `input` fed in pieces of `step` bytes.
    fn events(input: &[u8], step: usize) -> Vec<String> {
        let mut decoder = EventDecoder::new(1024);
        let mut out = Vec::new();
        for piece in input.chunks(step) {
            decoder.feed(piece);
            while let Some(event) = decoder.next_event().unwrap() {
                out.push(String::from_utf8(event).unwrap());
            }
        }
        while let Some(event) = decoder.finish().unwrap() {
            out.push(String::from_utf8(event).unwrap());
        }
        out
    }

    #[test]
    fn every_line_end_and_every_split_give_the_same_events() {
        let lf = "\u{feff}: hello\nevent: message\nid: 7\nretry: 1000\ndata: {\"a\":\ndata:1}\n\ndata: two\n\n";
        let expected = ["{\"a\":\n1}", "two"];
        for text in [
            lf.to_owned(),
            lf.replace('\n', "\r\n"),
            lf.replace('\n', "\r"),
        ] {
            for step in 1..=text.len() {
                assert_eq!(
                    events(text.as_bytes(), step),
                    expected,
                    "{text:?} by {step}"
                );
            }
        }
    }

    #[test]
    fn fields_follow_the_spec() {
        // One space after the colon is dropped, not two; `data` alone is an
        // empty line of data; events without data are not events.
        let text = "data:  two spaces\ndata\ndata:x\n\n: only a comment\n\nevent: ping\n\n";
        assert_eq!(events(text.as_bytes(), 5), [" two spaces\n\nx"]);
        assert_eq!(events(b"data:\n\n", 1), [""]);
    }

    #[test]
    fn the_end_of_the_stream_ends_the_last_event() {
        assert_eq!(events(b"data: a\n\ndata: b\n", 3), ["a", "b"]);
        assert_eq!(events(b"data: a\n\ndata: b", 3), ["a", "b"]);
        assert_eq!(events(b"data: a\r", 2), ["a"]);
        assert!(events(b": just a comment", 4).is_empty());
    }

    #[test]
    fn a_long_line_or_event_is_refused_without_holding_it() {
        let mut decoder = EventDecoder::new(16);
        decoder.feed(b"data: 0123456789");
        assert_eq!(decoder.next_event(), Ok(None));
        decoder.feed(b"abcdef");
        let Err(SseError::LineTooLong { max: 16, start }) = decoder.next_event() else {
            panic!("a line over 16 bytes must be refused");
        };
        assert_eq!(start, b"data: 0123456789abcdef");

        let mut decoder = EventDecoder::new(16);
        decoder.feed(b"data: 0123456789\ndata: 0123456789\n");
        assert!(matches!(
            decoder.next_event(),
            Err(SseError::EventTooLarge { max: 16, .. })
        ));
        let (message, _) = SseError::EventTooLarge {
            max: 16,
            start: Vec::new(),
        }
        .describe();
        assert!(message.contains("16 bytes"), "{message}");
    }

    #[test]
    fn consumed_bytes_are_released() {
        let mut decoder = EventDecoder::new(64);
        for _ in 0..10_000 {
            decoder.feed(b"data: {}\n\n: keep-alive\n");
            while decoder.next_event().unwrap().is_some() {}
        }
        assert!(decoder.buf.capacity() < 1024, "{}", decoder.buf.capacity());
    }
}
