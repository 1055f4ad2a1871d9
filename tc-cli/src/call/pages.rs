//! `--all-pages`: follows a list action's pages (the classification of
//! tc-codegen's paginators: offset and limit, page number and size, or a
//! token) and answers the last page with the list of every page in it.

use serde_json::Value;

use super::Sender;
use crate::failure::Failure;
use crate::schema::Paging;

/// A listing that goes on longer than this is stopped, not followed forever.
const MAX_PAGES: usize = 10_000;

/// Every page of the call, merged.
pub(crate) async fn all(
    sender: &Sender<'_>,
    paging: &Paging,
    mut params: Value,
) -> Result<Value, Failure> {
    let size = paging
        .size
        .as_ref()
        .and_then(|s| params.get(s))
        .and_then(number);
    let mut position = match paging.style.as_str() {
        "token" => Value::Null,
        style => {
            let first = params.get(&paging.position).and_then(number);
            Value::from(first.unwrap_or(if style == "page" { 1 } else { 0 }))
        }
    };
    // A position given as text is sent as text.
    let as_text = params.get(&paging.position).is_some_and(Value::is_string);
    let mut items = Vec::new();
    for _ in 0..MAX_PAGES {
        if !position.is_null() {
            params[&paging.position] = match (&position, as_text) {
                (Value::Number(n), true) => Value::String(n.to_string()),
                (p, _) => p.clone(),
            };
        }
        let mut answer = sender.send(params.clone()).await?;
        let page = match answer.get_mut(&paging.list).map(Value::take) {
            Some(Value::Array(page)) => page,
            _ => Vec::new(),
        };
        let count = page.len();
        items.extend(page);
        let total = paging
            .total
            .as_ref()
            .and_then(|t| answer.get(t))
            .and_then(number);
        let next = match paging.style.as_str() {
            "token" => {
                let next = paging
                    .next
                    .as_ref()
                    .and_then(|n| answer.get(n))
                    .and_then(Value::as_str)
                    .filter(|t| !t.is_empty())
                    .map(|t| Value::String(t.to_owned()));
                match next {
                    Some(next) if next != position && count > 0 => Some(next),
                    _ => None,
                }
            }
            style => {
                // A total, when the answer gives one, decides: a service may
                // cap its pages below the size asked for.
                let done = count == 0
                    || match total {
                        Some(total) => items.len() as u64 >= total,
                        None => size.is_some_and(|s| (count as u64) < s),
                    };
                let step = if style == "page" { 1 } else { count as u64 };
                match (!done).then(|| number(&position).unwrap_or(0).checked_add(step)) {
                    None => None,
                    Some(Some(next)) => Some(Value::from(next)),
                    Some(None) => {
                        return Err(Failure::Other(format!(
                            "--all-pages: the position after {position} is out of range"
                        )));
                    }
                }
            }
        };
        match next {
            Some(next) => position = next,
            None => {
                answer[&paging.list] = Value::Array(items);
                return Ok(answer);
            }
        }
    }
    Err(Failure::Other(format!(
        "--all-pages: stopped after {MAX_PAGES} pages"
    )))
}

/// A whole number, or one written as text.
fn number(value: &Value) -> Option<u64> {
    value
        .as_u64()
        .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))
}
