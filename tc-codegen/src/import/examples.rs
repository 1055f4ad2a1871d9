//! The `tccli` package's `examples.json` to ours: per action, each example's
//! request body and response, without titles, descriptions or HTTP headers.

use std::collections::BTreeMap;

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

/// `examples.json` as `tccli` ships it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Source {
    actions: BTreeMap<String, Vec<SourceExample>>,
    /// The format's version.
    #[serde(rename = "version")]
    _format: Option<IgnoredAny>,
}

/// One example of `tccli`'s `examples.json`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceExample {
    /// The whole HTTP request: request line, headers, a blank line, the body.
    input: String,
    /// The response body: a `{"Response": ...}` envelope, or the events of a
    /// streamed answer (sometimes after prose or the HTTP response headers).
    output: String,
    #[serde(rename = "title")]
    _title: Option<IgnoredAny>,
    #[serde(rename = "document")]
    _document: Option<IgnoredAny>,
}

/// One example of our `examples.json`.
#[derive(Serialize)]
pub(super) struct Example {
    request_body: String,
    response: String,
}

/// Our examples, by action, in the source's order within each action.
pub(super) fn examples(source: Source) -> BTreeMap<String, Vec<Example>> {
    source
        .actions
        .into_iter()
        .map(|(action, list)| {
            let list = list
                .into_iter()
                .map(|e| Example {
                    request_body: request_body(&e.input),
                    response: response(&e.output),
                })
                .collect();
            (action, list)
        })
        .collect()
}

/// The body of an HTTP request as written in an example: what follows the
/// first blank line (a request that is only a JSON body is kept whole; one
/// without a blank line has no body).
fn request_body(input: &str) -> String {
    match input.split_once("\n\n") {
        Some((_, body)) => body.to_owned(),
        None if input.trim_start().starts_with('{') => input.to_owned(),
        None => String::new(),
    }
}

/// The response as the client reads it: a JSON envelope as written; a stream
/// of server-sent events from its first field line (dropping any prose or
/// HTTP headers before it), ending with the blank line that ends an event.
fn response(output: &str) -> String {
    if output.trim_start().starts_with('{') {
        return output.to_owned();
    }
    let mut offset = 0;
    for line in output.split_inclusive('\n') {
        if ["data:", "id:", "event:", "retry:"]
            .iter()
            .any(|field| line.starts_with(field))
        {
            return format!("{}\n\n", output[offset..].trim_end());
        }
        offset += line.len();
    }
    output.to_owned()
}

#[cfg(test)]
mod tests {
    use super::{request_body, response};

    #[test]
    fn the_body_follows_the_headers() {
        let input = "POST / HTTP/1.1\nHost: sts.tencentcloudapi.com\nX-TC-Action: GetCallerIdentity\n<公共请求参数>\n\n{\n    \"A\": 1\n}";
        assert_eq!(request_body(input), "{\n    \"A\": 1\n}");
        assert_eq!(request_body("{\"A\": 1}"), "{\"A\": 1}");
        assert_eq!(request_body("GET / HTTP/1.1\nHost: x"), "");
    }

    #[test]
    fn an_envelope_is_kept_as_written() {
        let envelope = "{\n    \"Response\": {\n        \"RequestId\": \"r\"\n    }\n}";
        assert_eq!(response(envelope), envelope);
    }

    #[test]
    fn a_stream_starts_at_its_first_event_and_ends_with_a_blank_line() {
        let prose = "Note: merge the deltas.\n\ndata: {\"A\":1}\n\ndata: {\"A\":2}";
        assert_eq!(response(prose), "data: {\"A\":1}\n\ndata: {\"A\":2}\n\n");
        let headers = "HTTP/1.1 200 OK\nContent-Type: text/event-stream\n\nid: 1\ndata: {}\n\n\n";
        assert_eq!(response(headers), "id: 1\ndata: {}\n\n");
        assert_eq!(response("no events at all"), "no events at all");
    }
}
