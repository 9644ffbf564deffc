//! Every item of every page, as one `Stream`.

use std::collections::hash_map::RandomState;
use std::collections::HashSet;
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::marker::PhantomData;

use futures_core::Stream;
use serde::Serialize;

use super::envelope::Page;
use super::error::Error;

/// Default of the most pages one stream fetches: 10,000 pages (500,000 items
/// at 50 a page). A list longer than that is better read in parts; the limit
/// is raised on the client's builder (`max_pages`).
pub const DEFAULT_MAX_PAGES: u32 = 10_000;

/// The parameters of a list operation, as far as paging goes.
pub trait PageParams: Clone {
    /// The page asked for, if set.
    fn page(&self) -> Option<i64>;
    /// The page size asked for, if set.
    fn per_page(&self) -> Option<i64>;
    /// The same parameters asking for `page`.
    fn with_page(&self, page: i64) -> Self;
}

/// The `result_info` of a list response, as far as paging goes.
pub trait PageInfo {
    /// The page the server says it sent.
    fn page(&self) -> Option<f64>;
    /// The page size the server used.
    fn per_page(&self) -> Option<f64>;
    /// How many items there are in all.
    fn total_count(&self) -> Option<f64>;
}

/// Fetches page after page, starting at `params.page()` (or 1), and yields
/// their items.
///
/// It ends after an empty page, a page shorter than `per_page` (the
/// server's, else the caller's), or the last page the reported totals allow,
/// `ceil(total_count / per_page)` (the smallest any response reported): no
/// request past the end, so 3 pages take exactly 3 requests.
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
/// A failed fetch ends it with that error. Dropping the stream drops the
/// request in flight.
pub fn paginate<T, I, P, F, Fut>(
    params: P,
    max_pages: u32,
    fetch: F,
) -> impl Stream<Item = Result<T, Error>>
where
    T: Serialize,
    P: PageParams,
    I: PageInfo,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<Page<T, I>, Error>>,
{
    let state = State {
        next: Next::Page(params.page().unwrap_or(1)),
        params,
        fetch,
        items: Vec::new().into_iter(),
        pages_fetched: 0,
        max_pages,
        last_page: None,
        seen: HashSet::new(),
        hasher: RandomState::new(),
        info: PhantomData,
    };
    futures_util::stream::unfold(state, |mut state| async move {
        let item = state.next_item().await?;
        Some((item, state))
    })
}

/// What follows the items of the current page.
enum Next {
    /// A request for this page.
    Page(i64),
    /// [`Error::PaginationLimit`].
    Limit,
    /// Nothing: the last page was fetched or an error yielded.
    End,
}

struct State<T, I, P, F> {
    params: P,
    fetch: F,
    next: Next,
    /// The items of the current page not yet yielded.
    items: std::vec::IntoIter<T>,
    pages_fetched: u32,
    max_pages: u32,
    /// The last page the reported totals allow.
    last_page: Option<i64>,
    /// The digests of the pages fetched so far.
    seen: HashSet<u64>,
    /// Keyed at random, so a server cannot aim for a collision.
    hasher: RandomState,
    info: PhantomData<fn() -> I>,
}

impl<T, I, P, F, Fut> State<T, I, P, F>
where
    T: Serialize,
    P: PageParams,
    I: PageInfo,
    F: FnMut(P) -> Fut,
    Fut: Future<Output = Result<Page<T, I>, Error>>,
{
    async fn next_item(&mut self) -> Option<Result<T, Error>> {
        loop {
            if let Some(item) = self.items.next() {
                return Some(Ok(item));
            }
            let page_number = match std::mem::replace(&mut self.next, Next::End) {
                Next::Page(n) => n,
                Next::Limit => {
                    return Some(Err(Error::PaginationLimit {
                        pages: self.pages_fetched,
                    }))
                }
                Next::End => return None,
            };
            let page = match (self.fetch)(self.params.with_page(page_number)).await {
                Ok(page) => page,
                Err(error) => return Some(Err(error)),
            };
            self.pages_fetched += 1;
            if page.result.is_empty() {
                return None;
            }
            if !self.seen.insert(self.digest(&page.result)) {
                return Some(Err(Error::PaginationRepeated { page: page_number }));
            }
            self.next = if self.is_last(page_number, &page) {
                Next::End
            } else if self.pages_fetched >= self.max_pages {
                Next::Limit
            } else {
                page_number.checked_add(1).map_or(Next::End, Next::Page)
            };
            self.items = page.result.into_iter();
        }
    }

    /// The same for the same items in any order: the sorted hashes of each
    /// item's JSON, hashed.
    fn digest(&self, items: &[T]) -> u64 {
        let mut hashes: Vec<u64> = items
            .iter()
            .map(|item| {
                let mut writer = HashWriter(self.hasher.build_hasher());
                // Serializing a response item cannot fail; if it did, the
                // item would count as empty and only the page limit would hold.
                let _ = serde_json::to_writer(&mut writer, item);
                writer.0.finish()
            })
            .collect();
        hashes.sort_unstable();
        self.hasher.hash_one(&hashes)
    }

    fn is_last(&mut self, page_number: i64, page: &Page<T, I>) -> bool {
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
        self.last_page.is_some_and(|last| page_number >= last)
    }
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
    use std::cell::RefCell;
    use std::future::ready;
    use std::rc::Rc;

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
    type Calls = Rc<RefCell<Vec<i64>>>;

    /// Serves `pages` by page number (1-based) and records the pages asked for.
    fn server(
        pages: impl Fn(i64) -> Fetched,
    ) -> (Calls, impl FnMut(Params) -> std::future::Ready<Fetched>) {
        let calls = Rc::new(RefCell::new(Vec::new()));
        let seen = calls.clone();
        let fetch = move |params: Params| {
            let n = params.page.expect("page is always set");
            seen.borrow_mut().push(n);
            ready(pages(n))
        };
        (calls, fetch)
    }

    fn params(page: Option<i64>, per_page: Option<i64>) -> Params {
        Params { page, per_page }
    }

    fn paginate_all<F, Fut>(params: Params, fetch: F) -> impl Stream<Item = Result<u32, Error>>
    where
        F: FnMut(Params) -> Fut,
        Fut: Future<Output = Fetched>,
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
        assert_eq!(*calls.borrow(), vec![1, 2, 3]);
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
        assert_eq!(calls.borrow().len(), 2);
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
        assert_eq!(*calls.borrow(), vec![1, 2, 3]);
        // A total that shrinks ends it sooner; one that is not a number is ignored.
        let (calls, fetch) = server(|n| {
            let start = (n as u32 - 1) * 2;
            let total = if n == 1 { 100.0 } else { 4.0 };
            Ok(page(start..start + 2, info(2.0, total)))
        });
        let (_, error) = collect(paginate_all(params(None, None), fetch));
        assert!(error.is_none());
        assert_eq!(*calls.borrow(), vec![1, 2]);
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
        assert_eq!(*calls.borrow(), vec![1, 2, 3, 4]);
        // A list that ends on the limit's last page is no error.
        let (calls, fetch) = server(|n| {
            let start = (n as u32 - 1) * 2;
            Ok(page(start..start + 2, info(2.0, 8.0)))
        });
        let (items, error) = collect(paginate(params(None, None), 4, fetch));
        assert!(error.is_none() && items.len() == 8);
        assert_eq!(calls.borrow().len(), 4);
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
        assert_eq!(*calls.borrow(), vec![1, 2, 3]);
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
        assert_eq!(*calls.borrow(), vec![1, 2, 3]);
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
        assert_eq!(*calls.borrow(), vec![1, 2]);
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
        assert_eq!(*calls.borrow(), vec![1, 2, 3]);
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
        assert_eq!(*calls.borrow(), vec![1, 2]);
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
        assert_eq!(*calls.borrow(), vec![1, 2, 3]);
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
        assert_eq!(*calls.borrow(), vec![2, 3]);
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
        assert_eq!(*calls.borrow(), vec![1]);
    }
}
