//! Every item of every page, as one `Stream`, with the next page fetched
//! while the caller reads the current one.

use std::collections::hash_map::RandomState;
use std::collections::HashSet;
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::pin::Pin;

use futures_core::Stream;
use serde::Serialize;

use super::envelope::Page;
use super::error::Error;

/// Default of the most pages one stream fetches: 10,000 pages (500,000 items
/// at 50 a page). A list longer than that is better read in parts; the limit
/// is raised on the client's builder (`max_pages`).
pub const DEFAULT_MAX_PAGES: u32 = 10_000;

/// The parameters of a page-number list operation, as far as paging goes.
pub trait PageParams: Clone {
    /// The page asked for, if set.
    fn page(&self) -> Option<i64>;
    /// The page size asked for, if set.
    fn per_page(&self) -> Option<i64>;
    /// The same parameters asking for `page`.
    fn with_page(&self, page: i64) -> Self;
}

/// The `result_info` of a page-number list response, as far as paging goes.
pub trait PageInfo {
    /// The page the server says it sent.
    fn page(&self) -> Option<f64>;
    /// The page size the server used.
    fn per_page(&self) -> Option<f64>;
    /// How many items there are in all.
    fn total_count(&self) -> Option<f64>;
}

/// The parameters of a cursor list operation, as far as paging goes.
pub trait CursorParams: Clone {
    /// The same parameters asking for the page after `cursor`.
    fn with_cursor(&self, cursor: &str) -> Self;
}

/// The `result_info` of a cursor list response, as far as paging goes.
pub trait CursorInfo {
    /// The cursor of the next page; `None` or empty on the last page.
    fn cursor(&self) -> Option<&str>;
}

/// Fetches page after page, starting at `params.page()` (or 1), and yields
/// their items.
///
/// It ends after an empty page, a page shorter than `per_page` (the
/// server's, else the caller's), or the last page the reported totals allow,
/// `ceil(total_count / per_page)` (the smallest any response reported): no
/// request past the end, so 3 pages take exactly 3 requests.
///
/// **One page of prefetch**: as soon as a page arrives and is not the last,
/// the next one is requested (on its own tokio task when a tokio runtime is
/// running, else when the stream is next polled), so the caller's work on
/// one page overlaps the server's on the next. At most two pages are held:
/// the one being read and the one coming. A caller that stops early (drops
/// the stream) has made at most one request it did not need, and that
/// request is cancelled.
///
/// It always ends, whatever the server sends:
/// * a page holding the same items as any earlier page, in any order (a
///   server ignoring `page`, alternating or rotating pages), ends it with
///   [`Error::PaginationRepeated`]. Pages are compared by their items alone
///   (a hash of each item's JSON); fields of the response outside the items
///   do not count.
/// * after `max_pages` pages the stream ends with
///   [`Error::PaginationLimit`] instead of asking for another page.
///
/// A failed fetch ends it with that error. Dropping the stream drops (and
/// aborts) the request in flight.
pub fn paginate<T, I, P, F, Fut>(
    params: P,
    max_pages: u32,
    fetch: F,
) -> impl Stream<Item = Result<T, Error>>
where
    T: Serialize + Send + 'static,
    P: PageParams + Send + 'static,
    I: PageInfo + Send + 'static,
    F: FnMut(P) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Page<T, I>, Error>> + Send + 'static,
{
    let first = params.page().unwrap_or(1);
    let plan = PageNumbers {
        params,
        last_page: None,
    };
    run(plan, first, max_pages, fetch)
}

/// Fetches page after page by cursor, starting with `params` as given, and
/// yields their items.
///
/// The next page is the one after `result_info`'s cursor; the stream ends
/// after a page without a cursor (absent or empty), or an empty page. It has
/// the guarantees of [`paginate`]: one page of prefetch, at most two pages
/// held, [`Error::PaginationRepeated`] when a page or a cursor repeats an
/// earlier one, [`Error::PaginationLimit`] after `max_pages` pages, and
/// cancellation by dropping. Pages are numbered from 1 in errors.
pub fn paginate_cursor<T, I, P, F, Fut>(
    params: P,
    max_pages: u32,
    fetch: F,
) -> impl Stream<Item = Result<T, Error>>
where
    T: Serialize + Send + 'static,
    P: CursorParams + Send + 'static,
    I: CursorInfo + Send + 'static,
    F: FnMut(P) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Page<T, I>, Error>> + Send + 'static,
{
    let plan = Cursors {
        params,
        seen: HashSet::new(),
        hasher: RandomState::new(),
    };
    run(plan, 1, max_pages, fetch)
}

/// What a paging style decides after a page.
enum After<P> {
    /// Ask for these parameters, the page numbered so.
    Fetch(P, i64),
    /// The page was the last.
    End,
    /// The next request would repeat an earlier one: this page number.
    Repeated(i64),
}

/// A paging style: the parameters of the first page, and what follows each page.
trait Plan<T, I>: Send + 'static {
    type Params: Send + 'static;
    fn first(&self) -> Self::Params;
    /// What follows `page`, numbered `number`.
    fn after(&mut self, number: i64, page: &Page<T, I>) -> After<Self::Params>;
}

struct PageNumbers<P> {
    params: P,
    /// The last page the reported totals allow.
    last_page: Option<i64>,
}

impl<T, I, P> Plan<T, I> for PageNumbers<P>
where
    I: PageInfo,
    P: PageParams + Send + 'static,
{
    type Params = P;

    fn first(&self) -> P {
        self.params.with_page(self.params.page().unwrap_or(1))
    }

    fn after(&mut self, number: i64, page: &Page<T, I>) -> After<P> {
        if self.is_last(number, page) {
            return After::End;
        }
        match number.checked_add(1) {
            Some(next) => After::Fetch(self.params.with_page(next), next),
            None => After::End,
        }
    }
}

impl<P: PageParams> PageNumbers<P> {
    fn is_last<T, I: PageInfo>(&mut self, number: i64, page: &Page<T, I>) -> bool {
        let info = page.result_info.as_ref();
        let per_page = info
            .and_then(PageInfo::per_page)
            .or_else(|| self.params.per_page().map(|n| n as f64))
            .filter(|&n| n.is_finite() && n > 0.0);
        let Some(per_page) = per_page else {
            return false;
        };
        if (page.result.len() as f64) < per_page {
            return true;
        }
        if let Some(total) = info.and_then(PageInfo::total_count).filter(|t| t.is_finite()) {
            // `as` saturates: a huge total is a huge bound, a negative one 0.
            let bound = (total / per_page).ceil() as i64;
            self.last_page = Some(self.last_page.map_or(bound, |last| last.min(bound)));
        }
        self.last_page.is_some_and(|last| number >= last)
    }
}

struct Cursors<P> {
    params: P,
    /// Hashes of the cursors followed so far.
    seen: HashSet<u64>,
    hasher: RandomState,
}

impl<T, I, P> Plan<T, I> for Cursors<P>
where
    I: CursorInfo,
    P: CursorParams + Send + 'static,
{
    type Params = P;

    fn first(&self) -> P {
        self.params.clone()
    }

    fn after(&mut self, number: i64, page: &Page<T, I>) -> After<P> {
        let cursor = page.result_info.as_ref().and_then(CursorInfo::cursor);
        let Some(cursor) = cursor.filter(|c| !c.is_empty()) else {
            return After::End;
        };
        let next = number.saturating_add(1);
        if !self.seen.insert(self.hasher.hash_one(cursor)) {
            return After::Repeated(next);
        }
        After::Fetch(self.params.with_cursor(cursor), next)
    }
}

type Fetched<T, I> = Result<Page<T, I>, Error>;

/// A fetched page and the digest of its items, made on the fetching task so
/// hashing overlaps the caller's work too.
type Digested<T, I> = Result<(Page<T, I>, u64), Error>;

/// A page on its way: a task of its own when a tokio runtime is running,
/// else the future itself, polled by the stream.
enum InFlight<O> {
    Task(AbortOnDrop<O>),
    Local(Pin<Box<dyn Future<Output = O> + Send>>),
}

impl<O: Send + 'static> InFlight<O> {
    fn start(future: impl Future<Output = O> + Send + 'static) -> Self {
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => InFlight::Task(AbortOnDrop(runtime.spawn(future))),
            Err(_) => InFlight::Local(Box::pin(future)),
        }
    }
}

impl<T: Send + 'static, I: Send + 'static> InFlight<Digested<T, I>> {
    async fn finish(self) -> Digested<T, I> {
        match self {
            InFlight::Local(future) => future.await,
            InFlight::Task(mut task) => match (&mut task.0).await {
                Ok(fetched) => fetched,
                Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
                Err(_) => Err(Error::Config(
                    "the tokio runtime shut down while a page was being fetched".into(),
                )),
            },
        }
    }
}

/// Aborts the task when dropped, so dropping the stream cancels the request.
struct AbortOnDrop<O>(tokio::task::JoinHandle<O>);

impl<O> Drop for AbortOnDrop<O> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// What comes when the current page's items are all yielded.
enum Next<P, O> {
    /// The first request, not made until the stream is polled.
    First(P),
    /// The next page, requested; its number.
    Coming(InFlight<O>, i64),
    /// An error to yield, then the end.
    Fail(Error),
    /// Nothing: the last page was fetched or an error yielded.
    End,
}

struct State<T, I, S: Plan<T, I>, F> {
    plan: S,
    fetch: F,
    next: Next<S::Params, Digested<T, I>>,
    /// The number the first page gets.
    first_number: i64,
    /// The items of the current page not yet yielded.
    items: std::vec::IntoIter<T>,
    pages_fetched: u32,
    max_pages: u32,
    /// The digests of the pages fetched so far.
    seen: HashSet<u64>,
    /// Keyed at random, so a server cannot aim for a collision.
    hasher: RandomState,
}

fn run<T, I, S, F, Fut>(
    plan: S,
    first_number: i64,
    max_pages: u32,
    fetch: F,
) -> impl Stream<Item = Result<T, Error>>
where
    T: Serialize + Send + 'static,
    I: Send + 'static,
    S: Plan<T, I>,
    F: FnMut(S::Params) -> Fut + Send + 'static,
    Fut: Future<Output = Fetched<T, I>> + Send + 'static,
{
    let state = State {
        next: Next::First(plan.first()),
        plan,
        fetch,
        first_number,
        items: Vec::new().into_iter(),
        pages_fetched: 0,
        max_pages,
        seen: HashSet::new(),
        hasher: RandomState::new(),
    };
    futures_util::stream::unfold(state, |mut state| async move {
        let item = state.next_item().await?;
        Some((item, state))
    })
}

impl<T, I, S, F, Fut> State<T, I, S, F>
where
    T: Serialize + Send + 'static,
    I: Send + 'static,
    S: Plan<T, I>,
    F: FnMut(S::Params) -> Fut + Send + 'static,
    Fut: Future<Output = Fetched<T, I>> + Send + 'static,
{
    async fn next_item(&mut self) -> Option<Result<T, Error>> {
        loop {
            if let Some(item) = self.items.next() {
                return Some(Ok(item));
            }
            // The page is used up; free it before the next one lands.
            self.items = Vec::new().into_iter();
            let (coming, number) = match std::mem::replace(&mut self.next, Next::End) {
                Next::First(params) => (self.request(params), self.first_number),
                Next::Coming(coming, number) => (coming, number),
                Next::Fail(error) => return Some(Err(error)),
                Next::End => return None,
            };
            let (page, digest) = match coming.finish().await {
                Ok(digested) => digested,
                Err(error) => return Some(Err(error)),
            };
            self.pages_fetched += 1;
            trace_event!(page = number, items = page.result.len(), "page");
            if page.result.is_empty() {
                return None;
            }
            if !self.seen.insert(digest) {
                return Some(Err(Error::PaginationRepeated { page: number }));
            }
            self.next = match self.plan.after(number, &page) {
                After::End => Next::End,
                After::Repeated(page) => Next::Fail(Error::PaginationRepeated { page }),
                After::Fetch(_, _) if self.pages_fetched >= self.max_pages => {
                    Next::Fail(Error::PaginationLimit {
                        pages: self.pages_fetched,
                    })
                }
                // The prefetch: requested now, read when this page is used up.
                After::Fetch(params, next) => Next::Coming(self.request(params), next),
            };
            self.items = page.result.into_iter();
        }
    }

    /// Starts fetching the page `params` asks for, and its digest.
    fn request(&mut self, params: S::Params) -> InFlight<Digested<T, I>> {
        let fetch = (self.fetch)(params);
        let hasher = self.hasher.clone();
        InFlight::start(async move {
            let page = fetch.await?;
            let digest = digest(&hasher, &page.result);
            Ok((page, digest))
        })
    }
}

/// The same for the same items in any order: the sorted hashes of each
/// item's JSON, hashed.
fn digest<T: Serialize>(hasher: &RandomState, items: &[T]) -> u64 {
    let mut hashes: Vec<u64> = items
        .iter()
        .map(|item| {
            let mut writer = HashWriter(hasher.build_hasher());
            // Serializing a response item cannot fail; if it did, the
            // item would count as empty and only the page limit would hold.
            let _ = serde_json::to_writer(&mut writer, item);
            writer.0.finish()
        })
        .collect();
    hashes.sort_unstable();
    hasher.hash_one(&hashes)
}

/// Feeds what is written to a hasher.
struct HashWriter<H>(H);

impl<H: Hasher> std::io::Write for HashWriter<H> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::{FutureExt, StreamExt};
    use std::future::ready;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Debug)]
    struct Params {
        page: Option<i64>,
        per_page: Option<i64>,
    }

    impl PageParams for Params {
        fn page(&self) -> Option<i64> {
            self.page
        }
        fn per_page(&self) -> Option<i64> {
            self.per_page
        }
        fn with_page(&self, page: i64) -> Self {
            Self {
                page: Some(page),
                ..self.clone()
            }
        }
    }

    #[derive(Default)]
    struct Info {
        per_page: Option<f64>,
        total_count: Option<f64>,
    }

    impl PageInfo for Info {
        fn page(&self) -> Option<f64> {
            None
        }
        fn per_page(&self) -> Option<f64> {
            self.per_page
        }
        fn total_count(&self) -> Option<f64> {
            self.total_count
        }
    }

    fn page(items: std::ops::Range<u32>, info: Option<Info>) -> Page<u32, Info> {
        Page {
            result: items.collect(),
            result_info: info,
            messages: vec![],
        }
    }

    /// Runs the stream to its end; the fake fetches are always ready.
    fn collect<S: Stream<Item = Result<u32, Error>>>(stream: S) -> (Vec<u32>, Option<Error>) {
        let mut stream = std::pin::pin!(stream);
        let (mut items, mut error) = (Vec::new(), None);
        while let Some(next) = stream.next().now_or_never().expect("fake fetch is ready") {
            match next {
                Ok(item) => items.push(item),
                Err(e) => {
                    assert!(error.is_none(), "two errors");
                    error = Some(e);
                }
            }
        }
        (items, error)
    }

    type Fetched = Result<Page<u32, Info>, Error>;
    type Calls = Arc<Mutex<Vec<i64>>>;

    /// Serves `pages` by page number (1-based) and records the pages asked for.
    fn server(
        pages: impl Fn(i64) -> Fetched + Send + 'static,
    ) -> (
        Calls,
        impl FnMut(Params) -> std::future::Ready<Fetched> + Send + 'static,
    ) {
        let calls = Calls::default();
        let seen = calls.clone();
        let fetch = move |params: Params| {
            let n = params.page.expect("page is always set");
            seen.lock().unwrap().push(n);
            ready(pages(n))
        };
        (calls, fetch)
    }

    fn params(page: Option<i64>, per_page: Option<i64>) -> Params {
        Params { page, per_page }
    }

    fn paginate_all<F, Fut>(params: Params, fetch: F) -> impl Stream<Item = Result<u32, Error>>
    where
        F: FnMut(Params) -> Fut + Send + 'static,
        Fut: Future<Output = Fetched> + Send + 'static,
    {
        paginate(params, DEFAULT_MAX_PAGES, fetch)
    }

    fn info(per_page: f64, total_count: f64) -> Option<Info> {
        Some(Info {
            per_page: Some(per_page),
            total_count: Some(total_count),
        })
    }

    #[test]
    fn alternating_pages_end_at_the_first_repeat() {
        let (calls, fetch) = server(|n| Ok(if n % 2 == 1 { page(0..3, None) } else { page(3..6, None) }));
        let (items, error) = collect(paginate_all(params(None, Some(3)), fetch));
        assert_eq!(items, (0..6).collect::<Vec<_>>());
        assert!(matches!(error, Some(Error::PaginationRepeated { page: 3 })), "{error:?}");
        assert_eq!(*calls.lock().unwrap(), vec![1, 2, 3]);
    }

    #[test]
    fn rotated_items_are_a_repeat() {
        let (calls, fetch) = server(|n| {
            let mut items: Vec<u32> = (0..3).collect();
            items.rotate_left(n as usize % 3);
            Ok(Page { result: items, result_info: None, messages: vec![] })
        });
        let (items, error) = collect(paginate_all(params(None, Some(3)), fetch));
        assert_eq!(items.len(), 3);
        assert!(matches!(error, Some(Error::PaginationRepeated { page: 2 })), "{error:?}");
        assert_eq!(calls.lock().unwrap().len(), 2);
    }

    #[test]
    fn the_smallest_reported_total_bounds_the_pages() {
        // Page 1 says 3 pages of 2; later pages claim ever more.
        let (calls, fetch) = server(|n| {
            let start = (n as u32 - 1) * 2;
            Ok(page(start..start + 2, info(2.0, 6.0 * n as f64)))
        });
        let (items, error) = collect(paginate_all(params(None, None), fetch));
        assert!(error.is_none(), "{error:?}");
        assert_eq!(items.len(), 6);
        assert_eq!(*calls.lock().unwrap(), vec![1, 2, 3]);
        // A total that shrinks ends it sooner; one that is not a number is ignored.
        let (calls, fetch) = server(|n| {
            let start = (n as u32 - 1) * 2;
            let total = if n == 1 { 100.0 } else { 4.0 };
            Ok(page(start..start + 2, info(2.0, total)))
        });
        let (_, error) = collect(paginate_all(params(None, None), fetch));
        assert!(error.is_none());
        assert_eq!(*calls.lock().unwrap(), vec![1, 2]);
    }

    #[test]
    fn the_page_limit_ends_an_endless_list_without_an_extra_request() {
        let (calls, fetch) = server(|n| {
            let start = n as u32 * 2;
            Ok(page(start..start + 2, info(2.0, f64::MAX)))
        });
        let (items, error) = collect(paginate(params(None, None), 4, fetch));
        assert_eq!(items.len(), 8);
        assert!(matches!(error, Some(Error::PaginationLimit { pages: 4 })), "{error:?}");
        assert_eq!(*calls.lock().unwrap(), vec![1, 2, 3, 4]);
        // A list that ends on the limit's last page is no error.
        let (calls, fetch) = server(|n| {
            let start = (n as u32 - 1) * 2;
            Ok(page(start..start + 2, info(2.0, 8.0)))
        });
        let (items, error) = collect(paginate(params(None, None), 4, fetch));
        assert!(error.is_none() && items.len() == 8);
        assert_eq!(calls.lock().unwrap().len(), 4);
    }

    #[test]
    fn reported_total_stops_without_an_extra_request() {
        // 3 full pages of 2; total 6.
        let (calls, fetch) = server(|n| {
            let start = (n as u32 - 1) * 2;
            Ok(page(
                start..start + 2,
                Some(Info {
                    per_page: Some(2.0),
                    total_count: Some(6.0),
                }),
            ))
        });
        let (items, error) = collect(paginate_all(params(None, None), fetch));
        assert!(error.is_none());
        assert_eq!(items, (0..6).collect::<Vec<_>>());
        assert_eq!(*calls.lock().unwrap(), vec![1, 2, 3]);
    }

    #[test]
    fn without_totals_a_short_page_is_the_last() {
        let (calls, fetch) = server(|n| match n {
            1 | 2 => Ok(page((n as u32) * 10..(n as u32) * 10 + 3, None)),
            3 => Ok(page(30..31, None)),
            _ => panic!("asked past the end"),
        });
        let (items, error) = collect(paginate_all(params(None, Some(3)), fetch));
        assert!(error.is_none());
        assert_eq!(items, vec![10, 11, 12, 20, 21, 22, 30]);
        assert_eq!(*calls.lock().unwrap(), vec![1, 2, 3]);
    }

    #[test]
    fn server_per_page_wins_over_the_callers() {
        // The caller asked for 50 but the server pages by 2.
        let (calls, fetch) = server(|n| match n {
            1 => Ok(page(
                0..2,
                Some(Info {
                    per_page: Some(2.0),
                    ..Info::default()
                }),
            )),
            2 => Ok(page(
                2..3,
                Some(Info {
                    per_page: Some(2.0),
                    ..Info::default()
                }),
            )),
            _ => panic!("asked past the end"),
        });
        let (items, _) = collect(paginate_all(params(None, Some(50)), fetch));
        assert_eq!(items, vec![0, 1, 2]);
        assert_eq!(*calls.lock().unwrap(), vec![1, 2]);
    }

    #[test]
    fn without_any_per_page_an_empty_page_ends_it() {
        let (calls, fetch) = server(|n| match n {
            1 => Ok(page(0..3, None)),
            2 => Ok(page(3..4, None)),
            3 => Ok(page(0..0, None)),
            _ => panic!("asked past the end"),
        });
        let (items, error) = collect(paginate_all(params(None, None), fetch));
        assert!(error.is_none());
        assert_eq!(items, vec![0, 1, 2, 3]);
        assert_eq!(*calls.lock().unwrap(), vec![1, 2, 3]);
    }

    #[test]
    fn server_ignoring_page_is_an_error_after_the_second_page() {
        let (calls, fetch) = server(|_| Ok(page(0..3, None)));
        let (items, error) = collect(paginate_all(params(None, Some(3)), fetch));
        assert_eq!(items, vec![0, 1, 2]);
        assert!(
            matches!(error, Some(Error::PaginationRepeated { page: 2 })),
            "{error:?}"
        );
        assert_eq!(*calls.lock().unwrap(), vec![1, 2]);
    }

    #[test]
    fn failure_on_page_three_ends_after_two_pages() {
        let (calls, fetch) = server(|n| match n {
            1 | 2 => Ok(page((n as u32) * 10..(n as u32) * 10 + 2, None)),
            _ => Err(Error::Timeout),
        });
        let (items, error) = collect(paginate_all(params(None, Some(2)), fetch));
        assert_eq!(items, vec![10, 11, 20, 21]);
        assert!(matches!(error, Some(Error::Timeout)));
        assert_eq!(*calls.lock().unwrap(), vec![1, 2, 3]);
    }

    #[test]
    fn starts_at_the_callers_page() {
        let (calls, fetch) = server(|n| {
            let start = (n as u32 - 1) * 2;
            Ok(page(
                start..start + 2,
                Some(Info {
                    per_page: Some(2.0),
                    total_count: Some(6.0),
                }),
            ))
        });
        let (items, _) = collect(paginate_all(params(Some(2), None), fetch));
        assert_eq!(items, vec![2, 3, 4, 5]);
        assert_eq!(*calls.lock().unwrap(), vec![2, 3]);
    }

    #[test]
    fn nothing_is_fetched_until_polled_and_the_stream_is_send_when_its_parts_are() {
        fn assert_send_static<S: Send + 'static>(_: &S) {}
        let fetch = |_: Params| async { Ok::<_, Error>(page(0..0, None)) };
        let stream = paginate_all(params(None, None), fetch);
        assert_send_static(&stream);
        let (items, error) = collect(stream);
        assert!(items.is_empty() && error.is_none());
    }

    #[test]
    fn an_error_on_the_first_page_is_yielded_once() {
        let (calls, fetch) = server(|_| Err(Error::Config("x".into())));
        let (items, error) = collect(paginate_all(params(None, None), fetch));
        assert!(items.is_empty() && matches!(error, Some(Error::Config(_))));
        assert_eq!(*calls.lock().unwrap(), vec![1]);
    }

    #[derive(Clone, Debug, Default)]
    struct CursorQuery {
        cursor: Option<String>,
    }

    impl CursorParams for CursorQuery {
        fn with_cursor(&self, cursor: &str) -> Self {
            Self {
                cursor: Some(cursor.to_owned()),
            }
        }
    }

    struct Next(Option<String>);

    impl CursorInfo for Next {
        fn cursor(&self) -> Option<&str> {
            self.0.as_deref()
        }
    }

    type CursorFetched = Result<Page<u32, Next>, Error>;

    /// Serves pages by cursor ("" for the first) and records the cursors asked for.
    fn cursor_server(
        pages: impl Fn(&str) -> CursorFetched + Send + 'static,
    ) -> (
        Arc<Mutex<Vec<String>>>,
        impl FnMut(CursorQuery) -> std::future::Ready<CursorFetched> + Send + 'static,
    ) {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let seen = calls.clone();
        let fetch = move |query: CursorQuery| {
            let cursor = query.cursor.unwrap_or_default();
            seen.lock().unwrap().push(cursor.clone());
            ready(pages(&cursor))
        };
        (calls, fetch)
    }

    fn cursor_page(items: std::ops::Range<u32>, next: Option<&str>) -> CursorFetched {
        Ok(Page {
            result: items.collect(),
            result_info: Some(Next(next.map(str::to_owned))),
            messages: vec![],
        })
    }

    #[test]
    fn cursors_are_followed_until_none_is_given() {
        let (calls, fetch) = cursor_server(|cursor| match cursor {
            "" => cursor_page(0..2, Some("b")),
            "b" => cursor_page(2..4, Some("c")),
            "c" => cursor_page(4..5, Some("")),
            _ => panic!("asked past the end"),
        });
        let (items, error) = collect(paginate_cursor(CursorQuery::default(), 100, fetch));
        assert!(error.is_none(), "{error:?}");
        assert_eq!(items, vec![0, 1, 2, 3, 4]);
        assert_eq!(*calls.lock().unwrap(), vec!["", "b", "c"]);
    }

    #[test]
    fn a_repeated_cursor_ends_without_asking_again() {
        let (calls, fetch) = cursor_server(|cursor| match cursor {
            "" => cursor_page(0..2, Some("b")),
            "b" => cursor_page(2..4, Some("b")),
            _ => panic!("asked past the end"),
        });
        let (items, error) = collect(paginate_cursor(CursorQuery::default(), 100, fetch));
        assert_eq!(items, vec![0, 1, 2, 3]);
        assert!(
            matches!(error, Some(Error::PaginationRepeated { page: 3 })),
            "{error:?}"
        );
        assert_eq!(calls.lock().unwrap().len(), 2);
    }

    #[test]
    fn cursor_paging_ends_on_an_empty_page_a_repeat_or_the_limit() {
        let (_, fetch) = cursor_server(|cursor| match cursor {
            "" => cursor_page(0..2, Some("b")),
            _ => cursor_page(0..0, Some("c")),
        });
        let (items, error) = collect(paginate_cursor(CursorQuery::default(), 100, fetch));
        assert!(items.len() == 2 && error.is_none());
        // A fresh cursor each time but the same items.
        let (calls, fetch) = cursor_server(|cursor| cursor_page(0..2, Some(&format!("{cursor}x"))));
        let (_, error) = collect(paginate_cursor(CursorQuery::default(), 100, fetch));
        assert!(matches!(error, Some(Error::PaginationRepeated { page: 2 })));
        assert_eq!(calls.lock().unwrap().len(), 2);
        let (calls, fetch) = cursor_server(|cursor| {
            let n = cursor.len() as u32;
            cursor_page(n * 2..n * 2 + 2, Some(&format!("{cursor}x")))
        });
        let (items, error) = collect(paginate_cursor(CursorQuery::default(), 3, fetch));
        assert_eq!(items.len(), 6);
        assert!(matches!(error, Some(Error::PaginationLimit { pages: 3 })));
        assert_eq!(calls.lock().unwrap().len(), 3);
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("a runtime")
    }

    #[test]
    fn the_next_page_arrives_while_the_caller_reads_this_one() {
        let events = Arc::new(Mutex::new(Vec::new()));
        let log = events.clone();
        let fetch = move |params: Params| {
            let log = log.clone();
            async move {
                let n = params.page.expect("page is always set");
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                log.lock().unwrap().push(format!("page {n} arrived"));
                let start = (n as u32 - 1) * 10;
                Ok(page(start..start + 10, info(10.0, 30.0)))
            }
        };
        runtime().block_on(async {
            let mut stream = std::pin::pin!(paginate_all(params(None, None), fetch));
            while let Some(item) = stream.next().await {
                let item = item.expect("no error");
                // 50 ms of work a page: page 2 (20 ms away) lands during page 1.
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                if item % 10 == 9 {
                    events.lock().unwrap().push(format!("read item {item}"));
                }
            }
        });
        assert_eq!(
            *events.lock().unwrap(),
            [
                "page 1 arrived",
                "page 2 arrived",
                "read item 9",
                "page 3 arrived",
                "read item 19",
                "read item 29"
            ]
        );
    }

    #[test]
    fn dropping_the_stream_cancels_the_page_being_fetched() {
        let finished = Arc::new(Mutex::new(0));
        let done = finished.clone();
        let fetch = move |params: Params| {
            let done = done.clone();
            async move {
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                *done.lock().unwrap() += 1;
                let n = params.page.unwrap() as u32;
                Ok(page(n * 10..n * 10 + 10, info(10.0, 1000.0)))
            }
        };
        runtime().block_on(async move {
            let mut stream = Box::pin(paginate_all(params(None, None), fetch));
            stream.next().await.expect("an item").expect("no error");
            // Page 2 is on its way now; dropping the stream aborts it.
            drop(stream);
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        });
        assert_eq!(*finished.lock().unwrap(), 1);
    }
}
