//! Listing everything: an action whose answers come in pages, walked page by
//! page with [`Client::paginate`].
//!
//! Tencent Cloud APIs page in three ways: an `Offset` (with a `Limit`, and
//! usually a `TotalCount` in the answer), a page number (`PageNumber` with a
//! `PageSize`), or a token the answer hands back (`NextToken`, `Cursor`, ...).
//! [`Paginate`] says where an action's request keeps its place and where its
//! answer keeps the items; `#[tc_action(..., paginate(...))]` implements it
//! (`tc-codegen` declares that for every list action whose pattern it
//! recognises), and the walk itself lives here, once.

use std::collections::HashSet;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::stream::{self, BoxStream, StreamExt, TryStreamExt};

use crate::client::Client;
use crate::wire::action::Action;
use crate::wire::error::Error;

/// Where a listing continues.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cursor {
    /// How many items to skip (`Offset`).
    Offset(u64),
    /// Which page (`PageNumber`), as the API counts them.
    Page(u64),
    /// The token the previous page handed back; empty for the first page.
    Token(String),
}

/// An action whose answers come in pages.
///
/// The methods only read and write the request's and the answer's members;
/// [`Client::paginate`] decides what the next page is and when to stop.
/// Declare it with `paginate(...)` in the action's `#[tc_action]` rather than
/// by hand (see `tc_core::tc_action`).
pub trait Paginate: Action + Clone {
    /// One element of the answer's list (`Instance` for `DescribeInstances`).
    type Item: Send + 'static;

    /// Where this request starts: the caller's own `Offset`, page or token, or
    /// the first page.
    fn cursor(&self) -> Cursor;
    /// Points the request at another page.
    fn set_cursor(&mut self, cursor: Cursor);
    /// The page size the caller asked for (`Limit`, `PageSize`), if any.
    fn page_size(&self) -> Option<u64>;
    /// How many items there are in all, when the answer says (`TotalCount`).
    fn total(output: &Self::Output) -> Option<u64> {
        let _ = output;
        None
    }
    /// For token-paged actions: the token of the next page, `None` or empty
    /// after the last one.
    fn next_token(output: &Self::Output) -> Option<&str> {
        let _ = output;
        None
    }
    /// How many items the page holds.
    fn item_count(output: &Self::Output) -> usize;
    /// The page's items, taken out of the answer.
    fn take_items(output: &mut Self::Output) -> Vec<Self::Item>;
}

impl Client {
    /// Walks every page of `request`, starting where it points (its `Offset`,
    /// page or token, if set) and keeping its page size (`Limit`,
    /// `PageSize`). Each page is an ordinary call: rate limits, retries and
    /// time limits apply to each.
    ///
    /// The walk stops after an empty page, once `TotalCount` items are behind
    /// it, after a page shorter than the page size asked for, or when the
    /// answer hands back no token; a token handed back twice ends it with an
    /// error instead of looping. An error ends it after the pages before.
    ///
    /// ```no_run
    /// # use tc_core::{Client, Paginate, Error};
    /// # async fn list<A: Paginate>(client: &Client, request: A) -> Result<(), Error> {
    /// let mut pages = client.paginate(request);
    /// while let Some(page) = pages.next_page().await {
    ///     println!("{} items on this page", A::item_count(&page?));
    /// }
    /// // Or every item at once:
    /// # let request: A = todo!();
    /// let all: Vec<A::Item> = client.paginate(request).all_items().await?;
    /// # Ok(()) }
    /// ```
    pub fn paginate<A: Paginate>(&self, mut request: A) -> Pages<A> {
        // The first page is sent as the cursor reads it (page 1, not a
        // required page number's default 0).
        if let cursor @ Cursor::Page(_) = request.cursor() {
            request.set_cursor(cursor);
        }
        let walk = Walk {
            client: self.clone(),
            request: Some(request),
            seen: 0,
            tokens: HashSet::new(),
        };
        Pages {
            inner: stream::try_unfold(walk, Walk::next_page).boxed(),
        }
    }
}

/// The state of one walk.
struct Walk<A> {
    client: Client,
    /// The next page's request; `None` once the last page is in.
    request: Option<A>,
    /// Items on the pages so far (to compare with `TotalCount`).
    seen: u64,
    /// Tokens handed back so far.
    tokens: HashSet<String>,
}

impl<A: Paginate> Walk<A> {
    async fn next_page(mut self) -> Result<Option<(A::Output, Self)>, Error> {
        let Some(request) = self.request.take() else {
            return Ok(None);
        };
        let output = self.client.send(request.clone()).await?;
        self.request = self.after(request, &output)?;
        Ok(Some((output, self)))
    }

    /// The request for the page after `output`, or `None` when it was the last.
    fn after(&mut self, mut request: A, output: &A::Output) -> Result<Option<A>, Error> {
        let count = A::item_count(output) as u64;
        self.seen += count;
        let size = A::page_size(&request);
        // After an empty page there is no more; after one shorter than asked
        // for neither, unless a total says otherwise (a service may cap the
        // page size below the caller's).
        let total = A::total(output);
        let last = count == 0 || (total.is_none() && size.is_some_and(|size| count < size));
        let next = match request.cursor() {
            Cursor::Offset(offset) => {
                let next = offset + count;
                (!last && total.is_none_or(|total| next < total)).then_some(Cursor::Offset(next))
            }
            Cursor::Page(page) => {
                // Where this page ends: by the page size when known (the
                // caller may have started past the first page), else by count.
                let end = size.map_or(self.seen, |size| page * size);
                (!last && total.is_none_or(|total| end < total)).then_some(Cursor::Page(page + 1))
            }
            Cursor::Token(_) => match A::next_token(output).filter(|t| !t.is_empty()) {
                None => None,
                Some(token) if !self.tokens.insert(token.to_owned()) => {
                    return Err(Error::paging(A::NAME, token));
                }
                Some(token) => Some(Cursor::Token(token.to_owned())),
            },
        };
        Ok(next.map(|cursor| {
            request.set_cursor(cursor);
            request
        }))
    }
}

/// The pages of a listing, as a [`Stream`]; see [`Client::paginate`].
#[must_use = "a listing does nothing until its pages are read"]
pub struct Pages<A: Paginate> {
    inner: BoxStream<'static, Result<A::Output, Error>>,
}

impl<A: Paginate> Pages<A> {
    /// The next page, or `None` after the last one (or after an error).
    ///
    /// ```no_run
    /// # async fn list(client: tc_core::Client, request: impl tc_core::Paginate) -> Result<(), tc_core::Error> {
    /// let mut pages = client.paginate(request);
    /// while let Some(page) = pages.next_page().await {
    ///     let page = page?;
    ///     // ...
    /// #   let _ = page;
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn next_page(&mut self) -> Option<Result<A::Output, Error>> {
        self.inner.next().await
    }

    /// The items of every page, one by one: read them with
    /// [`Items::next`] (no stream library needed), or as a [`Stream`].
    ///
    /// ```no_run
    /// # async fn list(client: tc_core::Client, request: impl tc_core::Paginate) -> Result<(), tc_core::Error> {
    /// let mut items = client.paginate(request).items();
    /// while let Some(item) = items.next().await {
    ///     let item = item?;
    ///     // ...
    /// #   let _ = item;
    /// }
    /// # Ok(()) }
    /// ```
    pub fn items(self) -> Items<A> {
        Items {
            inner: self
                .inner
                .map_ok(|mut page| stream::iter(A::take_items(&mut page).into_iter().map(Ok)))
                .try_flatten()
                .boxed(),
        }
    }

    /// Every item of every page, in order.
    ///
    /// # Errors
    /// The first call that fails, after the pages before it.
    pub async fn all_items(self) -> Result<Vec<A::Item>, Error> {
        self.items().inner.try_collect().await
    }
}

/// The items of a listing, one by one ([`Pages::items`]): a [`Stream`], also
/// readable with [`next`](Self::next) without any stream library.
#[must_use = "a listing does nothing until its items are read"]
pub struct Items<A: Paginate> {
    inner: BoxStream<'static, Result<A::Item, Error>>,
}

impl<A: Paginate> Items<A> {
    /// The next item, or `None` after the last one (or after an error).
    pub async fn next(&mut self) -> Option<Result<A::Item, Error>> {
        self.inner.next().await
    }
}

impl<A: Paginate> Stream for Items<A> {
    type Item = Result<A::Item, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.poll_next_unpin(cx)
    }
}

impl<A: Paginate> fmt::Debug for Items<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("action", &A::NAME)
            .finish_non_exhaustive()
    }
}

impl<A: Paginate> Stream for Pages<A> {
    type Item = Result<A::Output, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.poll_next_unpin(cx)
    }
}

impl<A: Paginate> fmt::Debug for Pages<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("action", &A::NAME)
            .finish_non_exhaustive()
    }
}
