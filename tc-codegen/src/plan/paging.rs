//! How each action pages, read from its request and response members.
//!
//! Three patterns, each recognised only when it is unambiguous:
//! - **offset**: the request has `Offset` and `Limit` (numbers, or numbers as
//!   text), the answer one list (and `TotalCount` when it says how many);
//! - **page number**: `PageNumber` (or `PageNo`, `PageIndex`, `PageNum`, `Page`) and
//!   `PageSize` (or `Limit`, `Rp`), the answer one list (a list the spec marks disabled beside
//!   another does not count);
//! - **token**: a token member in the request (`NextToken`, `PaginationToken`,
//!   `Cursor`, `Marker`, `ScrollToken`, ...) that the answer hands back under
//!   the same name or as `Next...`, the answer one list.
//!
//! An action that has paging members but fits none of them (no list, or two
//! lists to choose from; a token the answer never hands back) is listed as
//! unclassified, with the reason.

use super::model::{FieldPlan, StructPlan};
pub(crate) use super::model::{Paging, PagingPlan, Style};
use crate::types::{Scalar, Ty};

const PAGE_NUMBERS: &[&str] = &["PageNumber", "PageNo", "PageIndex", "PageNum", "Page"];
const TOKENS: &[&str] = &[
    "NextToken",
    "PaginationToken",
    "PageToken",
    "Cursor",
    "NextCursor",
    "Marker",
    "NextMarker",
    "ScrollToken",
    "ScrollId",
    "ContinuationToken",
];
const TOTALS: &[&str] = &["TotalCount", "Total", "TotalNum", "TotalCnt"];
/// Page sizes; CAM calls its own `Rp` (rows per page).
const PAGE_SIZES: &[&str] = &["PageSize", "Limit", "MaxResults", "Rp"];

/// The member named `wire`, unless the spec marks it disabled: a listing is
/// not built on members the service may stop honouring.
fn member<'a>(s: &'a StructPlan, wire: &str) -> Option<&'a FieldPlan> {
    s.fields.iter().find(|f| f.wire == wire && !f.deprecated)
}

/// A whole number, or a whole number written as text.
fn is_number(f: &FieldPlan) -> bool {
    matches!(f.ty, Ty::One(Scalar::I64 | Scalar::U64 | Scalar::String))
}

/// Classifies one action.
pub(crate) fn classify(request: &StructPlan, response: &StructPlan) -> Paging {
    let mut lists: Vec<&FieldPlan> = response
        .fields
        .iter()
        .filter(|f| matches!(f.ty, Ty::List(_)))
        .collect();
    // A list the spec marks disabled beside one it does not (`VASList` beside
    // `VasList`) is the old spelling of the same list.
    if lists.len() > 1 && lists.iter().filter(|f| !f.deprecated).count() == 1 {
        lists.retain(|f| !f.deprecated);
    }
    let total = TOTALS
        .iter()
        .find_map(|t| member(response, t).filter(|f| is_number(f)))
        .map(|f| f.ident.clone());
    let one_list = || -> Result<&FieldPlan, String> {
        match lists.as_slice() {
            [list] => Ok(list),
            [] => Err("its answer has no list".to_owned()),
            many => Err(format!(
                "its answer has {} lists ({}), none of them the obvious one",
                many.len(),
                many.iter()
                    .map(|f| format!("`{}`", f.wire))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    };
    let plan = |style, position: &FieldPlan, size: Option<&FieldPlan>, next_token| {
        one_list().map(|list| PagingPlan {
            style,
            position: position.ident.clone(),
            size: size.map(|f| f.ident.clone()),
            total: total.clone(),
            list: list.ident.clone(),
            item: match &list.ty {
                Ty::List(item) | Ty::One(item) => item.clone(),
            },
            next_token,
        })
    };
    let result = |p: Result<PagingPlan, String>| match p {
        Ok(p) => Paging::Paged(p),
        Err(why) => Paging::Unclassified(why),
    };

    if let (Some(offset), Some(limit)) = (member(request, "Offset"), member(request, "Limit")) {
        if !is_number(offset) || !is_number(limit) {
            return Paging::Unclassified("its `Offset` or `Limit` is not a number".to_owned());
        }
        return result(plan(Style::Offset, offset, Some(limit), None));
    }
    if let Some(page) = PAGE_NUMBERS.iter().find_map(|p| member(request, p))
        && let Some(size) = PAGE_SIZES.iter().find_map(|s| member(request, s))
    {
        if !is_number(page) || !is_number(size) {
            return Paging::Unclassified(format!(
                "its `{}` or `{}` is not a number",
                page.wire, size.wire
            ));
        }
        return result(plan(Style::Page, page, Some(size), None));
    }
    if let Some(token) = TOKENS.iter().find_map(|t| member(request, t)) {
        if token.ty != Ty::One(Scalar::String) {
            return Paging::Unclassified(format!("its `{}` is not text", token.wire));
        }
        let next = format!("Next{}", token.wire.trim_start_matches("Next"));
        let reply = [token.wire.as_str(), next.as_str(), "NextToken"]
            .iter()
            .find_map(|name| member(response, name))
            .filter(|f| f.ty == Ty::One(Scalar::String));
        let Some(reply) = reply else {
            return Paging::Unclassified(format!("its answer does not hand back `{}`", token.wire));
        };
        let size = PAGE_SIZES
            .iter()
            .find_map(|s| member(request, s))
            .filter(|f| is_number(f));
        return result(plan(Style::Token, token, size, Some(reply.ident.clone())));
    }
    let paging_members: Vec<&str> = request
        .fields
        .iter()
        .map(|f| f.wire.as_str())
        .filter(|w| w == &"Offset" || PAGE_SIZES.contains(w) || PAGE_NUMBERS.contains(w))
        .collect();
    if paging_members.is_empty() {
        Paging::None
    } else {
        Paging::Unclassified(format!(
            "it has {} but not a whole pattern",
            paging_members
                .iter()
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }
}
