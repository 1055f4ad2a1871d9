//! Chat with Hunyuan `ChatCompletions`, the answer printed as it streams.
//!
//! ```text
//! cargo run -p tcapi-hunyuan --example chat -- [--model M] [--region R] [--endpoint URL] "prompt"
//! ```
//!
//! Without `--endpoint` it starts the local endpoint in-process, which streams
//! the API's streamed example; with `--endpoint` it calls that URL with
//! credentials from the default chain. Output: each chunk's `Delta.Content`
//! as soon as it arrives, then one line `finish_reason=<reason>
//! total_tokens=<n>`. Exit codes: 0 on success; 1 for an API error, before or
//! during the stream, printed as `Code: Message (RequestId: ...)` on stderr; 2
//! and one line on stderr for anything else (a broken or stalled stream, or
//! one that ends before its final chunk).

use std::io::Write;
use std::process::ExitCode;

use tc_emulator::example::{Args, Failure, Target, exit};
use tc_hunyuan::models::{Choice, Message};
use tc_hunyuan::{ChatCompletions, ChatCompletionsResponse};

#[tokio::main]
async fn main() -> ExitCode {
    exit(run().await)
}

async fn run() -> Result<(), Failure> {
    let args = Args::parse(&["model", "region", "endpoint"], &[])?;
    let prompt = match args.positional.as_slice() {
        [] => "Hello".to_owned(),
        words => words.join(" "),
    };
    let request = ChatCompletions {
        model: args
            .value("model")
            .unwrap_or("hunyuan-turbos-latest")
            .to_owned(),
        messages: vec![Message {
            role: Some("user".to_owned()),
            content: Some(prompt),
            ..Message::default()
        }],
        stream: Some(true),
        ..ChatCompletions::default()
    };
    let target = Target::new(args.value("endpoint")).await?;
    let client = target
        .client_builder()
        .region(args.value("region").unwrap_or("ap-guangzhou"))
        .build()?;

    let mut chunks = client.send_streaming(request).await?;
    let mut end = End::default();
    while let Some(chunk) = chunks.next().await {
        end.take(&chunk?)?;
    }
    let Some(reason) = end.finish_reason else {
        return Err(Failure::Other(format!(
            "the stream ended before its final chunk (RequestId: {})",
            chunks.request_id()
        )));
    };
    let tokens = end
        .total_tokens
        .map_or_else(|| "unknown".to_owned(), |n| n.to_string());
    let newline = if end.at_line_start { "" } else { "\n" };
    println!("{newline}finish_reason={reason} total_tokens={tokens}");
    Ok(())
}

/// What the chunks so far say about the end of the answer.
struct End {
    finish_reason: Option<String>,
    total_tokens: Option<i64>,
    /// Whether the text printed so far ends a line.
    at_line_start: bool,
}

impl Default for End {
    fn default() -> Self {
        End {
            finish_reason: None,
            total_tokens: None,
            at_line_start: true,
        }
    }
}

impl End {
    /// Prints the chunk's text at once and notes how it ends.
    fn take(&mut self, chunk: &ChatCompletionsResponse) -> Result<(), Failure> {
        let mut out = std::io::stdout().lock();
        for choice in chunk.choices.iter().flatten() {
            let text = text(choice);
            if !text.is_empty() {
                out.write_all(text.as_bytes())
                    .and_then(|()| out.flush())
                    .map_err(|e| Failure::Other(format!("cannot print the answer: {e}")))?;
                self.at_line_start = text.ends_with('\n');
            }
            if let Some(reason) = choice.finish_reason.as_deref().filter(|r| !r.is_empty()) {
                self.finish_reason = Some(reason.to_owned());
            }
        }
        if let Some(total) = chunk.usage.as_ref().and_then(|u| u.total_tokens) {
            self.total_tokens = Some(total);
        }
        Ok(())
    }
}

/// A chunk's new text; a whole answer (the service chose not to stream) has
/// it in `Message` rather than `Delta`.
fn text(choice: &Choice) -> &str {
    let delta = choice.delta.as_ref().and_then(|d| d.content.as_deref());
    let message = choice.message.as_ref().and_then(|m| m.content.as_deref());
    delta.or(message).unwrap_or_default()
}
